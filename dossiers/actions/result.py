"""The result: checked (a PDF, by content) and kept when it is issued; its return to the applicant."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.uploads import PDF, check_scan

from .. import documents
from ..clock import finish_step
from ..constants import ResultDelivery
from ..domain.calendar import classify
from ..domain.errors import DomainError
from ..domain.lifecycle import Action
from ..models import Dossier, DossierFile
from ..result_drafts import DEFAULT_SIGNER_TITLE, template_of
from ..signing import RESULT_REASON, sign_document
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


def store_signed_result(
    dossier: Dossier,
    user,
    pdf: bytes,
    now,
    written: list,
    *,
    filename: str = "",
    signer=None,
    version: int = 1,
) -> DossierFile:
    """Sign ``pdf`` as the dossier's result and keep it: by ``signer`` (the approving leader) for the
    agency, with the title the result template gives, or sealed by the agency alone."""
    template = template_of(dossier) if signer is not None else None
    signer_title = ""
    if signer is not None:
        signer_title = template.signer_title if template and template.signer_title else DEFAULT_SIGNER_TITLE
    signed, fields = sign_document(
        pdf,
        dossier.agency,
        now,
        signer_name=(signer.get_full_name() or str(signer)) if signer is not None else "",
        signer_title=signer_title,
        reason=RESULT_REASON,
    )
    result = documents.store_document(
        dossier,
        DossierFile.Kind.RESULT,
        signed,
        filename[:255] or f"{dossier.code}-ket-qua.pdf",
        user=user,
        version=version,
        written=written,
        **fields,
    )
    return result


def signed_result(dossier: Dossier) -> DossierFile | None:
    """The dossier's newest signed result (signed when the leader approved its draft)."""
    return dossier.files.filter(kind=DossierFile.Kind.RESULT, signed_at__isnull=False).order_by("-id").first()


def check_result_for(dossier: Dossier, action: Action, upload):
    """The checked result document of "issue the result" (None when there is none, which only a
    result not delivered online may do); a document attached to any other action is refused."""
    if action != Action.ISSUE_RESULT:
        if upload is not None:
            raise ResultDocumentInvalid(_("A result document is attached only when issuing the result."))
        return None
    if upload is None:
        if dossier.result_delivery == ResultDelivery.ONLINE and signed_result(dossier) is None:
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
        if checked is not None:  # uploaded now (no draft was approved): sealed by the agency
            upload = ctx.options["result_document"]
            upload.seek(0)
            store_signed_result(
                dossier, ctx.user, upload.read(), ctx.now, ctx.written, filename=getattr(upload, "name", "")
            )


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
