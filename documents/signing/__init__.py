"""Digital signatures of the documents the agencies issue (results, receipts, notices), and their
verification.

The rest of the code calls two functions::

    signed = sign_pdf(pdf, SigningParty(agency.code, agency.name, "Nguyễn Văn A", "Phó Giám đốc"),
                      reason="Phê duyệt kết quả", verification_url="https://…/xac-thuc/…")
    verify_pdf(signed).ok

The key comes from the signer of MOTCUA_SIGNER (a plugin of ``signers``: ``pkcs12``, ``remote``); the
form of the signature (PAdES level, signature block, QR code) from the other MOTCUA_SIGNING_* settings.
"""

from .api import sign_pdf
from .base import Signer, SigningJob, SigningParty, SigningUnavailable, signers
from .verification import SignatureCheck, Verification, verify_pdf

__all__ = [
    "SignatureCheck",
    "Signer",
    "SigningJob",
    "SigningParty",
    "SigningUnavailable",
    "Verification",
    "sign_pdf",
    "signers",
    "verify_pdf",
]
