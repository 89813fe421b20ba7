"""Dossier actions, one module each: check, then do, then record.

:func:`perform` is the whole of the generic part: lock the dossier, authorize (``access.authorize``),
compute the transition in the domain (``domain.lifecycle``), run the action's handler from one table
(``table.HANDLERS``), then write the record once (``record.record``: the process-log row and its typed
event) and keep the documents the action sends. All in one transaction: a refusal anywhere changes
nothing, and files already written are removed.

Modules: ``reception`` (counter and online reception), ``steps`` (assign, forward, send back,
approve), ``supplement``, ``inter_agency``, ``result`` (issue, return), ``closing`` (reject, stop,
withdraw, fees), ``apology``; ``record`` and ``table`` serve them all.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.validation import COMMENT_MAX, text_problem

from .. import fee_facts
from ..access import authorize, is_consulted
from ..clock import province_calendar
from ..domain.errors import DomainError
from ..domain.inbox import waiting_role
from ..domain.lifecycle import INTO_PROCESSING, Action, State, transition
from ..models import Dossier
from . import closing, inter_agency, reception, result, steps, supplement  # noqa: F401  (fill the table)
from .files import files_removed_on_failure
from .record import record
from .result import check_result_for
from .steps import check_proposal
from .table import HANDLERS, ActionContext, Handler


def _context(dossier, user, action, comment, options, now, *, written) -> ActionContext:
    """Authorize ``user`` and compute the transition in the domain (raising if either refuses), as the
    context the handler works in."""
    actor = authorize(user, dossier, action)
    process = list(dossier.steps.all())
    previous = dossier.status
    new_status = transition(
        previous,
        action,
        actor,
        len(process),
        step_roles=[s.role for s in process],
        fees_unpaid=action in INTO_PROCESSING and fee_facts.fees_unpaid(dossier),
    )
    return ActionContext(
        dossier=dossier,
        user=user,
        actor=actor,
        action=action,
        steps=process,
        previous=previous,
        new_status=new_status,
        now=now,
        comment=comment,
        consulted=is_consulted(user, dossier),
        calendar=None,
        options=options,
        written=written,
    )


def _prepare(handler, dossier, user, action, comment, options, now) -> dict:
    """The handler's slow work on an unlocked snapshot, only when the action would be allowed now
    (otherwise the locked path refuses it, with nothing spent)."""
    if handler is None or type(handler).prepare is Handler.prepare:
        return {}
    snapshot = Dossier.objects.select_related("procedure", "agency").get(pk=dossier.pk)
    try:
        ctx = _context(snapshot, user, action, comment, options, now, written=[])
    except DomainError:
        return {}
    handler.prepare(ctx)
    return ctx.extra


def perform(
    dossier: Dossier,
    user,
    action: Action | str,
    *,
    comment: str = "",
    supplement_items: list[dict] | None = None,
    consulted_agency=None,
    result_document=None,
    proposal: str = "",
    now: datetime | None = None,
) -> Dossier:
    """Take ``action`` on ``dossier`` as ``user``: authorize, transition, run its handler, record.

    ``user`` is a signed-in person, or ``access.SYSTEM`` for what the portal does on an outside party's
    word (the lifecycle's "system" actor: a gateway's confirmed payment, …).

    Raises DossierNotFound (→ 404) when the user may not see the dossier, TransitionRefused when
    the action is not allowed now, and DomainError when what the action needs is missing (a reason to
    reject or stop, the missing items of a supplement request, the agency to consult); either way
    nothing changes. A supplement request, a rejection and a notice of stopping are generated as PDF
    and kept with the dossier in the same transaction.

    Issuing the result keeps ``result_document`` (an uploaded PDF, checked by its content) as the
    dossier's result, which the applicant downloads; it is required when the result is delivered
    online. A wrong document raises ``ResultDocumentInvalid`` and changes nothing.
    """
    action = Action(action)
    now = now or timezone.now()
    problem = text_problem(comment or "", COMMENT_MAX)
    if problem:
        raise DomainError("%(message)s", {"message": problem})
    comment = comment.strip()
    options = {
        "supplement_items": supplement_items,
        "consulted_agency": consulted_agency,
        "result_document": result_document,
    }
    handler = HANDLERS.get(action)
    prepared = _prepare(handler, dossier, user, action, comment, options, now)
    with files_removed_on_failure() as written, transaction.atomic():
        # Not the nullable consulted_agency: PostgreSQL cannot lock the nullable side of an outer join.
        locked = Dossier.objects.select_for_update().select_related("procedure", "agency").get(pk=dossier.pk)
        ctx = _context(locked, user, action, comment, options, now, written=written)
        actor, process, previous, new_status = ctx.actor, ctx.steps, ctx.previous, ctx.new_status
        ctx.extra.update(prepared)
        # Check: nothing has changed yet.
        handler.check(ctx)
        ctx.proposal = check_proposal(proposal, action, actor, new_status, process, comment)
        ctx.extra["checked_result"] = check_result_for(locked, action, result_document)
        # Do.
        ctx.calendar = province_calendar()
        handler.do(ctx)
        if new_status.state.is_final:
            locked.closed_at = now
            locked.step_due_at = None
            locked.consulted_agency = None
        locked.status = new_status
        locked.inbox_role = waiting_role(new_status.state, new_status.step, [s.role for s in process])
        locked.save()
        # Record, once; then the documents the action sends.
        finished = ctx.finished
        record(
            locked,
            user,
            actor,
            action,
            previous.state,
            now,
            comment=comment,
            finished=finished,
            from_unit=ctx.from_unit or (finished.handling_unit if finished else ""),
            to_unit=ctx.to_unit or (locked.current_unit if new_status.state == State.IN_PROGRESS else ""),
            to_officer=ctx.to_officer,
            new_appointment_at=ctx.new_appointment,
            proposal=ctx.proposal,
        )
        handler.after(ctx)
    return locked
