"""The draft result of a dossier, made from its procedure's result template (``catalog.ResultTemplate``):
the template's placeholders filled with the dossier's facts and e-form answers, laid out as an official
decision or certificate (``documents.forms.render_result``)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from catalog.models import ResultTemplate
from catalog.result_templates import EFORM_PREFIX, UNANSWERED, fill
from documents import forms as f
from documents.forms.formatting import fmt_date

from .answers import applicant_address, eform_answers
from .documents import agency_header
from .domain.errors import DomainError
from .models import Dossier

#: The signer's title printed when the template names none.
DEFAULT_SIGNER_TITLE = "THỦ TRƯỞNG CƠ QUAN"


class NoResultTemplate(DomainError):
    """The procedure has no result template: the draft must be uploaded."""

    field = "result_document"


def template_of(dossier: Dossier) -> ResultTemplate | None:
    return ResultTemplate.objects.filter(procedure_id=dossier.procedure_id).first()


def placeholder_values(dossier: Dossier, issued_at: datetime) -> dict[str, str]:
    """What each placeholder stands for in this dossier (an unanswered e-form field: a dotted line)."""
    values = {
        "applicant_name": dossier.applicant_name,
        "personal_id": dossier.applicant_id_number,
        "address": applicant_address(dossier) or UNANSWERED,
        "phone": dossier.applicant_phone or UNANSWERED,
        "email": dossier.applicant_email or UNANSWERED,
        "dossier_code": dossier.code or "",
        "procedure_name": dossier.procedure.name,
        "agency_name": dossier.agency.name,
        "received_date": fmt_date(dossier.received_at or dossier.submitted_at),
        "issued_date": fmt_date(issued_at),
    }
    for answer in eform_answers(dossier):
        values[EFORM_PREFIX + answer["key"]] = answer["value"] or UNANSWERED
    return values


def render_draft(dossier: Dossier, issued_at: datetime, *, signer_name: str = "") -> bytes:
    """The draft result as PDF bytes; NoResultTemplate when the procedure has none."""
    template = template_of(dossier)
    if template is None:
        raise NoResultTemplate(
            _("“%(procedure)s” has no result template: upload the draft result (PDF)."),
            {"procedure": dossier.procedure.name},
        )
    values = placeholder_values(dossier, issued_at)
    paragraphs = [line.strip() for line in fill(template.body, values).splitlines() if line.strip()]
    return f.render_result(
        f.ResultData(
            header=agency_header(dossier.agency),
            layout=template.layout,
            title=fill(template.title, values),
            subject=fill(template.subject, values),
            paragraphs=paragraphs,
            dossier_code=dossier.code or "",
            issued_at=issued_at,
            signer_title=template.signer_title or DEFAULT_SIGNER_TITLE,
            signer_name=signer_name,
            recipients=(f"Ông/Bà {dossier.applicant_name};", "Lưu: VT."),
        )
    )
