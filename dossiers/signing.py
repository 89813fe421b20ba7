"""Signing the dossier's documents: the result by the approving leader on behalf of the agency, and the
receipts and notices sealed by the agency (``documents.signing``: the configured signer plugin).

Each signed file gets, before it is signed, its public identity and the token its QR code carries: the
QR leads to ``/xac-thuc/<public id>?t=<token>``, where anyone sees who signed it and whether it is
intact, and whoever holds the token may also read it.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from documents.signing import SigningParty, sign_pdf

from .models import DossierFile

RESULT_REASON = "Phê duyệt kết quả giải quyết thủ tục hành chính"
SEAL_REASON = "Đóng dấu của cơ quan"


def verification_path(stored: DossierFile, *, with_token: bool = True) -> str:
    path = reverse("portal:verify", args=[stored.public_id])
    return f"{path}?t={stored.access_token}" if with_token and stored.access_token else path


def verification_url(stored: DossierFile) -> str:
    return settings.MOTCUA_PUBLIC_URL + verification_path(stored)


def party_for(agency, *, signer_name: str = "", signer_title: str = "") -> SigningParty:
    return SigningParty(
        agency_code=agency.code, agency_name=agency.name, signer_name=signer_name, signer_title=signer_title
    )


def sign_for(
    stored: DossierFile,
    pdf: bytes,
    agency,
    now: datetime,
    *,
    signer_name: str = "",
    signer_title: str = "",
    reason: str = SEAL_REASON,
) -> bytes:
    """``pdf`` signed for ``stored`` (not saved yet): records on it who signed and when, gives it the
    token of its QR code, and returns the signed bytes to store."""
    stored.access_token = stored.access_token or secrets.token_urlsafe(24)
    stored.signed_at = now
    stored.signer_name = signer_name or agency.name
    stored.signer_title = signer_title
    party = party_for(agency, signer_name=signer_name, signer_title=signer_title)
    return sign_pdf(pdf, party, reason=reason, verification_url=verification_url(stored), now=now)
