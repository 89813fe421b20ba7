"""Reading generated PDFs back in tests, as a person's PDF reader would extract them."""

import re
import shutil
import subprocess
import unicodedata

import pytest


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The text of ``pdf`` (poppler's pdftotext), NFC-normalised, whitespace collapsed (headings wrap)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (apt-get install poppler-utils)")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=20
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", out)).strip()
