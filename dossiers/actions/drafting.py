"""The draft result (Action.DRAFT_RESULT): prepared at the handling step, from the procedure's result
template or uploaded by the specialist, for the leader, who signs it by approving (``steps.Approve``).

Every version is kept (``DossierFile.version``), each with its process-log row: sending the dossier
back to revise it adds a version and loses none.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.validation import COMMENT_MAX, text_problem

from .. import documents
from ..access import authorize, is_consulted
from ..domain.errors import DomainError
from ..domain.lifecycle import Action, State
from ..models import Dossier, DossierFile
from ..result_drafts import render_draft
from .files import files_removed_on_failure
from .record import record
from .result import check_result_document


def prepare_result_draft(
    dossier: Dossier, user, *, upload=None, comment: str = "", now: datetime | None = None
) -> DossierFile:
    """A new version of ``dossier``'s draft result: ``upload`` (a PDF, checked by its content) or, when
    none is given, rendered from the procedure's result template. Returns the stored draft."""
    now = now or timezone.now()
    problem = text_problem(comment or "", COMMENT_MAX)
    if problem:
        raise DomainError("%(message)s", {"message": problem})
    snapshot = Dossier.objects.select_related("procedure", "agency__parent").get(pk=dossier.pk)
    _check(snapshot, user)
    if upload is None:
        pdf = render_draft(snapshot, now)  # before the lock: rendering takes a while
        name = ""
    else:
        check_result_document(upload)
        upload.seek(0)
        pdf = upload.read()
        name = getattr(upload, "name", "") or ""
    with files_removed_on_failure() as written, transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure", "agency").get(pk=dossier.pk)
        actor = _check(locked, user)
        newest = locked.files.filter(kind=DossierFile.Kind.RESULT_DRAFT).aggregate(v=Max("version"))["v"]
        version = (newest or 0) + 1
        draft = documents.store_document(
            locked,
            DossierFile.Kind.RESULT_DRAFT,
            pdf,
            name[:255] or f"{locked.code}-du-thao-ket-qua-{version}.pdf",
            user=user,
            version=version,
            written=written,
        )
        summary = gettext("Draft result, version %(version)s") % {"version": version}
        record(
            locked,
            user,
            actor,
            Action.DRAFT_RESULT,
            locked.state,
            now,
            comment=f"{summary}: {comment.strip()}" if comment.strip() else summary,
        )
    return draft


def newest_draft(dossier: Dossier) -> DossierFile | None:
    return dossier.files.filter(kind=DossierFile.Kind.RESULT_DRAFT).order_by("-version", "-id").first()


def _check(dossier: Dossier, user):
    actor = authorize(user, dossier, Action.DRAFT_RESULT)
    if dossier.state != State.IN_PROGRESS or is_consulted(user, dossier):
        raise DomainError(_("The result is drafted while the dossier is being processed by its agency."))
    return actor
