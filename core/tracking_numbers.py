"""The national post's item numbers (số hiệu bưu gửi): the UPU S10 identifier printed on each item.

Assumption (integrations.md is silent): Vietnam Post numbers its registered items and parcels with the
S10 standard of the Universal Postal Union, as on its receipts: two letters (the service, e.g. "EE" for
EMS, "RR" for registered mail), eight digits of serial, one check digit, and "VN", the country, e.g.
``EE123456785VN``. The check digit catches a mistyped digit at the counter; spaces and lower case are
forgiven.
"""

import re

from django.utils.translation import gettext as _

_FORMAT = re.compile(r"[A-Z]{2}[0-9]{9}VN")
_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def normalized(value: str) -> str:
    """``value`` without spaces or hyphens, in capitals (as it is stored and printed)."""
    return re.sub(r"[\s-]", "", value or "").upper()


def check_digit(serial: str) -> int:
    """The S10 check digit of an eight-digit ``serial``."""
    remainder = 11 - sum(int(digit) * weight for digit, weight in zip(serial, _WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def tracking_number_error(value: str) -> str | None:
    """Why ``value`` (normalized) is not a national post item number, or None."""
    if not _FORMAT.fullmatch(value):
        return _("Write the post's item number: two letters, nine digits and VN, e.g. EE123456785VN.")
    if check_digit(value[2:10]) != int(value[10]):
        return _("The last digit of %(number)s does not match: check the item number on the envelope.") % {
            "number": value
        }
    return None
