"""The trust roots of MOTCUA_SIGNING_TRUST_ROOTS and the validation contexts built on them."""

from __future__ import annotations

import logging
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)


def load_certificates(path: Path | str) -> list[x509.Certificate]:
    """Every certificate of a PEM file (several may follow one another) or of a DER file."""
    data = Path(path).read_bytes()
    if pem.detect(data):
        return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


def trust_roots() -> list[x509.Certificate]:
    """The configured roots; a file that cannot be read is logged and skipped (nothing chains to it)."""
    roots = []
    for path in settings.MOTCUA_SIGNING_TRUST_ROOTS:
        try:
            roots.extend(load_certificates(path))
        except (OSError, ValueError) as error:
            logger.warning("trust root %s not loaded: %s", path, error)
    return roots


def signing_validation_context() -> ValidationContext:
    """For embedding validation data when signing (PAdES B-LT): the revocation information of the
    signer's certificate must be fetched from where the certificate says, or the signing falls back to a
    signature without it."""
    return ValidationContext(trust_roots=trust_roots(), allow_fetching=True, revocation_mode="require")
