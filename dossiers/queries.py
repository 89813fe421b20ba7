"""Filtering and ordering the officers' dossier lists, shared by the back-office inbox and the API.

Deadlines, as the inbox filters and badges use them (one definition, evaluated in the database):

* **open**: submitted and not finished (not a draft, not returned, rejected, withdrawn or stopped);
  a dossier whose result is approved or issued but not yet returned is still open.
* **overdue**: open, and its current step's due time *or* its appointment has passed. While a
  supplement is awaited the processing clock stands still (its due times move when the applicant
  answers), so a paused dossier is overdue only if a due time had already passed when the clock stopped.
* **due soon**: open, clock running, not overdue, and the current step or the appointment falls due
  within one *working* day (:func:`due_soon_until`, with the province's calendar).
* **late**: resolved late (``timeliness`` "late", set when the result is returned), or open and past
  its appointment (with the same pause rule).
"""

from datetime import datetime

from django.db.models import F, Q

from core.text import fold

from .domain.calendar import Duration, Timeliness, WorkingCalendar
from .domain.lifecycle import FINAL_STATES, State
from .services import province_calendar

# Online dossiers first among equals, as the provinces promise (served by the inbox indexes).
INBOX_ORDER = ("step_due_at", "priority", "received_at", "id")

OPEN_STATES = tuple(s.value for s in State if s is not State.DRAFT and s not in FINAL_STATES)


class Due:
    """Values of the ``due`` filter and of the ``deadline`` annotation."""

    SOON = "soon"
    OVERDUE = "overdue"


def due_soon_until(now: datetime, calendar: WorkingCalendar | None = None) -> datetime:
    """The end of the "due soon" window: one working day after ``now`` (province calendar)."""
    return (calendar or province_calendar()).add_working_time(now, Duration.days(1))


def _clock_stopped_before(field: str) -> Q:
    """A paused dossier counts ``field`` as passed only if it had passed when the clock stopped."""
    return Q(paused_at__isnull=True) | Q(**{f"{field}__lt": F("paused_at")})


def overdue_q(now: datetime) -> Q:
    # The two plain range conditions come first so each can use its index (step_due_at, appointment_at).
    step_passed = Q(step_due_at__lt=now) & _clock_stopped_before("step_due_at")
    appointment_passed = Q(appointment_at__lt=now) & _clock_stopped_before("appointment_at")
    return Q(state__in=OPEN_STATES) & (step_passed | appointment_passed)


def due_soon_q(now: datetime, until: datetime) -> Q:
    coming = Q(step_due_at__gte=now, step_due_at__lte=until) | Q(
        appointment_at__gte=now, appointment_at__lte=until
    )
    not_passed = ~Q(step_due_at__lt=now) & ~Q(appointment_at__lt=now)
    return Q(state__in=OPEN_STATES, paused_at__isnull=True) & coming & not_passed


def late_q(now: datetime) -> Q:
    past_appointment = Q(appointment_at__lt=now) & _clock_stopped_before("appointment_at")
    return Q(timeliness=Timeliness.LATE.value) | (Q(state__in=OPEN_STATES) & past_appointment)


def deadline_of(dossier, *, now: datetime, soon_until: datetime) -> str:
    """ "overdue", "soon" or "" for one loaded dossier: :func:`overdue_q` and :func:`due_soon_q` in
    Python, for the badges of a page already fetched (an SQL CASE for them costs more in Django's
    query compiler than the page's whole query; a test checks both agree)."""
    if dossier.state not in OPEN_STATES:
        return ""
    due_times = [moment for moment in (dossier.step_due_at, dossier.appointment_at) if moment is not None]
    paused_at = dossier.paused_at
    if any(moment < now and (paused_at is None or moment < paused_at) for moment in due_times):
        return Due.OVERDUE
    if paused_at is None and any(moment < now for moment in due_times):
        return ""
    if paused_at is None and any(now <= moment <= soon_until for moment in due_times):
        return Due.SOON
    return ""


def mark_deadlines(dossiers, *, now: datetime, soon_until: datetime) -> list:
    """The dossiers as a list, each with its ``deadline`` for the badges."""
    dossiers = list(dossiers)
    for dossier in dossiers:
        dossier.deadline = deadline_of(dossier, now=now, soon_until=soon_until)
    return dossiers


def filter_dossiers(
    dossiers,
    *,
    now: datetime,
    query: str = "",
    state: str = "",
    channel: int | None = None,
    due: str = "",
    procedure: str = "",
    late: bool = False,
    soon_until: datetime | None = None,
):
    """``dossiers`` narrowed in the database, in inbox order.

    ``due`` is "soon" (within one working day; ``soon_until`` from :func:`due_soon_until`, computed
    here when not given) or "overdue"; ``late`` keeps the late ones; ``procedure`` is a procedure code.
    """
    query = (query or "").strip()
    if query:
        dossiers = dossiers.filter(
            Q(code__icontains=query)
            | Q(applicant_id_number=query)
            | Q(applicant_name_folded__contains=fold(query))
        )
    if state:
        dossiers = dossiers.filter(state=state)
    if channel:
        dossiers = dossiers.filter(channel=channel)
    if procedure:
        dossiers = dossiers.filter(procedure__code=procedure)
    if due == Due.OVERDUE:
        dossiers = dossiers.filter(overdue_q(now))
    elif due == Due.SOON:
        dossiers = dossiers.filter(due_soon_q(now, soon_until or due_soon_until(now)))
    if late:
        dossiers = dossiers.filter(late_q(now))
    return dossiers.order_by(*INBOX_ORDER)


#: "Most used" counts the dossiers of this many days, so that the list follows the seasons.
MOST_USED_WINDOW_DAYS = 90
#: A procedure's use, which the catalog search ranks equal matches by, counts a whole year's dossiers.
USE_WINDOW_DAYS = 365


def procedure_use(*, now: datetime) -> dict[int, int]:
    """Each procedure's dossiers submitted or received in the last ``USE_WINDOW_DAYS`` days (procedure
    id → count; procedures without any are absent). One query."""
    from datetime import timedelta

    from django.db.models import Count

    from .models import Dossier

    since = now - timedelta(days=USE_WINDOW_DAYS)
    recent = Dossier.objects.filter(Q(received_at__gte=since) | Q(submitted_at__gte=since))
    return dict(
        recent.order_by().values("procedure_id").annotate(n=Count("id")).values_list("procedure_id", "n")
    )


def most_used_procedures(procedures, *, now: datetime, limit: int = 6) -> list:
    """The published procedures people used most lately (dossiers submitted or received in the last
    ``MOST_USED_WINDOW_DAYS`` days), most first; then, while the portal is new, those that can be done
    fully online, so that the list is never empty when there is a catalog. One query."""
    from datetime import timedelta

    from django.db.models import Count

    since = now - timedelta(days=MOST_USED_WINDOW_DAYS)
    recent = Q(dossiers__received_at__gte=since) | Q(dossiers__submitted_at__gte=since)
    return list(
        procedures.annotate(recent_dossiers=Count("dossiers", filter=recent, distinct=True))
        .order_by("-recent_dossiers", "-service_level", "name_folded", "code")
        .only("code", "name", "service_level")[:limit]
    )
