"""Small PDF files for the demo form templates, so every form has something real to download.

Each file is a one-page form: the national name and motto, the form code, the title, the procedure it
belongs to and blank lines to fill in. DejaVu Sans prints Vietnamese; on a machine without it the text is
written without diacritics in a core PDF font so that loading the demo never fails for want of a font.

fpdf2 parses the whole font for every document, which for DejaVu Sans (6,000 glyphs) costs a tenth of a
second per file; the fonts are therefore cut once per process down to the Latin and Vietnamese letters
(a few hundred glyphs) in a temporary folder, which makes a file about five times cheaper.
"""

import logging
import os
import tempfile
import unicodedata
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from fontTools import subset, ttLib
from fpdf import FPDF

FONT_DIRS = (
    Path(os.environ.get("MOTCUA_DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
FIELDS = (
    "Họ và tên người đề nghị",
    "Số định danh cá nhân / Mã số thuế",
    "Địa chỉ liên hệ",
    "Số điện thoại, thư điện tử",
    "Nội dung đề nghị",
)


@contextmanager
def _quiet_font_subsetting():
    """fontTools logs every subsetting step at INFO, which the project's root logger would print."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Vietnamese letters, dashes, quotes, ₫.
_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x300, 0x324),
    *range(0x1EA0, 0x1EFA),
    *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x20AB),
]
_KEEP_FONTS = []  # the temporary folder lives as long as the process


def _font(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


@cache
def _vietnamese_font(name: str) -> Path | None:
    """DejaVu Sans ``name`` cut down to Latin and Vietnamese, or the full font if cutting fails."""
    source = _font(name)
    if source is None:
        return None
    try:
        with _quiet_font_subsetting():
            font = ttLib.TTFont(source, recalcTimestamp=False)
            options = subset.Options()
            options.layout_features = []
            options.name_IDs = ["*"]
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=_UNICODES)
            subsetter.subset(font)
            if not _KEEP_FONTS:
                _KEEP_FONTS.append(tempfile.TemporaryDirectory(prefix="motcua-fonts-"))
            target = Path(_KEEP_FONTS[0].name) / name
            font.save(target)
            return target
    except Exception:  # noqa: BLE001 - any fontTools trouble: embed the whole font instead
        return source


def _without_marks(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-")
    decomposed = unicodedata.normalize("NFD", text)
    return (
        "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
        .encode("latin-1", "ignore")
        .decode("latin-1")
    )


def form_pdf(
    *, title: str, form_code: str, procedure_name: str, procedure_code: str, agency_name: str
) -> bytes:
    """A one-page PDF for one form template (one font face: every extra face costs another parse)."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 20)
    regular = _vietnamese_font("DejaVuSans.ttf")
    if regular:
        pdf.add_font("DejaVu", "", str(regular))
        family, text = "DejaVu", str
    else:
        family, text = "Helvetica", _without_marks
    pdf.set_title(text(title))
    pdf.set_creator("Motcua")
    pdf.add_page()
    width = pdf.epw

    def line(size: float, height: float, content: str, align: str = "L"):
        pdf.set_font(family, size=size)
        pdf.cell(width, height, text(content), align=align, new_x="LMARGIN", new_y="NEXT")

    def paragraph(size: float, height: float, content: str, align: str = "C"):
        pdf.set_font(family, size=size)
        pdf.multi_cell(width, height, text(content), align=align, new_x="LMARGIN", new_y="NEXT")

    if form_code:
        line(9, 5, form_code, "R")
    line(11, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "C")
    line(11, 6, "Độc lập - Tự do - Hạnh phúc", "C")
    pdf.ln(8)
    paragraph(14, 7, title.upper())
    pdf.ln(2)
    paragraph(10, 5, f"Thủ tục: {procedure_name} (mã {procedure_code})")
    pdf.ln(6)
    line(11, 8, f"Kính gửi: {agency_name}")
    for field in FIELDS:
        line(11, 9, f"{field}:")
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(8)
    line(11, 6, "......., ngày ..... tháng ..... năm ........", "R")
    line(11, 6, "NGƯỜI ĐỀ NGHỊ", "R")
    line(9, 5, "(Ký, ghi rõ họ tên)", "R")
    pdf.set_y(-25)
    line(
        8,
        4,
        "Biểu mẫu minh họa thuộc dữ liệu mẫu của Motcua; dùng mẫu do cơ quan có thẩm quyền ban hành.",
        "C",
    )
    with _quiet_font_subsetting():
        return bytes(pdf.output())
