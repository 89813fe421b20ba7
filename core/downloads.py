"""Sending a stored file to whoever a view has just authorized: the only way files leave the storage.

No URL serves the storage directly, in any settings module. A view checks who asks, then calls
:func:`stored_file_response`, which answers with an attachment named safely, with the extension of the
type the upload check found in the file's content. How the bytes travel is a deployment choice
(``MOTCUA_FILE_TRANSFER``):

* ``django`` (default): Django streams the file itself;
* ``nginx``: an ``X-Accel-Redirect`` to ``MOTCUA_FILE_TRANSFER_PREFIX`` + the stored name, which nginx
  serves from an ``internal`` location (README, "Security");
* ``apache``: an ``X-Sendfile`` header with the file's path on disk (mod_xsendfile);
* ``s3``: a redirect to a signed URL of the object store, valid ``MOTCUA_S3_URL_SECONDS``.
"""

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

TRANSFERS = ("django", "nginx", "apache", "s3")
# Quotes, slashes, control and format characters have no place in a name a browser saves.
_UNSAFE = re.compile(r'[\\/:*?"<>|;\x00-\x1f\x7f]+')
_MAX_STEM = 100


def safe_filename(original: str, extension: str, *, fallback: str = "tep") -> str:
    """``original``'s stem made safe to offer as a download, with ``extension`` (the checked type's):
    "../../Giấy tờ\\n.html" with "pdf" gives "Giấy tờ.pdf"."""
    stem = PurePath((original or "").replace("\\", "/")).stem
    stem = "".join(ch for ch in unicodedata.normalize("NFC", stem) if unicodedata.category(ch)[0] != "C")
    stem = " ".join(_UNSAFE.sub(" ", stem).split()).strip(" .")[:_MAX_STEM].strip(" .")
    return f"{stem or fallback}.{extension}"


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["X-Content-Type-Options"] = "nosniff"
    return response


#: Types a browser may show itself (its PDF viewer, an image) when asked for a preview; every other type
#: is always an attachment.
INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def stored_file_response(
    field_file, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """An attachment response for ``field_file`` (a stored FieldFile), never cached or sniffed; with
    ``inline``, a PDF or an image (checked by content at upload: no script, no action) is shown in the
    browser instead, for a preview.

    ``filename`` is already safe (:func:`safe_filename`); ``content_type`` is the checked type.
    """
    transfer = getattr(settings, "MOTCUA_FILE_TRANSFER", "django")
    as_attachment = not (inline and content_type in INLINE_TYPES)
    disposition = content_disposition_header(as_attachment, filename)
    if transfer == "s3":
        url = field_file.storage.url(
            field_file.name,
            parameters={"ResponseContentDisposition": disposition, "ResponseContentType": content_type},
            expire=getattr(settings, "MOTCUA_S3_URL_SECONDS", 60),
        )
        return _private(HttpResponseRedirect(url))
    if transfer in ("nginx", "apache"):
        response = HttpResponse(content_type=content_type)
        if transfer == "nginx":
            prefix = settings.MOTCUA_FILE_TRANSFER_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{quote(field_file.name)}"
        else:
            response["X-Sendfile"] = field_file.path
        response["Content-Disposition"] = disposition
        return _private(response)
    response = FileResponse(
        field_file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    return _private(response)


def generated_file_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """An attachment response for a document rendered now (a control sheet, a tracking book)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return _private(response)
