"""``verify_pdf``: what anyone may learn about a PDF's signatures, checked by pyHanko's validator.

The check needs nothing from outside: the trust roots are MOTCUA_SIGNING_TRUST_ROOTS, and revocation is
checked against the validation data the file carries (its DSS, PAdES B-LT); nothing is fetched, so a
verification page answers at once and the same way every time.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .base import off_the_event_loop
from .trust import trust_roots

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignatureCheck:
    signer_name: str  # the person who signed, or the agency for a seal
    organization: str  # the agency of the certificate (its O)
    signing_time: datetime | None  # the timestamp's time when there is one, else the signer's claim
    timestamped: bool  # a timestamp authority's token over the signature, and it is valid
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature value is correct for the certificate
    trusted: bool  # the certificate chains to MOTCUA_SIGNING_TRUST_ROOTS (and is not known revoked)
    revocation_checked: bool  # the file's validation data shows the certificate was not revoked
    covers_whole_document: bool  # nothing but validation data was added after this signature
    reason: str = ""


@dataclass(frozen=True)
class Verification:
    sha256: str
    signatures: tuple[SignatureCheck, ...] = ()
    problem: str = field(default="")  # why there is nothing to check (not a PDF, no signature)

    @property
    def ok(self) -> bool:
        """Signed, every signature intact, valid and trusted, and the last one covers the whole file."""
        return (
            bool(self.signatures)
            and all(check.intact and check.valid and check.trusted for check in self.signatures)
            and self.signatures[-1].covers_whole_document
        )


def verify_pdf(pdf: bytes) -> Verification:
    """The checks of every signature of ``pdf``, oldest first; never raises for a bad file."""
    return off_the_event_loop(_verify, pdf)


def _verify(pdf: bytes) -> Verification:
    sha256 = hashlib.sha256(pdf).hexdigest()
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as error:  # any malformed upload: a visitor's file, not our bug
        logger.info("unreadable PDF %s: %s", sha256, error)
        return Verification(sha256, problem=str(_("The file is not a readable PDF.")))
    if not embedded:
        return Verification(sha256, problem=str(_("The file carries no digital signature.")))
    roots = trust_roots()
    contexts = _context_factories(reader, roots)
    checks = []
    for signature in embedded:
        try:
            checks.append(_check(signature, *contexts))
        except Exception as error:  # a damaged signature dictionary or CMS: reported as not valid
            logger.info("signature %s of %s not validated: %s", signature.field_name, sha256, error)
            checks.append(_broken(signature))
    return Verification(sha256, tuple(checks))


def _context_factories(reader, roots):
    """Makers of validation contexts: the usual one, and one requiring revocation data when the file
    carries some (None otherwise). Each validation gets a fresh context (they keep state)."""
    usual = {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "soft-fail"}
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return (lambda: ValidationContext(**usual)), None

    def from_dss(mode):
        return lambda: dss.as_validation_context({**usual, "revocation_mode": mode})

    return from_dss("soft-fail"), (from_dss("require") if dss.crls or dss.ocsps else None)


def _check(signature, usual, strict) -> SignatureCheck:
    status: PdfSignatureStatus = validate_pdf_signature(signature, usual(), usual())
    revocation_checked = False
    if strict is not None and status.trusted:
        revocation_checked = validate_pdf_signature(signature, strict(), usual()).trusted
    cert = status.signing_cert
    timestamp = status.timestamp_validity
    timestamped = timestamp is not None and timestamp.valid and timestamp.intact
    return SignatureCheck(
        signer_name=_signer_name(signature) or _name_part(cert, "common_name"),
        organization=_name_part(cert, "organization_name"),
        signing_time=timestamp.timestamp if timestamped else status.signer_reported_dt,
        timestamped=timestamped,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trust_problem_indic is None and status.validation_path is not None,
        revocation_checked=revocation_checked,
        covers_whole_document=_covers_whole_document(status),
        reason=str(signature.sig_object.get("/Reason", "")),
    )


def _broken(signature) -> SignatureCheck:
    return SignatureCheck(
        signer_name=_signer_name(signature),
        organization="",
        signing_time=None,
        timestamped=False,
        intact=False,
        valid=False,
        trusted=False,
        revocation_checked=False,
        covers_whole_document=False,
    )


def _covers_whole_document(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    # Validation data and timestamps appended later (PAdES B-LT, LTA) change nothing that was signed.
    return status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and status.modification_level in (
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
    )


def _signer_name(signature) -> str:
    try:
        return str(signature.sig_object.get("/Name", ""))
    except Exception:
        return ""


def _name_part(cert, part: str) -> str:
    if cert is None:
        return ""
    value = cert.subject.native.get(part, "")
    return value[0] if isinstance(value, list) else str(value)
