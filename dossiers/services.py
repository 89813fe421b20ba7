"""State changes of dossiers. Each runs in one transaction with its process-log entry.

Views and API handlers call these; the rules themselves live in ``dossiers.domain``.
"""

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import DOSSIER_ROLES, STAFF_ROLES, Role
from catalog.constants import TimeUnit as CatalogTimeUnit
from core.events import publish
from core.validation import COMMENT_MAX, in_vietnam_time, text_problem
from documents.uploads import PDF, check_scan

from . import documents, receipts
from .constants import ApplicantType, CalendarDayKind, Channel, Proposal, ResultDelivery
from .domain.calendar import Duration, OfficeHours, TimeUnit, WorkingCalendar, classify, to_local
from .domain.codes import format_dossier_code
from .domain.errors import DomainError, NotFound
from .domain.inbox import waiting_role
from .domain.lifecycle import Action, Actor, State, allowed_actions, transition
from .events import DossierChanged
from .models import (
    CalendarDay,
    Dossier,
    DossierFile,
    DossierStep,
    ProcessLogEntry,
    ReceivedComponent,
    SupplementRequest,
)


class DossierNotFound(NotFound):
    """The dossier does not exist or is not visible to this person (both look the same: 404)."""


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


def _store_result(dossier: Dossier, user, upload, checked, written: list) -> DossierFile:
    stored = DossierFile(
        dossier=dossier,
        kind=DossierFile.Kind.RESULT,
        original_name=(getattr(upload, "name", "") or f"{dossier.code}-ket-qua.pdf")[:255],
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user if user.is_authenticated else None,
    )
    stored.file.save(f"{dossier.code}-ket-qua.pdf", upload, save=False)
    written.append(stored.file)
    stored.save()
    return stored


@functools.lru_cache(maxsize=4)
def _office_hours(weekday_hours: str, saturday_hours: str) -> OfficeHours:
    return OfficeHours.from_text(weekday_hours, saturday_hours)


def configured_office_hours() -> OfficeHours:
    """The province's office hours (MOTCUA_OFFICE_HOURS, MOTCUA_SATURDAY_HOURS)."""
    return _office_hours(settings.MOTCUA_OFFICE_HOURS, settings.MOTCUA_SATURDAY_HOURS)


def province_calendar() -> WorkingCalendar:
    """The national calendar with the province's office hours, days off and make-up working days."""
    days_off, working_days = set(), set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (days_off if kind == CalendarDayKind.DAY_OFF else working_days).add(day)
    return WorkingCalendar(
        extra_days_off=frozenset(days_off),
        extra_working_days=frozenset(working_days),
        office_hours=configured_office_hours(),
    )


def procedure_duration(amount: Decimal, unit: str) -> Duration:
    return Duration(amount, TimeUnit.HOUR if unit == CatalogTimeUnit.WORKING_HOUR else TimeUnit.DAY)


_NEXT_SEQUENCE_SQL = """
INSERT INTO dossiers_dossiercodecounter (agency_id, day, last_sequence) VALUES (%s, %s, 1)
ON CONFLICT (agency_id, day) DO UPDATE SET last_sequence = dossiers_dossiercodecounter.last_sequence + 1
RETURNING last_sequence
"""


def allocate_code(agency, moment: datetime) -> str:
    """The next dossier code of ``agency`` for the day of ``moment``.

    The upsert takes a row lock held until the surrounding transaction ends, so concurrent receptions
    at one agency queue up on it, and a rolled-back reception gives its number back: codes are unique
    and gap-free per agency and day. Must run inside the transaction that creates the dossier.
    """
    day = to_local(moment).date()
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_SEQUENCE_SQL, [agency.pk, day])
        (sequence,) = cursor.fetchone()
    return format_dossier_code(agency.code, day, sequence)


@dataclass
class Applicant:
    name: str
    id_number: str
    applicant_type: int = ApplicantType.CITIZEN
    phone: str = ""
    email: str = ""
    street: str = ""
    province_code: int | None = None
    ward_code: int | None = None
    user: object | None = None


@dataclass
class ComponentReceived:
    """A component of the procedure ticked on the counter's checklist, with its scans (uploaded files)."""

    component: object  # catalog.DossierComponent
    scans: list = field(default_factory=list)


