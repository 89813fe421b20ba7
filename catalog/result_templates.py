"""The small language of result templates: text with placeholders in braces, filled from a dossier.

A catalog officer writes a procedure's result (a decision, a certificate) once; the handling specialist
drafts each dossier's result from it. Placeholders are plain names (``{applicant_name}``) or an e-form
answer by its field key (``{eform.so_giay_phep}``). Nothing else is interpreted: no expressions, no
loops, nothing a template could use to reach other data. ``{{`` and ``}}`` write a literal brace.
"""

import re
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_lazy as _

#: The dossier facts a template may use, with what each one is (shown in the admin's help).
PLACEHOLDERS: dict[str, str] = {
    "applicant_name": _("the applicant's name"),
    "personal_id": _("the personal ID or tax code"),
    "address": _("the applicant's address"),
    "phone": _("the applicant's phone"),
    "email": _("the applicant's e-mail"),
    "dossier_code": _("the dossier code"),
    "procedure_name": _("the procedure's name"),
    "agency_name": _("the handling agency"),
    "received_date": _("the reception date (dd/mm/yyyy)"),
    "issued_date": _("the date of the result (dd/mm/yyyy)"),
}
EFORM_PREFIX = "eform."

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
#: What stands in for an e-form answer the applicant left empty: the dotted line of paper forms.
UNANSWERED = "……………"


def placeholders_in(text: str) -> list[str]:
    """The placeholder names ``text`` uses, in order of first use."""
    names: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name is not None and name.strip() not in names:
            names.append(name.strip())
    return names


def unknown_placeholders(text: str, eform_keys: Iterable[str]) -> list[str]:
    """The placeholders of ``text`` that name neither a dossier fact nor one of ``eform_keys``."""
    known = set(PLACEHOLDERS) | {EFORM_PREFIX + key for key in eform_keys}
    return [name for name in placeholders_in(text) if name not in known]


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each placeholder replaced by its value (an unknown one is left as written, so a
    draft shows what is missing rather than hiding it)."""

    def replace(match: re.Match) -> str:
        whole = match.group(0)
        if whole in ("{{", "}}"):
            return whole[0]
        name = match.group(1).strip()
        return values.get(name, whole)

    return _PLACEHOLDER.sub(replace, text)
