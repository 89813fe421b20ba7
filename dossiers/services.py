"""State changes of dossiers. Each runs in one transaction with its process-log entry.

Views and API handlers call these; the rules themselves live in ``dossiers.domain``.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import STAFF_ROLES, Role
from catalog.constants import TimeUnit as CatalogTimeUnit

from .constants import ApplicantType, CalendarDayKind, Channel, ResultDelivery
from .domain.calendar import Duration, TimeUnit, WorkingCalendar, classify, to_local
from .domain.codes import format_dossier_code
from .domain.errors import DomainError
from .domain.lifecycle import Action, Actor, State, transition
from .models import CalendarDay, Dossier, DossierStep, ProcessLogEntry, SupplementRequest


class DossierNotFound(DomainError):
    """The dossier does not exist or is not visible to this person (both look the same: 404)."""


def province_calendar() -> WorkingCalendar:
    """The national calendar with the province's own days off and make-up working days."""
    days_off, working_days = set(), set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (days_off if kind == CalendarDayKind.DAY_OFF else working_days).add(day)
    return WorkingCalendar(extra_days_off=frozenset(days_off), extra_working_days=frozenset(working_days))


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
class Reception:
    procedure: object
    applicant: Applicant
    channel: int = Channel.DIRECT
    result_delivery: str = ResultDelivery.COUNTER
    delivery_address: str = ""
    form_data: dict = field(default_factory=dict)
    comment: str = ""


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
    calendar = province_calendar()
    applicant = reception.applicant
    with transaction.atomic():
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
        _log(
            dossier,
            officer,
            Actor.COUNTER_OFFICER,
            Action.RECEIVE,
            "",
            now,
            comment=reception.comment,
            to_unit=str(officer.agency),
        )
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


def actor_for(user, dossier: Dossier) -> Actor:
    """The part ``user`` plays for ``dossier``; raises DossierNotFound when they have none."""
    if user.is_authenticated and user.role in STAFF_ROLES and user.agency_id == dossier.agency_id:
        return Actor(user.role) if user.role != Role.CATALOG_OFFICER else _not_found(dossier.code)
    if user.is_authenticated and dossier.applicant_user_id == user.pk:
        return Actor.APPLICANT
    return _not_found(dossier.code)


def _not_found(code):
    raise DossierNotFound(_("There is no dossier with the code %(code)s."), {"code": code})


def visible_dossiers(user):
    """The dossiers ``user`` may see: an officer their agency's, a citizen their own."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if user.role in STAFF_ROLES and user.role != Role.CATALOG_OFFICER and user.agency_id:
        return Dossier.objects.filter(agency_id=user.agency_id)
    return Dossier.objects.filter(applicant_user=user)


def perform(
    dossier: Dossier,
    user,
    action: Action | str,
    *,
    comment: str = "",
    supplement_items: list[dict] | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Take ``action`` on ``dossier`` as ``user``: authorize, transition, update clocks, log.

    Raises DossierNotFound (→ 404) when the user may not see the dossier and TransitionRefused when
    the action is not allowed now; either way nothing changes.
    """
    action = Action(action)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure", "agency").get(pk=dossier.pk)
        actor = actor_for(user, locked)
        steps = list(locked.steps.all())
        previous = locked.status
        new_status = transition(previous, action, actor, len(steps), step_roles=[s.role for s in steps])
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
        if action == Action.REQUEST_SUPPLEMENT:
            locked.paused_at = now
            SupplementRequest.objects.create(
                dossier=locked, requested_at=now, requested_by=user, items=supplement_items or []
            )
        if action == Action.SUPPLEMENT and locked.paused_at:
            _resume_clock(locked, steps, calendar, now)
        if action == Action.APPROVE:
            locked.decided_at = now
            locked.step_due_at = None
        if action == Action.RETURN_RESULT:
            locked.timeliness = classify(now, locked.appointment_at)
        if new_status.state.is_final:
            locked.closed_at = now
            locked.step_due_at = None
        locked.status = new_status
        locked.save()
        _log(
            locked,
            user,
            actor,
            action,
            previous.state,
            now,
            comment=comment,
            finished=finished,
            from_unit=finished.handling_unit if finished else "",
            to_unit=locked.current_unit if new_status.state == State.IN_PROGRESS else "",
        )
    return locked


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


def _log(
    dossier, user, actor, action, from_state, now, *, comment="", finished=None, from_unit="", to_unit=""
):
    ProcessLogEntry.objects.create(
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
        step_received_at=finished.started_at if finished else None,
        step_due_at=finished.due_at if finished else None,
        timeliness=finished.timeliness if finished else "",
        comment=comment,
    )


APOLOGY_ACTION = "apologize"


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
        actor = actor_for(user, locked)
        if actor not in (Actor.SPECIALIST, Actor.LEADER, Actor.MANAGER):
            raise DomainError(_("Only the handling specialist, a leader or a manager can set a new date."))
        if State(locked.state).is_final:
            raise DomainError(_("This dossier is closed: its appointment can no longer change."))
        if not reason.strip():
            raise DomainError(_("Give the reason for the delay: it is printed in the apology letter."))
        if locked.appointment_at and new_appointment <= locked.appointment_at:
            raise DomainError(_("The new appointment must be later than the current one."))
        previous_appointment = locked.appointment_at
        locked.appointment_at = new_appointment
        locked.save(update_fields=["appointment_at", "updated_at"])
        ProcessLogEntry.objects.create(
            dossier=locked,
            at=now,
            action=APOLOGY_ACTION,
            actor=user,
            actor_role=actor.value,
            from_state=locked.state,
            to_state=locked.state,
            step_due_at=previous_appointment,
            comment=reason,
        )
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