@dataclass
class Reception:
    procedure: object
    applicant: Applicant
    channel: int = Channel.DIRECT
    result_delivery: str = ResultDelivery.COUNTER
    delivery_address: str = ""
    form_data: dict = field(default_factory=dict)
    comment: str = ""
    # The counter's checklist. None: not recorded (the receipt then lists the procedure's components);
    # a list: every required component of the procedure must be in it.
    components: list[ComponentReceived] | None = None


def missing_required_components(procedure, ticked_ids) -> list:
    """The required components of ``procedure`` whose ids are not in ``ticked_ids``."""
    ticked = set(ticked_ids)
    return [c for c in procedure.components.all() if c.required and c.pk not in ticked]


def _check_checklist(procedure, components: list[ComponentReceived]) -> list[tuple]:
    """Validate the checklist and its scans before anything is written; returns (scan, checked) pairs."""
    own = {c.pk for c in procedure.components.all()}
    if any(item.component.pk not in own for item in components):
        raise DomainError(_("A ticked component does not belong to the procedure."))
    missing = missing_required_components(procedure, [item.component.pk for item in components])
    if missing:
        raise DomainError(
            _("Tick the required components: %(names)s."), {"names": ", ".join(c.name for c in missing)}
        )
    checked = []
    for item in components:
        for scan in item.scans:
            try:
                checked.append((item.component, scan, check_scan(scan)))
            except ValidationError as error:
                raise DomainError("%(message)s", {"message": " ".join(error.messages)}) from error
    return checked


@contextmanager
def _files_removed_on_failure():
    """Yields a list to append stored files to; if the block fails, they are deleted from the storage.

    Put it around ``transaction.atomic()``: the rows roll back with the transaction, the files here.
    """
    written = []
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def _store_checklist(
    dossier: Dossier, officer, components: list[ComponentReceived], scans: list[tuple], written: list
):
    ReceivedComponent.objects.bulk_create(
        ReceivedComponent(
            dossier=dossier,
            component=item.component,
            name=item.component.name,
            originals=item.component.originals,
            copies=item.component.copies,
            position=position,
        )
        for position, item in enumerate(components)
    )
    for component, scan, checked in scans:
        stored = DossierFile(
            dossier=dossier,
            kind=DossierFile.Kind.COMPONENT,
            component=component,
            original_name=(getattr(scan, "name", "") or f"scan.{checked.extension}")[:255],
            content_type=checked.content_type,
            size=checked.size,
            digitized=True,
            uploaded_by=officer,
        )
        stored.file.save(f"component-{component.pk}.{checked.extension}", scan, save=False)
        written.append(stored.file)
        stored.save()


def receive_at_counter(officer, reception: Reception, *, now: datetime | None = None) -> Dossier:
    """A counter officer receives a walk-in or postal dossier: code, appointment, steps and log."""
    now = now or timezone.now()
    if officer.role != Role.COUNTER_OFFICER or officer.agency_id is None:
        raise DomainError(_("Only a one-stop counter officer can receive dossiers."))
    procedure = reception.procedure
    if not procedure.agencies.filter(pk=officer.agency_id).exists():
        raise DomainError(
            _("Your agency does not perform the procedure “%(name)s”."), {"name": procedure.name}
        )
    scans = _check_checklist(procedure, reception.components) if reception.components is not None else []
    calendar = province_calendar()
    applicant = reception.applicant
    with _files_removed_on_failure() as written, transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            agency_id=officer.agency_id,
            channel=reception.channel,
            applicant_type=applicant.applicant_type,
            applicant_name=applicant.name,
            applicant_id_number=applicant.id_number,
            applicant_phone=applicant.phone,
            applicant_email=applicant.email,
            applicant_street=applicant.street,
            applicant_province_code=applicant.province_code,
            applicant_ward_code=applicant.ward_code,
            applicant_user=applicant.user,
            form_data=reception.form_data,
            result_delivery=reception.result_delivery,
            delivery_address=reception.delivery_address,
            received_by=officer,
        )
        _start_processing_clock(dossier, calendar, now)
        dossier.code = allocate_code(officer.agency, dossier.received_at)
        dossier.status = transition(dossier.status, Action.RECEIVE, Actor.COUNTER_OFFICER, 0)
        dossier.current_unit = str(officer.agency)
        dossier.save()
        _plan_steps(dossier, calendar)
        if reception.components is not None:
            _store_checklist(dossier, officer, reception.components, scans, written)
        record(
            dossier,
            officer,
            Actor.COUNTER_OFFICER,
            Action.RECEIVE,
            "",
            now,
            comment=reception.comment,
            to_unit=str(officer.agency),
            to_officer=officer,
        )
        receipts.queue_receipt(dossier)
    return dossier


