"""What the verification page (/xac-thuc/<id>) and its API say of a signed document: our record of it
(who signed, for which agency, when, its SHA-256) and the cryptographic check of the stored file, or of a
file a visitor brings, against that record.

The record shows metadata only; the content (a download) is offered only to whoever holds the token
that the document's QR code carries.
"""

import hashlib
import hmac
import uuid
from dataclasses import dataclass

from documents.signing.verification import Verification, verify_pdf

from .models import DossierFile

#: What a visitor may bring to compare (a result is a few pages; scans of it are not what we check).
UPLOAD_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class DocumentCheck:
    document: DossierFile
    agency_name: str
    dossier_code: str
    recorded_sha256: str
    stored: Verification  # the file we keep, checked now
    uploaded: Verification | None = None  # the visitor's file, when one was given
    may_read: bool = False  # the right token was given: the content may be downloaded

    @property
    def uploaded_matches_record(self) -> bool | None:
        if self.uploaded is None:
            return None
        return hmac.compare_digest(self.uploaded.sha256, self.recorded_sha256)

    @property
    def genuine(self) -> bool:
        """Our file is intact, validly signed by a trusted certificate, and still what we recorded."""
        return self.stored.ok and hmac.compare_digest(self.stored.sha256, self.recorded_sha256)


def signed_document(public_id) -> DossierFile | None:
    """The signed document of this public id (a result, a receipt, a notice); None when there is none."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return (
        DossierFile.objects.select_related("dossier__agency")
        .filter(public_id=key, signed_at__isnull=False)
        .first()
    )


def token_matches(document: DossierFile, token: str) -> bool:
    return bool(token) and bool(document.access_token) and hmac.compare_digest(document.access_token, token)


def _read(document: DossierFile) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def check(document: DossierFile, *, token: str = "", uploaded: bytes | None = None) -> DocumentCheck:
    stored_bytes = _read(document)
    recorded = document.sha256 or hashlib.sha256(stored_bytes).hexdigest()
    return DocumentCheck(
        document=document,
        agency_name=document.dossier.agency.name,
        dossier_code=document.dossier.code or "",
        recorded_sha256=recorded,
        stored=verify_pdf(stored_bytes),
        uploaded=verify_pdf(uploaded) if uploaded is not None else None,
        may_read=token_matches(document, token),
    )
