"""Plain inputs of the one-stop-shop legal forms (Circular 03/2025/TT-VPCP, Appendix I).

No ORM here on purpose: whoever owns the dossier models maps them to these frozen dataclasses, and the
renderers in :mod:`documents.forms.render` turn them into PDF bytes.

Datetimes may be aware (converted to Asia/Ho_Chi_Minh when printed) or naive (taken as already being
Vietnamese local time). Free text is printed as given, so pass Vietnamese wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

#: Step results of the control sheet, as stored by the workflow, and how the form prints them.
HANDOFF_RESULTS: dict[str, str] = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
}

#: Submission channels (codes accepted as well as any free Vietnamese text).
CHANNELS: dict[str, str] = {
    "direct": "Trực tiếp tại Bộ phận Một cửa",
    "online": "Trực tuyến trên Cổng Dịch vụ công",
    "postal": "Qua dịch vụ bưu chính công ích",
}

#: Ways the result is returned (codes accepted as well as any free Vietnamese text).
DELIVERY_METHODS: dict[str, str] = {
    "counter": "Trực tiếp tại Bộ phận Một cửa",
    "postal": "Qua dịch vụ bưu chính công ích",
    "online": "Trực tuyến (bản điện tử trên Cổng Dịch vụ công)",
}


def _as_tuple(value: Iterable) -> tuple:
    return value if isinstance(value, tuple) else tuple(value)


def _freeze(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


@dataclass(frozen=True, kw_only=True)
class AgencyHeader:
    """Left column of the administrative header and the place of the date line."""

    governing_body: str  # "UBND TỈNH QUẢNG NINH"
    agency_name: str  # "SỞ TƯ PHÁP", as printed (capitals) in the header
    place_name: str  # "Quảng Ninh", for "Quảng Ninh, ngày … tháng … năm …"
    agency_name_in_text: str = ""  # "Sở Tư pháp", inside sentences; defaults to agency_name
    office_name: str = ""  # the one-stop counter, e.g. "Trung tâm Phục vụ hành chính công tỉnh"

    @property
    def name_in_text(self) -> str:
        return self.agency_name_in_text or self.agency_name


@dataclass(frozen=True, kw_only=True)
class Applicant:
    name: str
    personal_id: str = ""  # số định danh cá nhân (citizens)
    tax_code: str = ""  # mã số thuế / mã số doanh nghiệp (organisations)
    phone: str = ""
    email: str = ""
    address: str = ""

    @property
    def identifier(self) -> tuple[str, str] | None:
        """(label, value) of the identifier to print, or None."""
        if self.personal_id:
            return ("Số định danh cá nhân", self.personal_id)
        if self.tax_code:
            return ("Mã số thuế", self.tax_code)
        return None


@dataclass(frozen=True)
class Component:
    """One paper of the dossier, with the number of originals and copies received."""

    name: str
    originals: int = 0
    copies: int = 0


@dataclass(frozen=True, kw_only=True)
class ReceiptData:
    """Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    header: AgencyHeader
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    components: tuple[Component, ...]  # Component or (name, originals, copies)
    received_at: datetime
    appointment_at: datetime
    channel: str  # a CHANNELS code or free text
    receiving_officer: str
    result_delivery: str  # a DELIVERY_METHODS code or free text
    lookup_url: str = ""  # printed; encoded in the QR code when it contains the dossier code
    processing_time: str = ""  # "10 ngày làm việc"; blank prints a dotted line
    dossier_sets: int = 1
    book_number: str = ""  # "Vào Sổ theo dõi hồ sơ, Quyển số …"
    book_entry: str = ""  # "… Số thứ tự …"

    def __post_init__(self) -> None:
        _freeze(
            self,
            "components",
            tuple(c if isinstance(c, Component) else Component(*c) for c in self.components),
        )


