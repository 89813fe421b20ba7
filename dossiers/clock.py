"""The processing clock of dossiers, on the province's calendar: appointments, step due times, the
pause while a supplement is awaited. The rules are the domain's (``domain.calendar``); this module
applies them to the rows."""

import functools
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .constants import CalendarDayKind
from .domain.calendar import (
    Duration,
    OfficeHours,
    Pause,
    TimeUnit,
    WorkingCalendar,
    classify,
    extended_by_pause,
)
from .domain.lifecycle import State
from .models import CalendarDay, Dossier, DossierStep, SupplementRequest


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
    return Duration(amount, TimeUnit(unit or TimeUnit.DAY))


def appointment_for(procedure, start: datetime, calendar: WorkingCalendar) -> datetime:
    """When the result is due if processing starts at ``start`` (from the next opening if out of hours)."""
    return calendar.add_working_time(
        start, procedure_duration(procedure.processing_time, procedure.processing_time_unit)
    )


def start_processing_clock(dossier: Dossier, calendar: WorkingCalendar, now: datetime):
    dossier.received_at = now
    dossier.appointment_at = appointment_for(dossier.procedure, now, calendar)
    dossier.original_appointment_at = dossier.appointment_at


def plan_steps(dossier: Dossier, calendar: WorkingCalendar):
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


def start_step(step: DossierStep, calendar: WorkingCalendar, now: datetime):
    unit = step.dossier.procedure.processing_time_unit
    step.started_at = now
    step.due_at = calendar.add_working_time(now, procedure_duration(step.budget, unit))
    step.done_at = None
    step.timeliness = ""
    step.save(update_fields=["started_at", "due_at", "done_at", "timeliness"])


def finish_step(step: DossierStep, user, now: datetime) -> DossierStep:
    step.done_at = now
    step.handled_by = user if user.is_authenticated else None  # the system (access.SYSTEM) is nobody
    step.timeliness = classify(now, step.due_at) if step.due_at else ""
    step.save(update_fields=["done_at", "handled_by", "timeliness"])
    return step


def resume_clock(dossier: Dossier, steps: list[DossierStep], calendar: WorkingCalendar, now: datetime):
    """The supplement arrived: the working time spent waiting is added back to every running due time."""
    pause = Pause(dossier.paused_at, now)
    dossier.appointment_at = extended_by_pause(calendar, dossier.appointment_at, pause)
    if dossier.step_due_at:
        dossier.step_due_at = extended_by_pause(calendar, dossier.step_due_at, pause)
        running = steps[dossier.step_index] if dossier.step_index is not None else None
        if running is not None and running.due_at:
            running.due_at = dossier.step_due_at
            running.save(update_fields=["due_at"])
    dossier.paused_at = None
    SupplementRequest.objects.filter(dossier=dossier, answered_at__isnull=True).update(answered_at=now)


def due_soon(
    dossier: Dossier,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
    *,
    steps: list[DossierStep] | None = None,
) -> bool:
    """Whether the current step or the appointment is really due soon (warn the officer, offer the
    apology): see :meth:`WorkingCalendar.falls_due_soon`."""
    if State(dossier.state).is_final or dossier.paused_at is not None:
        return False  # nothing left to be late, or the clock is stopped (its dues move when it restarts)
    now = now or timezone.now()
    calendar = calendar or province_calendar()
    step = None
    if dossier.step_due_at is not None and dossier.step_index is not None:
        if steps is not None:
            step = next((step for step in steps if step.index == dossier.step_index), None)
        else:
            step = dossier.steps.filter(index=dossier.step_index).only("started_at").first()
    return calendar.falls_due_soon(
        now, dossier.step_due_at, started=step.started_at if step else None
    ) or calendar.falls_due_soon(
        now, dossier.appointment_at, started=dossier.submitted_at or dossier.received_at
    )
