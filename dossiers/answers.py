"""What the applicant gave, in words: the e-form answers under the catalog's labels, the address.

One reading for every page and API that shows a dossier's content: the citizen's summary before
submitting, their dossier page, the officer's dossier page and the officers' API.
"""

from catalog import eforms
from core.addresses import format_address


def eform_answers(dossier) -> list[dict]:
    """The answers in the procedure's order: ``{"key", "label", "value"}`` (value as the applicant
    reads it: dates dd/mm/yyyy, decimal comma, addresses written out; "" when not answered)."""
    answers = dossier.form_data or {}
    return [
        {"key": field.key, "label": field.label, "value": eforms.display_value(field, answers.get(field.key))}
        for field in dossier.procedure.form_fields.all()
    ]


def applicant_address(dossier) -> str:
    """The applicant's address written out (street, commune or ward, province); "" when not given."""
    if not (dossier.applicant_street or dossier.applicant_ward_code or dossier.applicant_province_code):
        return ""
    return format_address(
        dossier.applicant_street, dossier.applicant_province_code, dossier.applicant_ward_code
    )
