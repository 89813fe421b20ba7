"""The rules every piece of text and every date-time from outside must pass, one function each.

Used by the API schemas (as pydantic types, below), the page forms and the services, so that a name
refused by the API is refused by the form too, and the service, the last line, refuses it as well:

* no NUL character and no lone surrogate (neither can be stored: PostgreSQL refuses NUL, UTF-8 has
  no surrogates), no other control character but tab and line breaks;
* not made only of invisible characters (zero-width spaces, joiners, the byte-order mark…);
* at most the column's length;
* identity numbers and phone numbers in ASCII digits only (accounts.identity);
* a date-time without a time zone is taken as Việt Nam's time (Asia/Ho_Chi_Minh).
"""

import unicodedata
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
#: A comment, a reason or an answer typed by an officer or an applicant.
COMMENT_MAX = 5000
# Characters that show nothing: a text made only of them (and spaces) is empty.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f")
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def text_problem(value: str, max_length: int | None = None) -> str | None:
    """Why ``value`` cannot be kept as text, in words for the person who typed it; None when it can."""
    if "\x00" in value:
        return _("Remove the NUL characters (\\0): they cannot be stored.")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        return _("The text holds invalid characters (lone surrogates): type it again.")
    if any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in value):
        return _("Remove the control characters: they cannot be stored.")
    if value.strip() and _only_invisible(value):
        return _("The text holds only invisible characters: type it again.")
    if max_length is not None and len(value) > max_length:
        return _("At most %(max)d characters (this one has %(length)d).") % {
            "max": max_length,
            "length": len(value),
        }
    return None


def clean_text(value: str, max_length: int | None = None) -> str:
    """``value`` when it passes :func:`text_problem`, stripped of surrounding spaces; else ValueError."""
    problem = text_problem(value, max_length)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _only_invisible(value: str) -> bool:
    return all(ch.isspace() or ch in _INVISIBLE for ch in value)


def in_vietnam_time(moment: datetime) -> datetime:
    """An aware date-time; one without a time zone is read as Việt Nam's time."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment


def Text(max_length: int):  # noqa: N802 -- a type, written like one in the schemas
    """A string field of the API that passes :func:`clean_text` and fits a column of ``max_length``
    (published as ``maxLength`` in the OpenAPI schema)."""
    return Annotated[
        str,
        AfterValidator(lambda value: clean_text(value, max_length)),
        Field(json_schema_extra={"maxLength": max_length}),
    ]


#: A date-time of the API: an offset is kept; without one, Việt Nam's time.
VietnamDateTime = Annotated[datetime, AfterValidator(in_vietnam_time)]
