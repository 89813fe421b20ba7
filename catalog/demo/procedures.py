"""The demo catalog: about sixty procedures of a province and its communes, as plain Python data.

Every entry is built by :func:`procedure`, which fills the defaults (how to apply for the service level,
the standard internal process when none is given) and checks the entry so a mistake fails at import
time rather than half-way through loading. Procedure codes follow the national format
(``catalog.rules.PROCEDURE_CODE_RE``); they are demo values and may differ from the national database.
Fees are in VND; processing times are in working days unless ``unit="hour"``.
"""

from decimal import Decimal

from catalog.constants import AdministrativeLevel, StepRole, TimeUnit

from .agencies import COMMUNE_KEYS, DEPARTMENTS

PROVINCE = AdministrativeLevel.PROVINCE
COMMUNE = AdministrativeLevel.COMMUNE

PROVINCE_COUNTER = "Bộ phận Một cửa tại Trung tâm Phục vụ hành chính công tỉnh"
COMMUNE_COUNTER = "Bộ phận Một cửa của UBND cấp xã"
COMMUNE_LEADER = "Chủ tịch hoặc Phó Chủ tịch UBND cấp xã"
NOT_REQUIRED = "Không."

_DEPARTMENT_NAMES = {department["key"]: department["name"] for department in DEPARTMENTS}
_DEPARTMENT_NAMES["UBND"] = "UBND tỉnh"
_DEPARTMENT_NAMES["CAT"] = "Công an tỉnh"

_HOW_TO_APPLY = {
    4: (
        "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công của tỉnh hoặc Cổng Dịch vụ công quốc gia (đăng nhập "
        "bằng tài khoản định danh điện tử VNeID) và thanh toán phí, lệ phí trực tuyến; hoặc nộp trực tiếp, "
        "qua dịch vụ bưu chính công ích tại {counter}. Kết quả được trả trực tuyến, qua bưu chính hoặc "
        "tại {counter}."
    ),
    3: (
        "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công của tỉnh hoặc Cổng Dịch vụ công quốc gia; hoặc nộp "
        "trực tiếp, qua dịch vụ bưu chính công ích tại {counter}. Nộp phí, lệ phí và nhận kết quả tại "
        "{counter}."
    ),
    2: (
        "Tải mẫu đơn, tờ khai trên Cổng Dịch vụ công, điền đầy đủ thông tin và nộp hồ sơ trực tiếp hoặc "
        "qua dịch vụ bưu chính công ích tại {counter}. Nhận kết quả tại {counter} hoặc qua bưu chính."
    ),
    1: (
        "Nộp hồ sơ trực tiếp hoặc qua dịch vụ bưu chính công ích tại {counter}. Nhận kết quả tại "
        "{counter} hoặc qua bưu chính."
    ),
}


def _manager_of(division: str) -> str:
    return f"Lãnh đạo {division}"


def standard_steps(total: Decimal, unit: str, *, counter: str, division: str, leader: str) -> list[tuple]:
    """The usual internal process for ``total`` working days or hours, budgets adding up exactly.

    Days: 6 steps from 7 days, 5 steps from 4 days, 4 steps from 2 days; shorter processes must be
    written out. Hours: reception, review, approval and return in the ratio 1 : 5 : 1 : 1.
    """
    half, one = Decimal("0.5"), Decimal("1")
    manager = _manager_of(division)
    receive = ("Tiếp nhận, kiểm tra hồ sơ và chuyển xử lý", StepRole.COUNTER_OFFICER, counter)
    review = ("Thẩm định hồ sơ, dự thảo kết quả", StepRole.SPECIALIST, division)
    approve = ("Phê duyệt, ký kết quả giải quyết", StepRole.LEADER, leader)
    back = ("Vào sổ, trả kết quả cho người nộp", StepRole.COUNTER_OFFICER, counter)
    if unit == TimeUnit.WORKING_HOUR:
        share = (total / 8).quantize(Decimal("0.01"))
        return [(*receive, share), (*review, total - 3 * share), (*approve, share), (*back, share)]
    if total >= 7:
        return [
            (*receive, half),
            ("Phân công thụ lý hồ sơ", StepRole.MANAGER, manager, half),
            (*review, total - 3),
            ("Kiểm tra kết quả thẩm định, trình ký", StepRole.MANAGER, manager, half),
            (*approve, one),
            (*back, half),
        ]
    if total >= 4:
        return [
            (*receive, half),
            (*review, total - Decimal("2.5")),
            ("Kiểm tra kết quả thẩm định, trình ký", StepRole.MANAGER, manager, half),
            (*approve, one),
            (*back, half),
        ]
    if total >= 2:
        return [(*receive, half), (*review, total - Decimal("1.5")), (*approve, half), (*back, half)]
    raise ValueError(f"Write out the steps of a {total}-day process.")


def procedure(
    code: str,
    name: str,
    *,
    sector: str,
    agencies: list[str],
    time: str,
    division: str,
    result: str,
    legal: str,
    components: list[tuple],
    level: int = 4,
    unit: str = TimeUnit.WORKING_DAY,
    administrative_level: str = PROVINCE,
    citizens: bool = True,
    organizations: bool = False,
    subtitle: str = "",
    requirements: str = NOT_REQUIRED,
    how_to_apply: str = "",
    fees: list[tuple] = (),
    forms: list[tuple] = (),
    steps: list[tuple] | None = None,
) -> dict:
    """One procedure of the demo catalog.

    ``fees``: (name, amount in VND, applies when); ``forms``: (form code, name); ``components``:
    (name, originals, copies, required, index of a form in ``forms`` or None); ``steps``: (name, role,
    handling unit, budget).
    """
    commune = administrative_level == COMMUNE
    counter = COMMUNE_COUNTER if commune else PROVINCE_COUNTER
    processing_time = Decimal(time)
    if steps is None:
        leader = COMMUNE_LEADER if commune else f"Lãnh đạo {_DEPARTMENT_NAMES[agencies[0]]}"
        steps = standard_steps(processing_time, unit, counter=counter, division=division, leader=leader)
    steps = [
        (step_name, role, handling_unit, Decimal(budget)) for step_name, role, handling_unit, budget in steps
    ]
    if sum(step[3] for step in steps) != processing_time:
        raise ValueError(f"{code}: the step budgets do not add up to {time}.")
    if not 3 <= len(steps) <= 6 or not 2 <= len(components) <= 5:
        raise ValueError(f"{code}: 3–6 steps and 2–5 components, please.")
    if any(len(component) != 5 for component in components):
        raise ValueError(f"{code}: a component is (name, originals, copies, required, form index).")
    if any(form is not None and form >= len(forms) for *_, form in components):
        raise ValueError(f"{code}: a component refers to a missing form.")
    eform = EFORMS.get(code, [])
    if eform and level < 3:
        raise ValueError(f"{code}: an e-form is for procedures submitted online (level 3 or 4).")
    if len({key for key, *_ in eform}) != len(eform) or any(len(row) != 6 for row in eform):
        raise ValueError(
            f"{code}: e-form fields are (key, label, kind, required, choices, help) with unique keys."
        )
    return {
        "code": code,
        "name": name,
        "subtitle": subtitle,
        "sector": sector,
        "agencies": list(agencies),
        "administrative_level": administrative_level,
        "service_level": level,
        "processing_time": processing_time,
        "processing_time_unit": unit,
        "for_citizens": citizens,
        "for_organizations": organizations,
        "requirements": requirements,
        "how_to_apply": how_to_apply or _HOW_TO_APPLY[level].format(counter=counter),
        "legal_basis": legal,
        "result_name": result,
        "fees": [(fee_name, amount, when) for fee_name, amount, when in fees],
        "forms": list(forms),
        "components": list(components),
        "steps": steps,
        "form_fields": [
            {
                "key": key,
                "label": label,
                "kind": kind,
                "required": required,
                "choices": list(choices),
                "help_text": hint,
            }
            for key, label, kind, required, choices, hint in eform
        ],
    }


def _commune(*args, **kwargs) -> dict:
    return procedure(*args, agencies=COMMUNE_KEYS, administrative_level=COMMUNE, **kwargs)


ID_COPY = (
    "Bản sao Thẻ căn cước hoặc Hộ chiếu còn giá trị (không yêu cầu khi đã xác thực bằng VNeID)",
    0,
    1,
    False,
    None,
)

# E-forms (the electronic versions of the declaration forms) of some procedures submitted online:
# (key, label, kind, required, choices, help text). The applicant's name, personal ID, phone, e-mail
# and address are asked for once, in the applicant section of every online dossier.
_RECORD_TYPES = ["Phiếu lý lịch tư pháp số 1", "Phiếu lý lịch tư pháp số 2"]
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

