"""Checking uploaded scans by their content, never by their name.

Applicants and counter officers upload PDF, JPEG or PNG scans. A file is accepted only when its bytes
are what its type claims (an executable renamed ``.pdf`` is refused) and it is within the size limit.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
_EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# A PDF's trailer ("%%EOF") may be followed by a little padding; look for it near the end.
_PDF_TRAILER_WINDOW = 2048


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self.content_type]


def max_upload_bytes() -> int:
    return getattr(settings, "MOTCUA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


def check_scan(uploaded) -> CheckedUpload:
    """Validate an uploaded file (Django ``UploadedFile`` or any file object) as a PDF, JPEG or PNG scan.

    Raises ``ValidationError`` with a message naming the file; the file's position is left at 0.
    """
    name = getattr(uploaded, "name", "") or _("the file")
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
    head = uploaded.read(16)
    content_type = next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)
    if content_type is None or not _content_is_whole(uploaded, content_type, size):
        uploaded.seek(0)
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file. Scan the document again or save it as PDF."),
            code="bad_type",
            params={"name": name},
        )
    uploaded.seek(0)
    return CheckedUpload(content_type=content_type, size=size)


def _content_is_whole(uploaded, content_type: str, size: int) -> bool:
    if content_type == PDF:
        uploaded.seek(max(0, size - _PDF_TRAILER_WINDOW))
        return b"%%EOF" in uploaded.read()
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True
