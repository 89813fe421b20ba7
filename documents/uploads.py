"""Checking uploaded files by their content, never by their name.

Applicants and counter officers upload PDF, JPEG or PNG scans; catalog officers upload form templates
(PDF, DOC/DOCX, XLS/XLSX, ODT). A file is accepted only when its bytes are what its type claims (an
executable renamed ``.pdf`` is refused), it is within the size limit, and it carries nothing a browser
or a PDF reader would run:

* no HTML or script markup in its first kilobytes (a "polyglot": a valid PDF or image whose first
  bytes a browser would also render as a page);
* no JavaScript, launch or similar actions in a PDF (read with pikepdf, compressed objects included);
* no image too large to decode safely (a "decompression bomb");
* no virus, when a scanner is configured (``documents.scanners``, MOTCUA_VIRUS_SCANNER); a scanner that
  cannot answer refuses the file for now rather than let it in unscanned.
"""

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .scanners import ScannerUnavailable, virus_scanners

logger = logging.getLogger(__name__)

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word and Excel files
_ZIP = b"PK\x03\x04"  # DOCX, XLSX and ODT are ZIP archives
EXTENSIONS = {
    PDF: "pdf",
    JPEG: "jpg",
    PNG: "png",
    DOC: "doc",
    XLS: "xls",
    DOCX: "docx",
    XLSX: "xlsx",
    ODT: "odt",
}
# A PDF's trailer ("%%EOF") may be followed by a little padding; look for it near the end.
_PDF_TRAILER_WINDOW = 2048
# How far into a file a browser sniffs for markup: such a file is refused whatever else it is.
MARKUP_WINDOW = 4096
_MARKUP = re.compile(
    rb"<\s*(?:html|head|body|script|iframe|frame|object|embed|svg|math|meta|link|style|form|img|a\s|base|"
    rb"!doctype|\?php)|javascript:|vbscript:|\bon(?:load|error|click|mouseover)\s*=",
    re.IGNORECASE,
)
# The largest image decoded to check it: far above any page scan (A3 at 600 dpi is 70 million pixels
# in colour, 42 million in A4), far below what would exhaust a worker's memory.
MAX_IMAGE_PIXELS = 80_000_000
# PDF actions and name trees that run code or open other programs and documents.
_PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/Rendition", "/RichMediaExecute"})
_PDF_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript"})


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def max_upload_bytes() -> int:
    return getattr(settings, "MOTCUA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


def _name(uploaded) -> str:
    return getattr(uploaded, "name", "") or str(_("the file"))


def _checked_size(uploaded) -> int:
    name = _name(uploaded)
    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, io.SEEK_END)
        size = uploaded.tell()
    uploaded.seek(0)
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s."),
            code="too_large",
            params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    return size


_INFECTED = _("“%(name)s” contains a virus (%(found)s) and was not accepted.")
_SCAN_UNAVAILABLE = _(
    "“%(name)s” could not be checked for viruses at the moment and was not accepted. "
    "Try again in a few minutes."
)


def _refuse_infected(uploaded) -> None:
    """Scan the file with the configured scanner (none by default); refuse it if it is infected, or if
    the scanner cannot say (fail closed)."""
    name = _name(uploaded)
    try:
        found = virus_scanners.configured().scan(uploaded)
    except ScannerUnavailable as error:
        logger.warning("virus scanner unavailable, upload refused: %s", error)
        raise ValidationError(_SCAN_UNAVAILABLE, code="scan_unavailable", params={"name": name}) from None
    finally:
        uploaded.seek(0)
    if found:
        logger.warning("virus found in an upload: %s", found)
        raise ValidationError(_INFECTED, code="infected", params={"name": name, "found": found})


def _refuse_markup(uploaded, head: bytes, message) -> None:
    if _MARKUP.search(head):
        uploaded.seek(0)
        raise ValidationError(message, code="active_content", params={"name": _name(uploaded)})


_NOT_A_SCAN = _("“%(name)s” is not a PDF, JPEG or PNG file. Scan the document again or save it as PDF.")
_ACTIVE = _(
    "“%(name)s” contains active content (a script or a program to start) and was not accepted. "
    "Print it to PDF again, or scan the paper document."
)