def appointment_for(procedure, start: datetime, calendar: WorkingCalendar) -> datetime:
    """When the result is due if processing starts at ``start`` (from the next opening if out of hours)."""
    return calendar.add_working_time(
        start, procedure_duration(procedure.processing_time, procedure.processing_time_unit)
    )


def _start_processing_clock(dossier: Dossier, calendar: WorkingCalendar, now: datetime):
    dossier.received_at = now
    dossier.appointment_at = appointment_for(dossier.procedure, now, calendar)
    dossier.original_appointment_at = dossier.appointment_at


def _receive_submitted(dossier: Dossier, officer, calendar: WorkingCalendar, now: datetime):
    """The counter accepts an online dossier: the clock, started when it was submitted, keeps running."""
    dossier.received_at = now
    dossier.received_by = officer
    dossier.current_unit = str(dossier.agency)
    if dossier.appointment_at is None:
        _start_processing_clock(dossier, calendar, now)
    if not dossier.steps.exists():
        _plan_steps(dossier, calendar)


def _plan_steps(dossier: Dossier, calendar: WorkingCalendar):
    unit = dossier.procedure.processing_time_unit
    process = list(dossier.procedure.steps.all())
    # An online dossier's time counts from its submission, as its receipt's appointment date does.
    start = dossier.submitted_at or dossier.received_at
    planned = calendar.plan_steps(start, [(step, procedure_duration(step.budget, unit)) for step in process])
    DossierStep.objects.bulk_create(
        DossierStep(
            dossier=dossier,
            index=index,
            name=plan.name.name,
            role=plan.name.role,
            handling_unit=plan.name.handling_unit,
            budget=plan.name.budget,
            planned_due_at=plan.due,
        )
        for index, plan in enumerate(planned)
    )


#: Officers of a consulted agency who may see the dossiers handed to it (and answer them).
CONSULTED_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})


def is_consulted(user, dossier: Dossier) -> bool:
    """Whether ``user`` sees ``dossier`` only as an officer of the agency it was handed to for an opinion."""
    return (
        user.is_authenticated
        and user.role in CONSULTED_ROLES
        and user.agency_id is not None
        and user.agency_id != dossier.agency_id
        and user.agency_id == dossier.consulted_agency_id
    )


def actor_for(user, dossier: Dossier) -> Actor:
    """The part ``user`` plays for ``dossier``; raises DossierNotFound when they have none.

    An officer of the consulted agency acts as a specialist, and may only record the return
    (see :func:`authorize`). Officers never see a draft; catalog officers no dossier at all.
    """
    if not user.is_authenticated:
        return _not_found(dossier.code)
    submitted = dossier.state != State.DRAFT
    if submitted and user.role in DOSSIER_ROLES and user.agency_id == dossier.agency_id:
        return Actor(user.role)
    if submitted and is_consulted(user, dossier):
        return Actor.SPECIALIST
    if dossier.applicant_user_id == user.pk:
        return Actor.APPLICANT
    return _not_found(dossier.code)


#: Not a transition of the lifecycle, but an action on the dossier all the same: the apology letter
#: with a new appointment date. Authorized by :func:`authorize` like every other.
APOLOGY_ACTION = Action.APOLOGIZE
_APOLOGY_ACTORS = frozenset({Actor.SPECIALIST, Actor.LEADER, Actor.MANAGER})


