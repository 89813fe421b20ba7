"""A small builder of Vietnamese administrative documents on fpdf2.

It knows the presentation rules of Decree 30/2020/NĐ-CP that the one-stop forms follow: the two-column
header (governing body and agency on the left, national name and motto on the right, each with its short
rule), the place and date line, the bold capital title, justified paragraphs with a first-line indent,
bordered tables whose heading row repeats on every page, page numbers from the second page on, and the
signature blocks with "Nơi nhận" on the left.

Every form of :mod:`documents.forms.render` is drawn with it; nothing here knows about a specific form.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import segno
from fontTools import ttLib
from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout
from fpdf.fonts import SubsetMap, TTFFont

from .data import AgencyHeader
from .formatting import aware, date_line, nfc

FONT_FAMILY = "DejaVu"
FONT_DIRS = (
    Path(os.environ.get("MOTCUA_DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
CREATOR = "Motcua - Hệ thống thông tin giải quyết thủ tục hành chính"

BODY_SIZE = 11
HEADER_SIZE = 10.5
TITLE_SIZE = 13
TABLE_SIZE = 9.5
LINE_HEIGHT = 1.35  # multiple of the font size, for paragraphs
PARAGRAPH_INDENT = 10  # mm, first line of body paragraphs
HEADING_FILL = (235, 235, 235)

# A paragraph is a sequence of parts: plain text, or (style, text) with style "", "B", "I" or "BI".
Part = str | tuple[str, str]


def font_path(style: str) -> Path:
    """DejaVu Sans in the given style; the oblique faces fall back to upright ones when missing."""
    for name in (FONT_FILES[style], FONT_FILES[style.replace("I", "")]):
        for folder in FONT_DIRS:
            if (folder / name).is_file():
                return folder / name
    raise FileNotFoundError(f"DejaVu Sans ({FONT_FILES[style]}) not found in {[str(d) for d in FONT_DIRS]}")


@lru_cache(maxsize=len(FONT_FILES))
def _parsed_font(style: str) -> TTFFont:
    """DejaVu Sans in one style with its metrics and character map, read once per process.

    Reading a face takes about 40 ms, four times per document: a receipt printed at every submission
    would spend most of its time there.
    """
    scratch = FPDF()
    scratch.add_font(FONT_FAMILY, style, str(font_path(style)))
    return scratch.fonts[f"{FONT_FAMILY.lower()}{style}"]


def _font_for(document: FPDF, style: str) -> TTFFont:
    """A face for one document: the parsed metrics shared, the glyph subset and font tables its own
    (writing the PDF trims the font tables in place to the glyphs the document used)."""
    parsed = _parsed_font(style)
    font = copy.copy(parsed)
    font.i = len(document.fonts) + 1
    font.ttfont = ttLib.TTFont(parsed.ttffile, recalcTimestamp=False, lazy=True)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    return font


@dataclass(frozen=True)
class Signature:
    """One signature column: "NGƯỜI TIẾP NHẬN" / "(Ký, ghi rõ họ tên)" / room to sign / the name."""

    title: str
    name: str = ""
    note: str = "(Ký, ghi rõ họ tên)"


@dataclass(frozen=True)
class Recipients:
    """The "Nơi nhận:" list printed left of the signature of official letters."""

    items: tuple[str, ...] = ("Như trên;", "Lưu: VT.")


class LegalDocument(FPDF):
    """An A4 administrative document; build it top to bottom, then call :meth:`to_bytes`."""

    def __init__(
        self,
        *,
        agency: AgencyHeader,
        title: str,
        subject: str,
        created_at: datetime | date,
        keywords: Sequence[str] = (),
        landscape: bool = False,
    ) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.agency = agency
        self.doc_title = nfc(title)
        margin = 15 if landscape else 20
        self.set_margins(left=margin if landscape else 25, top=margin, right=margin)
        self.set_auto_page_break(True, margin=margin)
        self.set_font(FONT_FAMILY, "", BODY_SIZE)
        self.set_text_color(0)
        self.set_draw_color(0)

        if not isinstance(created_at, datetime):
            created_at = datetime.combine(created_at, datetime.min.time())
        self.set_creation_date(aware(created_at))
        self.set_title(self.doc_title)
        self.set_author(nfc(agency.agency_name))
        self.set_subject(nfc(subject))
        self.set_creator(CREATOR)
        if keywords:
            self.set_keywords(nfc(", ".join(keywords)))
        self.set_lang("vi-VN")
        self.set_display_mode("fullwidth")
        self.add_page()

    def set_font(self, family: str | None = None, style: str = "", size: float = 0) -> None:
        """Faces are added on first use: every face added is embedded, used or not."""
        if family and family.lower() == FONT_FAMILY.lower():
            wanted = "".join(letter for letter in "BI" if letter in str(style or "").upper())
            key = f"{FONT_FAMILY.lower()}{wanted}"
            if key not in self.fonts:
                self.fonts[key] = _font_for(self, wanted)
        super().set_font(family, style, size)

    # ----------------------------------------------------------------- page furniture

    def header(self) -> None:
        """From the second page on, the page number centred in the top margin (Decree 30/2020)."""
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", 10)
            self.set_xy(self.l_margin, self.t_margin / 2 - 2)
            self.cell(self.epw, 4, str(self.page_no()), align="C")
            self.set_xy(self.l_margin, self.t_margin)
            self.set_font(FONT_FAMILY, "", BODY_SIZE)

    def to_bytes(self) -> bytes:
        return bytes(self.output())

    # ----------------------------------------------------------------- helpers

    def _style(self, style: str = "", size: float | None = None) -> None:
        self.set_font(FONT_FAMILY, style, size or self.font_size_pt)

    def _fit_size(self, text: str, width: float, style: str, size: float, minimum: float = 7) -> float:
        """The largest size from ``size`` down that keeps ``text`` on one line of ``width``."""
        while size > minimum:
            self.set_font(FONT_FAMILY, style, size)
            if self.get_string_width(text) <= width - 2:
                break
            size -= 0.5
        return size

    def _centered(self, text: str, x: float, width: float, style: str, size: float, line: float) -> float:
        """Centred, wrapping lines in the column [x, x + width]; returns the width of the widest line."""
        self.set_font(FONT_FAMILY, style, size)
        self.set_x(x)
        lines = self.multi_cell(width, line, nfc(text), align="C", new_x="LEFT", new_y="NEXT", output="LINES")
        return max((self.get_string_width(s) for s in lines), default=0)

    def _rule(self, x_center: float, length: float, gap: float = 0.6) -> None:
        y = self.get_y() + gap
        self.set_line_width(0.3)
        self.line(x_center - length / 2, y, x_center + length / 2, y)
        self.set_y(y + gap)

    # ----------------------------------------------------------------- header, title

    def agency_header(
        self, *, on: date | datetime, number: str | None = None, left_share: float = 0.42
    ) -> None:
        """Governing body, agency and rule on the left; national name, motto and rule on the right; then
        the "Số:" line (when given) on the left and the place and date line, italic, on the right."""
        a = self.agency
        top = self.get_y()
        left_w = self.epw * left_share
        right_x, right_w = self.l_margin + left_w, self.epw - left_w
        line = 5.0

        self.set_xy(self.l_margin, top)
        self._centered(a.governing_body.upper(), self.l_margin, left_w, "", HEADER_SIZE, line)
        widest = self._centered(a.agency_name.upper(), self.l_margin, left_w, "B", HEADER_SIZE, line)
        self._rule(self.l_margin + left_w / 2, min(widest, left_w) * 0.45)
        left_bottom = self.get_y()

        self.set_xy(right_x, top)
        nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        size = self._fit_size(nation, right_w, "B", HEADER_SIZE)
        self._centered(nation, right_x, right_w, "B", size, line)
        motto = "Độc lập - Tự do - Hạnh phúc"
        widest = self._centered(motto, right_x, right_w, "B", size + 0.5, line)
        self._rule(right_x + right_w / 2, widest)
        right_bottom = self.get_y()

        y = max(left_bottom, right_bottom) + 1.5
        if number is not None:
            self.set_xy(self.l_margin, y)
            self._centered(f"Số: {number}", self.l_margin, left_w, "", HEADER_SIZE, line)
        self.set_xy(right_x, y)
        self._centered(date_line(a.place_name, on), right_x, right_w, "I", HEADER_SIZE, line)
        self.set_y(max(self.get_y(), y + line) + 6)
        self._style("", BODY_SIZE)

    def title_block(self, text: str | None = None, *, subtitle: str = "", inset: float = 0) -> None:
        """The bold capital title, centred; ``inset`` keeps it clear of something on both sides."""
        self._centered(
            (text or self.doc_title).upper(),
            self.l_margin + inset,
            self.epw - 2 * inset,
            "B",
            TITLE_SIZE,
            6.5,
        )
        if subtitle:
            self._centered(subtitle, self.l_margin + inset, self.epw - 2 * inset, "I", BODY_SIZE, 5.5)
        self.ln(4)
        self._style("", BODY_SIZE)

    def qr(
        self,
        payload: str,
        *,
        size: float = 26,
        x: float | None = None,
        y: float | None = None,
        caption: str = "",
    ) -> tuple[float, float]:
        """A QR code (PNG made in memory) at (x, y), by default flush with the right margin at the current
        line; returns its bottom-left corner (x, bottom) so text can be kept clear of it."""
        image = io.BytesIO()
        segno.make(payload, error="m", micro=False).save(image, kind="png", scale=8, border=2)
        image.seek(0)
        x = self.w - self.r_margin - size if x is None else x
        y = self.get_y() if y is None else y
        self.image(image, x=x, y=y, w=size, h=size)
        bottom = y + size
        if caption:
            self.set_font(FONT_FAMILY, "I", 7)
            self.set_xy(x - 4, bottom - 1)
            self.multi_cell(size + 8, 3, nfc(caption), align="C")
            bottom = self.get_y()
            self._style("", BODY_SIZE)
        self.set_y(y)
        return x, bottom

    # ----------------------------------------------------------------- body text

    def paragraph(
        self,
        *parts: Part,
        indent: bool = True,
        align: str = "J",
        size: float = BODY_SIZE,
        after: float = 0.8,
        right_inset: float = 0,
        left_inset: float = 0,
    ) -> None:
        """A paragraph of mixed plain/bold/italic parts, justified, first line indented."""
        self._style("", size)
        with (
            self.text_columns(
                text_align=align,
                line_height=LINE_HEIGHT,
                l_margin=self.l_margin + left_inset,
                r_margin=self.r_margin + right_inset,
            ) as region,
            region.paragraph(first_line_indent=PARAGRAPH_INDENT if indent else 0) as par,
        ):
            for part in parts:
                style, text = ("", part) if isinstance(part, str) else part
                self._style(style, size)
                par.write(nfc(text))
        self._style("", BODY_SIZE)
        self.ln(after)

    def field(self, label: str, value: str, **kwargs) -> None:
        """ "Label: value" with the label in bold, left-aligned."""
        kwargs.setdefault("align", "L")
        self.paragraph(("B", f"{label}: "), value, **kwargs)

    def fields(self, pairs: Iterable[tuple[str, str]], **kwargs) -> None:
        """Several short "Label: value" on one paragraph, separated by wide spaces."""
        parts: list[Part] = []
        for i, (name, value) in enumerate(pairs):
            parts += [("B", ("       " if i else "") + f"{name}: "), value]
        kwargs.setdefault("align", "L")
        self.paragraph(*parts, **kwargs)

    def spacer(self, height: float = 3) -> None:
        self.ln(height)

    def clear_below(self, y: float) -> None:
        """Move below ``y`` (e.g. the bottom of the QR code) if the text has not passed it yet."""
        if self.get_y() < y:
            self.set_y(y + 1)

    # ----------------------------------------------------------------- tables

    @contextmanager
    def grid(
        self,
        headings: Sequence[str],
        col_widths: Sequence[float],
        *,
        align: Sequence[str] | str = "LEFT",
        size: float = TABLE_SIZE,
    ):
        """A bordered table whose heading row repeats on every page; yields an ``add(*cells)`` function.

        ``col_widths`` are proportions of the text width; cells wrap, a row never splits across pages."""
        self._style("", size)
        self.set_line_width(0.2)
        heading_style = FontFace(family=FONT_FAMILY, emphasis="BOLD", size_pt=size, fill_color=HEADING_FILL)
        with self.table(
            col_widths=tuple(col_widths),
            width=self.epw,
            align="LEFT",
            text_align=tuple(align) if not isinstance(align, str) else align,
            v_align="MIDDLE",
            line_height=size * 0.3528 * 1.35,
            padding=(1.2, 1.2),
            headings_style=heading_style,
            borders_layout=TableBordersLayout.ALL,
            repeat_headings=1,
        ) as table:
            row = table.row()
            for heading in headings:
                row.cell(nfc(heading), align="CENTER")

            def add(*cells: str) -> None:
                r = table.row()
                for cell in cells:
                    r.cell(nfc(cell))

            yield add
        self._style("", BODY_SIZE)
        self.ln(3)

    # ----------------------------------------------------------------- signatures

    def signatures(
        self, *, left: Signature | Recipients | None = None, right: Signature | None = None, space: float = 22
    ) -> None:
        """Up to two columns at the foot: signatures, or "Nơi nhận" on the left of a letter."""
        need = 10 + space + 8
        if self.get_y() + need > self.page_break_trigger:
            self.add_page()
        self.ln(2)
        top = self.get_y()
        half = self.epw / 2
        bottoms = []
        for x, block in ((self.l_margin, left), (self.l_margin + half, right)):
            self.set_xy(x, top)
            if isinstance(block, Signature):
                self._centered(block.title.upper(), x, half, "B", BODY_SIZE, 5.5)
                if block.note:
                    self._centered(block.note, x, half, "I", BODY_SIZE - 1, 5)
                self.set_y(self.get_y() + space)
                if block.name:
                    self._centered(block.name, x, half, "B", BODY_SIZE, 5.5)
            elif isinstance(block, Recipients):
                self.set_xy(x, top + 1)
                self.set_font(FONT_FAMILY, "BI", 10)
                self.cell(half, 5, "Nơi nhận:", new_x="LEFT", new_y="NEXT")
                self.set_font(FONT_FAMILY, "", 9)
                for item in block.items:
                    self.set_x(x)
                    self.multi_cell(half - 5, 4.2, "- " + nfc(item), new_x="LEFT", new_y="NEXT")
            bottoms.append(self.get_y())
        self.set_y(max(bottoms) + 2)
        self._style("", BODY_SIZE)
