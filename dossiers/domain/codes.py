"""Dossier codes in the shape of Circular 01/2018 (art. 19): ``<agency code>-<YYMMDD>-<XXXX>``.

The agency code is the agency's identifier for electronic document exchange (``000.00.04.G18``),
YYMMDD the reception date in Asia/Ho_Chi_Minh, XXXX the 4-digit sequence (0001–9999) of that agency's
day. Allocating the sequence is the database's job; this module only formats, parses and validates.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from catalog.rules import AGENCY_CODE_RE

from .calendar import to_local
from .errors import DomainError

MAX_SEQUENCE = 9999
FIRST_YEAR, LAST_YEAR = 2000, 2099  # YY is read as 20YY

_CODE_SHAPE_RE = re.compile(r"^(?P<agency>.+)-(?P<date>[^-]*)-(?P<sequence>[^-]*)$")


class DossierCodeError(DomainError, ValueError):
    """A dossier code, or one of its parts, is malformed."""


class DossierCode(NamedTuple):
    agency_code: str
    date: date
    sequence: int

    def __str__(self) -> str:
        return format_dossier_code(self.agency_code, self.date, self.sequence)


def _reception_date(day: date | datetime) -> date:
    if isinstance(day, datetime):
        return to_local(day).date()  # the date in Vietnam, not in UTC
    if isinstance(day, date):
        return day
    raise TypeError(f"Expected a date or an aware datetime, got {type(day).__name__}.")


def _check_agency_code(agency_code) -> str:
    if not isinstance(agency_code, str) or not AGENCY_CODE_RE.match(agency_code):
        raise DossierCodeError(
            _("“%(value)s” is not an agency code such as 000.00.04.G18."), {"value": agency_code}
        )
    return agency_code


def _check_year(day: date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DossierCodeError(
            _("A dossier code can only carry a date from %(first)s to %(last)s, not %(date)s."),
            {"first": FIRST_YEAR, "last": LAST_YEAR, "date": day.isoformat()},
        )


def _check_sequence(sequence) -> int:
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 1 <= sequence <= MAX_SEQUENCE:
        raise DossierCodeError(
            _("The sequence of the day must be a whole number from 1 to %(max)s, not %(value)s."),
            {"max": MAX_SEQUENCE, "value": sequence},
        )
    return sequence


def format_dossier_code(agency_code: str, day: date | datetime, sequence: int) -> str:
    """``format_dossier_code("000.00.04.G18", date(2026, 2, 13), 7)`` → ``"000.00.04.G18-260213-0007"``.

    ``day`` is the reception date, or an aware reception datetime (its date in Vietnam is used).
    """
    agency_code = _check_agency_code(agency_code)
    day = _reception_date(day)
    _check_year(day)
    sequence = _check_sequence(sequence)
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def parse_dossier_code(code: str) -> DossierCode:
    """Split a dossier code into (agency code, reception date, sequence); raise DossierCodeError.

    Surrounding spaces are ignored and letters may be typed in lower case (people copy codes from
    receipts into search boxes); the parts are otherwise checked strictly.
    """
    if not isinstance(code, str) or not code.strip():
        raise DossierCodeError(_("Enter a dossier code."))
    text = code.strip().upper()
    shape = _CODE_SHAPE_RE.match(text)
    if shape is None:
        raise DossierCodeError(
            _(
                "“%(value)s” is not a dossier code: expected AGENCY-YYMMDD-XXXX, "
                "such as 000.00.04.G18-260213-0007."
            ),
            {"value": code},
        )
    agency_code = _check_agency_code(shape["agency"])
    date_text, sequence_text = shape["date"], shape["sequence"]
    if not re.fullmatch(r"[0-9]{6}", date_text):
        raise DossierCodeError(
            _("“%(value)s” is not a date in the form YYMMDD (six digits)."), {"value": date_text}
        )
    try:
        day = datetime.strptime("20" + date_text, "%Y%m%d").date()
    except ValueError as exc:
        raise DossierCodeError(_("“%(value)s” is not a valid date (YYMMDD)."), {"value": date_text}) from exc
    if not re.fullmatch(r"[0-9]{4}", sequence_text):
        raise DossierCodeError(
            _("“%(value)s” is not a sequence of four digits (0001–9999)."), {"value": sequence_text}
        )
    sequence = int(sequence_text)
    if sequence == 0:
        raise DossierCodeError(_("The sequence of the day starts at 0001, not 0000."))
    return DossierCode(agency_code, day, sequence)


def is_valid_dossier_code(code: str) -> bool:
    """Whether ``code`` parses (see :func:`parse_dossier_code` for the leniency on case and spaces)."""
    try:
        parse_dossier_code(code)
    except DossierCodeError:
        return False
    return True
