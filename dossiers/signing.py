"""Signing the dossier's documents: the result by the approving leader on behalf of the agency (a visible
signature block with a QR code), the receipts and notices sealed by the agency (``documents.signing``:
the configured signer plugin).

A signed document gets, before it is signed, its public identity and the token its QR code carries: the
QR leads to ``/xac-thuc/<public id>?t=<token>``, where anyone sees who signed it and whether it is
intact, and whoever holds the token may also read it.
"""

import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from documents.signing import SigningParty, SigningUnavailable, sign_pdf

from .domain.errors import DomainError
from .models import DossierFile

RESULT_REASON = "Phê duyệt kết quả giải quyết thủ tục hành chính"
SEAL_REASON = "Đóng dấu của cơ quan"


class DocumentNotSigned(DomainError):
    """The agency could not sign now (no certificate, the signing service down): nothing was changed."""


def _path(public_id, token: str) -> str:
    path = reverse("portal:verify", args=[public_id])
    return f"{path}?t={token}" if token else path


def verification_path(stored: DossierFile, *, with_token: bool = True) -> str:
    return _path(stored.public_id, stored.access_token if with_token else "")


def party_for(agency, *, signer_name: str = "", signer_title: str = "") -> SigningParty:
    return SigningParty(
        agency_code=agency.code, agency_name=agency.name, signer_name=signer_name, signer_title=signer_title
    )


def sign_document(
    pdf: bytes,
    agency,
    now: datetime,
    *,
    signer_name: str = "",
    signer_title: str = "",
    reason: str = SEAL_REASON,
    visible: bool = True,
) -> tuple[bytes, dict]:
    """``pdf`` signed for ``agency`` (by ``signer_name``, or sealed by the agency alone), and the fields of
    the DossierFile that will keep it: its public id, its QR code's token, who signed and when.

    Raises DocumentNotSigned (a DomainError: the officer reads why) when the agency cannot sign now."""
    public_id, token = uuid.uuid4(), secrets.token_urlsafe(24)
    url = settings.MOTCUA_PUBLIC_URL + _path(public_id, token) if visible else ""
    party = party_for(agency, signer_name=signer_name, signer_title=signer_title)
    try:
        signed = sign_pdf(pdf, party, reason=reason, verification_url=url, now=now, visible=visible)
    except SigningUnavailable as error:
        raise DocumentNotSigned("%(message)s", {"message": str(error)}) from error
    return signed, {
        "public_id": public_id,
        "access_token": token,
        "signed_at": now,
        "signer_name": signer_name or agency.name,
        "signer_title": signer_title,
    }
