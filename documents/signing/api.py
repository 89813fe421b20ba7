"""``sign_pdf``: the one entry point the rest of the code calls to sign or seal a PDF."""

from __future__ import annotations

import io
import logging
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata
from pyhanko.sign.timestamps import HTTPTimeStamper

from .appearance import signature_block
from .base import SigningJob, SigningParty, SigningUnavailable, off_the_event_loop, signers
from .trust import signing_validation_context

logger = logging.getLogger(__name__)

FIELD_PREFIX = "MotcuaSignature"
A4 = (0, 0, 595.28, 841.89)  # a page that inherits its size from the page tree is taken as A4


def sign_pdf(
    pdf: bytes,
    party: SigningParty,
    *,
    reason: str,
    verification_url: str = "",
    now: datetime | None = None,
    visible: bool = True,
) -> bytes:
    """``pdf`` signed for ``party`` by the configured signer (MOTCUA_SIGNER), PAdES.

    ``visible=False`` leaves out the signature block (a seal on a document that carries its own QR
    code, such as a receipt): PDF readers still list and check the signature.

    A visible signature block goes at the bottom of the last page: the agency, the signer's title and
    name (none for a seal), the time (``now``, by default the current time) and, with
    ``verification_url``, a QR code to it. The level follows the settings: B-B; B-T with a timestamp
    from MOTCUA_SIGNING_TSA_URL; with MOTCUA_SIGNING_EMBED_VALIDATION also the validation data (DSS: B-LT
    with a timestamp), when the certificate's revocation information can be fetched, else without it
    (logged). Raises :class:`SigningUnavailable` (a message for the officer) when the agency cannot sign.
    """
    return off_the_event_loop(_sign_pdf, pdf, party, reason, verification_url, now, visible)


def _sign_pdf(pdf, party, reason, verification_url, now, visible) -> bytes:
    signing_time = now or timezone.now()
    job = _job(
        pdf,
        party,
        reason=reason,
        verification_url=verification_url,
        signing_time=signing_time,
        visible=visible,
    )
    signer = signers.configured()
    if not settings.MOTCUA_SIGNING_EMBED_VALIDATION:
        return _sign(signer, job)
    try:
        return _sign(signer, _with_validation_data(job))
    except SigningError as error:  # revocation information not reachable: sign without it
        logger.warning("signature of %s without validation data: %s", party.agency_code, error)
        return _sign(signer, job)


def _sign(signer, job: SigningJob) -> bytes:
    try:
        return signer.sign(job)
    except SigningUnavailable:
        raise
    except SigningError as error:
        if job.validation_context is not None:
            raise  # sign_pdf retries without validation data
        raise _unavailable(job.party, error) from error
    except Exception as error:  # a timestamp server or a signing service that fails in its own way
        logger.exception("signing failed for %s", job.party.agency_code)
        raise _unavailable(job.party, error) from error


def _unavailable(party: SigningParty, error: Exception) -> SigningUnavailable:
    return SigningUnavailable(
        _("The document could not be signed for %(agency)s at the moment: %(error)s")
        % {"agency": party.agency_name, "error": error}
    )


def _repaired(pdf: bytes) -> bytes:
    """An unsigned PDF whose structure pyHanko cannot read (a broken cross-reference table, common in
    scanners' output), rewritten by qpdf, which repairs what readers forgive; unchanged if qpdf cannot."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(pdf)) as damaged, pikepdf.new() as document:
            # A new file with the pages: qpdf copies a damaged trailer as it is (even without /Size).
            document.pages.extend(damaged.pages)
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()
    except pikepdf.PdfError:
        return pdf


def _job(pdf, party, *, reason, verification_url, signing_time, visible=True) -> SigningJob:
    try:
        PdfFileReader(io.BytesIO(pdf), strict=False).root  # noqa: B018  (reading it is the check)
    except Exception:
        pdf = _repaired(pdf)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        last_page = reader.root["/Pages"]["/Count"] - 1
        page = reader.find_page_for_modification(last_page)[0].get_object()
        media_box = [float(v) for v in page.get("/MediaBox", A4)]
        existing = len(list(fields.enumerate_sig_fields(reader)))
    except Exception as error:
        raise SigningUnavailable(_("The file is not a PDF that can be signed.")) from error
    block = signature_block(party, signing_time=signing_time, verification_url=verification_url)
    field_name = f"{FIELD_PREFIX}{existing + 1}"
    tsa_url = settings.MOTCUA_SIGNING_TSA_URL
    return SigningJob(
        pdf=pdf,
        party=party,
        signature_meta=PdfSignatureMetadata(
            field_name=field_name,
            reason=reason,
            name=party.signer_name or party.agency_name,
            location=party.agency_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
        ),
        field_spec=fields.SigFieldSpec(
            sig_field_name=field_name, on_page=last_page, box=block.box(media_box) if visible else None
        ),
        stamp_style=block.style,
        appearance_text_params=block.text_params,
        signing_time=signing_time,
        timestamper=(
            HTTPTimeStamper(tsa_url, timeout=settings.MOTCUA_SIGNING_TIMEOUT_SECONDS) if tsa_url else None
        ),
    )


def _with_validation_data(job: SigningJob) -> SigningJob:
    from dataclasses import replace

    context = signing_validation_context()
    meta = replace(job.signature_meta, embed_validation_info=True, validation_context=context)
    return replace(job, signature_meta=meta, validation_context=context)