PROCEDURES = [
    # ── Sở Công Thương ──────────────────────────────────────────────────────────────────────────────
    procedure(
        "2.000377",
        "Cấp Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam",
        sector="thuong-mai-quoc-te",
        agencies=["SCT"],
        time="7",
        division="Phòng Quản lý thương mại",
        citizens=False,
        organizations=True,
        subtitle="Giấy phép cho doanh nghiệp nước ngoài mở văn phòng đại diện, chi nhánh tại tỉnh",
        requirements=(
            "Thương nhân nước ngoài được thành lập, đăng ký kinh doanh theo quy định của pháp luật quốc gia, "
            "vùng lãnh thổ nơi thương nhân đăng ký; đã hoạt động ít nhất 01 năm kể từ ngày được thành lập "
            "hoặc đăng ký; nội dung hoạt động của Văn phòng đại diện phù hợp với cam kết của Việt Nam."
        ),
        result="Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam",
        legal=(
            "Luật Thương mại năm 2005; Nghị định số 07/2016/NĐ-CP ngày 25/01/2016 của Chính phủ; "
            "Thông tư số 11/2016/TT-BCT ngày 05/7/2016 của Bộ Công Thương; Thông tư số 143/2016/TT-BTC."
        ),
        fees=[("Phí thẩm định cấp Giấy phép thành lập Văn phòng đại diện", 3_000_000, "")],
        forms=[("Mẫu MĐ-1", "Đơn đề nghị cấp Giấy phép thành lập Văn phòng đại diện")],
        components=[
            ("Đơn đề nghị cấp Giấy phép thành lập Văn phòng đại diện", 1, 0, True, 0),
            (
                "Bản sao giấy đăng ký kinh doanh của thương nhân nước ngoài, đã hợp pháp hóa lãnh sự",
                0,
                1,
                True,
                None,
            ),
            ("Văn bản của thương nhân nước ngoài cử người đứng đầu Văn phòng đại diện", 1, 0, True, None),
            ("Bản sao báo cáo tài chính có kiểm toán của năm tài chính gần nhất", 0, 1, True, None),
            ("Bản sao hợp đồng thuê địa điểm đặt trụ sở Văn phòng đại diện", 0, 1, True, None),
        ],
    ),
    procedure(
        "2.000647",
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
        sector="luu-thong-hang-hoa",
        agencies=["SCT"],
        time="15",
        division="Phòng Quản lý thương mại",
        citizens=False,
        organizations=True,
        requirements=(
            "Cửa hàng thuộc sở hữu hoặc đồng sở hữu, hoặc thuê của thương nhân; được xây dựng tại địa "
            "điểm phù hợp với quy hoạch; nhân viên được đào tạo về phòng cháy chữa cháy và bảo vệ môi trường."
        ),
        result="Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
        legal=(
            "Nghị định số 83/2014/NĐ-CP ngày 03/9/2014 của Chính phủ về kinh doanh xăng dầu; Nghị định số "
            "95/2021/NĐ-CP; Thông tư số 168/2016/TT-BTC."
        ),
        fees=[
            ("Phí thẩm định cấp Giấy chứng nhận", 1_200_000, "Cửa hàng tại các phường"),
            ("Phí thẩm định cấp Giấy chứng nhận", 600_000, "Cửa hàng tại các xã, đặc khu"),
        ],
        forms=[
            (
                "Phụ lục số 09, NĐ 83/2014/NĐ-CP",
                "Đơn đề nghị cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
            )
        ],
        components=[
            ("Đơn đề nghị cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", 1, 0, True, 0),
            ("Bản kê cơ sở vật chất, kỹ thuật của cửa hàng bán lẻ xăng dầu", 1, 0, True, None),
            ("Bản sao giấy tờ chứng minh quyền sở hữu hoặc quyền sử dụng cửa hàng", 0, 1, True, None),
            ("Bản sao văn bản nghiệm thu về phòng cháy và chữa cháy", 0, 1, True, None),
        ],
    ),
    procedure(
        "2.000620",
        "Cấp Giấy phép bán buôn sản phẩm rượu trên địa bàn tỉnh, thành phố trực thuộc trung ương",
        sector="luu-thong-hang-hoa",
        agencies=["SCT"],
        time="10",
        division="Phòng Quản lý thương mại",
        citizens=False,
        organizations=True,
        requirements=(
            "Doanh nghiệp được thành lập theo quy định của pháp luật; có kho hoặc hệ thống kho tổng diện "
            "tích từ 50 m² trở lên; có hệ thống phân phối sản phẩm rượu trên địa bàn tỉnh."
        ),
        result="Giấy phép bán buôn sản phẩm rượu",
        legal=(
            "Luật Phòng, chống tác hại của rượu, bia năm 2019; Nghị định số 105/2017/NĐ-CP; Nghị định số "
            "17/2020/NĐ-CP; Thông tư số 299/2016/TT-BTC."
        ),
        fees=[
            ("Phí thẩm định cấp Giấy phép kinh doanh", 2_200_000, "Doanh nghiệp tại các phường"),
            ("Phí thẩm định cấp Giấy phép kinh doanh", 1_100_000, "Doanh nghiệp tại các xã, đặc khu"),
        ],
        forms=[("Mẫu số 01, NĐ 105/2017/NĐ-CP", "Đơn đề nghị cấp Giấy phép bán buôn sản phẩm rượu")],
        components=[
            ("Đơn đề nghị cấp Giấy phép bán buôn sản phẩm rượu", 1, 0, True, 0),
            (
                "Bản sao hợp đồng nguyên tắc với doanh nghiệp sản xuất hoặc phân phối sản phẩm rượu",
                0,
                1,
                True,
                None,
            ),
            ("Bản sao giấy tờ chứng minh quyền sử dụng kho hàng", 0, 1, True, None),
        ],
    ),
    procedure(
        "2.000190",
        "Cấp Giấy phép bán buôn sản phẩm thuốc lá",
        sector="luu-thong-hang-hoa",
        agencies=["SCT"],
        time="15",
        division="Phòng Quản lý thương mại",
        citizens=False,
        organizations=True,
        requirements=(
            "Thương nhân có kho hàng tổng diện tích từ 100 m² trở lên; có hệ thống bán buôn sản phẩm "
            "thuốc lá trên địa bàn tỉnh với tối thiểu 02 thương nhân bán lẻ."
        ),
        result="Giấy phép bán buôn sản phẩm thuốc lá",
        legal=(
            "Luật Phòng, chống tác hại của thuốc lá năm 2012; Nghị định số 67/2013/NĐ-CP; Nghị định số "
            "106/2017/NĐ-CP; Thông tư số 168/2016/TT-BTC."
        ),
        fees=[
            ("Phí thẩm định cấp Giấy phép kinh doanh", 2_200_000, "Thương nhân tại các phường"),
            ("Phí thẩm định cấp Giấy phép kinh doanh", 1_100_000, "Thương nhân tại các xã, đặc khu"),
        ],
        forms=[("Mẫu số 01, TT 57/2018/TT-BCT", "Đơn đề nghị cấp Giấy phép bán buôn sản phẩm thuốc lá")],
        components=[
            ("Đơn đề nghị cấp Giấy phép bán buôn sản phẩm thuốc lá", 1, 0, True, 0),
            ("Bản sao các văn bản giới thiệu của nhà cung cấp sản phẩm thuốc lá", 0, 1, True, None),
            ("Bảng kê danh sách thương nhân bán lẻ sản phẩm thuốc lá", 1, 0, True, None),
            ("Bản sao giấy tờ chứng minh quyền sử dụng kho hàng", 0, 1, True, None),
        ],
    ),
    procedure(
        "2.000152",
        "Cấp Giấy phép sử dụng vật liệu nổ công nghiệp",
        sector="vat-lieu-no",
        agencies=["SCT"],
        time="10",
        level=2,
        division="Phòng Kỹ thuật an toàn - Môi trường",
        citizens=False,
        organizations=True,
        requirements=(
            "Tổ chức có dự án đầu tư, nhiệm vụ khai thác khoáng sản hoặc thi công công trình được cấp có "
            "thẩm quyền phê duyệt; có kho chứa và người chỉ huy nổ mìn đã được huấn luyện."
        ),
        result="Giấy phép sử dụng vật liệu nổ công nghiệp",
        legal=(
            "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ năm 2017; Nghị định số "
            "71/2018/NĐ-CP; Thông tư số 13/2018/TT-BCT."
        ),
        forms=[("Phụ lục I, TT 13/2018/TT-BCT", "Đơn đề nghị cấp Giấy phép sử dụng vật liệu nổ công nghiệp")],
        components=[
            ("Đơn đề nghị cấp Giấy phép sử dụng vật liệu nổ công nghiệp", 1, 0, True, 0),
            (
                "Bản sao quyết định phê duyệt dự án đầu tư hoặc giấy phép khai thác khoáng sản",
                0,
                1,
                True,
                None,
            ),
            ("Thiết kế nổ mìn hoặc phương án nổ mìn đã được phê duyệt", 1, 0, True, None),
        ],
    ),
    # ── Sở Xây dựng ─────────────────────────────────────────────────────────────────────────────────
    procedure(
        "1.009982",
        "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III",
        sector="hoat-dong-xay-dung",
        agencies=["SXD"],
        time="20",
        division="Phòng Quản lý hoạt động xây dựng",
        subtitle="Chứng chỉ cho kỹ sư khảo sát, thiết kế, giám sát, định giá và quản lý dự án",
        requirements=(
            "Có trình độ chuyên môn được đào tạo, thời gian và kinh nghiệm tham gia công việc phù hợp với "
            "lĩnh vực đề nghị cấp chứng chỉ; đạt yêu cầu sát hạch."
        ),
        result="Chứng chỉ hành nghề hoạt động xây dựng",
        legal=(
            "Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính "
            "phủ; Thông tư số 38/2022/TT-BTC."
        ),
        fees=[("Lệ phí cấp chứng chỉ hành nghề", 150_000, "Mỗi chứng chỉ")],
        forms=[
            ("Mẫu số 01, Phụ lục IV NĐ 15/2021", "Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng")
        ],
        components=[
            ("Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng", 1, 0, True, 0),
            ("Ảnh màu cỡ 4x6 cm chụp trong thời gian không quá 06 tháng", 2, 0, True, None),
            ("Bản sao văn bằng do cơ sở đào tạo hợp pháp cấp", 0, 1, True, None),
            ("Bản khai kinh nghiệm tham gia hoạt động xây dựng", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.008891",
        "Cấp chứng chỉ hành nghề kiến trúc",
        sector="quy-hoach-kien-truc",
        agencies=["SXD"],
        time="15",
        division="Phòng Quy hoạch - Kiến trúc",
        requirements=(
            "Có trình độ đại học trở lên thuộc chuyên ngành kiến trúc; có kinh nghiệm tham gia thực hiện "
            "dịch vụ kiến trúc tối thiểu 03 năm; đạt yêu cầu sát hạch."
        ),
        result="Chứng chỉ hành nghề kiến trúc",
        legal="Luật Kiến trúc năm 2019; Nghị định số 85/2020/NĐ-CP ngày 17/7/2020 của Chính phủ.",
        fees=[("Lệ phí cấp chứng chỉ hành nghề kiến trúc", 300_000, "")],
        forms=[("Phụ lục I, NĐ 85/2020/NĐ-CP", "Đơn đề nghị cấp chứng chỉ hành nghề kiến trúc")],
        components=[
            ("Đơn đề nghị cấp chứng chỉ hành nghề kiến trúc", 1, 0, True, 0),
            ("Bản sao văn bằng đào tạo chuyên ngành kiến trúc", 0, 1, True, None),
            ("Bản khai kinh nghiệm hành nghề có xác nhận của cơ quan, tổ chức", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.009986",
        "Cấp chứng chỉ hành nghề giám sát thi công xây dựng hạng II, hạng III",
        sector="hoat-dong-xay-dung",
        agencies=["SXD"],
        time="20",
        division="Phòng Quản lý hoạt động xây dựng",
        requirements=(
            "Có trình độ đại học thuộc chuyên ngành phù hợp; đã làm giám sát trưởng hoặc trực tiếp giám "
            "sát thi công phần việc chuyên môn của ít nhất 01 công trình cùng loại; đạt yêu cầu sát hạch."
        ),
        result="Chứng chỉ hành nghề giám sát thi công xây dựng",
        legal=(
            "Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 15/2021/NĐ-CP; Thông tư số "
            "38/2022/TT-BTC."
        ),
        fees=[("Lệ phí cấp chứng chỉ hành nghề", 150_000, "Mỗi chứng chỉ")],
        forms=[("Mẫu số 01, Phụ lục IV NĐ 15/2021", "Đơn đề nghị cấp chứng chỉ hành nghề giám sát thi công")],
        components=[
            ("Đơn đề nghị cấp chứng chỉ hành nghề giám sát thi công xây dựng", 1, 0, True, 0),
            ("Bản sao văn bằng do cơ sở đào tạo hợp pháp cấp", 0, 1, True, None),
            ("Bản khai kinh nghiệm giám sát thi công xây dựng", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.002572",
        "Cấp mới chứng chỉ hành nghề môi giới bất động sản",
        sector="kinh-doanh-bds",
        agencies=["SXD"],
        time="10",
        division="Phòng Quản lý nhà và thị trường bất động sản",
        requirements=(
            "Có trình độ tốt nghiệp trung học phổ thông trở lên; đã qua kỳ thi sát hạch kiến thức hành nghề."
        ),
        result="Chứng chỉ hành nghề môi giới bất động sản",
        legal=(
            "Luật Kinh doanh bất động sản năm 2023; Nghị định số 96/2024/NĐ-CP ngày 24/7/2024 của Chính phủ."
        ),
        fees=[("Lệ phí cấp chứng chỉ hành nghề môi giới bất động sản", 200_000, "")],
        forms=[("Phụ lục XI, NĐ 96/2024/NĐ-CP", "Đơn đề nghị cấp chứng chỉ hành nghề môi giới bất động sản")],
        components=[
            ("Đơn đề nghị cấp chứng chỉ hành nghề môi giới bất động sản", 1, 0, True, 0),
            (
                "Bản sao có chứng thực giấy tờ chứng nhận tốt nghiệp trung học phổ thông trở lên",
                0,
                1,
                True,
                None,
            ),
            ("Bản sao kết quả thi sát hạch đạt yêu cầu", 0, 1, True, None),
            ("Ảnh màu cỡ 4x6 cm", 2, 0, True, None),
        ],
    ),
    procedure(
        "1.009984",
        "Cấp chứng chỉ hành nghề định giá xây dựng hạng II, hạng III",
        sector="hoat-dong-xay-dung",
        agencies=["SXD"],
        time="20",
        division="Phòng Kinh tế và Vật liệu xây dựng",
        requirements=(
            "Có trình độ đại học thuộc chuyên ngành kinh tế xây dựng hoặc kỹ thuật xây dựng; đã tham gia "
            "định giá xây dựng ít nhất 01 dự án; đạt yêu cầu sát hạch."
        ),
        result="Chứng chỉ hành nghề định giá xây dựng",
        legal=(
            "Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 15/2021/NĐ-CP; Thông tư số "
            "38/2022/TT-BTC."
        ),
        fees=[("Lệ phí cấp chứng chỉ hành nghề", 150_000, "Mỗi chứng chỉ")],
        forms=[("Mẫu số 01, Phụ lục IV NĐ 15/2021", "Đơn đề nghị cấp chứng chỉ hành nghề định giá xây dựng")],
        components=[
            ("Đơn đề nghị cấp chứng chỉ hành nghề định giá xây dựng", 1, 0, True, 0),
            ("Bản sao văn bằng do cơ sở đào tạo hợp pháp cấp", 0, 1, True, None),
            ("Bản khai kinh nghiệm tham gia định giá xây dựng", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.009974",
        "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II",
        sector="hoat-dong-xay-dung",
        agencies=["SXD"],
        time="20",
        division="Phòng Quản lý hoạt động xây dựng",
        citizens=False,
        organizations=True,
        requirements=(
            "Công trình phù hợp với quy hoạch xây dựng được duyệt; thiết kế xây dựng đã được thẩm định, "
            "phê duyệt; bảo đảm an toàn cho công trình, công trình lân cận và yêu cầu về môi trường."
        ),
        result="Giấy phép xây dựng",
        legal=(
            "Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 175/2024/NĐ-CP ngày 30/12/2024 của Chính "
            "phủ."
        ),
        fees=[("Lệ phí cấp giấy phép xây dựng", 100_000, "Công trình khác (không phải nhà ở riêng lẻ)")],
        forms=[("Mẫu số 01, Phụ lục II NĐ 175/2024", "Đơn đề nghị cấp giấy phép xây dựng")],
        components=[
            ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0, True, 0),
            ("Bản sao giấy tờ hợp pháp về đất đai", 0, 1, True, None),
            (
                "Bản sao quyết định phê duyệt dự án và văn bản thông báo kết quả thẩm định thiết kế",
                0,
                1,
                True,
                None,
            ),
            ("02 bộ bản vẽ thiết kế xây dựng đã được phê duyệt", 2, 0, True, None),
        ],
    ),
    procedure(
        "1.008432",
        "Cấp giấy phép quy hoạch dự án đầu tư xây dựng công trình thuộc thẩm quyền của UBND cấp tỉnh",
        sector="quy-hoach-kien-truc",
        agencies=["SXD"],
        time="30",
        division="Phòng Quy hoạch - Kiến trúc",
        citizens=False,
        organizations=True,
        result="Giấy phép quy hoạch",
        legal="Luật Quy hoạch đô thị năm 2009; Nghị định số 37/2010/NĐ-CP; Thông tư số 20/2013/TT-BTC.",
        fees=[("Lệ phí cấp giấy phép quy hoạch", 2_000_000, "")],
        forms=[("Mẫu số 01, TT 10/2016/TT-BXD", "Đơn đề nghị cấp giấy phép quy hoạch")],
        components=[
            ("Đơn đề nghị cấp giấy phép quy hoạch", 1, 0, True, 0),
            ("Sơ đồ vị trí địa điểm đề nghị cấp giấy phép quy hoạch", 1, 0, True, None),
            ("Dự kiến phạm vi, quy mô dự án và nội dung đầu tư xây dựng", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.009972",
        "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở",
        sector="hoat-dong-xay-dung",
        agencies=["SXD"],
        time="30",
        level=2,
        division="Phòng Quản lý hoạt động xây dựng",
        citizens=False,
        organizations=True,
        requirements=(
            "Phí thẩm định tính theo tỷ lệ phần trăm chi phí xây dựng quy định tại Thông tư số "
            "27/2023/TT-BTC."
        ),
        result="Văn bản thông báo kết quả thẩm định thiết kế xây dựng",
        legal=(
            "Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 175/2024/NĐ-CP; Thông tư số "
            "27/2023/TT-BTC."
        ),
        forms=[("Mẫu số 05, Phụ lục I NĐ 175/2024", "Tờ trình thẩm định thiết kế xây dựng")],
        components=[
            ("Tờ trình thẩm định thiết kế xây dựng", 1, 0, True, 0),
            ("Hồ sơ thiết kế xây dựng triển khai sau thiết kế cơ sở", 1, 0, True, None),
            ("Báo cáo kết quả thẩm tra thiết kế xây dựng", 1, 0, True, None),
        ],
    ),
    # ── Sở Thông tin và Truyền thông ────────────────────────────────────────────────────────────────
    procedure(
        "1.004470",
        "Cấp giấy phép bưu chính",
        sector="buu-chinh",
        agencies=["STTTT"],
        time="25",
        division="Phòng Bưu chính, Viễn thông",
        citizens=False,
        organizations=True,
        requirements=(
            "Doanh nghiệp có đủ khả năng tài chính (vốn tối thiểu 02 tỷ đồng với phạm vi nội tỉnh), "
            "phương án kinh doanh khả thi và biện pháp bảo đảm an toàn, an ninh thông tin."
        ),
        result="Giấy phép bưu chính",
        legal=(
            "Luật Bưu chính năm 2010; Nghị định số 47/2011/NĐ-CP; Nghị định số 25/2022/NĐ-CP; Thông tư số "
            "291/2016/TT-BTC."
        ),
        fees=[("Phí thẩm định điều kiện hoạt động bưu chính", 3_000_000, "Giấy phép phạm vi nội tỉnh")],
        forms=[("Mẫu số 01, NĐ 47/2011/NĐ-CP", "Đơn đề nghị cấp giấy phép bưu chính")],
        components=[
            ("Đơn đề nghị cấp giấy phép bưu chính", 1, 0, True, 0),
            ("Bản sao giấy chứng nhận đăng ký doanh nghiệp", 0, 1, True, None),
            ("Phương án kinh doanh dịch vụ bưu chính", 1, 0, True, None),
            ("Mẫu hợp đồng cung ứng và sử dụng dịch vụ bưu chính", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.004493",
        "Cấp giấy phép xuất bản tài liệu không kinh doanh",
        sector="xuat-ban",
        agencies=["STTTT"],
        time="10",
        level=3,
        division="Phòng Thông tin - Báo chí - Xuất bản",
        organizations=True,
        result="Giấy phép xuất bản tài liệu không kinh doanh",
        legal="Luật Xuất bản năm 2012; Nghị định số 195/2013/NĐ-CP; Thông tư số 01/2020/TT-BTTTT.",
        forms=[
            ("Mẫu số 10, TT 01/2020/TT-BTTTT", "Đơn đề nghị cấp giấy phép xuất bản tài liệu không kinh doanh")
        ],
        components=[
            ("Đơn đề nghị cấp giấy phép xuất bản tài liệu không kinh doanh", 1, 0, True, 0),
            ("Bản thảo tài liệu in trên giấy hoặc tệp điện tử", 2, 0, True, None),
        ],
    ),
    # ── Sở Nông nghiệp và Phát triển nông thôn ─────────────────────────────────────────────────────
    procedure(
        "1.003619",
        "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y",
        sector="thu-y",
        agencies=["SNNPTNT"],
        time="5",
        division="Chi cục Chăn nuôi và Thú y",
        organizations=True,
        requirements=(
            "Có địa điểm, cơ sở vật chất, kỹ thuật phù hợp; người quản lý, người trực tiếp bán thuốc thú y "
            "có chứng chỉ hành nghề thú y phù hợp."
        ),
        result="Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y",
        legal=(
            "Luật Thú y năm 2015; Nghị định số 35/2016/NĐ-CP; Thông tư số 13/2016/TT-BNNPTNT; Thông tư số "
            "101/2020/TT-BTC."
        ),
        fees=[("Phí thẩm định cơ sở buôn bán thuốc thú y", 230_000, "")],
        forms=[("Mẫu số 02, TT 13/2016/TT-BNNPTNT", "Đơn đăng ký kiểm tra điều kiện buôn bán thuốc thú y")],
        components=[
            ("Đơn đăng ký kiểm tra điều kiện buôn bán thuốc thú y", 1, 0, True, 0),
            ("Bản thuyết minh điều kiện buôn bán thuốc thú y", 1, 0, True, None),
            ("Bản sao chứng chỉ hành nghề thú y", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.004359",
        "Cấp giấy phép khai thác thủy sản",
        sector="thuy-san",
        agencies=["SNNPTNT"],
        time="6",
        division="Chi cục Thủy sản",
        organizations=True,
        subtitle="Giấy phép cho tàu cá đánh bắt hải sản trên vùng biển của tỉnh",
        requirements=(
            "Tàu cá đã đăng ký, có giấy chứng nhận an toàn kỹ thuật còn hiệu lực; thuyền trưởng, máy "
            "trưởng có văn bằng, chứng chỉ theo quy định; có hạn ngạch giấy phép khai thác thủy sản."
        ),
        result="Giấy phép khai thác thủy sản",
        legal=(
            "Luật Thủy sản năm 2017; Nghị định số 26/2019/NĐ-CP; Nghị định số 37/2024/NĐ-CP; Thông tư số "
            "118/2018/TT-BTC."
        ),
        fees=[("Lệ phí cấp giấy phép khai thác thủy sản", 40_000, "")],
        forms=[("Mẫu số 01.KT, Phụ lục IV NĐ 26/2019", "Đơn đề nghị cấp giấy phép khai thác thủy sản")],
        components=[
            ("Đơn đề nghị cấp giấy phép khai thác thủy sản", 1, 0, True, 0),
            (
                "Bản sao giấy chứng nhận an toàn kỹ thuật tàu cá (đối với tàu từ 12 mét trở lên)",
                0,
                1,
                True,
                None,
            ),
            ("Bản sao văn bằng, chứng chỉ thuyền trưởng, máy trưởng", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.003984",
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực "
        "phẩm nông, lâm, thủy sản",
        sector="qlcl-nong-lam-thuy-san",
        agencies=["SNNPTNT"],
        time="15",
        division="Chi cục Quản lý chất lượng nông lâm sản và thủy sản",
        organizations=True,
        requirements="Cơ sở được thẩm định và xếp loại A hoặc B về điều kiện bảo đảm an toàn thực phẩm.",
        result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        legal=(
            "Luật An toàn thực phẩm năm 2010; Nghị định số 15/2018/NĐ-CP; Thông tư số 38/2018/TT-BNNPTNT; "
            "Thông tư số 44/2018/TT-BTC."
        ),
        fees=[
            ("Phí thẩm định cấp Giấy chứng nhận", 700_000, "Cơ sở sản xuất"),
            ("Phí thẩm định cấp Giấy chứng nhận", 350_000, "Cơ sở kinh doanh"),
        ],
        forms=[
            (
                "Phụ lục V, TT 38/2018/TT-BNNPTNT",
                "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            )
        ],
        components=[
            ("Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 1, 0, True, 0),
            (
                "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện an toàn "
                "thực phẩm",
                1,
                0,
                True,
                None,
            ),
            (
                "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh",
                0,
                1,
                True,
                None,
            ),
            ("Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.003810",
        "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
        sector="thu-y",
        agencies=["SNNPTNT"],
        time="1",
        level=3,
        division="Chi cục Chăn nuôi và Thú y",
        organizations=True,
        subtitle="Áp dụng với động vật, sản phẩm động vật xuất phát từ cơ sở an toàn dịch bệnh",
        result="Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
        legal="Luật Thú y năm 2015; Thông tư số 25/2016/TT-BNNPTNT; Thông tư số 101/2020/TT-BTC.",
        fees=[("Phí kiểm dịch động vật, sản phẩm động vật", 30_000, "Mỗi lô hàng")],
        forms=[("Mẫu 1, Phụ lục V TT 25/2016", "Giấy đăng ký kiểm dịch động vật, sản phẩm động vật")],
        components=[
            (
                "Giấy đăng ký kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
                1,
                0,
                True,
                0,
            ),
            ("Bản sao giấy chứng nhận cơ sở an toàn dịch bệnh động vật (nếu có)", 0, 1, False, None),
        ],
        steps=[
            ("Tiếp nhận hồ sơ đăng ký kiểm dịch", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.25"),
            (
                "Kiểm tra lâm sàng, niêm phong phương tiện vận chuyển",
                StepRole.SPECIALIST,
                "Trạm Chăn nuôi và Thú y khu vực",
                "0.5",
            ),
            ("Ký Giấy chứng nhận kiểm dịch", StepRole.LEADER, "Lãnh đạo Chi cục Chăn nuôi và Thú y", "0.25"),
        ],
    ),
    # ── Sở Tư pháp ──────────────────────────────────────────────────────────────────────────────────
    procedure(
        "2.000488",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        sector="ly-lich-tu-phap",
        agencies=["STP"],
        time="10",
        division="Phòng Hành chính tư pháp",
        subtitle=(
            "Giấy xác nhận có hay không có án tích, thường cần khi xin việc, du học, đi lao động nước ngoài"
        ),
        requirements=(
            "Người yêu cầu cấp Phiếu lý lịch tư pháp số 2 phải trực tiếp nộp hồ sơ, không được ủy quyền. "
            "Trường hợp cần xác minh về điều kiện đương nhiên được xóa án tích, thời hạn không quá 15 ngày."
        ),
        result="Phiếu lý lịch tư pháp số 1 hoặc số 2",
        legal=(
            "Luật Lý lịch tư pháp năm 2009; Nghị định số 111/2010/NĐ-CP ngày 23/11/2010 của Chính phủ; "
            "Thông tư số 06/2013/TT-BTP; Thông tư số 244/2016/TT-BTC."
        ),
        fees=[
            ("Phí cung cấp thông tin lý lịch tư pháp", 200_000, "Mỗi lần yêu cầu"),
            (
                "Phí cung cấp thông tin lý lịch tư pháp (giảm)",
                100_000,
                "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ",
            ),
            ("Phí cấp thêm Phiếu lý lịch tư pháp", 5_000, "Từ Phiếu thứ 3 trở đi trong cùng một lần yêu cầu"),
        ],
        forms=[
            ("Mẫu số 03/2013/TT-LLTP", "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"),
            (
                "Mẫu số 04/2013/TT-LLTP",
                "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (dành cho cơ quan, tổ chức)",
            ),
        ],
        components=[
            ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, 0, True, 0),
            ID_COPY,
            ("Bản sao giấy tờ chứng minh nơi thường trú hoặc tạm trú", 0, 1, False, None),
            ("Văn bản ủy quyền (khi ủy quyền yêu cầu cấp Phiếu lý lịch tư pháp số 1)", 1, 0, False, None),
        ],
        steps=[
            ("Tiếp nhận hồ sơ, kiểm tra và cấp giấy hẹn", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.5"),
            ("Tra cứu cơ sở dữ liệu lý lịch tư pháp", StepRole.SPECIALIST, "Phòng Hành chính tư pháp", "3"),
            (
                "Xác minh thông tin án tích (liên thông)",
                StepRole.SPECIALIST,
                "Phòng Hồ sơ nghiệp vụ - Công an tỉnh",
                "5",
            ),
            (
                "Lập Phiếu lý lịch tư pháp, trình ký",
                StepRole.MANAGER,
                "Lãnh đạo Phòng Hành chính tư pháp",
                "0.5",
            ),
            ("Ký Phiếu lý lịch tư pháp", StepRole.LEADER, "Lãnh đạo Sở Tư pháp", "0.5"),
            ("Trả Phiếu lý lịch tư pháp", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.5"),
        ],
    ),
    procedure(
        "1.008723",
        "Đăng ký hoạt động của văn phòng giao dịch của tổ chức hành nghề luật sư",
        sector="luat-su",
        agencies=["STP"],
        time="7",
        division="Phòng Bổ trợ tư pháp",
        citizens=False,
        organizations=True,
        result="Giấy đăng ký hoạt động của văn phòng giao dịch",
        legal=(
            "Luật Luật sư năm 2006, sửa đổi năm 2012; Nghị định số 123/2013/NĐ-CP; Thông tư số "
            "05/2021/TT-BTP."
        ),
        fees=[("Lệ phí đăng ký hoạt động", 100_000, "")],
        forms=[("Mẫu TP-LS-10", "Giấy đề nghị đăng ký hoạt động văn phòng giao dịch")],
        components=[
            ("Giấy đề nghị đăng ký hoạt động văn phòng giao dịch", 1, 0, True, 0),
            ("Bản sao giấy đăng ký hoạt động của tổ chức hành nghề luật sư", 0, 1, True, None),
            ("Giấy tờ chứng minh trụ sở của văn phòng giao dịch", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.002153",
        "Đăng ký hành nghề luật sư với tư cách cá nhân",
        sector="luat-su",
        agencies=["STP"],
        time="7",
        division="Phòng Bổ trợ tư pháp",
        requirements=(
            "Luật sư có Chứng chỉ hành nghề luật sư, đã gia nhập Đoàn Luật sư tỉnh và làm việc theo hợp đồng "
            "lao động."
        ),
        result="Giấy đăng ký hành nghề luật sư với tư cách cá nhân",
        legal=(
            "Luật Luật sư năm 2006, sửa đổi năm 2012; Nghị định số 123/2013/NĐ-CP; Thông tư số "
            "05/2021/TT-BTP."
        ),
        fees=[("Lệ phí đăng ký hành nghề", 100_000, "")],
        forms=[("Mẫu TP-LS-13", "Giấy đề nghị đăng ký hành nghề luật sư với tư cách cá nhân")],
        components=[
            ("Giấy đề nghị đăng ký hành nghề luật sư với tư cách cá nhân", 1, 0, True, 0),
            ("Bản sao Chứng chỉ hành nghề luật sư và Thẻ luật sư", 0, 1, True, None),
            ("Bản sao hợp đồng lao động với cơ quan, tổ chức", 0, 1, True, None),
        ],
    ),
    # ── Sở Giao thông vận tải ───────────────────────────────────────────────────────────────────────
    procedure(
        "1.002809",
        "Cấp, đổi giấy phép lái xe",
        sector="duong-bo",
        agencies=["SGTVT"],
        time="5",
        division="Phòng Quản lý phương tiện và người lái",
        subtitle="Đổi bằng lái ô tô, mô tô hết hạn, hư hỏng hoặc do nước ngoài cấp",
        requirements=(
            "Người đổi phải có giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (trừ hạng "
            "A1, A2)."
        ),
        result="Giấy phép lái xe",
        legal=(
            "Luật Giao thông đường bộ năm 2008; Thông tư số 12/2017/TT-BGTVT; Thông tư số 01/2021/TT-BGTVT; "
            "Thông tư số 37/2023/TT-BTC; Thông tư số 63/2023/TT-BTC."
        ),
        fees=[
            ("Lệ phí cấp mới, cấp lại, cấp đổi", 135_000, "Nộp hồ sơ trực tiếp"),
            ("Lệ phí cấp mới, cấp lại, cấp đổi", 115_000, "Nộp hồ sơ trực tuyến"),
        ],
        forms=[("Phụ lục XIX, TT 12/2017/TT-BGTVT", "Đơn đề nghị đổi, cấp lại giấy phép lái xe")],
        components=[
            ("Đơn đề nghị đổi, cấp lại giấy phép lái xe theo mẫu", 1, 0, True, 0),
            ("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp", 1, 0, True, None),
            ID_COPY,
            ("Bản sao giấy phép lái xe đang sử dụng", 0, 1, True, None),
        ],
        steps=[
            ("Tiếp nhận hồ sơ, chụp ảnh, cấp giấy hẹn", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.5"),
            (
                "Kiểm tra, xác minh trên hệ thống quản lý giấy phép lái xe",
                StepRole.SPECIALIST,
                "Phòng Quản lý phương tiện và người lái",
                "2",
            ),
            (
                "Kiểm tra, trình ký",
                StepRole.MANAGER,
                "Lãnh đạo Phòng Quản lý phương tiện và người lái",
                "0.5",
            ),
            ("Phê duyệt, in giấy phép lái xe", StepRole.LEADER, "Lãnh đạo Sở Giao thông vận tải", "1.5"),
            ("Trả giấy phép lái xe", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.5"),
        ],
    ),
    procedure(
        "1.002859",
        "Cấp phù hiệu xe taxi, xe hợp đồng, xe vận tải hàng hóa bằng công-ten-nơ, xe tuyến cố định",
        sector="duong-bo",
        agencies=["SGTVT"],
        time="2",
        division="Phòng Quản lý vận tải",
        citizens=False,
        organizations=True,
        requirements="Đơn vị kinh doanh vận tải đã được cấp Giấy phép kinh doanh vận tải bằng xe ô tô.",
        result="Phù hiệu xe",
        legal="Nghị định số 10/2020/NĐ-CP ngày 17/01/2020 của Chính phủ; Thông tư số 12/2020/TT-BGTVT.",
        forms=[("Phụ lục V, NĐ 10/2020/NĐ-CP", "Giấy đề nghị cấp phù hiệu")],
        components=[
            ("Giấy đề nghị cấp phù hiệu", 1, 0, True, 0),
            ("Bản sao giấy đăng ký xe ô tô hoặc hợp đồng thuê phương tiện", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.002861",
        "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô",
        sector="duong-bo",
        agencies=["SGTVT"],
        time="5",
        division="Phòng Quản lý vận tải",
        citizens=False,
        organizations=True,
        requirements=(
            "Người trực tiếp điều hành hoạt động vận tải có trình độ chuyên môn về vận tải; có nơi đỗ xe "
            "phù hợp; xe được gắn thiết bị giám sát hành trình theo quy định."
        ),
        result="Giấy phép kinh doanh vận tải bằng xe ô tô",
        legal="Nghị định số 10/2020/NĐ-CP; Nghị định số 47/2022/NĐ-CP; Thông tư số 12/2020/TT-BGTVT.",
        fees=[("Lệ phí cấp Giấy phép kinh doanh vận tải", 200_000, "")],
        forms=[("Phụ lục I, NĐ 10/2020/NĐ-CP", "Giấy đề nghị cấp Giấy phép kinh doanh vận tải bằng xe ô tô")],
        components=[
            ("Giấy đề nghị cấp Giấy phép kinh doanh vận tải bằng xe ô tô", 1, 0, True, 0),
            ("Bản sao văn bằng, chứng chỉ của người trực tiếp điều hành hoạt động vận tải", 0, 1, True, None),
            ("Phương án kinh doanh vận tải bằng xe ô tô", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.003658",
        "Đăng ký phương tiện thủy nội địa lần đầu",
        sector="duong-thuy",
        agencies=["SGTVT"],
        time="3",
        level=3,
        division="Phòng Quản lý phương tiện và người lái",
        organizations=True,
        result="Giấy chứng nhận đăng ký phương tiện thủy nội địa",
        legal="Luật Giao thông đường thủy nội địa năm 2004, sửa đổi năm 2014; Thông tư số 75/2014/TT-BGTVT.",
        fees=[("Lệ phí cấp Giấy chứng nhận đăng ký phương tiện", 70_000, "")],
        forms=[("Mẫu số 1, TT 75/2014/TT-BGTVT", "Đơn đề nghị đăng ký phương tiện thủy nội địa")],
        components=[
            ("Đơn đề nghị đăng ký phương tiện thủy nội địa", 1, 0, True, 0),
            ("Biên lai nộp lệ phí trước bạ (đối với phương tiện phải nộp lệ phí trước bạ)", 0, 1, True, None),
            ("Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện", 0, 1, True, None),
        ],
    ),
    # ── Sở Kế hoạch và Đầu tư, Ban Quản lý các khu kinh tế ─────────────────────────────────────────
    procedure(
        "2.002040",
        "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
        sector="thanh-lap-doanh-nghiep",
        agencies=["SKHDT"],
        time="3",
        division="Phòng Đăng ký kinh doanh",
        organizations=True,
        result="Giấy chứng nhận đăng ký doanh nghiệp",
        legal="Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP; Thông tư số 47/2019/TT-BTC.",
        fees=[
            ("Lệ phí đăng ký doanh nghiệp", 50_000, "Nộp hồ sơ trực tiếp"),
            ("Lệ phí đăng ký doanh nghiệp", 0, "Miễn khi đăng ký qua mạng thông tin điện tử"),
            ("Phí công bố nội dung đăng ký doanh nghiệp", 100_000, ""),
        ],
        forms=[
            (
                "Phụ lục I-2, TT 68/2025/TT-BTC",
                "Giấy đề nghị đăng ký công ty trách nhiệm hữu hạn một thành viên",
            )
        ],
        components=[
            ("Giấy đề nghị đăng ký doanh nghiệp", 1, 0, True, 0),
            ("Điều lệ công ty", 1, 0, True, None),
            ("Bản sao giấy tờ pháp lý của chủ sở hữu công ty", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.010027",
        "Đăng ký thành lập doanh nghiệp tư nhân",
        sector="thanh-lap-doanh-nghiep",
        agencies=["SKHDT"],
        time="3",
        division="Phòng Đăng ký kinh doanh",
        result="Giấy chứng nhận đăng ký doanh nghiệp",
        legal="Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP; Thông tư số 47/2019/TT-BTC.",
        fees=[
            ("Lệ phí đăng ký doanh nghiệp", 50_000, "Nộp hồ sơ trực tiếp"),
            ("Lệ phí đăng ký doanh nghiệp", 0, "Miễn khi đăng ký qua mạng thông tin điện tử"),
            ("Phí công bố nội dung đăng ký doanh nghiệp", 100_000, ""),
        ],
        forms=[("Phụ lục I-1, TT 68/2025/TT-BTC", "Giấy đề nghị đăng ký doanh nghiệp tư nhân")],
        components=[
            ("Giấy đề nghị đăng ký doanh nghiệp tư nhân", 1, 0, True, 0),
            ("Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.009645",
        "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
        sector="dau-tu",
        agencies=["SKHDT", "BQLKKT"],
        time="15",
        division="Phòng Đầu tư",
        citizens=False,
        organizations=True,
        subtitle="Dự án trong khu kinh tế, khu công nghiệp nộp tại Ban Quản lý các khu kinh tế",
        result="Giấy chứng nhận đăng ký đầu tư",
        legal="Luật Đầu tư năm 2020; Nghị định số 31/2021/NĐ-CP; Thông tư số 03/2021/TT-BKHĐT.",
        forms=[("Mẫu A.I.1, TT 03/2021/TT-BKHĐT", "Văn bản đề nghị thực hiện dự án đầu tư")],
        components=[
            ("Văn bản đề nghị thực hiện dự án đầu tư", 1, 0, True, 0),
            ("Bản sao tài liệu về tư cách pháp lý của nhà đầu tư", 0, 1, True, None),
            ("Đề xuất dự án đầu tư", 1, 0, True, None),
            ("Bản sao báo cáo tài chính 02 năm gần nhất hoặc cam kết hỗ trợ tài chính", 0, 1, True, None),
        ],
    ),
    # ── Sở Lao động - Thương binh và Xã hội ────────────────────────────────────────────────────────
    procedure(
        "2.000205",
        "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
        sector="viec-lam",
        agencies=["SLDTBXH"],
        time="5",
        division="Phòng Lao động - Việc làm",
        citizens=False,
        organizations=True,
        requirements="Người sử dụng lao động đã được chấp thuận nhu cầu sử dụng người lao động nước ngoài.",
        result="Giấy phép lao động",
        legal="Bộ luật Lao động năm 2019; Nghị định số 152/2020/NĐ-CP; Nghị định số 70/2023/NĐ-CP.",
        fees=[("Lệ phí cấp giấy phép lao động", 600_000, "")],
        forms=[("Mẫu số 11/PLI, NĐ 70/2023/NĐ-CP", "Văn bản đề nghị cấp giấy phép lao động")],
        components=[
            ("Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động", 1, 0, True, 0),
            ("Giấy chứng nhận sức khỏe hoặc giấy khám sức khỏe", 1, 0, True, None),
            (
                "Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người đang chấp hành án",
                1,
                0,
                True,
                None,
            ),
            ("Văn bản chứng minh là nhà quản lý, chuyên gia hoặc lao động kỹ thuật", 0, 1, True, None),
            ("02 ảnh màu cỡ 4x6 cm, phông nền trắng", 2, 0, True, None),
        ],
    ),
    procedure(
        "1.001865",
        "Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp hoạt động dịch vụ việc làm",
        sector="viec-lam",
        agencies=["SLDTBXH"],
        time="7",
        level=3,
        division="Phòng Lao động - Việc làm",
        citizens=False,
        organizations=True,
        result="Giấy phép hoạt động dịch vụ việc làm",
        legal="Luật Việc làm năm 2013; Nghị định số 23/2021/NĐ-CP ngày 19/3/2021 của Chính phủ.",
        fees=[("Lệ phí cấp giấy phép", 1_500_000, "")],
        forms=[("Mẫu số 02, NĐ 23/2021/NĐ-CP", "Văn bản đề nghị cấp giấy phép hoạt động dịch vụ việc làm")],
        components=[
            ("Văn bản đề nghị cấp giấy phép hoạt động dịch vụ việc làm", 1, 0, True, 0),
            ("Giấy chứng nhận đã thực hiện ký quỹ", 1, 0, True, None),
            ("Bản sao giấy tờ chứng minh địa điểm hoạt động", 0, 1, True, None),
        ],
    ),
    # ── Sở Khoa học và Công nghệ ────────────────────────────────────────────────────────────────────
    procedure(
        "1.008237",
        "Cấp Giấy chứng nhận đăng ký hoạt động lần đầu cho tổ chức khoa học và công nghệ",
        sector="khoa-hoc-cong-nghe",
        agencies=["SKHCN"],
        time="15",
        division="Phòng Quản lý khoa học",
        citizens=False,
        organizations=True,
        result="Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        legal=(
            "Luật Khoa học và Công nghệ năm 2013; Nghị định số 08/2014/NĐ-CP; Thông tư số 03/2014/TT-BKHCN; "
            "Thông tư số 298/2016/TT-BTC."
        ),
        fees=[("Phí thẩm định điều kiện hoạt động khoa học và công nghệ", 3_000_000, "")],
        forms=[("Mẫu 1, TT 03/2014/TT-BKHCN", "Đơn đăng ký hoạt động khoa học và công nghệ")],
        components=[
            ("Đơn đăng ký hoạt động khoa học và công nghệ", 1, 0, True, 0),
            ("Quyết định thành lập tổ chức khoa học và công nghệ", 1, 0, True, None),
            ("Điều lệ tổ chức và hoạt động", 1, 0, True, None),
            ("Hồ sơ nhân lực khoa học và công nghệ", 1, 0, True, None),
        ],
    ),
    # ── Sở Y tế ─────────────────────────────────────────────────────────────────────────────────────
    procedure(
        "1.001907",
        "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh đối với người Việt Nam thuộc thẩm quyền của Sở Y tế",
        sector="kham-chua-benh",
        agencies=["SYT"],
        time="20",
        division="Phòng Nghiệp vụ Y",
        subtitle="Chứng chỉ để bác sĩ, y sĩ, điều dưỡng hành nghề tư nhân",
        result="Chứng chỉ hành nghề khám bệnh, chữa bệnh",
        legal="Luật Khám bệnh, chữa bệnh năm 2009; Nghị định số 109/2016/NĐ-CP; Thông tư số 278/2016/TT-BTC.",
        fees=[("Phí thẩm định cấp chứng chỉ hành nghề", 360_000, "")],
        forms=[("Mẫu 01, Phụ lục I NĐ 109/2016", "Đơn đề nghị cấp chứng chỉ hành nghề khám bệnh, chữa bệnh")],
        components=[
            ("Đơn đề nghị cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", 1, 0, True, 0),
            ("Bản sao văn bằng chuyên môn", 0, 1, True, None),
            ("Giấy xác nhận quá trình thực hành", 1, 0, True, None),
            ("Giấy chứng nhận đủ sức khỏe để hành nghề", 1, 0, True, None),
            ("02 ảnh màu cỡ 4x6 cm", 2, 0, True, None),
        ],
    ),
    procedure(
        "1.002208",
        "Cấp Chứng chỉ hành nghề dược theo hình thức xét hồ sơ",
        sector="duoc",
        agencies=["SYT"],
        time="20",
        division="Phòng Nghiệp vụ Dược",
        result="Chứng chỉ hành nghề dược",
        legal="Luật Dược năm 2016; Nghị định số 54/2017/NĐ-CP; Thông tư số 277/2016/TT-BTC.",
        fees=[("Phí thẩm định cấp chứng chỉ hành nghề dược", 500_000, "")],
        forms=[("Mẫu số 02, Phụ lục I NĐ 54/2017", "Đơn đề nghị cấp Chứng chỉ hành nghề dược")],
        components=[
            ("Đơn đề nghị cấp Chứng chỉ hành nghề dược", 1, 0, True, 0),
            ("Bản sao có chứng thực văn bằng chuyên môn", 0, 1, True, None),
            ("Giấy xác nhận thời gian thực hành chuyên môn", 1, 0, True, None),
            ("02 ảnh chân dung cỡ 4x6 cm", 2, 0, True, None),
        ],
    ),
    procedure(
        "1.004616",
        "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc",
        sector="duoc",
        agencies=["SYT"],
        time="20",
        division="Phòng Nghiệp vụ Dược",
        organizations=True,
        subtitle="Dành cho nhà thuốc, quầy thuốc, tủ thuốc trạm y tế",
        requirements=(
            "Cơ sở đạt Thực hành tốt cơ sở bán lẻ thuốc (GPP); người phụ trách chuyên môn có Chứng chỉ hành "
            "nghề dược."
        ),
        result="Giấy chứng nhận đủ điều kiện kinh doanh dược",
        legal=(
            "Luật Dược năm 2016; Nghị định số 54/2017/NĐ-CP; Thông tư số 02/2018/TT-BYT; Thông tư số "
            "277/2016/TT-BTC."
        ),
        fees=[
            ("Phí thẩm định điều kiện kinh doanh thuốc", 1_000_000, "Cơ sở tại các phường"),
            ("Phí thẩm định điều kiện kinh doanh thuốc", 500_000, "Cơ sở tại các xã, đặc khu"),
        ],
        forms=[
            (
                "Mẫu số 19, Phụ lục I NĐ 54/2017",
                "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
            )
        ],
        components=[
            ("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược", 1, 0, True, 0),
            ("Tài liệu kỹ thuật về địa điểm, trang thiết bị và nhân sự của cơ sở", 1, 0, True, None),
            ("Bản sao Chứng chỉ hành nghề dược của người phụ trách chuyên môn", 0, 1, True, None),
        ],
    ),
    procedure(
        "1.003706",
        "Cấp giấy phép hoạt động đối với phòng khám đa khoa",
        sector="kham-chua-benh",
        agencies=["SYT"],
        time="45",
        level=3,
        division="Phòng Nghiệp vụ Y",
        citizens=False,
        organizations=True,
        result="Giấy phép hoạt động khám bệnh, chữa bệnh",
        legal="Luật Khám bệnh, chữa bệnh năm 2023; Nghị định số 96/2023/NĐ-CP; Thông tư số 59/2023/TT-BTC.",
        fees=[("Phí thẩm định cấp giấy phép hoạt động", 5_700_000, "")],
        forms=[("Mẫu 01, Phụ lục II NĐ 96/2023", "Đơn đề nghị cấp giấy phép hoạt động")],
        components=[
            ("Đơn đề nghị cấp giấy phép hoạt động", 1, 0, True, 0),
            ("Danh sách người hành nghề khám bệnh, chữa bệnh", 1, 0, True, None),
            ("Bản kê khai cơ sở vật chất, thiết bị y tế", 1, 0, True, None),
        ],
    ),
    # ── Sở Ngoại vụ, Công an tỉnh ──────────────────────────────────────────────────────────────────
    procedure(
        "2.001407",
        "Cấp hộ chiếu ngoại giao, hộ chiếu công vụ",
        sector="lanh-su",
        agencies=["SNGV"],
        time="5",
        division="Phòng Lãnh sự và Người Việt Nam ở nước ngoài",
        subtitle="Cho cán bộ, công chức được cử đi công tác nước ngoài",
        requirements="Có quyết định cử đi nước ngoài của cơ quan có thẩm quyền.",
        result="Hộ chiếu ngoại giao hoặc hộ chiếu công vụ",
        legal=(
            "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam năm 2019; Thông tư số 04/2020/TT-BNG; Thông tư "
            "số 264/2016/TT-BTC."
        ),
        fees=[("Lệ phí cấp hộ chiếu", 200_000, "Cấp mới")],
        forms=[("Mẫu 01/2020/NG-XNC", "Tờ khai đề nghị cấp hộ chiếu ngoại giao, hộ chiếu công vụ")],
        components=[
            ("Tờ khai đề nghị cấp hộ chiếu ngoại giao, hộ chiếu công vụ", 1, 0, True, 0),
            ("Bản sao quyết định cử đi nước ngoài", 0, 1, True, None),
            ("02 ảnh chân dung cỡ 4x6 cm", 2, 0, True, None),
        ],
        steps=[
            ("Tiếp nhận hồ sơ, kiểm tra", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.5"),
            (
                "Thẩm định hồ sơ, lập văn bản đề nghị",
                StepRole.SPECIALIST,
                "Phòng Lãnh sự và Người Việt Nam ở nước ngoài",
                "1",
            ),
            (
                "Chuyển hồ sơ, nhận hộ chiếu từ Cục Lãnh sự (liên thông)",
                StepRole.SPECIALIST,
                "Cục Lãnh sự - Bộ Ngoại giao",
                "2.5",
            ),
            ("Ký văn bản đề nghị", StepRole.LEADER, "Lãnh đạo Sở Ngoại vụ", "0.5"),
            ("Trả hộ chiếu", StepRole.COUNTER_OFFICER, PROVINCE_COUNTER, "0.5"),
        ],
    ),
    procedure(
        "2.002297",
        "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)",
        sector="xuat-nhap-canh",
        agencies=["CAT"],
        time="8",
        level=4,
        division="Phòng Quản lý xuất nhập cảnh",
        result="Hộ chiếu phổ thông",
        legal=(
            "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam năm 2019; Thông tư số 31/2023/TT-BCA; Thông tư "
            "số 25/2021/TT-BTC."
        ),
        fees=[("Lệ phí cấp hộ chiếu phổ thông", 200_000, "Cấp mới")],
        forms=[("Mẫu TK01, TT 31/2023/TT-BCA", "Tờ khai đề nghị cấp hộ chiếu phổ thông")],
        components=[
            ("Tờ khai đề nghị cấp hộ chiếu phổ thông", 1, 0, True, 0),
            ("02 ảnh chân dung cỡ 4x6 cm", 2, 0, True, None),
            ("Hộ chiếu phổ thông cấp lần gần nhất còn giá trị (nếu có)", 1, 0, False, None),
        ],
    ),
    # ── Sở Tài nguyên và Môi trường ─────────────────────────────────────────────────────────────────
    procedure(
        "1.012800",
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu "
        "tài sản gắn liền với đất lần đầu",
        sector="dat-dai",
        agencies=["STNMT"],
        time="20",
        division="Văn phòng Đăng ký đất đai",
        organizations=True,
        subtitle="Cấp sổ đỏ lần đầu",
        result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        legal="Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP.",
        fees=[
            ("Lệ phí cấp Giấy chứng nhận", 100_000, "Tổ chức"),
            ("Lệ phí cấp Giấy chứng nhận", 25_000, "Hộ gia đình, cá nhân"),
        ],
        forms=[("Mẫu số 04/ĐK, NĐ 101/2024/NĐ-CP", "Đơn đăng ký đất đai, tài sản gắn liền với đất")],
        components=[
            ("Đơn đăng ký đất đai, tài sản gắn liền với đất", 1, 0, True, 0),
            ("Giấy tờ về quyền sử dụng đất (nếu có)", 0, 1, False, None),
            ("Chứng từ thực hiện nghĩa vụ tài chính (nếu có)", 0, 1, False, None),
            ("Mảnh trích đo bản đồ địa chính thửa đất (nếu có)", 1, 0, False, None),
        ],
    ),
    procedure(
        "1.012790",
        "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với tổ chức",
        sector="dat-dai",
        agencies=["STNMT"],
        time="20",
        level=3,
        division="Phòng Quản lý đất đai",
        citizens=False,
        organizations=True,
        result="Quyết định cho phép chuyển mục đích sử dụng đất",
        legal="Luật Đất đai năm 2024; Nghị định số 102/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP.",
        forms=[("Mẫu số 02c, NĐ 102/2024/NĐ-CP", "Đơn xin chuyển mục đích sử dụng đất")],
        components=[
            ("Đơn xin chuyển mục đích sử dụng đất", 1, 0, True, 0),
            ("Giấy chứng nhận quyền sử dụng đất", 1, 0, True, None),
            ("Bản sao quyết định chấp thuận chủ trương đầu tư (nếu có)", 0, 1, False, None),
        ],
    ),
    procedure(
        "1.012792",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp "
        "chuyển đổi, chuyển nhượng, cho thuê, cho thuê lại, thừa kế, tặng cho, góp vốn bằng quyền sử "
        "dụng đất",
        sector="dat-dai",
        agencies=["STNMT"],
        time="10",
        division="Văn phòng Đăng ký đất đai",
        organizations=True,
        subtitle="Sang tên sổ đỏ khi mua bán, tặng cho, thừa kế",
        result="Giấy chứng nhận quyền sử dụng đất đã xác nhận nội dung biến động hoặc Giấy chứng nhận mới",
        legal="Bộ luật Dân sự năm 2015; Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP.",
        fees=[("Lệ phí chỉnh lý biến động trên Giấy chứng nhận", 28_000, "")],
        forms=[
            ("Mẫu số 11/ĐK, NĐ 101/2024/NĐ-CP", "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất")
        ],
        components=[
            ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", 1, 0, True, 0),
            (
                "Hợp đồng, văn bản về chuyển nhượng, tặng cho, thừa kế đã công chứng, chứng thực",
                1,
                0,
                True,
                None,
            ),
            ("Giấy chứng nhận quyền sử dụng đất đã cấp", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.012794",
        "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
        sector="bien-phap-bao-dam",
        agencies=["STNMT"],
        time="8",
        unit=TimeUnit.WORKING_HOUR,
        division="Văn phòng Đăng ký đất đai",
        organizations=True,
        requirements="Hồ sơ nhận sau 15 giờ được giải quyết xong trong ngày làm việc tiếp theo.",
        result="Giấy chứng nhận đã chứng nhận nội dung đăng ký thế chấp",
        legal="Bộ luật Dân sự năm 2015; Nghị định số 99/2022/NĐ-CP; Thông tư số 34/2022/TT-BTC.",
        fees=[("Phí đăng ký biện pháp bảo đảm", 80_000, "Mỗi hồ sơ")],
        forms=[("Mẫu số 01a, NĐ 99/2022/NĐ-CP", "Phiếu yêu cầu đăng ký biện pháp bảo đảm")],
        components=[
            ("Phiếu yêu cầu đăng ký biện pháp bảo đảm", 1, 0, True, 0),
            ("Hợp đồng thế chấp có công chứng, chứng thực", 1, 0, True, None),
            ("Giấy chứng nhận quyền sử dụng đất", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.012796",
        "Giao đất, cho thuê đất không đấu giá quyền sử dụng đất, không đấu thầu lựa chọn nhà đầu tư thực "
        "hiện dự án có sử dụng đất",
        sector="dat-dai",
        agencies=["STNMT", "UBND"],
        time="20",
        level=3,
        division="Phòng Quản lý đất đai",
        citizens=False,
        organizations=True,
        result="Quyết định giao đất, cho thuê đất của UBND tỉnh",
        legal="Luật Đất đai năm 2024; Nghị định số 102/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP.",
        forms=[("Mẫu số 02a, NĐ 102/2024/NĐ-CP", "Đơn xin giao đất, cho thuê đất")],
        components=[
            ("Đơn xin giao đất, cho thuê đất", 1, 0, True, 0),
            (
                "Bản sao văn bản chấp thuận chủ trương đầu tư hoặc Giấy chứng nhận đăng ký đầu tư",
                0,
                1,
                True,
                None,
            ),
            ("Trích lục hoặc trích đo bản đồ địa chính thửa đất", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.004253",
        "Cấp giấy phép khai thác, sử dụng nước mặt",
        sector="tai-nguyen-nuoc",
        agencies=["STNMT"],
        time="30",
        division="Phòng Tài nguyên nước - Khí tượng thủy văn",
        citizens=False,
        organizations=True,
        result="Giấy phép khai thác, sử dụng nước mặt",
        legal=(
            "Luật Tài nguyên nước năm 2023; Nghị định số 54/2024/NĐ-CP; Nghị quyết của HĐND tỉnh về phí thẩm "
            "định."
        ),
        fees=[("Phí thẩm định đề án khai thác, sử dụng nước mặt", 600_000, "Lưu lượng dưới 0,1 m³/giây")],
        forms=[("Mẫu 03, Phụ lục II NĐ 54/2024", "Đơn đề nghị cấp giấy phép khai thác, sử dụng nước mặt")],
        components=[
            ("Đơn đề nghị cấp giấy phép khai thác, sử dụng nước mặt", 1, 0, True, 0),
            ("Đề án khai thác, sử dụng nước mặt", 1, 0, True, None),
            ("Kết quả phân tích chất lượng nguồn nước", 1, 0, True, None),
            ("Sơ đồ vị trí công trình khai thác nước", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.000778",
        "Cấp giấy phép khai thác khoáng sản",
        sector="khoang-san",
        agencies=["STNMT"],
        time="90",
        level=3,
        division="Phòng Khoáng sản",
        citizens=False,
        organizations=True,
        result="Giấy phép khai thác khoáng sản",
        legal=(
            "Luật Địa chất và khoáng sản năm 2024; Nghị định số 193/2025/NĐ-CP; Thông tư số 191/2016/TT-BTC."
        ),
        fees=[
            (
                "Phí thẩm định hồ sơ cấp giấy phép khai thác khoáng sản",
                15_000_000,
                "Diện tích khai thác dưới 10 ha",
            )
        ],
        forms=[("Mẫu số 09, TT 45/2016/TT-BTNMT", "Đơn đề nghị cấp giấy phép khai thác khoáng sản")],
        components=[
            ("Đơn đề nghị cấp giấy phép khai thác khoáng sản", 1, 0, True, 0),
            ("Bản đồ khu vực khai thác khoáng sản", 1, 0, True, None),
            ("Dự án đầu tư khai thác khoáng sản kèm quyết định phê duyệt", 1, 0, True, None),
            ("Báo cáo đánh giá tác động môi trường đã được phê duyệt", 0, 1, True, None),
        ],
    ),
    # ── Sở Văn hóa, Thể thao và Du lịch ─────────────────────────────────────────────────────────────
    procedure(
        "1.009397",
        "Cấp giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang",
        sector="nghe-thuat-bieu-dien",
        agencies=["SVHTTDL"],
        time="5",
        division="Phòng Quản lý văn hóa",
        organizations=True,
        result="Giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang",
        legal="Nghị định số 144/2020/NĐ-CP ngày 14/12/2020 của Chính phủ; Thông tư số 288/2016/TT-BTC.",
        fees=[
            (
                "Phí thẩm định chương trình nghệ thuật biểu diễn",
                1_500_000,
                "Chương trình có thời lượng đến 50 phút",
            )
        ],
        forms=[("Mẫu số 01, NĐ 144/2020/NĐ-CP", "Văn bản đề nghị tổ chức biểu diễn nghệ thuật")],
        components=[
            ("Văn bản đề nghị tổ chức biểu diễn nghệ thuật, trình diễn thời trang", 1, 0, True, 0),
            ("Kịch bản, danh mục tác phẩm, bản nhạc kèm theo", 1, 0, True, None),
            ("Danh sách người biểu diễn", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.004662",
        "Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn",
        sector="quang-cao",
        agencies=["SVHTTDL"],
        time="5",
        division="Phòng Quản lý văn hóa",
        organizations=True,
        requirements="Thông báo gửi đến Sở ít nhất 15 ngày trước ngày thực hiện quảng cáo.",
        result="Văn bản xác nhận đã tiếp nhận thông báo sản phẩm quảng cáo",
        legal="Luật Quảng cáo năm 2012; Nghị định số 181/2013/NĐ-CP; Thông tư số 10/2013/TT-BVHTTDL.",
        forms=[
            (
                "Mẫu số 03, TT 10/2013/TT-BVHTTDL",
                "Văn bản thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn",
            )
        ],
        components=[
            ("Văn bản thông báo sản phẩm quảng cáo", 1, 0, True, 0),
            ("Ma-két sản phẩm quảng cáo in màu có chữ ký của tổ chức, cá nhân", 1, 0, True, None),
            (
                "Bản sao giấy phép xây dựng công trình quảng cáo (đối với bảng quảng cáo phải cấp phép)",
                0,
                1,
                False,
                None,
            ),
        ],
    ),
    procedure(
        "1.004623",
        "Cấp Giấy phép thành lập Văn phòng đại diện của doanh nghiệp du lịch nước ngoài tại Việt Nam",
        sector="du-lich",
        agencies=["SVHTTDL"],
        time="10",
        division="Phòng Quản lý du lịch",
        citizens=False,
        organizations=True,
        requirements="Doanh nghiệp du lịch nước ngoài đã hoạt động kinh doanh du lịch không dưới 05 năm.",
        result="Giấy phép thành lập Văn phòng đại diện",
        legal=(
            "Luật Du lịch năm 2017; Nghị định số 168/2017/NĐ-CP; Thông tư số 06/2017/TT-BVHTTDL; Thông tư số "
            "33/2018/TT-BTC."
        ),
        fees=[("Phí thẩm định cấp Giấy phép thành lập Văn phòng đại diện", 3_000_000, "")],
        forms=[
            ("Mẫu số 13, TT 06/2017/TT-BVHTTDL", "Đơn đề nghị cấp Giấy phép thành lập Văn phòng đại diện")
        ],
        components=[
            ("Đơn đề nghị cấp Giấy phép thành lập Văn phòng đại diện", 1, 0, True, 0),
            (
                "Bản sao giấy đăng ký kinh doanh của doanh nghiệp du lịch nước ngoài, đã hợp pháp hóa "
                "lãnh sự",
                0,
                1,
                True,
                None,
            ),
            ("Bản sao điều lệ hoạt động của doanh nghiệp du lịch nước ngoài", 0, 1, True, None),
            ("Quyết định bổ nhiệm người đứng đầu Văn phòng đại diện", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.004628",
        "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        sector="du-lich",
        agencies=["SVHTTDL"],
        time="10",
        level=3,
        division="Phòng Quản lý du lịch",
        citizens=False,
        organizations=True,
        requirements="Doanh nghiệp ký quỹ kinh doanh dịch vụ lữ hành nội địa 100.000.000 đồng tại ngân hàng.",
        result="Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        legal=(
            "Luật Du lịch năm 2017; Nghị định số 168/2017/NĐ-CP; Nghị định số 94/2021/NĐ-CP; Thông tư số "
            "33/2018/TT-BTC."
        ),
        fees=[("Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 3_000_000, "")],
        forms=[
            (
                "Mẫu số 02, TT 06/2017/TT-BVHTTDL",
                "Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
            )
        ],
        components=[
            ("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 1, 0, True, 0),
            ("Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành", 1, 0, True, None),
            ("Bản sao văn bằng, chứng chỉ của người phụ trách kinh doanh dịch vụ lữ hành", 0, 1, True, None),
        ],
    ),
    # ── Sở Giáo dục và Đào tạo, Sở Tài chính ───────────────────────────────────────────────────────
    procedure(
        "1.005095",
        "Cho phép trường trung học phổ thông hoạt động giáo dục",
        sector="giao-duc-trung-hoc",
        agencies=["SGDDT"],
        time="20",
        level=1,
        division="Phòng Giáo dục trung học",
        citizens=False,
        organizations=True,
        requirements="Có quyết định thành lập; có đất đai, cơ sở vật chất, đội ngũ nhà giáo đáp ứng yêu cầu.",
        result="Quyết định cho phép hoạt động giáo dục",
        legal="Luật Giáo dục năm 2019; Nghị định số 46/2017/NĐ-CP; Nghị định số 135/2018/NĐ-CP.",
        components=[
            ("Tờ trình đề nghị cho phép hoạt động giáo dục", 1, 0, True, None),
            ("Bản sao quyết định thành lập trường", 0, 1, True, None),
            ("Báo cáo về đội ngũ nhà giáo, cơ sở vật chất, thiết bị dạy học", 1, 0, True, None),
        ],
    ),
    procedure(
        "1.006019",
        "Đăng ký mã số đơn vị có quan hệ với ngân sách",
        sector="tai-chinh-ngan-sach",
        agencies=["STC"],
        time="2",
        level=2,
        division="Phòng Quản lý ngân sách",
        citizens=False,
        organizations=True,
        result="Giấy chứng nhận mã số đơn vị có quan hệ với ngân sách",
        legal="Thông tư số 185/2015/TT-BTC ngày 17/11/2015 của Bộ Tài chính.",
        forms=[("Mẫu số 01-MSNS-BTC", "Tờ khai đăng ký mã số đơn vị có quan hệ với ngân sách")],
        components=[
            ("Tờ khai đăng ký mã số đơn vị có quan hệ với ngân sách", 1, 0, True, 0),
            ("Bản sao quyết định thành lập đơn vị", 0, 1, True, None),
        ],
    ),
    # ── Formerly district level, now handled by the commune People's Committees ──────────────────────
    _commune(
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        sector="ho-kinh-doanh",
        time="3",
        division="Phòng Kinh tế",
        subtitle="Mở cửa hàng, quán ăn, dịch vụ nhỏ với tư cách hộ kinh doanh",
        result="Giấy chứng nhận đăng ký hộ kinh doanh",
        legal=(
            "Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP; Nghị quyết của HĐND tỉnh về lệ phí "
            "đăng ký kinh doanh."
        ),
        fees=[
            ("Lệ phí đăng ký hộ kinh doanh", 100_000, "Nộp hồ sơ trực tiếp"),
            ("Lệ phí đăng ký hộ kinh doanh", 0, "Miễn khi đăng ký qua mạng thông tin điện tử"),
        ],
        forms=[("Phụ lục III-1, TT 68/2025/TT-BTC", "Giấy đề nghị đăng ký hộ kinh doanh")],
        components=[
            ("Giấy đề nghị đăng ký hộ kinh doanh", 1, 0, True, 0),
            (
                "Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                0,
                1,
                False,
                None,
            ),
            ("Bản sao văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh", 0, 1, False, None),
        ],
        steps=[
            ("Tiếp nhận hồ sơ, kiểm tra tính hợp lệ", StepRole.COUNTER_OFFICER, COMMUNE_COUNTER, "0.5"),
            (
                "Thẩm định hồ sơ, nhập dữ liệu vào Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh",
                StepRole.SPECIALIST,
                "Phòng Kinh tế",
                "1.5",
            ),
            ("Ký Giấy chứng nhận đăng ký hộ kinh doanh", StepRole.LEADER, COMMUNE_LEADER, "0.5"),
            ("Trả kết quả", StepRole.COUNTER_OFFICER, COMMUNE_COUNTER, "0.5"),
        ],
    ),
    _commune(
        "1.005280",
        "Đăng ký thành lập hợp tác xã",
        sector="hop-tac-xa",
        time="3",
        division="Phòng Kinh tế",
        organizations=True,
        result="Giấy chứng nhận đăng ký hợp tác xã",
        legal="Luật Hợp tác xã năm 2023; Nghị định số 92/2024/NĐ-CP; Thông tư số 09/2024/TT-BKHĐT.",
        fees=[("Lệ phí đăng ký hợp tác xã", 100_000, "")],
        forms=[("Mẫu số 01, TT 09/2024/TT-BKHĐT", "Giấy đề nghị đăng ký hợp tác xã")],
        components=[
            ("Giấy đề nghị đăng ký hợp tác xã", 1, 0, True, 0),
            ("Điều lệ hợp tác xã", 1, 0, True, None),
            ("Phương án sản xuất, kinh doanh", 1, 0, True, None),
            ("Danh sách thành viên, hội đồng quản trị, giám đốc, ban kiểm soát", 1, 0, True, None),
            ("Nghị quyết hội nghị thành lập hợp tác xã", 1, 0, True, None),
        ],
    ),
    _commune(
        "2.000633",
        "Cấp Giấy phép bán lẻ sản phẩm rượu",
        sector="luu-thong-hang-hoa",
        time="10",
        division="Phòng Kinh tế",
        organizations=True,
        subtitle="Bán lẻ rượu, bia đóng chai tại cửa hàng, tạp hóa",
        result="Giấy phép bán lẻ sản phẩm rượu",
        legal=(
            "Luật Phòng, chống tác hại của rượu, bia năm 2019; Nghị định số 105/2017/NĐ-CP; Nghị định số "
            "17/2020/NĐ-CP."
        ),
        fees=[
            ("Phí thẩm định cấp Giấy phép kinh doanh", 400_000, "Cơ sở tại các phường"),
            ("Phí thẩm định cấp Giấy phép kinh doanh", 200_000, "Cơ sở tại các xã, đặc khu"),
        ],
        forms=[("Mẫu số 01, NĐ 105/2017/NĐ-CP", "Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm rượu")],
        components=[
            ("Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm rượu", 1, 0, True, 0),
            ("Bản sao hợp đồng mua bán với thương nhân sản xuất, bán buôn sản phẩm rượu", 0, 1, True, None),
            ("Bản sao giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh", 0, 1, True, None),
        ],
    ),
    _commune(
        "2.000181",
        "Cấp Giấy phép bán lẻ sản phẩm thuốc lá",
        sector="luu-thong-hang-hoa",
        time="10",
        division="Phòng Kinh tế",
        organizations=True,
        result="Giấy phép bán lẻ sản phẩm thuốc lá",
        legal=(
            "Luật Phòng, chống tác hại của thuốc lá năm 2012; Nghị định số 67/2013/NĐ-CP; Nghị định số "
            "106/2017/NĐ-CP."
        ),
        fees=[
            ("Phí thẩm định cấp Giấy phép kinh doanh", 400_000, "Cơ sở tại các phường"),
            ("Phí thẩm định cấp Giấy phép kinh doanh", 200_000, "Cơ sở tại các xã, đặc khu"),
        ],
        forms=[("Mẫu số 02, TT 57/2018/TT-BCT", "Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá")],
        components=[
            ("Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá", 1, 0, True, 0),
            ("Bản sao các văn bản giới thiệu của thương nhân bán buôn sản phẩm thuốc lá", 0, 1, True, None),
            ("Bản sao giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh", 0, 1, True, None),
        ],
    ),
    _commune(
        "2.001017",
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
        sector="an-toan-thuc-pham",
        time="20",
        division="Phòng Văn hóa - Xã hội",
        organizations=True,
        subtitle="Dành cho nhà hàng, quán ăn, bếp ăn tập thể",
        result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        legal="Luật An toàn thực phẩm năm 2010; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC.",
        fees=[
            ("Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống", 700_000, "Phục vụ từ 200 suất ăn trở lên"),
            ("Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống", 500_000, "Phục vụ dưới 200 suất ăn"),
        ],
        forms=[
            (
                "Mẫu số 01, TT 43/2018/TT-BYT",
                "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            )
        ],
        components=[
            ("Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 1, 0, True, 0),
            ("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", 1, 0, True, None),
            ("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp chế biến", 0, 1, True, None),
            ("Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm", 0, 1, True, None),
        ],
    ),
    _commune(
        "1.009994",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        sector="hoat-dong-xay-dung",
        time="15",
        division="Phòng Kinh tế, Hạ tầng và Đô thị",
        result="Giấy phép xây dựng",
        legal=(
            "Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 175/2024/NĐ-CP; Nghị quyết của HĐND tỉnh "
            "về lệ phí."
        ),
        fees=[("Lệ phí cấp giấy phép xây dựng", 50_000, "Nhà ở riêng lẻ")],
        forms=[("Mẫu số 01, Phụ lục II NĐ 175/2024", "Đơn đề nghị cấp giấy phép xây dựng")],
        components=[
            ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0, True, 0),
            ("Bản sao giấy tờ hợp pháp về đất đai", 0, 1, True, None),
            ("02 bộ bản vẽ thiết kế xây dựng", 2, 0, True, None),
        ],
    ),
    _commune(
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam "
        "cấp hoặc chứng nhận",
        sector="chung-thuc",
        time="4",
        unit=TimeUnit.WORKING_HOUR,
        level=2,
        division="Công chức Tư pháp - Hộ tịch",
        requirements="Hồ sơ nộp sau 15 giờ được trả trong ngày làm việc tiếp theo.",
        result="Bản sao được chứng thực từ bản chính",
        legal="Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ; Thông tư số 226/2016/TT-BTC.",
        fees=[
            ("Phí chứng thực bản sao từ bản chính", 2_000, "Trang thứ nhất và thứ hai"),
            ("Phí chứng thực bản sao từ bản chính", 1_000, "Từ trang thứ ba trở đi, tối đa 200.000 đồng/bản"),
        ],
        components=[
            ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", 1, 0, True, None),
            ("Bản sao cần chứng thực", 0, 1, True, None),
        ],
    ),
    _commune(
        "2.000884",
        "Chứng thực chữ ký trong các giấy tờ, văn bản",
        sector="chung-thuc",
        time="4",
        unit=TimeUnit.WORKING_HOUR,
        level=1,
        division="Công chức Tư pháp - Hộ tịch",
        requirements="Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực.",
        result="Giấy tờ, văn bản đã được chứng thực chữ ký",
        legal="Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ; Thông tư số 226/2016/TT-BTC.",
        fees=[("Phí chứng thực chữ ký", 10_000, "Mỗi trường hợp")],
        components=[
            ("Giấy tờ, văn bản cần chứng thực chữ ký", 1, 0, True, None),
            ("Thẻ căn cước hoặc Hộ chiếu còn giá trị (xuất trình)", 1, 0, True, None),
        ],
    ),
    _commune(
        "1.001193",
        "Đăng ký khai sinh",
        sector="ho-tich",
        time="8",
        unit=TimeUnit.WORKING_HOUR,
        division="Công chức Tư pháp - Hộ tịch",
        result="Giấy khai sinh (bản chính) và số định danh cá nhân của trẻ",
        legal=(
            "Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số "
            "85/2019/TT-BTC."
        ),
        fees=[("Lệ phí đăng ký khai sinh", 0, "Miễn lệ phí khi đăng ký khai sinh đúng hạn")],
        forms=[("Mẫu TT 04/2020/TT-BTP", "Tờ khai đăng ký khai sinh")],
        components=[
            ("Tờ khai đăng ký khai sinh", 1, 0, True, 0),
            ("Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh", 1, 0, True, None),
            ("Văn bản ủy quyền có chứng thực (khi ủy quyền đăng ký khai sinh)", 1, 0, False, None),
        ],
    ),
]
