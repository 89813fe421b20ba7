"""Asking the applicant for a supplement, and their answer (which resumes the clock)."""

from django.utils.translation import gettext_lazy as _

from core.validation import text_problem

from .. import documents
from ..clock import resume_clock
from ..domain.errors import DomainError
from ..domain.lifecycle import Action
from ..models import DossierFile, SupplementRequest
from .table import Handler, handles

#: The most items one supplement request may list: its notice is rendered while the dossier is locked.
SUPPLEMENT_ITEMS_MAX = 50


def _clean_supplement_items(items: list[dict] | None) -> list[dict]:
    """The missing items of a supplement request: at least one, each named (the reason is optional)."""
    cleaned = [
        {"name": str(i.get("name", "")).strip(), "reason": str(i.get("reason", "")).strip()}
        for i in items or []
        if str(i.get("name", "")).strip() or str(i.get("reason", "")).strip()
    ]
    if not cleaned:
        raise DomainError(_("List at least one missing document or piece of information."))
    if len(cleaned) > SUPPLEMENT_ITEMS_MAX:
        raise DomainError(
            _("A supplement request lists at most %(max)s items (%(count)s given): group them."),
            {"max": SUPPLEMENT_ITEMS_MAX, "count": len(cleaned)},
        )
    for item in cleaned:
        problem = text_problem(item["name"], 500) or text_problem(item["reason"], 1000)
        if problem:
            raise DomainError("%(message)s", {"message": problem})
    for item in cleaned:
        if not item["name"]:
            raise DomainError(
                _("Say what is missing for the reason “%(reason)s”."), {"reason": item["reason"]}
            )
    return cleaned


@handles(Action.REQUEST_SUPPLEMENT)
class RequestSupplement(Handler):
    """The clock stops; the request and its notice (a legal form) are kept with the dossier."""

    def prepare(self, ctx):
        # The notice is rendered before the lock: it prints what the request will hold.
        items = ctx.extra["items"] = _clean_supplement_items(ctx.options.get("supplement_items"))
        request = SupplementRequest(
            dossier=ctx.dossier, requested_at=ctx.now, requested_by=ctx.user, items=items
        )
        ctx.extra["pdf"] = documents.supplement_request_pdf(ctx.dossier, request)

    def check(self, ctx):
        if "items" not in ctx.extra:  # cleaned already when the notice was prepared
            ctx.extra["items"] = _clean_supplement_items(ctx.options.get("supplement_items"))

    def do(self, ctx):
        ctx.dossier.paused_at = ctx.now
        ctx.extra["request"] = SupplementRequest.objects.create(
            dossier=ctx.dossier, requested_at=ctx.now, requested_by=ctx.user, items=ctx.extra["items"]
        )

    def after(self, ctx):
        pdf = ctx.extra.get("pdf") or documents.supplement_request_pdf(ctx.dossier, ctx.extra["request"])
        # Not linked through DossierFile.supplement_request: that link marks the applicant's answers.
        notice = documents.store_generated(
            ctx.dossier, DossierFile.Kind.SUPPLEMENT_REQUEST, pdf, user=ctx.user
        )
        ctx.written.append(notice.file)


@handles(Action.SUPPLEMENT)
class Supplement(Handler):
    """The applicant answers: the working time spent waiting is given back to every running due time."""

    def do(self, ctx):
        dossier = ctx.dossier
        if dossier.paused_at:
            before = dossier.appointment_at
            resume_clock(dossier, ctx.steps, ctx.calendar, ctx.now)
            if dossier.appointment_at != before:
                ctx.new_appointment = dossier.appointment_at
