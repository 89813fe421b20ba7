"""Result templates of the demo catalog: what the handling specialist drafts the result from, for the
three procedures with an e-form (``eforms.py``). Like the e-forms, the transfer format has no sheet
for them; the loader writes them after importing the procedures."""

# Procedure code → (layout, title, subject, body, signer's title). Body: one paragraph per line.
RESULT_TEMPLATES = {
    "2.000488": (
        "certificate",
        "PHIẾU LÝ LỊCH TƯ PHÁP",
        "Số phiếu: {dossier_code}",
        "Họ và tên: {applicant_name}\n"
        "Giới tính: {eform.gioi_tinh}. Ngày, tháng, năm sinh: {eform.ngay_sinh}\n"
        "Nơi sinh: {eform.noi_sinh}. Quốc tịch: {eform.quoc_tich}\n"
        "Số định danh cá nhân: {personal_id}\n"
        "Nơi thường trú: {eform.noi_thuong_tru}\n"
        "Án tích: Không có án tích.\n"
        "Thông tin về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã: "
        "Không bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã.\n"
        "Mục đích sử dụng: {eform.muc_dich}",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    ),
    "1.002809": (
        "decision",
        "QUYẾT ĐỊNH",
        "Về việc đổi, cấp lại giấy phép lái xe cho Ông/Bà {applicant_name}",
        "Căn cứ Luật Trật tự, an toàn giao thông đường bộ năm 2024;\n"
        "Căn cứ Thông tư số 35/2024/TT-BGTVT quy định về đào tạo, sát hạch, cấp giấy phép lái xe;\n"
        "Xét đề nghị của Ông/Bà {applicant_name} (hồ sơ {dossier_code}, tiếp nhận ngày {received_date}),\n"
        "Điều 1. Đổi, cấp lại giấy phép lái xe hạng {eform.hang_gplx} cho Ông/Bà {applicant_name}, "
        "số định danh cá nhân {personal_id}, thay cho giấy phép số {eform.so_gplx}. Lý do: {eform.ly_do}.\n"
        "Điều 2. Giấy phép lái xe cũ hết giá trị sử dụng kể từ ngày {issued_date}.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Ông/Bà {applicant_name} và các đơn vị "
        "có liên quan chịu trách nhiệm thi hành Quyết định này./.",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    ),
    "1.001193": (
        "certificate",
        "TRÍCH LỤC KHAI SINH",
        "Số: {dossier_code}",
        "Họ, chữ đệm, tên: {eform.ho_ten_tre}\n"
        "Ngày, tháng, năm sinh: {eform.ngay_sinh_tre}. Giới tính: {eform.gioi_tinh_tre}\n"
        "Nơi sinh: {eform.noi_sinh_tre}\n"
        "Họ, chữ đệm, tên người mẹ: {eform.ho_ten_me}. Số định danh cá nhân: {eform.dinh_danh_me}\n"
        "Họ, chữ đệm, tên người cha: {eform.ho_ten_cha}\n"
        "Người đi đăng ký khai sinh: {applicant_name}, quan hệ với người được khai sinh: {eform.quan_he}\n"
        "Đăng ký ngày {issued_date}.",
        "CHỦ TỊCH",
    ),
}
