"""The result: checked (a PDF, by content) and kept when it is issued; its return to the applicant."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.uploads import PDF, check_scan

from ..clock import finish_step
from ..constants import ResultDelivery
from ..domain.calendar import classify
from ..domain.errors import DomainError
from ..domain.lifecycle import Action
from ..models import Dossier, DossierFile
from .table import Handler, handles


class ResultDocumentInvalid(DomainError):
    """The result document attached to "issue the result" is missing, not a PDF, or not expected."""

    field = "result_document"


def check_result_document(upload):
    """Check the result document by its content (a PDF); returns the checked upload or raises
    :class:`ResultDocumentInvalid` with a message naming the file."""
    try:
        checked = check_scan(upload)
    except ValidationError as error:
        raise ResultDocumentInvalid("%(message)s", {"message": " ".join(error.messages)}) from error
    if checked.content_type != PDF:
        raise ResultDocumentInvalid(
            _("“%(name)s” is not a PDF file: the result document must be a PDF."),
            {"name": getattr(upload, "name", "") or _("the file")},
        )
    return checked


def store_result(dossier: Dossier, user, upload, checked, written: list) -> DossierFile:
    stored = DossierFile(
        dossier=dossier,
        kind=DossierFile.Kind.RESULT,
        original_name=(getattr(upload, "name", "") or f"{dossier.code}-ket-qua.pdf")[:255],
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user if user.is_authenticated else None,
    )
    stored.store_content(upload, checked.extension)
    written.append(stored.file)
    stored.save()
    return stored


def check_result_for(dossier: Dossier, action: Action, upload):
    """The checked result document of "issue the result" (None when there is none, which only a
    result not delivered online may do); a document attached to any other action is refused."""
    if action != Action.ISSUE_RESULT:
        if upload is not None:
            raise ResultDocumentInvalid(_("A result document is attached only when issuing the result."))
        return None
    if upload is None:
        if dossier.result_delivery == ResultDelivery.ONLINE:
            raise ResultDocumentInvalid(
                _("Attach the result document (PDF): the applicant receives the result online.")
            )
        return None
    return check_result_document(upload)


@handles(Action.ISSUE_RESULT)
class IssueTheResult(Handler):
    """The result goes back to the agency's one-stop counter, which returns it; its document is kept."""

    def do(self, ctx):
        dossier = ctx.dossier
        ctx.from_unit, ctx.to_unit = dossier.current_unit, str(dossier.agency)
        dossier.current_unit = ctx.to_unit
        # Kept before the action is recorded, so that what subscribes to the record (the statistics'
        # electronic results) sees the result file.
        checked = ctx.extra.get("checked_result")
        if checked is not None:
            store_result(dossier, ctx.user, ctx.options["result_document"], checked, ctx.written)


@handles(Action.RETURN_RESULT)
class ReturnTheResult(Handler):
    """Returned: on time or late against the appointment; the steps still open (after the approval) end."""

    def do(self, ctx):
        dossier = ctx.dossier
        dossier.timeliness = classify(ctx.now, dossier.appointment_at)
        for step in ctx.steps:
            if step.started_at is not None and step.done_at is None:
                ctx.finished = finish_step(step, ctx.user, ctx.now)
        ctx.from_unit, ctx.to_unit = dossier.current_unit or str(dossier.agency), dossier.applicant_name
