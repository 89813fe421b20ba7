"""Moving a dossier along its internal process: assign, forward (with a proposed decision), send back,
approve."""

from django.utils.translation import gettext_lazy as _

from core.roles import Role

from ..clock import finish_step, start_step
from ..constants import Proposal
from ..domain.errors import DomainError
from ..domain.lifecycle import Action, Actor, State
from ..models import Dossier, DossierStep, ProcessLogEntry
from .drafting import newest_draft
from .result import store_signed_result
from .table import Handler, handles


def may_propose(actor, steps: list[DossierStep], next_step: int | None) -> bool:
    """Whether ``actor``, forwarding the dossier to ``next_step``, may propose the decision: the
    specialist or the head of the handling unit, when that step is the leader's."""
    return (
        Actor(actor) in (Actor.SPECIALIST, Actor.MANAGER)
        and next_step is not None
        and next_step < len(steps)
        and steps[next_step].role == Role.LEADER
    )


def check_proposal(proposal, action, actor, new_status, steps, comment) -> str:
    """A proposed decision goes with the forward of the specialist (or the head of the handling unit)
    to the leader's step; a proposed refusal needs its reason."""
    if not proposal:
        return ""
    try:
        proposal = Proposal(proposal)
    except ValueError:
        raise DomainError(_("Propose to approve or to refuse.")) from None
    if action != Action.FORWARD or not may_propose(actor, steps, new_status.step):
        raise DomainError(_("A decision is proposed by the officer forwarding the dossier to the leader."))
    if proposal == Proposal.REJECT and not comment:
        raise DomainError(_("Give the reason for refusing: the leader reads it before deciding."))
    return proposal.value


#: Actions that pause or consult without moving the dossier to another step.
_STAY_AT_STEP = {
    Action.REQUEST_SUPPLEMENT,
    Action.SUPPLEMENT,
    Action.REQUEST_FEES,
    Action.PAY_FEES,
    Action.SEND_INTER_AGENCY,
    Action.RETURN_FROM_INTER_AGENCY,
}


_AT_A_STEP = {State.IN_PROGRESS, State.AWAITING_SUPPLEMENT, State.AWAITING_FEES, State.INTER_AGENCY}


def pending_proposal(dossier: Dossier, log: list) -> ProcessLogEntry | None:
    """The specialist's proposal the leader is to decide on: that of the forward that brought the
    dossier to its current step, if it carried one (``log`` in time order)."""
    if dossier.state not in _AT_A_STEP:
        return None
    for entry in reversed(log):
        if entry.action in _STAY_AT_STEP or entry.action == Action.APOLOGIZE:
            continue
        return entry if entry.action == Action.FORWARD.value and entry.proposal else None
    return None


@handles(Action.ASSIGN, Action.FORWARD, Action.SEND_BACK)
class MoveAlongTheProcess(Handler):
    """The step being handled ends (forward, send back); the new one starts with its own due time."""

    def do(self, ctx):
        current = ctx.current_step
        if ctx.action in (Action.FORWARD, Action.SEND_BACK) and current is not None:
            ctx.finished = finish_step(current, ctx.user, ctx.now)
        if ctx.new_status.state == State.IN_PROGRESS:
            step = ctx.steps[ctx.new_status.step]
            start_step(step, ctx.calendar, ctx.now)
            ctx.dossier.step_due_at = step.due_at
            ctx.dossier.current_unit = step.handling_unit


@handles(Action.APPROVE)
class Approve(Handler):
    """The leader signs: back to the handling unit, which issues the result; a step after the leader's
    (the counter's "return the result") starts its own time now."""

    def do(self, ctx):
        current = ctx.current_step
        if current is not None:
            ctx.finished = finish_step(current, ctx.user, ctx.now)
        dossier = ctx.dossier
        draft = newest_draft(dossier)
        if draft is not None:  # approving the draft signs it: it becomes the result
            with draft.file.open("rb") as handle:
                pdf = handle.read()
            store_signed_result(
                dossier, ctx.user, pdf, ctx.now, ctx.written, signer=ctx.user, version=draft.version
            )
        dossier.decided_at = ctx.now
        dossier.step_due_at = None
        ctx.to_unit = dossier.current_unit
        following = ctx.steps[ctx.previous.step + 1 :]
        if following:
            start_step(following[0], ctx.calendar, ctx.now)
            dossier.step_due_at = following[0].due_at
