"""Electronic forms (e-forms): checking an applicant's answers against a procedure's form fields.

Plain module, no database access: :func:`validate` takes the fields (``catalog.models.FormField`` rows
or any objects with ``key``, ``label``, ``kind``, ``required`` and ``choices``) and a dict of raw
answers, and returns the cleaned answers and the errors per field key, in plain words for the person
who typed them. Cleaned answers are JSON-ready and are accepted again as raw answers (a saved draft
validates as it was saved):

============  ==================================================  ======================================
kind          raw answer                                          cleaned (stored) answer
============  ==================================================  ======================================
text          any text, at most 500 characters                    the text, trimmed
textarea      any text, at most 4,000 characters                  the text, trimmed
date          ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd-mm-yyyy``)   ``yyyy-mm-dd``
              or ``yyyy-mm-dd``
number        ``1.250.000``, ``2,5``, ``-3`` (Vietnamese: comma   an int, or a float when it has decimals
              for decimals, dots group thousands); or a number
choice        one of the field's choices                          the choice
personal_id   12 digits (spaces allowed)                          the 12 digits
address       ``{"province_code", "ward_code", "street"}``        the same, codes as ints
============  ==================================================  ======================================
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

KINDS = ("text", "textarea", "date", "number", "choice", "personal_id", "address")
TEXT_MAX = 500
TEXTAREA_MAX = 4000
STREET_MAX = 255
EARLIEST_YEAR = 1900

# Day, month, year with any separator a phone keypad has (or none: "15061995", as iPhone number pads
# have no "/"); ASCII digits only.
_DMY = re.compile(r"([0-9]{1,2})\s*[/.\- ]\s*([0-9]{1,2})\s*[/.\- ]\s*([0-9]{4})")
_DMY_DIGITS = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+")
_PLAIN_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


class FieldError(ValueError):
    """A raw answer that cannot be accepted; the message is for the applicant."""


@dataclass
class Result:
    cleaned: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    return False


def validate(fields, raw: dict, *, partial: bool = False) -> Result:
    """Check ``raw`` answers against ``fields``.

    ``partial`` (a draft being saved): formats are checked but missing answers are allowed, and only
    the keys present in ``raw`` are returned. Otherwise every required field must be answered, and
    every field's key is in the cleaned answers (None when left empty). Keys that are not fields are
    dropped.
    """
    raw = raw or {}
    result = Result()
    for form_field in fields:
        key = form_field.key
        if partial and key not in raw:
            continue
        value = raw.get(key)
        if is_empty(value):
            if form_field.required and not partial:
                result.errors[key] = [_required_message(form_field)]
            else:
                result.cleaned[key] = None
            continue
        try:
            result.cleaned[key] = clean_value(form_field, value)
        except FieldError as error:
            result.errors[key] = [str(error)]
    return result


def _required_message(form_field) -> str:
    if form_field.kind in ("choice", "address"):
        return _("Choose “%(label)s”.") % {"label": form_field.label}
    return _("Fill in “%(label)s”.") % {"label": form_field.label}


def clean_value(form_field, value):
    """The cleaned answer for one non-empty raw answer; raises FieldError with a plain message."""
    cleaner = _CLEANERS.get(form_field.kind)
    if cleaner is None:
        raise ValueError(f"Unknown e-form field kind {form_field.kind!r}")
    return cleaner(form_field, value)


def _text(limit):
    def clean(form_field, value):
        text = str(value).strip()
        if len(text) > limit:
            raise FieldError(
                _("“%(label)s” may be at most %(limit)s characters; you wrote %(count)s.")
                % {"label": form_field.label, "limit": limit, "count": len(text)}
            )
        return text

    return clean


def parse_date(value) -> date:
    """``dd/mm/yyyy`` (Vietnamese order; also ``ddmmyyyy`` and other separators) or ISO ``yyyy-mm-dd``;
    raises FieldError."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DMY.fullmatch(text) or _DMY_DIGITS.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO.fullmatch(text)
        if not match:
            raise FieldError(_("Write the date as day/month/year, for example 25/03/1990."))
        year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise FieldError(
            _("%(day)02d/%(month)02d/%(year)s is not a date in the calendar.")
            % {"day": day, "month": month, "year": year}
        ) from None
    if parsed.year < EARLIEST_YEAR:
        raise FieldError(_("Check the year: it is before %(year)s.") % {"year": EARLIEST_YEAR})
    return parsed