def authorize(user, dossier: Dossier, action) -> Actor:
    """The one place that decides whether ``user`` may take ``action`` on ``dossier``, before any
    rule of the lifecycle: returns the part they play, or raises.

    * DossierNotFound (404) for whoever may not see the dossier at all;
    * DomainError (409) for a consulted agency's officer doing anything but recording its answer
      (``return_from_inter_agency``), and for the apology by anyone but the handling agency's
      specialists, leaders and managers.

    Whether the action is allowed in the dossier's state is the lifecycle's question (``transition``).
    """
    actor = actor_for(user, dossier)
    action_value = action.value if isinstance(action, Action) else str(action)
    if is_consulted(user, dossier) and action_value != Action.RETURN_FROM_INTER_AGENCY.value:
        raise DomainError(_("Your agency was consulted on this dossier: you can only record its answer."))
    if action_value == APOLOGY_ACTION and actor not in _APOLOGY_ACTORS:
        raise DomainError(_("Only the handling specialist, a leader or a manager can set a new date."))
    return actor


def actions_for(user, dossier: Dossier, steps: list[DossierStep]) -> tuple[Action, ...]:
    """The actions ``user`` may take on ``dossier`` now (buttons on the dossier page)."""
    actor = actor_for(user, dossier)
    if is_consulted(user, dossier):
        return (Action.RETURN_FROM_INTER_AGENCY,)
    return allowed_actions(dossier.status, actor, len(steps), step_roles=[s.role for s in steps])


def _not_found(code):
    raise DossierNotFound(_("There is no dossier with the code %(code)s."), {"code": code})


def officer_dossiers(user):
    """The one rule for every officer's list, search, export and page: the dossiers of the officer's
    agency (and, for its specialists and leaders, those handed to it for an opinion), never a draft:
    a draft is the applicant's own until it is submitted. None for a catalog officer or a citizen."""
    if not (user.is_authenticated and user.role in DOSSIER_ROLES and user.agency_id):
        return Dossier.objects.none()
    if user.role in CONSULTED_ROLES:
        dossiers = Dossier.objects.filter(Q(agency_id=user.agency_id) | Q(consulted_agency_id=user.agency_id))
    else:
        dossiers = Dossier.objects.filter(agency_id=user.agency_id)
    return dossiers.submitted()


