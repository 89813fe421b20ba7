"""The seven forms of Circular 03/2025/TT-VPCP (Appendix I), rendered to PDF bytes.

Each ``render_*`` takes the plain data of :mod:`documents.forms.data` and returns a complete PDF.
Rendering is deterministic: the PDF creation date comes from the data, so the same input gives the same
bytes (handy for caching and for tests).
"""

from __future__ import annotations

from .data import (
    CHANNELS,
    DELIVERY_METHODS,
    AgencyHeader,
    ApologyData,
    Applicant,
    ControlSheetData,
    ReceiptData,
    RejectionData,
    ResultData,
    StopNoticeData,
    SupplementRequestData,
    TrackingBookData,
)
from .formatting import BLANK, aware, fmt_clock, fmt_date, fmt_datetime, fmt_time, label, start_of_day
from .layout import LegalDocument, Recipients, Signature

CIRCULAR = "Thông tư 03/2025/TT-VPCP"

RECEIPT_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REJECTION_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
APOLOGY_TITLE = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
STOP_NOTICE_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
CONTROL_SHEET_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
TRACKING_BOOK_TITLE = "SỔ THEO DÕI HỒ SƠ"

SIGN_NOTE = "(Ký, ghi rõ họ tên)"
SIGN_AND_SEAL_NOTE = "(Ký, ghi rõ họ tên và đóng dấu)"


def _document(agency: AgencyHeader, title: str, form_no: str, subject: str, created_at, **kwargs):
    return LegalDocument(
        agency=agency,
        title=title,
        subject=subject,
        created_at=created_at,
        keywords=(f"Mẫu số {form_no}", CIRCULAR, subject),
        **kwargs,
    )


def _or_blank(value: str) -> str:
    return value or BLANK


def _applicant_fields(doc: LegalDocument, applicant: Applicant, *, name_label: str, **kwargs) -> None:
    doc.field(name_label, applicant.name, **kwargs)
    if applicant.identifier:
        doc.field(*applicant.identifier, **kwargs)
    doc.field("Địa chỉ", _or_blank(applicant.address), **kwargs)
    doc.fields(
        [("Số điện thoại", _or_blank(applicant.phone)), ("Email", _or_blank(applicant.email))], **kwargs
    )


def _salutation(applicant: Applicant) -> str:
    return f"Ông/Bà {applicant.name}"


# --------------------------------------------------------------------------- Mẫu số 01


