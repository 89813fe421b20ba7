"""The carrier's signed webhook: the signature, then the report handed to the carrier plugin.

The carrier signs the raw body: ``X-Postal-Signature: <hex HMAC-SHA256 of the body with the shared
secret MOTCUA_POSTAL_WEBHOOK_SECRET>`` (a ``sha256=`` prefix is accepted). Compared in constant time;
without a configured secret every report is refused.
"""

import hashlib
import hmac

from django.conf import settings

SIGNATURE_HEADER = "X-Postal-Signature"


def signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, given: str | None) -> bool:
    secret = settings.MOTCUA_POSTAL_WEBHOOK_SECRET
    if not secret or not given:
        return False
    given = given.strip().removeprefix("sha256=").lower()
    return hmac.compare_digest(signature(body, secret), given)