def visible_dossiers(user):
    """The dossiers ``user`` may see: an officer those of :func:`officer_dossiers`, a citizen their own."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if user.role in STAFF_ROLES:
        return officer_dossiers(user)
    return Dossier.objects.filter(applicant_user=user)


class InboxScope:
    MINE = "mine"
    ALL = "all"


def inbox_dossiers(user, scope: str = InboxScope.MINE):
    """The officer's inbox: by default the agency's dossiers waiting for their role (a manager: all).

    One index range per role (``dossier_role_inbox``). Dossiers handed to the officer's agency by
    another agency are listed apart (:func:`consulted_dossiers`).
    """
    if not (user.is_authenticated and user.role in DOSSIER_ROLES and user.agency_id):
        return Dossier.objects.none()
    dossiers = Dossier.objects.submitted().filter(agency_id=user.agency_id)
    if scope == InboxScope.MINE and user.role != Role.MANAGER:
        dossiers = dossiers.filter(inbox_role=user.role)
    return dossiers


def consulted_dossiers(user):
    """Dossiers of other agencies waiting for the answer of ``user``'s agency (inter-agency hand-off)."""
    if user.role not in CONSULTED_ROLES or not user.agency_id:
        return Dossier.objects.none()
    return Dossier.objects.filter(consulted_agency_id=user.agency_id, state=State.INTER_AGENCY).exclude(
        agency_id=user.agency_id
    )


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
    """Take ``action`` on ``dossier`` as ``user``: authorize, transition, update clocks, log.

    Raises DossierNotFound (→ 404) when the user may not see the dossier, TransitionRefused when
    the action is not allowed now, and DomainError when what the action needs is missing (a reason to
    reject or stop, the missing items of a supplement request, the agency to consult); either way
    nothing changes. A supplement request, a rejection and a notice of stopping are generated as PDF
    and kept with the dossier in the same transaction.

    Issuing the result keeps ``result_document`` (an uploaded PDF, checked by its content) as the
    dossier's result, which the applicant downloads; it is required when the result is delivered
    online. A wrong document raises :class:`ResultDocumentInvalid` and changes nothing.
    """
    action = Action(action)
    now = now or timezone.now()
    problem = text_problem(comment or "", COMMENT_MAX)
    if problem:
        raise DomainError("%(message)s", {"message": problem})
    comment = comment.strip()
    with _files_removed_on_failure() as written, transaction.atomic():
        # Not the nullable consulted_agency: PostgreSQL cannot lock the nullable side of an outer join.
        locked = Dossier.objects.select_for_update().select_related("procedure", "agency").get(pk=dossier.pk)
        actor = authorize(user, locked, action)
        steps = list(locked.steps.all())
        previous = locked.status
        consulted = is_consulted(user, locked)
        new_status = transition(previous, action, actor, len(steps), step_roles=[s.role for s in steps])
        if consulted and not comment:
            raise DomainError(_("Write your agency's answer: it is recorded with the return."))
        if action in (Action.REJECT, Action.STOP_PROCESSING) and not comment:
            raise DomainError(_("Give the reason: it is printed in the notice to the applicant."))
        proposal = _check_proposal(proposal, action, actor, new_status, steps, comment)
        items = _clean_supplement_items(supplement_items) if action == Action.REQUEST_SUPPLEMENT else []
        checked_result = _check_result_for(locked, action, result_document)
        from_unit = to_unit = ""
        if action == Action.SEND_INTER_AGENCY:
            if consulted_agency is None or consulted_agency.pk == locked.agency_id:
                raise DomainError(_("Choose the agency the dossier is sent to."))
            locked.consulted_agency = consulted_agency
            from_unit, to_unit = locked.current_unit, str(consulted_agency)
            locked.current_unit = to_unit
        if action == Action.RETURN_FROM_INTER_AGENCY:
            from_unit = str(locked.consulted_agency) if locked.consulted_agency else locked.current_unit
            locked.consulted_agency = None
            if previous.step is not None and previous.step < len(steps):
                locked.current_unit = steps[previous.step].handling_unit
            to_unit = locked.current_unit
        calendar = province_calendar()
        current = (
            steps[previous.step]
            if previous.step is not None and previous.state == State.IN_PROGRESS
            else None
        )
        finished = None
        if action in (Action.FORWARD, Action.SEND_BACK, Action.APPROVE) and current is not None:
            finished = _finish_step(current, user, now)
        if new_status.state == State.IN_PROGRESS and action in (
            Action.ASSIGN,
            Action.FORWARD,
            Action.SEND_BACK,
        ):
            _start_step(steps[new_status.step], calendar, now)
            locked.step_due_at = steps[new_status.step].due_at
            locked.current_unit = steps[new_status.step].handling_unit
        if action == Action.RECEIVE:
            _receive_submitted(locked, user, calendar, now)
            to_unit = locked.current_unit
        request = None
        if action == Action.REQUEST_SUPPLEMENT:
            locked.paused_at = now
            request = SupplementRequest.objects.create(
                dossier=locked, requested_at=now, requested_by=user, items=items
            )
        new_appointment = None
        if action == Action.SUPPLEMENT and locked.paused_at:
            before = locked.appointment_at
            _resume_clock(locked, steps, calendar, now)
            if locked.appointment_at != before:
                new_appointment = locked.appointment_at
        if action == Action.APPROVE:
            locked.decided_at = now
            locked.step_due_at = None
            # Signed: back to the handling unit, which issues the result.
            to_unit = locked.current_unit
            following = steps[previous.step + 1 :]
            if following:  # e.g. the counter's "return the result" step: its own time starts now
                _start_step(following[0], calendar, now)
                locked.step_due_at = following[0].due_at
        if action == Action.ISSUE_RESULT:
            # The result goes back to the agency's one-stop counter, which returns it.
            from_unit, to_unit = locked.current_unit, str(locked.agency)
            locked.current_unit = to_unit
        if action == Action.RETURN_RESULT:
            locked.timeliness = classify(now, locked.appointment_at)
            for step in steps:
                if step.started_at is not None and step.done_at is None:  # the steps after the approval
                    finished = _finish_step(step, user, now)
            from_unit, to_unit = locked.current_unit or str(locked.agency), locked.applicant_name
        if new_status.state.is_final:
            locked.closed_at = now
            locked.step_due_at = None
        if new_status.state.is_final:
            locked.consulted_agency = None
        locked.status = new_status
        locked.inbox_role = waiting_role(new_status.state, new_status.step, [s.role for s in steps])
        locked.save()
        record(
            locked,
            user,
            actor,
            action,
            previous.state,
            now,
            comment=comment,
            finished=finished,
            from_unit=from_unit or (finished.handling_unit if finished else ""),
            to_unit=to_unit or (locked.current_unit if new_status.state == State.IN_PROGRESS else ""),
            to_officer=user if action == Action.RECEIVE else None,
            new_appointment_at=new_appointment,
            proposal=proposal,
        )
        notice = _generate_notice(locked, user, action, comment, request, now)
        if notice is not None:
            written.append(notice.file)
        if checked_result is not None:
            _store_result(locked, user, result_document, checked_result, written)
    return locked