def render_receipt(data: ReceiptData) -> bytes:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR code (top right) for looking the dossier up."""
    doc = _document(data.header, RECEIPT_TITLE, "01", data.dossier_code, data.received_at)
    doc.agency_header(on=data.received_at)

    url_has_code = bool(data.lookup_url) and data.dossier_code in data.lookup_url
    qr_size = 26
    _, qr_bottom = doc.qr(
        data.lookup_url if url_has_code else data.dossier_code,
        size=qr_size,
        caption="Quét mã để tra cứu hồ sơ",
    )
    inset = qr_size + 4
    doc.title_block(inset=inset)
    doc.paragraph(
        ("B", "Mã hồ sơ: "),
        ("B", data.dossier_code),
        indent=False,
        align="C",
        right_inset=inset,
        left_inset=inset,
    )
    doc.clear_below(qr_bottom)
    doc.spacer(2)

    office = data.header.office_name or data.header.name_in_text
    doc.field("Bộ phận tiếp nhận và trả kết quả", office)
    _applicant_fields(doc, data.applicant, name_label="Tiếp nhận hồ sơ của")
    doc.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    doc.field("Hình thức nộp hồ sơ", label(CHANNELS, data.channel))

    doc.paragraph(("B", "1. Thành phần hồ sơ nộp gồm:"))
    with doc.grid(
        ("STT", "Tên giấy tờ", "Bản chính", "Bản sao"),
        (10, 110, 22, 22),
        align=("CENTER", "LEFT", "CENTER", "CENTER"),
    ) as add:
        for i, c in enumerate(data.components, start=1):
            add(str(i), c.name, str(c.originals), str(c.copies))
    doc.field("2. Số lượng hồ sơ", f"{data.dossier_sets:02d} (bộ)")
    doc.field("3. Thời gian giải quyết hồ sơ theo quy định", _or_blank(data.processing_time))
    doc.field("4. Thời gian nhận hồ sơ", fmt_clock(data.received_at))
    doc.field("5. Thời gian trả kết quả giải quyết hồ sơ", fmt_clock(data.appointment_at))
    doc.field("6. Đăng ký nhận kết quả", label(DELIVERY_METHODS, data.result_delivery))
    if data.lookup_url:
        doc.field("Tra cứu tình trạng giải quyết hồ sơ tại", data.lookup_url)
    doc.paragraph(
        f"Vào Sổ theo dõi hồ sơ, Quyển số: {_or_blank(data.book_number)}, "
        f"Số thứ tự: {_or_blank(data.book_entry)}.",
    )
    doc.signatures(
        left=Signature("NGƯỜI NỘP HỒ SƠ", note=SIGN_NOTE),
        right=Signature("NGƯỜI TIẾP NHẬN", data.receiving_officer, note=SIGN_NOTE),
    )
    return doc.to_bytes()


# --------------------------------------------------------------------------- Mẫu số 02


def render_supplement_request(data: SupplementRequestData) -> bytes:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: what is missing and why, the deadline, whom to ask."""
    doc = _document(data.header, SUPPLEMENT_TITLE, "02", data.dossier_code, data.issued_at)
    doc.agency_header(on=data.issued_at, number=data.document_number or None)
    doc.title_block()
    doc.field("Mã hồ sơ", data.dossier_code)
    _applicant_fields(doc, data.applicant, name_label="Hồ sơ của")
    doc.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    doc.paragraph(
        f"Sau khi kiểm tra, đối chiếu thành phần hồ sơ với quy định, {data.header.name_in_text} đề nghị "
        f"{_salutation(data.applicant)} bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"
    )
    with doc.grid(
        ("STT", "Nội dung cần bổ sung, hoàn thiện", "Lý do"), (10, 80, 74), align=("CENTER", "LEFT", "LEFT")
    ) as add:
        for i, item in enumerate(data.items, start=1):
            add(str(i), item.name, item.reason)
    doc.field("Thời hạn bổ sung, hoàn thiện hồ sơ", _or_blank(data.deadline_text))
    contact = f"{data.officer}, số điện thoại {data.officer_phone}" if data.officer_phone else data.officer
    doc.paragraph(
        "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với "
        f"{contact} để được hướng dẫn./."
    )
    doc.signatures(right=Signature("NGƯỜI HƯỚNG DẪN", data.officer, note=SIGN_NOTE))
    return doc.to_bytes()


# --------------------------------------------------------------------------- Mẫu số 03


def render_rejection(data: RejectionData) -> bytes:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    doc = _document(data.header, REJECTION_TITLE, "03", data.dossier_code, data.issued_at)
    doc.agency_header(on=data.issued_at, number=data.document_number or None)
    doc.title_block()
    doc.field("Mã hồ sơ", data.dossier_code)
    _applicant_fields(doc, data.applicant, name_label="Tiếp nhận hồ sơ của")
    doc.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    doc.paragraph(
        "Sau khi nghiên cứu, đối chiếu với quy định hiện hành và thành phần hồ sơ, "
        f"{data.header.name_in_text} từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:"
    )
    doc.paragraph(data.reason)
    doc.paragraph(f"Xin thông báo để {_salutation(data.applicant)} được biết và thực hiện./.")
    doc.signatures(right=Signature("NGƯỜI TIẾP NHẬN", data.officer, note=SIGN_NOTE))
    return doc.to_bytes()


# --------------------------------------------------------------------------- Mẫu số 04