@dataclass(frozen=True)
class MissingItem:
    name: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class SupplementRequestData:
    """Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    header: AgencyHeader
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    items: tuple[MissingItem, ...]  # MissingItem or (name, reason)
    officer: str
    issued_at: datetime
    deadline_text: str = ""  # "05 ngày làm việc kể từ ngày nhận được Phiếu này"
    officer_phone: str = ""
    document_number: str = ""

    def __post_init__(self) -> None:
        _freeze(
            self, "items", tuple(i if isinstance(i, MissingItem) else MissingItem(*i) for i in self.items)
        )


@dataclass(frozen=True, kw_only=True)
class RejectionData:
    """Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    header: AgencyHeader
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    reason: str
    officer: str
    issued_at: datetime
    document_number: str = ""


@dataclass(frozen=True, kw_only=True)
class ApologyData:
    """Mẫu số 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."""

    header: AgencyHeader
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    reason: str  # why the dossier is late
    old_appointment: datetime
    new_appointment: datetime
    issued_at: datetime
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    document_number: str = ""


@dataclass(frozen=True, kw_only=True)
class StopNoticeData:
    """Mẫu số 05: Thông báo dừng giải quyết hồ sơ."""

    header: AgencyHeader
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    reason: str
    issued_at: datetime
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    document_number: str = ""


@dataclass(frozen=True, kw_only=True)
class HandOff:
    """One step of the control sheet: who handed the dossier to whom, when, and how it went."""

    sending_unit: str
    handed_over_by: str
    receiving_unit: str
    received_by: str
    at: datetime
    due: datetime | None = None
    done: datetime | None = None
    result: str = ""  # "early" / "on_time" / "late", or "" while the step is open
    comment: str = ""

    def __post_init__(self) -> None:
        if self.result and self.result not in HANDOFF_RESULTS:
            raise ValueError(
                f"unknown hand-off result {self.result!r}; expected one of {list(HANDOFF_RESULTS)}"
            )

    @property
    def result_label(self) -> str:
        return HANDOFF_RESULTS.get(self.result, "")


@dataclass(frozen=True, kw_only=True)
class ControlSheetData:
    """Mẫu số 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    header: AgencyHeader
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    appointment_at: datetime
    rows: tuple[HandOff, ...] = field(default=())
    lead_unit: str = ""  # cơ quan (bộ phận) giải quyết hồ sơ
    coordinating_units: str = ""  # cơ quan phối hợp giải quyết hồ sơ

    def __post_init__(self) -> None:
        _freeze(self, "rows", _as_tuple(self.rows))


@dataclass(frozen=True, kw_only=True)
class TrackingRow:
    dossier_code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    received_at: datetime
    appointment_at: datetime
    returned_at: datetime | None = None
    status: str = ""  # "Đang giải quyết", "Đã trả kết quả", …
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class TrackingBookData:
    """Mẫu số 07: Sổ theo dõi hồ sơ (one counter, one period)."""

    header: AgencyHeader
    counter_name: str
    date_from: date
    date_to: date
    rows: tuple[TrackingRow, ...] = field(default=())
    book_number: str = ""
    issued_at: datetime | None = None  # defaults to the start of date_to

    def __post_init__(self) -> None:
        _freeze(self, "rows", _as_tuple(self.rows))


@dataclass(frozen=True, kw_only=True)
class ResultData:
    """The result of a procedure drafted from its catalog template: a decision (Quyết định: title,
    subject, articles, "Nơi nhận") or a certificate/licence (title, then the body as it is written)."""

    header: AgencyHeader
    layout: str  # "decision" or "certificate"
    title: str  # e.g. "QUYẾT ĐỊNH" or "GIẤY PHÉP KINH DOANH ..."
    subject: str  # "Về việc ...": printed under the title of a decision; "" for none
    paragraphs: tuple[str, ...]
    dossier_code: str
    issued_at: datetime
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    document_number: str = ""
    recipients: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "paragraphs", _as_tuple(self.paragraphs))
        _freeze(self, "recipients", _as_tuple(self.recipients))
