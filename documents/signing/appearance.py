"""The visible signature block: where it goes on the last page, what it says (in Vietnamese) and its QR
code to the verification page."""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from fontTools import subset, ttLib
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import QRStampStyle, TextStampStyle

from documents.forms.formatting import fmt_date, local, nfc
from documents.forms.layout import font_path

from .base import SigningParty

MM = 72 / 25.4
BLOCK_WIDTH = 95 * MM
BLOCK_HEIGHT = 24 * MM
RIGHT_MARGIN = 15 * MM
BOTTOM_MARGIN = 6 * MM
FONT_SIZE = 8
SIGNATURE_BLUE = (0.0, 0.2, 0.6)
# fontTools says, at every signature, that it drops DejaVu's FFTM table (a timestamp no reader uses).
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


# What the block can print: Latin with every Vietnamese letter and the usual punctuation.
REPERTOIRE = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x300, 0x330),
    *range(0x1E00, 0x1F00),
    0x2013,
    0x2026,
]


@lru_cache(maxsize=1)
def _font() -> GlyphAccumulatorFactory:
    """DejaVu (as in the forms), embedded glyph by glyph through HarfBuzz: Vietnamese renders and extracts.

    The full face takes a third of a second to subset at every signature; cut once per process to the
    repertoire above, it takes a few milliseconds.
    """
    font = ttLib.TTFont(str(font_path("")))
    subsetter = subset.Subsetter(subset.Options(layout_features=["*"], notdef_outline=True))
    subsetter.populate(unicodes=REPERTOIRE)
    subsetter.subset(font)
    # pyHanko writes the glyph widths (/W) in font units as if the em were 1000; DejaVu's is 2048, so
    # readers spaced the letters twice too wide. Scaled to 1000 units, the widths are what they say.
    scale_upem(font, 1000)
    handle, path = tempfile.mkstemp(prefix="motcua-signature-font-", suffix=".ttf")
    with os.fdopen(handle, "wb") as out:
        font.save(out)
    return GlyphAccumulatorFactory(path, font_size=FONT_SIZE)


def block_lines(party: SigningParty, signing_time: datetime, *, with_qr: bool) -> list[str]:
    """The text of the block, one line each: who signed, when, and how to check it."""
    when = local(signing_time)
    lines = [f"Ký bởi: {party.agency_name}"]
    if party.signer_name:
        lines.append(
            f"{party.signer_title}: {party.signer_name}" if party.signer_title else party.signer_name
        )
    lines.append(f"Thời gian ký: {when:%H:%M:%S} ngày {fmt_date(when)}")
    if with_qr:
        lines.append("Quét mã QR để xác thực văn bản")
    return [nfc(line) for line in lines]


@dataclass(frozen=True)
class SignatureBlock:
    style: TextStampStyle
    text_params: dict = field(default_factory=dict)

    @staticmethod
    def box(media_box: list[float]) -> tuple[int, int, int, int]:
        """The block's rectangle at the bottom right of a page (PDF points, origin bottom left)."""
        x0, y0, x1, _ = media_box
        right = x1 - RIGHT_MARGIN
        left = max(x0 + RIGHT_MARGIN, right - BLOCK_WIDTH)
        bottom = y0 + BOTTOM_MARGIN
        return (round(left), round(bottom), round(right), round(bottom + BLOCK_HEIGHT))


def signature_block(party: SigningParty, *, signing_time: datetime, verification_url: str) -> SignatureBlock:
    # The text is complete here: a literal "%" (none is expected) must not be read as a parameter.
    text = "\n".join(block_lines(party, signing_time, with_qr=bool(verification_url))).replace("%", "%%")
    common = {
        "stamp_text": text,
        "text_box_style": TextBoxStyle(font=_font(), font_size=FONT_SIZE, text_color=SIGNATURE_BLUE),
        "border_width": 1,
        "background": None,
        "inner_content_layout": SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID, margins=Margins.uniform(2)
        ),
    }
    if verification_url:
        return SignatureBlock(QRStampStyle(**common), {"url": verification_url})
    return SignatureBlock(TextStampStyle(**common))
