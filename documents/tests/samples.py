"""Sample inputs full of Vietnamese diacritics, shared by the tests (and handy for previews)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from documents.forms import (
    AgencyHeader,
    ApologyData,
    Applicant,
    ControlSheetData,
    HandOff,
    MissingItem,
    ReceiptData,
    RejectionData,
    StopNoticeData,
    SupplementRequestData,
    TrackingBookData,
    TrackingRow,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# The smallest PDF a reader opens (one blank page): what uploads are checked to be.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
CODE = "000.00.12.H47-260305-0001"
PROCEDURE = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
PROCEDURE_SHORT = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"

HEADER = AgencyHeader(
    governing_body="UBND TỈNH QUẢNG NINH",
    agency_name="SỞ TƯ PHÁP",
    agency_name_in_text="Sở Tư pháp",
    place_name="Quảng Ninh",
    office_name="Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh",
)
APPLICANT = Applicant(
    name="Nguyễn Thị Hồng Nhung",
    personal_id="022190001234",
    phone="0912 345 678",
    email="hongnhung.nguyen@example.vn",
    address="Số 15, phố Lê Thánh Tông, Phường Hạ Long, Tỉnh Quảng Ninh",
)
# 08:30 in Hạ Long is 01:30 UTC: aware datetimes in UTC must be printed in Vietnamese time.
RECEIVED_AT = datetime(2026, 3, 5, 1, 30, tzinfo=UTC)
APPOINTMENT_AT = datetime(2026, 3, 19, 16, 30, tzinfo=VN)


def receipt() -> ReceiptData:
    return ReceiptData(
        header=HEADER,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        applicant=APPLICANT,
        components=[
            ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)", 1, 0),
            ("Bản sao Căn cước công dân", 0, 1),
            ("Giấy tờ chứng minh nơi cư trú (Giấy xác nhận thông tin về cư trú)", 1, 1),
        ],
        received_at=RECEIVED_AT,
        appointment_at=APPOINTMENT_AT,
        channel="direct",
        receiving_officer="Trần Văn Đức",
        result_delivery="postal",
        lookup_url=f"https://dichvucong.quangninh.gov.vn/tra-cuu-ho-so?ma={CODE}",
        processing_time="10 ngày làm việc",
        book_number="03/2026",
        book_entry="125",
    )


def supplement_request() -> SupplementRequestData:
    return SupplementRequestData(
        header=HEADER,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        applicant=APPLICANT,
        items=[
            MissingItem("Bản sao Căn cước công dân", "Bản sao bị mờ, không đọc được số định danh cá nhân"),
            ("Giấy ủy quyền có chứng thực", "Người nộp hồ sơ không phải là người yêu cầu cấp Phiếu"),
        ],
        officer="Trần Văn Đức",
        officer_phone="0203 3835 123",
        issued_at=datetime(2026, 3, 6, 9, 15, tzinfo=VN),
        deadline_text="05 ngày làm việc kể từ ngày nhận được Phiếu này",
    )


def rejection() -> RejectionData:
    return RejectionData(
        header=HEADER,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        applicant=APPLICANT,
        reason="Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp tỉnh Quảng Ninh; đề nghị "
        "Ông/Bà nộp hồ sơ tại Trung tâm Lý lịch tư pháp quốc gia.",
        officer="Trần Văn Đức",
        issued_at=datetime(2026, 3, 5, 14, 5, tzinfo=VN),
    )


def apology() -> ApologyData:
    return ApologyData(
        header=HEADER,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        applicant=APPLICANT,
        received_at=RECEIVED_AT,
        reason="Cơ quan phối hợp (Công an tỉnh Quảng Ninh) chưa có văn bản trả lời xác minh nhân thân.",
        old_appointment=APPOINTMENT_AT,
        new_appointment=datetime(2026, 3, 26, 16, 30, tzinfo=VN),
        issued_at=datetime(2026, 3, 18, 10, 0, tzinfo=VN),
        signer_title="GIÁM ĐỐC",
        signer_name="Phạm Quốc Hưng",
        document_number="125/STP-HCTP",
    )


def stop_notice() -> StopNoticeData:
    return StopNoticeData(
        header=HEADER,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        applicant=APPLICANT,
        received_at=RECEIVED_AT,
        reason="Ông/Bà đã có văn bản đề nghị rút hồ sơ ngày 10/03/2026.",
        issued_at=datetime(2026, 3, 11, 8, 0, tzinfo=VN),
        signer_title="GIÁM ĐỐC",
        signer_name="Phạm Quốc Hưng",
    )


def control_sheet() -> ControlSheetData:
    t0 = RECEIVED_AT
    rows = [
        HandOff(
            sending_unit="Trung tâm Phục vụ hành chính công tỉnh",
            handed_over_by="Trần Văn Đức",
            receiving_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
            received_by="Lê Thị Thu Hà",
            at=t0 + timedelta(hours=2),
            due=t0 + timedelta(days=3),
            done=t0 + timedelta(days=2),
            result="early",
            comment="Đã thẩm định",
        ),
        HandOff(
            sending_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
            handed_over_by="Lê Thị Thu Hà",
            receiving_unit="Công an tỉnh Quảng Ninh",
            received_by="Đỗ Mạnh Cường",
            at=t0 + timedelta(days=2, hours=1),
            due=t0 + timedelta(days=7),
            done=t0 + timedelta(days=7),
            result="on_time",
        ),
        HandOff(
            sending_unit="Công an tỉnh Quảng Ninh",
            handed_over_by="Đỗ Mạnh Cường",
            receiving_unit="Lãnh đạo Sở Tư pháp",
            received_by="Phạm Quốc Hưng",
            at=t0 + timedelta(days=7, hours=2),
            due=t0 + timedelta(days=8),
            done=t0 + timedelta(days=9),
            result="late",
            comment="Chờ ký duyệt",
        ),
    ]
    return ControlSheetData(
        header=HEADER,
        dossier_code=CODE,
        procedure_name=PROCEDURE,
        applicant=APPLICANT,
        received_at=RECEIVED_AT,
        appointment_at=APPOINTMENT_AT,
        rows=rows,
        lead_unit="Phòng Hành chính tư pháp, Sở Tư pháp",
        coordinating_units="Công an tỉnh Quảng Ninh",
    )


NAMES = ["Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Thị Thu Hà", "Phạm Quốc Hưng", "Đỗ Mạnh Cường"]
STATUSES = ["Đang giải quyết", "Đã trả kết quả", "Chờ bổ sung"]


def tracking_book(rows: int = 60) -> TrackingBookData:
    entries = []
    for i in range(rows):
        received = datetime(2026, 3, 2, 7, 45, tzinfo=VN) + timedelta(hours=5 * i)
        entries.append(
            TrackingRow(
                dossier_code=f"000.00.12.H47-2603{2 + i // 5:02d}-{i + 1:04d}",
                procedure_name=PROCEDURE_SHORT if i % 2 else "Chứng thực bản sao từ bản chính giấy tờ",
                applicant_name=NAMES[i % len(NAMES)],
                address_phone=f"Phường Hạ Long, Tỉnh Quảng Ninh; 0912 345 {i:03d}",
                received_at=received,
                appointment_at=received + timedelta(days=10),
                returned_at=received + timedelta(days=8) if i % 3 == 1 else None,
                status=STATUSES[i % 3],
                notes="Trả qua bưu điện" if i % 4 == 0 else "",
            )
        )
    return TrackingBookData(
        header=HEADER,
        counter_name="Quầy số 5 - Sở Tư pháp",
        date_from=date(2026, 3, 1),
        date_to=date(2026, 3, 31),
        rows=entries,
        book_number="03/2026",
    )