def _date(form_field, value):
    return parse_date(value).isoformat()


def parse_number(value) -> Decimal:
    """A number typed the Vietnamese way (``1.250.000``, ``2,5``) or a number; raises FieldError."""
    if isinstance(value, bool):
        raise FieldError(_("Write a number, for example 2 or 1,5."))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        whole, _sep, decimals = text.rpartition(",")
        if "." in whole and not _GROUPED.fullmatch(whole):
            raise FieldError(_("Write a number, for example 2 or 1,5."))
        text = f"{whole.replace('.', '')}.{decimals}"
    elif _GROUPED.fullmatch(text):
        text = text.replace(".", "")  # dots group thousands: 1.500 is one thousand five hundred
    if not _PLAIN_NUMBER.fullmatch(text):
        raise FieldError(_("Write a number, for example 2 or 1,5."))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        raise FieldError(_("Write a number, for example 2 or 1,5.")) from None


def _number(form_field, value):
    number = parse_number(value)
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _choice(form_field, value):
    text = str(value).strip()
    if text not in (form_field.choices or []):
        raise FieldError(_("Choose one of the options for “%(label)s”.") % {"label": form_field.label})
    return text


def _personal_id(form_field, value):
    from accounts.identity import InvalidIdentifier, parse_personal_id

    try:
        return parse_personal_id(str(value)).number
    except InvalidIdentifier as error:
        raise FieldError(str(error.message)) from None


def _code(value):
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise FieldError(_("Choose the province and the commune or ward from the lists.")) from None


def _address(form_field, value):
    from core.addresses import address_error

    if not isinstance(value, dict):
        raise FieldError(_("Choose the province and the commune or ward from the lists."))
    province_code = _code(value.get("province_code"))
    ward_code = _code(value.get("ward_code"))
    street = str(value.get("street") or "").strip()
    if province_code is None or ward_code is None:
        raise FieldError(
            _("Choose the province and the commune or ward of “%(label)s”.") % {"label": form_field.label}
        )
    error = address_error(province_code, ward_code)
    if error:
        raise FieldError(error)
    if len(street) > STREET_MAX:
        raise FieldError(
            _("The house number and street may be at most %(limit)s characters.") % {"limit": STREET_MAX}
        )
    return {"province_code": province_code, "ward_code": ward_code, "street": street}


_CLEANERS = {
    "text": _text(TEXT_MAX),
    "textarea": _text(TEXTAREA_MAX),
    "date": _date,
    "number": _number,
    "choice": _choice,
    "personal_id": _personal_id,
    "address": _address,
}


def choices_error(kind: str, choices) -> str | None:
    """Why a field's list of choices does not suit its kind (for the catalog editor), or None."""
    choices = choices or []
    if kind != "choice":
        return _("Only a choice field has options; leave the list empty.") if choices else None
    if not isinstance(choices, list) or not choices:
        return _('A choice field needs a list of options, e.g. ["Phiếu số 1", "Phiếu số 2"].')
    if any(not isinstance(c, str) or not c.strip() for c in choices):
        return _("Every option must be a non-empty text.")
    if len(set(choices)) != len(choices):
        return _("The options must all be different.")
    return None


# ── display ─────────────────────────────────────────────────────────────────────────────────────────


def display_value(form_field, value) -> str:
    """A cleaned answer as the applicant reads it (summary page): dates dd/mm/yyyy, decimal comma."""
    if is_empty(value):
        return ""
    if form_field.kind == "date":
        return parse_date(value).strftime("%d/%m/%Y")
    if form_field.kind == "number":
        return format_number(value)
    if form_field.kind == "address":
        from core.addresses import format_address

        return format_address(value.get("street", ""), value.get("province_code"), value.get("ward_code"))
    return str(value)


def input_value(form_field, value) -> str:
    """A cleaned answer as it is typed back into the form's input (dates and numbers the Vietnamese way)."""
    if is_empty(value) or form_field.kind == "address":
        return ""
    if form_field.kind in ("date", "number"):
        return display_value(form_field, value)
    return str(value)


def format_number(value) -> str:
    number = parse_number(value)
    sign = "-" if number < 0 else ""
    whole, _sep, decimals = format(abs(number).normalize(), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"