def render_apology(data: ApologyData) -> bytes:
    """Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết, stating the new appointment."""
    agency = data.header.name_in_text
    doc = _document(data.header, APOLOGY_TITLE, "04", data.dossier_code, data.issued_at)
    doc.agency_header(on=data.issued_at, number=_or_blank(data.document_number))
    doc.title_block()
    doc.paragraph(("B", "Kính gửi: "), _salutation(data.applicant), indent=False, align="C")
    doc.spacer(2)
    doc.paragraph(
        f"Ngày {fmt_date(data.received_at)}, {agency} đã tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ ",
        ("B", data.dossier_code),
        f", đề nghị giải quyết thủ tục hành chính: {data.procedure_name}.",
    )
    doc.paragraph(
        "Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả: ",
        fmt_clock(data.old_appointment),
        ".",
    )
    doc.paragraph(
        f"Tuy nhiên, đến nay {agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn nêu trên."
    )
    doc.paragraph(("B", "Lý do: "), data.reason)
    doc.paragraph(
        f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency} trân trọng xin lỗi Ông/Bà và đề nghị "
        "được gia hạn thời gian giải quyết hồ sơ. Kết quả giải quyết hồ sơ sẽ được trả cho Ông/Bà vào ",
        ("B", fmt_clock(data.new_appointment)),
        ".",
    )
    doc.paragraph("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.")
    doc.signatures(
        left=Recipients(("Như trên;", "Lưu: VT.")),
        right=Signature(data.signer_title, data.signer_name, note=SIGN_AND_SEAL_NOTE),
    )
    return doc.to_bytes()


# --------------------------------------------------------------------------- Mẫu số 05


def render_stop_notice(data: StopNoticeData) -> bytes:
    """Thông báo dừng giải quyết hồ sơ, with the reason."""
    agency = data.header.name_in_text
    doc = _document(data.header, STOP_NOTICE_TITLE, "05", data.dossier_code, data.issued_at)
    doc.agency_header(on=data.issued_at, number=_or_blank(data.document_number))
    doc.title_block()
    doc.paragraph(("B", "Kính gửi: "), _salutation(data.applicant), indent=False, align="C")
    doc.spacer(2)
    doc.paragraph(
        f"Ngày {fmt_date(data.received_at)}, {agency} đã tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ ",
        ("B", data.dossier_code),
        f", đề nghị giải quyết thủ tục hành chính: {data.procedure_name}.",
    )
    doc.paragraph(f"{agency} thông báo dừng giải quyết hồ sơ nêu trên vì lý do sau:")
    doc.paragraph(data.reason)
    doc.paragraph("Xin thông báo để Ông/Bà được biết./.")
    doc.signatures(
        left=Recipients(("Như trên;", "Lưu: VT.")),
        right=Signature(data.signer_title, data.signer_name, note=SIGN_AND_SEAL_NOTE),
    )
    return doc.to_bytes()


# --------------------------------------------------------------------------- Mẫu số 06


