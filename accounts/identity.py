"""Identifiers of applicants: the 12-digit personal ID and the tax code of an organization.

A personal ID (căn cước) is ``PPP G YY NNNNNN``: the province of birth registration (the 63 codes of the
former provinces, 001 Hà Nội … 096 Cà Mau), one digit for gender and century (0/1 male/female born
1900–1999, 2/3 born 2000–2099, 4/5 2100–2199, …), the last two digits of the birth year and six random
digits. A tax code is 10 digits, or ``10 digits-3 digits`` for a dependent unit.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

PERSONAL_ID_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
_PERSONAL_ID = re.compile(r"[0-9]{12}")  # ASCII digits only: \d would take ٠١٢…
_TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")


class InvalidIdentifier(ValueError):
    """The identifier is malformed; ``message`` says what is wrong, for the person who typed it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class PersonalId:
    number: str
    province_code: str
    female: bool
    birth_year: int


def parse_personal_id(value: str, *, today: date | None = None) -> PersonalId:
    """Check a personal ID and read what it encodes; raises InvalidIdentifier with a clear message."""
    number = (value or "").strip().replace(" ", "")
    if not _PERSONAL_ID.fullmatch(number):
        raise InvalidIdentifier(_("A personal ID has exactly 12 digits."))
    province_code, gender_century, year = number[:3], int(number[3]), int(number[4:6])
    if province_code not in PERSONAL_ID_PROVINCE_CODES:
        raise InvalidIdentifier(
            _("The personal ID starts with %(code)s, which is not a province code.") % {"code": province_code}
        )
    birth_year = 1900 + 100 * (gender_century // 2) + year
    today = today or date.today()
    if birth_year > today.year:
        raise InvalidIdentifier(
            _("The 4th to 6th digits of the personal ID give a birth year in the future (%(year)s).")
            % {"year": birth_year}
        )
    return PersonalId(number, province_code, female=gender_century % 2 == 1, birth_year=birth_year)


def normalize_tax_code(value: str) -> str:
    """Check an organization's tax code; returns it without spaces or raises InvalidIdentifier."""
    code = (value or "").strip().replace(" ", "")
    if not _TAX_CODE.fullmatch(code):
        raise InvalidIdentifier(
            _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a dependent unit.")
        )
    return code


def normalize_phone(value: str) -> str:
    """A Vietnamese phone number as 10 digits starting with 0: "+84 912 345 678" → "0912345678".

    Returns "" when the value is not a phone number of that shape.
    """
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if re.fullmatch(r"0[0-9]{9}", digits) else ""
