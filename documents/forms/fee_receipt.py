"""The electronic receipt of fees and charges (biên lai thu phí, lệ phí điện tử), as PDF.

Laid out as Vietnamese e-receipts are (Decree 11/2020/NĐ-CP, Circular 32/2025/TT-BTC): the agency's
header, the title, the receipt's form number (mẫu số), series (ký hiệu) and number, the collecting
agency, the payer, the fee lines with their total in figures and in words, how it was paid (the
gateway's reference and transaction number, or the counter), and the collecting agency's seal. The
seal is the agency's electronic signature, put on by the caller after rendering: its visible block
lands at the bottom right of the last page, which this layout keeps free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .amount_words import vnd_in_words
from .data import AgencyHeader, Applicant, _as_tuple, _freeze
from .formatting import BLANK, fmt_datetime
from .layout import LegalDocument, Signature

FEE_RECEIPT_TITLE = "BIÊN LAI THU PHÍ, LỆ PHÍ"
#: Room the agency's visible seal needs at the foot of the last page (its block and margin, in mm).
SEAL_ROOM = 34


def format_vnd(amount: int) -> str:
    """1250000 → "1.250.000" (the Vietnamese grouping)."""
    return f"{amount:,}".replace(",", ".")


@dataclass(frozen=True)
class FeeReceiptLine:
    name: str
    amount: int  # VND


@dataclass(frozen=True, kw_only=True)
class FeeReceiptData:
    header: AgencyHeader
    form_number: str  # mẫu số, e.g. "01BLP0-001"
    series: str  # ký hiệu, e.g. "MC-26E"
    number: str  # số, e.g. "0000001"
    issued_at: datetime
    payer: Applicant
    dossier_code: str
    procedure_name: str
    lines: tuple[FeeReceiptLine, ...]
    payment_method: str  # in Vietnamese: "Thanh toán trực tuyến qua VNPay", "Tiền mặt", …
    reference: str = ""  # our reference (vnp_TxnRef)
    transaction_no: str = ""  # the gateway's transaction number, or the card slip
    paid_at: datetime | None = None
    collector: str = ""  # the officer who collected at the counter

    def __post_init__(self) -> None:
        _freeze(self, "lines", _as_tuple(self.lines))

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def render_fee_receipt(data: FeeReceiptData) -> bytes:
    """The receipt as PDF bytes (deterministic: the same data gives the same bytes)."""
    doc = LegalDocument(
        agency=data.header,
        title=FEE_RECEIPT_TITLE,
        subject=f"{data.series} {data.number}",
        created_at=data.issued_at,
        keywords=(f"Mẫu số {data.form_number}", f"Ký hiệu {data.series}", f"Số {data.number}"),
    )
    doc.agency_header(on=data.issued_at)
    doc.title_block(subtitle="(Biên lai điện tử)")
    doc.fields(
        [("Mẫu số", data.form_number), ("Ký hiệu", data.series), ("Số", data.number)],
        indent=False,
        align="C",
    )
    doc.spacer(2)
    doc.field("Đơn vị thu phí, lệ phí", data.header.name_in_text, indent=False)
    doc.field("Người nộp", data.payer.name, indent=False)
    if data.payer.identifier:
        doc.field(*data.payer.identifier, indent=False)
    doc.field("Địa chỉ", data.payer.address or BLANK, indent=False)
    doc.field("Hồ sơ", f"{data.dossier_code} – {data.procedure_name}", indent=False)

    with doc.grid(
        ("STT", "Tên loại phí, lệ phí", "Số tiền (đồng)"), (12, 118, 40), align=("CENTER", "LEFT", "RIGHT")
    ) as add:
        for index, line in enumerate(data.lines, start=1):
            add(str(index), line.name, format_vnd(line.amount))
        add("", "Tổng cộng", format_vnd(data.total))
    doc.field("Số tiền bằng chữ", vnd_in_words(data.total), indent=False)
    doc.field("Hình thức thanh toán", data.payment_method, indent=False)
    if data.reference:
        doc.field("Mã tham chiếu", data.reference, indent=False)
    if data.transaction_no:
        doc.field("Mã giao dịch", data.transaction_no, indent=False)
    doc.field("Thời gian thanh toán", fmt_datetime(data.paid_at) if data.paid_at else BLANK, indent=False)
    if doc.get_y() + 45 + SEAL_ROOM > doc.h:
        doc.add_page()
    doc.signatures(
        left=Signature("NGƯỜI NỘP TIỀN", note=""),
        right=Signature("ĐƠN VỊ THU", data.collector, note="(Ký số, đóng dấu điện tử)"),
        space=8,
    )
    return doc.to_bytes()
