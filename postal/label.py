"""The address label of a shipment: an A6 sheet with the barcode of its number, the sender (the agency)
and the receiver (name, phone, address), to stick on the envelope."""

from fpdf import FPDF

from documents.forms.formatting import nfc
from documents.forms.layout import CREATOR, FONT_FAMILY, _font_for

WIDTH, HEIGHT = 148, 105  # mm, A6 landscape
MARGIN = 6
BAR_WIDTH = 0.33  # mm, the narrow bar of Code 39: readable by common hand scanners


class _Label(FPDF):
    def set_font(self, family=None, style="", size=0):
        """The embedded DejaVu faces (Vietnamese), added on first use like ``LegalDocument``'s."""
        if family and family.lower() == FONT_FAMILY.lower():
            wanted = "".join(letter for letter in "BI" if letter in str(style or "").upper())
            key = f"{FONT_FAMILY.lower()}{wanted}"
            if key not in self.fonts:
                self.fonts[key] = _font_for(self, wanted)
        super().set_font(family, style, size)


def _code39(number: str) -> str:
    """Code 39 carries capitals, digits and ``-. $/+%``; anything else is left out of the bars (the
    number is printed in full under them)."""
    allowed = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%")
    return "*" + "".join(c for c in number.upper() if c in allowed) + "*"


def _block(pdf: _Label, title: str, party: dict, *, size: float) -> None:
    pdf.set_font(FONT_FAMILY, "B", 8)
    pdf.cell(0, 4, nfc(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", size)
    pdf.multi_cell(0, size * 0.45, nfc(party.get("name", "")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", size - 1)
    if party.get("phone"):
        pdf.cell(0, size * 0.45, nfc(f"ĐT: {party['phone']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, size * 0.45, nfc(party.get("address", "")), new_x="LMARGIN", new_y="NEXT")


def label_pdf(shipment) -> bytes:
    number = shipment.barcode_number
    pdf = _Label(orientation="L", unit="mm", format=(HEIGHT, WIDTH))  # A6 landscape
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.set_title(nfc(f"Nhãn bưu gửi {number}"))
    pdf.set_creator(CREATOR)
    pdf.set_lang("vi-VN")
    pdf.add_page()

    pdf.code39(_code39(number), x=MARGIN, y=MARGIN, w=BAR_WIDTH, h=14)
    pdf.set_xy(MARGIN, MARGIN + 15)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(70, 5, number)
    pdf.set_xy(WIDTH - MARGIN - 50, MARGIN)
    pdf.set_font(FONT_FAMILY, "", 8)
    pdf.multi_cell(50, 3.6, nfc(f"Hồ sơ: {shipment.dossier.code}"), align="R")
    if shipment.cod_amount:
        pdf.set_x(WIDTH - MARGIN - 50)
        pdf.set_font(FONT_FAMILY, "B", 9)
        pdf.multi_cell(50, 4, nfc(f"Thu hộ (COD): {shipment.cod_amount:,} đ".replace(",", ".")), align="R")

    pdf.set_xy(MARGIN, MARGIN + 23)
    _block(pdf, "NGƯỜI GỬI", shipment.sender, size=9)
    pdf.set_draw_color(0)
    pdf.line(MARGIN, pdf.get_y() + 1.5, WIDTH - MARGIN, pdf.get_y() + 1.5)
    pdf.set_y(pdf.get_y() + 3)
    _block(pdf, "NGƯỜI NHẬN", shipment.receiver, size=12)
    return bytes(pdf.output())