def _check_result_for(dossier: Dossier, action: Action, upload):
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


def may_propose(actor, steps: list[DossierStep], next_step: int | None) -> bool:
    """Whether ``actor``, forwarding the dossier to ``next_step``, may propose the decision: the
    specialist or the head of the handling unit, when that step is the leader's."""
    return (
        Actor(actor) in (Actor.SPECIALIST, Actor.MANAGER)
        and next_step is not None
        and next_step < len(steps)
        and steps[next_step].role == Role.LEADER
    )


def _check_proposal(proposal, action, actor, new_status, steps, comment) -> str:
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
        if entry.action in _STAY_AT_STEP or entry.action == APOLOGY_ACTION:
            continue
        return entry if entry.action == Action.FORWARD.value and entry.proposal else None
    return None


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


def _generate_notice(
    dossier: Dossier, user, action: Action, reason: str, request, now: datetime
) -> DossierFile | None:
    """The legal form an action sends the applicant, kept with the dossier (same transaction)."""
    if action == Action.REQUEST_SUPPLEMENT:
        pdf = documents.supplement_request_pdf(dossier, request)
        # Not linked through DossierFile.supplement_request: that link marks the applicant's answers.
        return documents.store_generated(dossier, DossierFile.Kind.SUPPLEMENT_REQUEST, pdf, user=user)
    elif action == Action.REJECT:
        pdf = documents.rejection_pdf(dossier, reason, user, now)
        return documents.store_generated(dossier, DossierFile.Kind.REJECTION, pdf, user=user)
    elif action == Action.STOP_PROCESSING:
        pdf = documents.stop_notice_pdf(dossier, reason, user, now)
        return documents.store_generated(dossier, DossierFile.Kind.STOP_NOTICE, pdf, user=user)
    return None


def _start_step(step: DossierStep, calendar: WorkingCalendar, now: datetime):
    unit = step.dossier.procedure.processing_time_unit
    step.started_at = now
    step.due_at = calendar.add_working_time(now, procedure_duration(step.budget, unit))
    step.done_at = None
    step.timeliness = ""
    step.save(update_fields=["started_at", "due_at", "done_at", "timeliness"])


def _finish_step(step: DossierStep, user, now: datetime) -> DossierStep:
    step.done_at = now
    step.handled_by = user
    step.timeliness = classify(now, step.due_at) if step.due_at else ""
    step.save(update_fields=["done_at", "handled_by", "timeliness"])
    return step


def _resume_clock(dossier: Dossier, steps: list[DossierStep], calendar: WorkingCalendar, now: datetime):
    """The supplement arrived: the working time spent waiting is added back to every running due time."""
    paused = calendar.working_time_between(dossier.paused_at, now)
    dossier.appointment_at = calendar.add_working_time(dossier.appointment_at, paused)
    if dossier.step_due_at:
        dossier.step_due_at = calendar.add_working_time(dossier.step_due_at, paused)
        running = steps[dossier.step_index] if dossier.step_index is not None else None
        if running is not None and running.due_at:
            running.due_at = dossier.step_due_at
            running.save(update_fields=["due_at"])
    dossier.paused_at = None
    SupplementRequest.objects.filter(dossier=dossier, answered_at__isnull=True).update(answered_at=now)


#: Who may take a dossier over (the receiving officer of a hand-off); not the applicant or the system.
_RECEIVING_ACTORS = frozenset({Actor.COUNTER_OFFICER, Actor.SPECIALIST, Actor.LEADER, Actor.MANAGER})