def render_control_sheet(data: ControlSheetData) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-off, with its result."""
    moments = [data.received_at] + [m for r in data.rows for m in (r.at, r.done) if m is not None]
    created = max(moments, key=aware)
    doc = _document(data.header, CONTROL_SHEET_TITLE, "06", data.dossier_code, created)
    doc.agency_header(on=data.received_at)
    doc.title_block()
    doc.field("Mã hồ sơ", data.dossier_code)
    doc.paragraph(
        f"(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ {data.dossier_code})",
        indent=False,
        align="C",
        size=10,
    )
    doc.field("Hồ sơ của", data.applicant.name)
    doc.field("Thủ tục hành chính", data.procedure_name)
    doc.field("Thời gian nhận hồ sơ", fmt_clock(data.received_at))
    doc.field("Thời gian hẹn trả kết quả", fmt_clock(data.appointment_at))
    doc.field("Cơ quan (bộ phận) giải quyết hồ sơ", _or_blank(data.lead_unit))
    doc.field("Cơ quan phối hợp giải quyết hồ sơ", _or_blank(data.coordinating_units))
    doc.spacer(1)
    headings = (
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)",
        "GHI CHÚ",
    )
    with doc.grid(headings, (50, 48, 38, 29), align=("LEFT", "LEFT", "CENTER", "LEFT")) as add:
        for row in data.rows:
            result = [row.result_label]
            if row.due:
                result.append(f"Hạn: {fmt_datetime(row.due)}")
            if row.done:
                result.append(f"Hoàn thành: {fmt_datetime(row.done)}")
            add(
                f"1. Giao: {row.sending_unit}\n2. Nhận: {row.receiving_unit}",
                f"{fmt_clock(row.at)}\nNgười giao: {row.handed_over_by}\nNgười nhận: {row.received_by}",
                "\n".join(s for s in result if s),
                row.comment,
            )
    return doc.to_bytes()


# --------------------------------------------------------------------------- Mẫu số 07


def render_tracking_book(data: TrackingBookData) -> bytes:
    """Sổ theo dõi hồ sơ (landscape): one row per dossier, the heading row repeated on every page."""
    period = f"Từ ngày {fmt_date(data.date_from)} đến ngày {fmt_date(data.date_to)}"
    subject = f"{TRACKING_BOOK_TITLE} - {data.counter_name} - {period}"
    created = data.issued_at or start_of_day(data.date_to)
    doc = _document(data.header, TRACKING_BOOK_TITLE, "07", subject, created, landscape=True)
    doc.agency_header(on=created, left_share=0.4)
    doc.title_block(subtitle=period)
    parts = [("Bộ phận tiếp nhận và trả kết quả", data.counter_name)]
    if data.book_number:
        parts.append(("Quyển số", data.book_number))
    doc.fields(parts, indent=False)
    headings = (
        "STT",
        "Mã hồ sơ",
        "Tên thủ tục hành chính",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Trả kết quả",
        "Tình trạng",
        "Ghi chú",
    )
    widths = (10, 44, 42, 28, 36, 21, 21, 21, 20, 24)
    align = ("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER", "CENTER", "LEFT", "LEFT")
    with doc.grid(headings, widths, align=align, size=8) as add:
        for i, r in enumerate(data.rows, start=1):
            add(
                str(i),
                r.dossier_code,
                r.procedure_name,
                r.applicant_name,
                r.address_phone,
                _stamp(r.received_at),
                _stamp(r.appointment_at),
                _stamp(r.returned_at),
                r.status,
                r.notes,
            )
    return doc.to_bytes()


def _stamp(value) -> str:
    return f"{fmt_date(value)}\n{fmt_time(value)}" if value is not None else ""


__all__ = [
    "render_apology",
    "render_control_sheet",
    "render_receipt",
    "render_rejection",
    "render_stop_notice",
    "render_supplement_request",
    "render_tracking_book",
]


# --------------------------------------------------------------------------- results

#: Room left under the signer's title for the signature block that signing adds (mm).
RESULT_SIGNATURE_SPACE = 30


def render_result(data: ResultData) -> bytes:
    """The draft result for the leader's review and signature: the agency's header, the title (and the
    subject of a decision), the body paragraphs as the template wrote them (a line starting with
    "Điều" in bold), then "Nơi nhận" and the signer's title with room for the digital signature."""
    doc = LegalDocument(
        agency=data.header,
        title=data.title,
        subject=data.dossier_code,
        created_at=data.issued_at,
        keywords=("Kết quả giải quyết thủ tục hành chính", data.dossier_code),
    )
    doc.agency_header(on=data.issued_at, number=_or_blank(data.document_number))
    doc.title_block(data.title, subtitle=data.subject)
    for text in data.paragraphs:
        article, sep, rest = text.partition(".")
        if data.layout == "decision" and text.startswith("Điều ") and sep and len(article) <= 9:
            doc.paragraph(("B", article + sep), rest)
        else:
            doc.paragraph(text)
    doc.paragraph(f"(Mã hồ sơ: {data.dossier_code})", indent=False, size=10)
    recipients = Recipients(data.recipients) if data.recipients else Recipients()
    doc.signatures(
        left=recipients if data.layout == "decision" else None,
        right=Signature(data.signer_title, data.signer_name, note=""),
        space=RESULT_SIGNATURE_SPACE,
    )
    return doc.to_bytes()