def check_scan(uploaded) -> CheckedUpload:
    """Validate an uploaded file (Django ``UploadedFile`` or any file object) as a PDF, JPEG or PNG scan.

    Raises ``ValidationError`` with a message naming the file; the file's position is left at 0.
    """
    size = _checked_size(uploaded)
    _refuse_infected(uploaded)
    head = uploaded.read(MARKUP_WINDOW)
    content_type = next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)
    if content_type is None or not _content_is_whole(uploaded, content_type, size):
        uploaded.seek(0)
        raise ValidationError(_NOT_A_SCAN, code="bad_type", params={"name": _name(uploaded)})
    _refuse_markup(uploaded, head, _ACTIVE)
    if content_type == PDF:
        _check_pdf(uploaded, _NOT_A_SCAN)
    uploaded.seek(0)
    return CheckedUpload(content_type=content_type, size=size)


def _content_is_whole(uploaded, content_type: str, size: int) -> bool:
    if content_type == PDF:
        uploaded.seek(max(0, size - _PDF_TRAILER_WINDOW))
        return b"%%EOF" in uploaded.read()
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return False  # too large to decode safely: refused before decoding anything
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def _check_pdf(uploaded, not_a_pdf) -> None:
    """Parse the PDF (pikepdf, repairing what a reader would repair) and refuse active content."""
    uploaded.seek(0)
    try:
        with pikepdf.open(io.BytesIO(uploaded.read())) as pdf:
            active = pdf_has_active_content(pdf)
    except (pikepdf.PdfError, ValueError, RecursionError):
        uploaded.seek(0)
        raise ValidationError(not_a_pdf, code="bad_type", params={"name": _name(uploaded)}) from None
    if active:
        uploaded.seek(0)
        raise ValidationError(_ACTIVE, code="active_content", params={"name": _name(uploaded)})


def pdf_has_active_content(pdf: "pikepdf.Pdf") -> bool:
    """Whether any object of ``pdf`` is a JavaScript, launch or similar action, or a JavaScript name
    tree: what a reader runs on opening, on a click or on a page event."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        keys = set(obj.keys())
        if keys & _PDF_ACTIVE_KEYS:
            return True
        action = obj.get("/S")
        if isinstance(action, pikepdf.Name) and str(action) in _PDF_ACTIVE_ACTIONS:
            return True
    return False


# ── form templates and other documents a catalog officer publishes ────────────────────────────────

_NOT_A_DOCUMENT = _("“%(name)s” is not a PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or OpenDocument text file.")
_OLE2_TYPES = {"doc": DOC, "xls": XLS}
_MACRO_PARTS = ("word/vbaProject.bin", "xl/vbaProject.bin")


def check_document(uploaded) -> CheckedUpload:
    """Validate a published document (a procedure's form template): PDF, DOC/DOCX, XLS/XLSX or ODT by
    content, with no active content (no markup, no PDF scripts, no macros). Raises ``ValidationError``."""
    size = _checked_size(uploaded)
    _refuse_infected(uploaded)
    head = uploaded.read(MARKUP_WINDOW)
    content_type = _document_type(uploaded, head, size)
    uploaded.seek(0)
    if content_type is None:
        raise ValidationError(_NOT_A_DOCUMENT, code="bad_type", params={"name": _name(uploaded)})
    if content_type not in (DOCX, XLSX, ODT):  # ZIP members are compressed: markup can't be sniffed
        _refuse_markup(uploaded, head, _ACTIVE)
    if content_type == PDF:
        _check_pdf(uploaded, _NOT_A_DOCUMENT)
    uploaded.seek(0)
    return CheckedUpload(content_type=content_type, size=size)


def _document_type(uploaded, head: bytes, size: int) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF if _content_is_whole(uploaded, PDF, size) else None
    if head.startswith(_OLE2):
        # A compound file holds either; its stated extension says which, and only these two are taken.
        return _OLE2_TYPES.get(PurePath(_name(uploaded)).suffix.lower().lstrip("."))
    if head.startswith(_ZIP):
        return _zip_document_type(uploaded)
    return None


def _zip_document_type(uploaded) -> str | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if any(part in names for part in _MACRO_PARTS):
                return None
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    return ODT if member.read(100).strip() == ODT.encode() else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def validate_document(value) -> None:
    """Model and form field validator for published documents (see :func:`check_document`)."""
    if not value:
        return
    if getattr(value, "_committed", False):
        return  # a stored file the form did not change: checked when it was uploaded
    check_document(getattr(value, "file", value))
