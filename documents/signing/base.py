"""The signer kind of outside party: its typed interface, the job it is given, and its registry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pyhanko.sign import fields
from pyhanko.sign.signers import PdfSignatureMetadata
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.stamp import QRStampStyle
from pyhanko_certvalidator import ValidationContext

from core.plugins import Plugin, Registry


@dataclass(frozen=True)
class SigningParty:
    """Who signs: always an agency (its certificate is the agency's seal), and for a result the leader who
    approved it."""

    agency_code: str  # chooses the agency's certificate
    agency_name: str
    signer_name: str = ""  # the person (a leader); empty for a seal (receipts, notices)
    signer_title: str = ""  # e.g. "Phó Giám đốc"


class SigningUnavailable(Exception):
    """The agency cannot sign now: its certificate is missing, its password is wrong, or the signing
    service refused or could not be reached. The message is written for an officer."""


@dataclass(frozen=True)
class SigningJob:
    """Everything about one signature except the key: what :func:`documents.signing.sign_pdf` decided
    from the settings, handed to the configured :class:`Signer`."""

    pdf: bytes
    party: SigningParty
    signature_meta: PdfSignatureMetadata
    field_spec: fields.SigFieldSpec
    stamp_style: QRStampStyle
    appearance_text_params: dict
    signing_time: datetime
    timestamper: TimeStamper | None = None
    validation_context: ValidationContext | None = None


class Signer(Plugin):
    """Signs a PDF for an agency: returns the signed PDF, or raises :class:`SigningUnavailable`.

    A provider only brings the key (a PKCS#12 file, a remote service, a token); the signature's form
    (PAdES level, appearance, field) is in the job, the same for every provider.
    """

    def sign(self, job: SigningJob) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError


signers: Registry[Signer] = Registry(
    "signer", Signer, setting="MOTCUA_SIGNER", providers="documents.signing.providers"
)


def off_the_event_loop(function, *args, **kwargs):
    """``function(*args, **kwargs)``, in a worker thread when this thread runs an event loop.

    pyHanko's synchronous calls start their own event loop (``asyncio.run``), which Python refuses inside
    a running one (an ASGI server, Playwright's sync API in the tests): there they run beside it."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
