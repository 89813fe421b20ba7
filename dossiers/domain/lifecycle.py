"""The dossier lifecycle: states, actions, who may take them, and the national status codes.

A dossier's status is a :class:`DossierStatus`: its :class:`State`, the index of the current step of
the procedure's internal process (0-based, while in progress or paused during processing) and, for the
waiting states, the state it goes back to. :func:`transition` computes the next status or raises
:class:`TransitionRefused` with a translatable message; it never changes its input (statuses are
immutable values).

States and national status codes (domain.md, "Dossier status"):

=====================  ====  =====================================================
state                  code  national meaning
=====================  ====  =====================================================
draft                  —     not sent to the national portal (not registered yet)
submitted              1     newly registered (online, waiting for the counter)
received               2     received
in_progress (step N)   4     in progress
inter_agency           4     in progress (at another agency)
awaiting_supplement    5     supplement requested (the clock is stopped)
awaiting_fees          6     financial obligation requested
withdrawn              7     withdrawal requested by the applicant
processing_stopped     8     processing stopped
approved               9     processed (decision signed, result not yet issued)
result_issued          9     processed (result ready to be returned)
returned               10    result returned
rejected               3     not accepted
=====================  ====  =====================================================

Transitions ("last" = the last step of the internal process; steps are shown 1-based in messages):

========================  ===============================  =============================  ===================
action                    from                             who                            to
========================  ===============================  =============================  ===================
submit                    draft                            applicant                      submitted
receive                   draft (a walk-in dossier typed   counter officer                received
                          in at the counter), submitted
assign                    received                         counter officer, manager       in_progress step 1
forward                   in_progress step N < last        counter officer, specialist,   in_progress N+1
                                                           leader, manager
send_back                 in_progress step N > 1           specialist, leader, manager    in_progress N-1
approve                   in_progress at the last step     leader                         approved
issue_result              approved                         specialist, leader, system     result_issued
return_result             result_issued                    counter officer, system        returned
request_supplement        submitted, received              counter officer                awaiting_supplement
                          in_progress                      specialist, leader
supplement                awaiting_supplement              applicant, counter officer     back where it was
request_fees              received                         counter officer                awaiting_fees
                          in_progress                      specialist, leader
pay_fees                  awaiting_fees                    applicant, counter officer,    back where it was
                                                           system
send_inter_agency         in_progress                      specialist, leader             inter_agency
return_from_inter_agency  inter_agency                     specialist, system             in_progress, same N
reject                    submitted, received              counter officer                rejected
                          in_progress, awaiting_supplement leader
withdraw                  submitted, received,             applicant, counter officer     withdrawn
                          in_progress, awaiting_supplement, (on the applicant's request)
                          awaiting_fees, inter_agency
stop_processing           received, in_progress,           leader, manager                processing_stopped
                          awaiting_supplement,
                          awaiting_fees, inter_agency
========================  ===============================  =============================  ===================

returned, rejected, withdrawn and processing_stopped are final. When the internal process's step roles
are given (``step_roles``), forward and send_back are further limited to the role of the current step.
Actor values are those of ``core.roles.Role`` (the applicant signs in with the "citizen" role),
plus "system" for automatic events (payment gateway, inter-agency exchange, online return).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.roles import DOSSIER_ROLES, Role

from .errors import DomainError


class State(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    AWAITING_FEES = "awaiting_fees"
    INTER_AGENCY = "inter_agency"
    APPROVED = "approved"
    RESULT_ISSUED = "result_issued"
    RETURNED = "returned"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    PROCESSING_STOPPED = "processing_stopped"

    @property
    def label(self):
        return _STATE_LABELS[self]

    @property
    def national_status(self) -> NationalStatus | None:
        """The status synchronized with the National Public Service Portal (None: not sent)."""
        return NATIONAL_STATUS[self]

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES

    @property
    def pauses_clock(self) -> bool:
        """Whether the processing clock is stopped in this state (only while a supplement is awaited)."""
        return self is State.AWAITING_SUPPLEMENT


_STATE_LABELS = {
    State.DRAFT: _("Draft"),
    State.SUBMITTED: _("Submitted"),
    State.RECEIVED: _("Received"),
    State.IN_PROGRESS: _("In progress"),
    State.AWAITING_SUPPLEMENT: _("Awaiting supplement"),
    State.AWAITING_FEES: _("Awaiting fees (financial obligation)"),
    State.INTER_AGENCY: _("At another agency (inter-agency)"),
    State.APPROVED: _("Approved"),
    State.RESULT_ISSUED: _("Result issued"),
    State.RETURNED: _("Result returned"),
    State.REJECTED: _("Rejected"),
    State.WITHDRAWN: _("Withdrawn"),
    State.PROCESSING_STOPPED: _("Processing stopped"),
}

FINAL_STATES = frozenset({State.RETURNED, State.REJECTED, State.WITHDRAWN, State.PROCESSING_STOPPED})


class NationalStatus(enum.IntEnum):
    """Dossier status codes of the National Public Service Portal."""

    NEWLY_REGISTERED = 1
    RECEIVED = 2
    NOT_ACCEPTED = 3
    IN_PROGRESS = 4
    SUPPLEMENT_REQUESTED = 5
    FINANCIAL_OBLIGATION_REQUESTED = 6
    WITHDRAWAL_REQUESTED = 7
    PROCESSING_STOPPED = 8
    PROCESSED = 9
    RESULT_RETURNED = 10

    @property
    def label(self):
        return {
            NationalStatus.NEWLY_REGISTERED: _("Newly registered"),
            NationalStatus.RECEIVED: _("Received"),
            NationalStatus.NOT_ACCEPTED: _("Not accepted"),
            NationalStatus.IN_PROGRESS: _("In progress"),
            NationalStatus.SUPPLEMENT_REQUESTED: _("Supplement requested"),
            NationalStatus.FINANCIAL_OBLIGATION_REQUESTED: _("Financial obligation requested"),
            NationalStatus.WITHDRAWAL_REQUESTED: _("Withdrawal requested by the applicant"),
            NationalStatus.PROCESSING_STOPPED: _("Processing stopped"),
            NationalStatus.PROCESSED: _("Processed"),
            NationalStatus.RESULT_RETURNED: _("Result returned"),
        }[self]


NATIONAL_STATUS: dict[State, NationalStatus | None] = {
    State.DRAFT: None,
    State.SUBMITTED: NationalStatus.NEWLY_REGISTERED,
    State.RECEIVED: NationalStatus.RECEIVED,
    State.REJECTED: NationalStatus.NOT_ACCEPTED,
    State.IN_PROGRESS: NationalStatus.IN_PROGRESS,
    State.INTER_AGENCY: NationalStatus.IN_PROGRESS,
    State.AWAITING_SUPPLEMENT: NationalStatus.SUPPLEMENT_REQUESTED,
    State.AWAITING_FEES: NationalStatus.FINANCIAL_OBLIGATION_REQUESTED,
    State.WITHDRAWN: NationalStatus.WITHDRAWAL_REQUESTED,
    State.PROCESSING_STOPPED: NationalStatus.PROCESSING_STOPPED,
    State.APPROVED: NationalStatus.PROCESSED,
    State.RESULT_ISSUED: NationalStatus.PROCESSED,
    State.RETURNED: NationalStatus.RESULT_RETURNED,
}


# Who acts: a person in one of the roles that work on dossiers, the applicant (whose role is "citizen"),
# or the portal itself (deadlines, the national exchange). The names and values are the roles'
# (``core.roles``); the labels are the ones that fit in a sentence.
_IN_A_SENTENCE = {
    Role.CITIZEN: _("applicant"),
    Role.COUNTER_OFFICER: _("one-stop counter officer"),
    Role.SPECIALIST: _("specialist"),
    Role.LEADER: _("leader"),
    Role.MANAGER: _("manager"),
}
Actor = models.TextChoices(
    "Actor",
    [
        ("APPLICANT", (Role.CITIZEN.value, _IN_A_SENTENCE[Role.CITIZEN])),
        *((role.name, (role.value, _IN_A_SENTENCE[role])) for role in Role if role in DOSSIER_ROLES),
        ("SYSTEM", ("system", _("system"))),
    ],
    module=__name__,
)


class Action(enum.StrEnum):
    SUBMIT = "submit"
    RECEIVE = "receive"
    ASSIGN = "assign"
    FORWARD = "forward"
    SEND_BACK = "send_back"
    APPROVE = "approve"
    ISSUE_RESULT = "issue_result"
    RETURN_RESULT = "return_result"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    REQUEST_FEES = "request_fees"
    PAY_FEES = "pay_fees"
    SEND_INTER_AGENCY = "send_inter_agency"
    RETURN_FROM_INTER_AGENCY = "return_from_inter_agency"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    STOP_PROCESSING = "stop_processing"
    # Not a transition (the state stays): the apology letter with a new appointment date.
    APOLOGIZE = "apologize"
    # Not a transition either: a new version of the draft result, prepared at the handling step for the
    # leader, who signs it by approving.
    DRAFT_RESULT = "draft_result"

    @property
    def label(self):
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.SUBMIT: _("Submit"),
    Action.RECEIVE: _("Receive"),
    Action.ASSIGN: _("Assign for processing"),
    Action.FORWARD: _("Forward to the next step"),
    Action.SEND_BACK: _("Send back to the previous step"),
    Action.APPROVE: _("Approve"),
    Action.ISSUE_RESULT: _("Issue the result"),
    Action.RETURN_RESULT: _("Return the result"),
    Action.REQUEST_SUPPLEMENT: _("Request a supplement"),
    Action.SUPPLEMENT: _("Supplement the dossier"),
    Action.REQUEST_FEES: _("Request fees (financial obligation)"),
    Action.PAY_FEES: _("Record the payment of fees"),
    Action.SEND_INTER_AGENCY: _("Send to another agency"),
    Action.RETURN_FROM_INTER_AGENCY: _("Record the return from the other agency"),
    Action.REJECT: _("Reject"),
    Action.WITHDRAW: _("Withdraw"),
    Action.STOP_PROCESSING: _("Stop processing"),
    Action.APOLOGIZE: _("Apologize and set a new appointment"),
    Action.DRAFT_RESULT: _("Prepare the draft result"),
}


# States a waiting state may go back to.
_RESUMABLE = {
    State.AWAITING_SUPPLEMENT: frozenset({State.SUBMITTED, State.RECEIVED, State.IN_PROGRESS}),
    State.AWAITING_FEES: frozenset({State.RECEIVED, State.IN_PROGRESS}),
    State.INTER_AGENCY: frozenset({State.IN_PROGRESS}),
}


@dataclass(frozen=True)
class DossierStatus:
    """Where a dossier stands: an immutable value.

    ``step`` is the 0-based index of the current step of the internal process: set while in progress,
    and kept while paused in a waiting state entered from processing. ``resume_state`` is, for the
    waiting states (awaiting supplement, awaiting fees, inter-agency), the state to go back to.
    """

    state: State
    step: int | None = None
    resume_state: State | None = None

    def __post_init__(self):
        state = State(self.state)
        resume = None if self.resume_state is None else State(self.resume_state)
        object.__setattr__(self, "state", state)
        object.__setattr__(self, "resume_state", resume)
        if self.step is not None and (isinstance(self.step, bool) or not isinstance(self.step, int)):
            raise TypeError("The step is an int index.")
        if self.step is not None and self.step < 0:
            raise ValueError("The step index cannot be negative.")
        if state in _RESUMABLE:
            if resume not in _RESUMABLE[state]:
                raise ValueError(f"A dossier in {state} cannot go back to {resume}.")
            processing = resume is State.IN_PROGRESS
        else:
            if resume is not None:
                raise ValueError(f"Only a waiting state has a state to go back to, not {state}.")
            processing = state is State.IN_PROGRESS
        if processing and self.step is None:
            raise ValueError(f"A dossier in {state} during processing needs a step.")
        if not processing and self.step is not None:
            raise ValueError(f"A dossier in {state} has no current step.")

    @classmethod
    def in_progress(cls, step: int) -> DossierStatus:
        return cls(State.IN_PROGRESS, step)

    @property
    def national_status(self) -> NationalStatus | None:
        return self.state.national_status

    def describe(self, step_count: int | None = None) -> str:
        """The status in words, e.g. "In progress, step 2 of 4"."""
        if self.state is State.IN_PROGRESS:
            if step_count is None:
                return str(_("In progress, step %(step)s") % {"step": self.step + 1})
            return str(
                _("In progress, step %(step)s of %(count)s") % {"step": self.step + 1, "count": step_count}
            )
        return str(self.state.label)


DRAFT = DossierStatus(State.DRAFT)


class TransitionRefused(DomainError):
    """An action that is not allowed now; nothing has changed.

    ``reason`` says why: "state" (not possible in this state), "actor" (not for this role), "no_steps",
    "last_step", "first_step", "not_last_step" or "step_role".
    """

    def __init__(self, template, params=None, *, status=None, action=None, actor=None, reason=None):
        super().__init__(template, params)
        self.status = status
        self.action = action
        self.actor = actor
        self.reason = reason


_COUNTER = frozenset({Actor.COUNTER_OFFICER})
_LEADER = frozenset({Actor.LEADER})
_PROCESSORS = frozenset({Actor.SPECIALIST, Actor.LEADER})
_PENDING = frozenset(
    {
        State.RECEIVED,
        State.IN_PROGRESS,
        State.AWAITING_SUPPLEMENT,
        State.AWAITING_FEES,
        State.INTER_AGENCY,
    }
)

# action -> ((source states, actors allowed from those states), ...)
RULES: dict[Action, tuple[tuple[frozenset[State], frozenset[Actor]], ...]] = {
    Action.SUBMIT: ((frozenset({State.DRAFT}), frozenset({Actor.APPLICANT})),),
    Action.RECEIVE: ((frozenset({State.DRAFT, State.SUBMITTED}), _COUNTER),),
    Action.ASSIGN: ((frozenset({State.RECEIVED}), frozenset({Actor.COUNTER_OFFICER, Actor.MANAGER})),),
    Action.FORWARD: (
        (
            frozenset({State.IN_PROGRESS}),
            frozenset({Actor.COUNTER_OFFICER, Actor.SPECIALIST, Actor.LEADER, Actor.MANAGER}),
        ),
    ),
    Action.SEND_BACK: ((frozenset({State.IN_PROGRESS}), _PROCESSORS | {Actor.MANAGER}),),
    Action.APPROVE: ((frozenset({State.IN_PROGRESS}), _LEADER),),
    Action.ISSUE_RESULT: ((frozenset({State.APPROVED}), _PROCESSORS | {Actor.SYSTEM}),),
    Action.RETURN_RESULT: (
        (frozenset({State.RESULT_ISSUED}), frozenset({Actor.COUNTER_OFFICER, Actor.SYSTEM})),
    ),
    Action.REQUEST_SUPPLEMENT: (
        (frozenset({State.SUBMITTED, State.RECEIVED}), _COUNTER),
        (frozenset({State.IN_PROGRESS}), _PROCESSORS),
    ),
    Action.SUPPLEMENT: (
        (frozenset({State.AWAITING_SUPPLEMENT}), frozenset({Actor.APPLICANT, Actor.COUNTER_OFFICER})),
    ),
    Action.REQUEST_FEES: (
        (frozenset({State.RECEIVED}), _COUNTER),
        (frozenset({State.IN_PROGRESS}), _PROCESSORS),
    ),
    Action.PAY_FEES: (
        (frozenset({State.AWAITING_FEES}), frozenset({Actor.APPLICANT, Actor.COUNTER_OFFICER, Actor.SYSTEM})),
    ),
    Action.SEND_INTER_AGENCY: ((frozenset({State.IN_PROGRESS}), _PROCESSORS),),
    Action.RETURN_FROM_INTER_AGENCY: (
        (frozenset({State.INTER_AGENCY}), frozenset({Actor.SPECIALIST, Actor.SYSTEM})),
    ),
    Action.REJECT: (
        (frozenset({State.SUBMITTED, State.RECEIVED}), _COUNTER),
        (frozenset({State.IN_PROGRESS, State.AWAITING_SUPPLEMENT}), _LEADER),
    ),
    Action.WITHDRAW: ((_PENDING | {State.SUBMITTED}, frozenset({Actor.APPLICANT, Actor.COUNTER_OFFICER})),),
    Action.STOP_PROCESSING: ((_PENDING, frozenset({Actor.LEADER, Actor.MANAGER})),),
}

# Actions limited to the role of the current step when the step roles are known.
_STEP_ROLE_ACTIONS = frozenset({Action.FORWARD, Action.SEND_BACK})


def _refuse(template, params, status, action, actor, reason):
    return TransitionRefused(template, params, status=status, action=action, actor=actor, reason=reason)


def _target(status: DossierStatus, action: Action, step_count: int) -> DossierStatus:
    state = status.state
    if action is Action.SUBMIT:
        return DossierStatus(State.SUBMITTED)
    if action is Action.RECEIVE:
        return DossierStatus(State.RECEIVED)
    if action is Action.ASSIGN:
        return DossierStatus(State.IN_PROGRESS, 0)
    if action is Action.FORWARD:
        return DossierStatus(State.IN_PROGRESS, status.step + 1)
    if action is Action.SEND_BACK:
        return DossierStatus(State.IN_PROGRESS, status.step - 1)
    if action is Action.APPROVE:
        return DossierStatus(State.APPROVED)
    if action is Action.ISSUE_RESULT:
        return DossierStatus(State.RESULT_ISSUED)
    if action is Action.RETURN_RESULT:
        return DossierStatus(State.RETURNED)
    if action is Action.REQUEST_SUPPLEMENT:
        return DossierStatus(State.AWAITING_SUPPLEMENT, status.step, state)
    if action is Action.REQUEST_FEES:
        return DossierStatus(State.AWAITING_FEES, status.step, state)
    if action is Action.SEND_INTER_AGENCY:
        return DossierStatus(State.INTER_AGENCY, status.step, state)
    if action in (Action.SUPPLEMENT, Action.PAY_FEES, Action.RETURN_FROM_INTER_AGENCY):
        return DossierStatus(status.resume_state, status.step)
    if action is Action.REJECT:
        return DossierStatus(State.REJECTED)
    if action is Action.WITHDRAW:
        return DossierStatus(State.WITHDRAWN)
    if action is Action.STOP_PROCESSING:
        return DossierStatus(State.PROCESSING_STOPPED)
    raise AssertionError(f"no target for {action}")  # pragma: no cover


def is_approval_step(step: int, step_count: int, step_roles: Sequence[str] | None = None) -> bool:
    """Whether the leader approves at ``step``: the last step of the leader's role, when the roles are
    known (steps after it, such as the counter returning the result, follow the approval), otherwise
    the last step."""
    if step_roles is not None:
        leader_steps = [index for index, role in enumerate(step_roles) if role == Actor.LEADER.value]
        if leader_steps:
            return step == leader_steps[-1]
    return step + 1 == step_count


def transition(
    status: DossierStatus,
    action: Action | str,
    actor: Actor | str,
    step_count: int,
    *,
    step_roles: Sequence[str] | None = None,
) -> DossierStatus:
    """The status after ``actor`` takes ``action``; raises :class:`TransitionRefused` if not allowed.

    ``step_count`` is the number of steps of the procedure's internal process; ``step_roles``
    (optional, one role value per step, e.g. from ``ProcessStep.role``) further limits forward and
    send_back to the current step's role. Unknown action or actor values, or a status whose step is
    outside the process, raise ValueError (programming errors, not refusals).
    """
    action, actor = Action(action), Actor(actor)
    if isinstance(step_count, bool) or not isinstance(step_count, int) or step_count < 0:
        raise ValueError("step_count is a non-negative int.")
    if step_roles is not None and len(step_roles) != step_count:
        raise ValueError("step_roles needs one role per step.")
    if status.step is not None and status.step >= step_count:
        raise ValueError(
            f"The dossier is at step index {status.step} but the process has {step_count} steps."
        )

    params = {"action": action.label, "state": _Described(status, step_count), "actor": actor.label}
    # The apology has no rule: it changes the appointment, never the state (services.apologize_and_extend).
    rules = [actors for states, actors in RULES.get(action, ()) if status.state in states]
    if not rules:
        raise _refuse(
            _("Cannot “%(action)s”: the dossier’s status is “%(state)s”."),
            params,
            status,
            action,
            actor,
            "state",
        )
    allowed = frozenset().union(*rules)
    if actor not in allowed:
        params["allowed"] = _Roles(allowed)
        raise _refuse(
            _(
                "Cannot “%(action)s” as %(actor)s while the status is “%(state)s”: "
                "only %(allowed)s may do it."
            ),
            params,
            status,
            action,
            actor,
            "actor",
        )
    step = status.step
    if action is Action.ASSIGN and step_count == 0:
        raise _refuse(
            _("Cannot “%(action)s”: the procedure has no steps in its internal process."),
            params,
            status,
            action,
            actor,
            "no_steps",
        )
    if action is Action.FORWARD and step + 1 >= step_count:
        raise _refuse(
            _("Cannot “%(action)s”: this is the last step; the leader approves the dossier instead."),
            params,
            status,
            action,
            actor,
            "last_step",
        )
    if action is Action.FORWARD and is_approval_step(step, step_count, step_roles):
        raise _refuse(
            _("Cannot “%(action)s”: the leader approves the dossier at this step."),
            params,
            status,
            action,
            actor,
            "last_step",
        )
    if action is Action.SEND_BACK and step == 0:
        raise _refuse(
            _("Cannot “%(action)s”: the dossier is at the first step."),
            params,
            status,
            action,
            actor,
            "first_step",
        )
    if action is Action.APPROVE and not is_approval_step(step, step_count, step_roles):
        has_leader_step = step_roles is not None and Actor.LEADER.value in step_roles
        raise _refuse(
            _("Cannot “%(action)s”: the dossier is at “%(state)s”; approval comes at the leader’s step.")
            if has_leader_step
            else _("Cannot “%(action)s”: the dossier is at “%(state)s”; approval comes at the last step."),
            params,
            status,
            action,
            actor,
            "not_last_step",
        )
    if step_roles is not None and action in _STEP_ROLE_ACTIONS and step_roles[step] != actor.value:
        params["step"] = step + 1
        params["role"] = _role_label(step_roles[step])
        raise _refuse(
            _("Cannot “%(action)s” as %(actor)s: step %(step)s is handled by the %(role)s."),
            params,
            status,
            action,
            actor,
            "step_role",
        )
    return _target(status, action, step_count)


def allowed_actions(
    status: DossierStatus, actor: Actor | str, step_count: int, *, step_roles: Sequence[str] | None = None
) -> tuple[Action, ...]:
    """The actions ``actor`` may take now, in declaration order (for buttons in the UI)."""
    allowed = []
    for action in Action:
        try:
            transition(status, action, actor, step_count, step_roles=step_roles)
        except TransitionRefused:
            continue
        allowed.append(action)
    return tuple(allowed)


class _Described:
    """A status in words, computed when the message is shown (so in the language active then)."""

    def __init__(self, status: DossierStatus, step_count: int):
        self.status, self.step_count = status, step_count

    def __str__(self):
        return self.status.describe(self.step_count)


class _Roles:
    def __init__(self, actors):
        self.actors = [actor for actor in Actor if actor in actors]

    def __str__(self):
        return ", ".join(str(actor.label) for actor in self.actors)


def _role_label(value: str):
    try:
        return Actor(value).label
    except ValueError:
        return value
