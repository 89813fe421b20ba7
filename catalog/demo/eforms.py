"""E-forms of the demo catalog: the electronic versions of the declaration forms of three online procedures.

The catalog's import and export format (``catalog.transfer``) has no sheet for e-form fields, so they are
kept here and the loader writes them after importing the procedures (``catalog/demo/catalog/``).
"""

# Procedure code → its fields, in order: (key, label, kind, required, choices, help text). Only procedures
# submitted online (level 3 or 4) have one. The applicant's name, personal ID, phone, e-mail and address
# are asked for once, in the applicant section of every online dossier.
_RECORD_TYPES = ["Phiếu lý lịch tư pháp số 1", "Phiếu lý lịch tư pháp số 2"]
# The choice that picks the fee line (catalog/demo/catalog/fees.csv, condition_field doi_tuong).
_FEE_PAYERS = ["Không thuộc diện được giảm phí", "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ"]
EFORMS = {
    # Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP).
    "2.000488": [
        ("gioi_tinh", "Giới tính", "choice", True, ["Nam", "Nữ"], ""),
        ("ngay_sinh", "Ngày, tháng, năm sinh", "date", True, [], "Ví dụ: 25/03/1990"),
        (
            "noi_sinh",
            "Nơi sinh",
            "text",
            True,
            [],
            "Tỉnh, thành phố nơi bạn sinh ra, ghi như trong giấy khai sinh",
        ),
        ("quoc_tich", "Quốc tịch", "text", True, [], ""),
        ("noi_thuong_tru", "Nơi thường trú", "address", True, [], ""),
        ("noi_tam_tru", "Nơi tạm trú (nếu có)", "address", False, [], ""),
        ("ho_ten_cha", "Họ và tên cha", "text", False, [], ""),
        ("ho_ten_me", "Họ và tên mẹ", "text", False, [], ""),
        ("ho_ten_vo_chong", "Họ và tên vợ hoặc chồng (nếu có)", "text", False, [], ""),
        (
            "loai_phieu",
            "Loại Phiếu yêu cầu cấp",
            "choice",
            True,
            _RECORD_TYPES,
            "Phiếu số 2 ghi đầy đủ án tích, kể cả án tích đã được xóa; chỉ cấp cho chính người đó.",
        ),
        ("muc_dich", "Mục đích yêu cầu cấp Phiếu", "textarea", True, [], "Ví dụ: bổ sung hồ sơ xin việc"),
        (
            "doi_tuong",
            "Đối tượng nộp phí",
            "choice",
            True,
            _FEE_PAYERS,
            "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ nộp 100.000 ₫ thay vì 200.000 ₫.",
        ),
        (
            "so_luong",
            "Số lượng Phiếu yêu cầu cấp",
            "number",
            True,
            [],
            "Từ Phiếu thứ 3 trở đi nộp thêm 5.000 ₫ mỗi Phiếu",
        ),
    ],
    # Đơn đề nghị đổi, cấp lại giấy phép lái xe (Phụ lục XIX, Thông tư 35/2024/TT-BGTVT).
    "1.002809": [
        ("ngay_sinh", "Ngày, tháng, năm sinh", "date", True, [], "Ví dụ: 25/03/1990"),
        ("so_gplx", "Số giấy phép lái xe đang có", "text", True, [], "In ở mặt trước giấy phép, 12 chữ số"),
        (
            "hang_gplx",
            "Hạng giấy phép lái xe",
            "choice",
            True,
            ["A1", "A", "B1", "B", "C1", "C", "D", "E"],
            "",
        ),
        (
            "ngay_het_han",
            "Ngày hết hạn của giấy phép",
            "date",
            False,
            [],
            "Để trống nếu giấy phép không thời hạn",
        ),
        (
            "ly_do",
            "Lý do đề nghị",
            "choice",
            True,
            ["Đổi do hết hạn", "Đổi sang mẫu mới", "Cấp lại do bị mất"],
            "",
        ),
    ],
    # Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP).
    "1.001193": [
        ("ho_ten_tre", "Họ, chữ đệm, tên của trẻ", "text", True, [], ""),
        ("gioi_tinh_tre", "Giới tính của trẻ", "choice", True, ["Nam", "Nữ"], ""),
        ("ngay_sinh_tre", "Ngày, tháng, năm sinh của trẻ", "date", True, [], ""),
        ("noi_sinh_tre", "Nơi sinh", "text", True, [], "Tên cơ sở y tế hoặc địa chỉ nơi trẻ sinh ra"),
        ("ho_ten_me", "Họ và tên mẹ", "text", True, [], ""),
        ("dinh_danh_me", "Số định danh cá nhân của mẹ", "personal_id", True, [], ""),
        ("ho_ten_cha", "Họ và tên cha", "text", False, [], ""),
        ("dinh_danh_cha", "Số định danh cá nhân của cha", "personal_id", False, [], ""),
        (
            "quan_he",
            "Quan hệ với người được khai sinh",
            "choice",
            True,
            ["Cha", "Mẹ", "Ông", "Bà", "Người thân khác"],
            "",
        ),
    ],
}
