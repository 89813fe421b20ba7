"""Ending a dossier before its result: rejection, stopping (each with its notice), withdrawal; and the
fees steps, which only move the status."""

from django.utils.translation import gettext_lazy as _

from .. import documents
from ..domain.errors import DomainError
from ..domain.lifecycle import Action
from ..models import DossierFile
from .table import Handler, handles

_NOTICES = {
    Action.REJECT: (DossierFile.Kind.REJECTION, "rejection_pdf"),
    Action.STOP_PROCESSING: (DossierFile.Kind.STOP_NOTICE, "stop_notice_pdf"),
}


@handles(Action.REJECT, Action.STOP_PROCESSING)
class EndWithANotice(Handler):
    def prepare(self, ctx):
        # Rendered before the lock: the notice prints the dossier's details, which the action keeps.
        if ctx.comment:
            ctx.extra["pdf"] = self._render(ctx)

    def check(self, ctx):
        if not ctx.comment:
            raise DomainError(_("Give the reason: it is printed in the notice to the applicant."))

    def after(self, ctx):
        kind, _render = _NOTICES[ctx.action]
        pdf = ctx.extra.get("pdf") or self._render(ctx)
        notice = documents.store_generated(ctx.dossier, kind, pdf, user=ctx.user)
        ctx.written.append(notice.file)

    @staticmethod
    def _render(ctx) -> bytes:
        _kind, render = _NOTICES[ctx.action]
        return getattr(documents, render)(ctx.dossier, ctx.comment, ctx.user, ctx.now)


@handles(Action.WITHDRAW, Action.REQUEST_FEES, Action.PAY_FEES, Action.SUBMIT)
class StatusOnly(Handler):
    """Actions whose whole effect is the new status and the record (the applicant's reason is the
    comment); ``submit`` itself goes through ``dossiers.submission``."""