def _take_over_last_hand_off(dossier: Dossier, user, actor):
    """The officer acting now is the one who took the dossier over at the last hand-off (when nobody
    is recorded yet): the "Người nhận" of the process control sheet."""
    if Actor(actor) not in _RECEIVING_ACTORS or not user.is_authenticated:
        return
    last = (
        ProcessLogEntry.objects.filter(dossier=dossier)
        .exclude(to_unit="")
        .order_by("-at", "-id")
        .only("pk", "to_officer_id")
        .first()
    )
    if last is not None and last.to_officer_id is None:
        ProcessLogEntry.objects.filter(pk=last.pk).update(to_officer=user)


def record(
    dossier,
    user,
    actor,
    action,
    from_state,
    now,
    *,
    comment="",
    finished=None,
    from_unit="",
    to_unit="",
    to_officer=None,
    new_appointment_at=None,
    proposal="",
    step_due_at=None,
) -> ProcessLogEntry:
    """The one place a process-log row is written, and its :class:`DossierChanged` event published,
    in the caller's transaction: every notification (and, next, every national-portal message) comes
    from that event, and commits or rolls back with the change."""
    _take_over_last_hand_off(dossier, user, actor)
    entry = ProcessLogEntry.objects.create(
        dossier=dossier,
        at=now,
        action=Action(action).value,
        actor=user if user.is_authenticated else None,
        actor_role=Actor(actor).value,
        from_state=str(from_state),
        to_state=dossier.state,
        step_name=finished.name if finished else "",
        from_unit=from_unit,
        to_unit=to_unit,
        to_officer=to_officer,
        new_appointment_at=new_appointment_at,
        proposal=proposal,
        step_received_at=finished.started_at if finished else None,
        step_due_at=step_due_at if step_due_at is not None else (finished.due_at if finished else None),
        timeliness=finished.timeliness if finished else "",
        comment=comment,
    )
    publish(
        DossierChanged(
            action=Action(action),
            dossier_id=dossier.pk,
            from_state=str(from_state),
            to_state=dossier.state,
            at=now,
            actor_id=entry.actor_id,
            new_appointment_at=new_appointment_at,
            dossier=dossier,
            entry=entry,
        )
    )
    return entry


def apologize_and_extend(
    dossier: Dossier, user, new_appointment: datetime, reason: str, *, now: datetime | None = None
) -> Dossier:
    """The dossier will be late: record the apology letter's reason and the new appointment date.

    Only the agency's specialists, leaders and managers may do it, only while the dossier is still
    being handled, and the new date must be later than the current one.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        actor = authorize(user, locked, APOLOGY_ACTION)
        if State(locked.state).is_final:
            raise DomainError(_("This dossier is closed: its appointment can no longer change."))
        problem = text_problem(reason or "", COMMENT_MAX)
        if problem:
            raise DomainError("%(message)s", {"message": problem})
        if not reason.strip():
            raise DomainError(_("Give the reason for the delay: it is printed in the apology letter."))
        new_appointment = in_vietnam_time(new_appointment)
        if locked.appointment_at and new_appointment <= locked.appointment_at:
            raise DomainError(_("The new appointment must be later than the current one."))
        previous_appointment = locked.appointment_at
        locked.appointment_at = new_appointment
        locked.save(update_fields=["appointment_at", "updated_at"])
        record(
            locked,
            user,
            actor,
            Action.APOLOGIZE,
            locked.state,
            now,
            step_due_at=previous_appointment,
            new_appointment_at=new_appointment,
            comment=reason,
        )
        pdf = documents.apology_pdf(locked, reason, user, previous_appointment, now)
        documents.store_generated(locked, DossierFile.Kind.APOLOGY, pdf, user=user)
    return locked


def due_soon(dossier: Dossier, now: datetime | None = None, calendar: WorkingCalendar | None = None) -> bool:
    """Whether the current step or the appointment falls due within one working day (warn the officer)."""
    now = now or timezone.now()
    calendar = calendar or province_calendar()
    horizon = calendar.add_working_time(now, Duration.days(1))
    return (
        any(due is not None and due <= horizon for due in (dossier.step_due_at, dossier.appointment_at))
        and not State(dossier.state).is_final
    )
