"""GET /api/v1/documents/{id}/verification: the public verification of a signed document, as its page
shows it (our record and the cryptographic check of the file we keep)."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema

from core.api_errors import ErrorBody
from dossiers.verification import check, signed_document

router = Router(tags=["documents"])


class SignatureCheckOut(Schema):
    signer_name: str
    organization: str
    signing_time: datetime | None
    timestamped: bool
    intact: bool
    valid: bool
    trusted: bool
    revocation_checked: bool
    covers_whole_document: bool


class DocumentVerification(Schema):
    id: str
    kind: str
    dossier_code: str
    agency: str
    signer_name: str
    signer_title: str
    signed_at: datetime | None
    sha256: str
    #: Our file is intact, validly signed by a trusted certificate, and still what we recorded.
    valid: bool
    intact: bool
    trusted: bool
    signatures: list[SignatureCheckOut]


@router.get(
    "/documents/{public_id}/verification",
    auth=None,
    response={200: DocumentVerification, 404: ErrorBody},
    summary="Verify a signed document (public)",
    operation_id="verify_document",
)
def verification(request, public_id: str):
    """Who signed the document, for which agency, when, its SHA-256, and whether the file we keep is
    intact, validly signed and trusted (chains to the configured trust roots). Metadata only."""
    document = signed_document(public_id)
    if document is None:
        raise Http404
    result = check(document)
    signatures = result.stored.signatures
    return {
        "id": str(document.public_id),
        "kind": document.kind,
        "dossier_code": result.dossier_code,
        "agency": result.agency_name,
        "signer_name": document.signer_name,
        "signer_title": document.signer_title,
        "signed_at": document.signed_at,
        "sha256": result.recorded_sha256,
        "valid": result.genuine,
        "intact": bool(signatures) and all(s.intact for s in signatures),
        "trusted": bool(signatures) and all(s.trusted for s in signatures),
        "signatures": [
            {
                "signer_name": s.signer_name,
                "organization": s.organization or "",
                "signing_time": s.signing_time,
                "timestamped": s.timestamped,
                "intact": s.intact,
                "valid": s.valid,
                "trusted": s.trusted,
                "revocation_checked": s.revocation_checked,
                "covers_whole_document": s.covers_whole_document,
            }
            for s in signatures
        ],
    }
