"""What one dossier adds to the statistics: its contribution, a plain function of the dossier's facts.

Every figure of the reports is a sum of contributions. A contribution is a set of counts (and totals)
of :class:`Measure` on calendar days (Asia/Ho_Chi_Minh) under one key (agency, procedure, channel).
The statistics keep, per dossier, the contribution last counted; when the dossier changes, the
difference between the new contribution and the old one is added to the aggregates, in the same
transaction (``stats.tally``). ``manage.py rebuild_stats`` adds up the contributions of every dossier
from scratch; both ways give the same aggregates because both use :func:`contribution`.

The measures, each on the day it happened:

* ``received`` — the dossier was received (online, at the counter or by post), on its reception day.
* ``resolved_early`` / ``resolved_on_time`` / ``resolved_late`` — it was resolved: the leader's decision
  (national status 9, "processed"), judged against the appointment as the receipt and the process
  control sheet judge it (:func:`dossiers.domain.calendar.classify`). ``processing_minutes`` adds, on
  the same day, the office time from reception to the decision, with the time the clock was stopped for
  the applicant's supplement left out.
* ``rejected`` / ``withdrawn`` / ``stopped`` — a received dossier ended without a result, on its closing
  day. ``not_accepted`` — an online submission refused before it was ever received.
* ``overdue_started`` — the appointment passed while the dossier was still open, on the appointment's
  day (a dossier finished on that day after the appointment time counts there too).
  ``overdue_ended`` — such a dossier was finished, on the finishing day. The dossiers past their
  deadline at the end of day *d* are the ``overdue_started`` up to *d* minus the ``overdue_ended`` up to
  *d*. A dossier waiting for the applicant (a supplement, the fees) counts as within the deadline while
  its appointment has not passed, and past it once it has (the reporting form's rule).
* ``supplement_requests`` — a supplement request, on the day it was made (one per request).
* ``digitized`` — a received dossier with at least one component digitized at the counter, on its
  reception day.
* ``electronic_results`` — a resolved dossier whose result is kept as a file, on its decision day.
* ``results_returned`` / ``returned_by_post`` — the result was returned to the applicant (by post), on
  the returning day.
* ``fees_paid`` — the fees the agency asked for were paid (online or at the counter), on the payment day;
  ``paid_online`` — those the applicant (or the gateway) paid online.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from dossiers.domain.calendar import Timeliness, WorkingCalendar, classify, to_local
from dossiers.domain.lifecycle import State


class Measure(enum.StrEnum):
    RECEIVED = "received"
    RESOLVED_EARLY = "resolved_early"
    RESOLVED_ON_TIME = "resolved_on_time"
    RESOLVED_LATE = "resolved_late"
    PROCESSING_MINUTES = "processing_minutes"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    NOT_ACCEPTED = "not_accepted"
    OVERDUE_STARTED = "overdue_started"
    OVERDUE_ENDED = "overdue_ended"
    SUPPLEMENT_REQUESTS = "supplement_requests"
    DIGITIZED = "digitized"
    ELECTRONIC_RESULTS = "electronic_results"
    RESULTS_RETURNED = "results_returned"
    RETURNED_BY_POST = "returned_by_post"
    FEES_PAID = "fees_paid"
    PAID_ONLINE = "paid_online"


MEASURES: tuple[Measure, ...] = tuple(Measure)

_RESOLVED = {
    Timeliness.EARLY: Measure.RESOLVED_EARLY,
    Timeliness.ON_TIME: Measure.RESOLVED_ON_TIME,
    Timeliness.LATE: Measure.RESOLVED_LATE,
}
_ENDED_UNRESOLVED = {
    State.REJECTED: Measure.REJECTED,
    State.WITHDRAWN: Measure.WITHDRAWN,
    State.PROCESSING_STOPPED: Measure.STOPPED,
}
#: The states of a dossier that was resolved (the leader decided; the result follows).
_RESOLVED_STATES = frozenset({State.APPROVED, State.RESULT_ISSUED, State.RETURNED})


@dataclass(frozen=True)
class DossierFacts:
    """What the statistics read of one dossier (``stats.tally.facts_of`` loads it)."""

    agency_id: int
    procedure_id: int
    channel: int
    state: str
    received_at: datetime | None
    appointment_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    result_by_post: bool = False
    has_digitized_component: bool = False
    has_result_file: bool = False
    #: (requested_at, answered_at or None) of each supplement request.
    supplement_requests: tuple[tuple[datetime, datetime | None], ...] = ()
    #: (when, whether online) of each payment of the fees the agency asked for.
    payments: tuple[tuple[datetime, bool], ...] = ()


Key = tuple[int, int, int]  # agency id, procedure id, channel


@dataclass
class Contribution:
    """Counts per day and measure under one key; equal when they count the same."""

    key: Key
    days: dict[date, dict[str, int]] = field(default_factory=dict)

    def add(self, day: date, measure: Measure, amount: int = 1) -> None:
        if amount:
            counts = self.days.setdefault(day, {})
            counts[measure.value] = counts.get(measure.value, 0) + amount

    def to_json(self) -> dict:
        return {
            "key": list(self.key),
            "days": {day.isoformat(): dict(counts) for day, counts in sorted(self.days.items())},
        }

    @classmethod
    def from_json(cls, data: dict | None) -> Contribution | None:
        if not data:
            return None
        days = {date.fromisoformat(day): dict(counts) for day, counts in data["days"].items()}
        return cls(key=tuple(data["key"]), days=days)

    def __bool__(self) -> bool:
        return bool(self.days)


def _day(moment: datetime) -> date:
    return to_local(moment).date()


def _finished_at(facts: DossierFacts) -> datetime | None:
    """When the dossier left the work in progress: the decision, or the closing without a result."""
    if facts.state in _RESOLVED_STATES:
        return facts.decided_at
    if facts.state in _ENDED_UNRESOLVED:
        return facts.closed_at
    return None


def _paused_minutes(facts: DossierFacts, calendar: WorkingCalendar, until: datetime) -> int:
    paused = 0
    for requested_at, answered_at in facts.supplement_requests:
        end = min(answered_at or until, until)
        if end > requested_at:
            paused += int(calendar.working_minutes_between(requested_at, end))
    return paused


def contribution(facts: DossierFacts, calendar: WorkingCalendar) -> Contribution:
    """The counts ``facts`` adds to the statistics (see the module's docstring for each measure)."""
    counted = Contribution(key=(facts.agency_id, facts.procedure_id, facts.channel))
    for requested_at, _answered in facts.supplement_requests:
        counted.add(_day(requested_at), Measure.SUPPLEMENT_REQUESTS)
    for paid_at, online in facts.payments:
        counted.add(_day(paid_at), Measure.FEES_PAID)
        if online:
            counted.add(_day(paid_at), Measure.PAID_ONLINE)
    if facts.received_at is None:
        if facts.state == State.REJECTED and facts.closed_at is not None:
            counted.add(_day(facts.closed_at), Measure.NOT_ACCEPTED)
        return counted
    counted.add(_day(facts.received_at), Measure.RECEIVED)
    if facts.has_digitized_component:
        counted.add(_day(facts.received_at), Measure.DIGITIZED)
    finished_at = _finished_at(facts)
    if finished_at is not None:
        finished_day = _day(finished_at)
        if facts.state in _RESOLVED_STATES:
            timeliness = classify(finished_at, facts.appointment_at) if facts.appointment_at else None
            counted.add(finished_day, _RESOLVED.get(timeliness, Measure.RESOLVED_ON_TIME))
            minutes = int(calendar.working_minutes_between(facts.received_at, finished_at))
            minutes -= _paused_minutes(facts, calendar, finished_at)
            counted.add(finished_day, Measure.PROCESSING_MINUTES, max(minutes, 0))
            if facts.has_result_file:
                counted.add(finished_day, Measure.ELECTRONIC_RESULTS)
        else:
            counted.add(finished_day, _ENDED_UNRESOLVED[State(facts.state)])
    if facts.state == State.RETURNED and facts.closed_at is not None:
        counted.add(_day(facts.closed_at), Measure.RESULTS_RETURNED)
        if facts.result_by_post:
            counted.add(_day(facts.closed_at), Measure.RETURNED_BY_POST)
    if facts.appointment_at is not None and (finished_at is None or finished_at > facts.appointment_at):
        counted.add(_day(facts.appointment_at), Measure.OVERDUE_STARTED)
        if finished_at is not None:
            counted.add(_day(finished_at), Measure.OVERDUE_ENDED)
    return counted


class Grain(enum.StrEnum):
    """The lengths of time the aggregates are kept for: a day, a month and a year, so that any range of
    days is a few rows of each (:func:`cover`)."""

    DAY = "d"
    MONTH = "m"
    YEAR = "y"


def grain_starts(day: date) -> tuple[tuple[Grain, date], ...]:
    """The day, month and year ``day`` is counted in."""
    return ((Grain.DAY, day), (Grain.MONTH, day.replace(day=1)), (Grain.YEAR, day.replace(month=1, day=1)))


AggregateKey = tuple[Grain, date, int, int, int]


def _accumulate(signed: Iterable[tuple[int, Contribution | None]]) -> dict[AggregateKey, dict[str, int]]:
    totals: dict[AggregateKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sign, counted in signed:
        if not counted:
            continue
        for day, counts in counted.days.items():
            for grain, start in grain_starts(day):
                row = totals[(grain, start, *counted.key)]
                for measure, amount in counts.items():
                    row[measure] += sign * amount
    return {
        key: {measure: amount for measure, amount in row.items() if amount}
        for key, row in sorted(totals.items())
        if any(row.values())
    }


def difference(old: Contribution | None, new: Contribution | None) -> dict[AggregateKey, dict[str, int]]:
    """What to add to the aggregates (every grain) to go from counting ``old`` to counting ``new``:
    only the non-zero changes, per (grain, period start, agency, procedure, channel), in key order (so
    that concurrent transactions lock the aggregate rows in one order)."""
    return _accumulate(((-1, old), (1, new)))


def add_up(contributions: Iterable[Contribution]) -> dict[AggregateKey, dict[str, int]]:
    """The aggregates of many contributions at once (what a rebuild writes)."""
    return _accumulate((1, counted) for counted in contributions)


def sums_over(counted: Contribution, first: date, last: date) -> tuple[dict[str, int], dict[str, int]]:
    """One dossier's sums of each measure over the days ``first`` to ``last`` and over the days before
    ``first``: the same sums a report reads from the aggregates, for the dossiers behind a figure."""
    period: dict[str, int] = defaultdict(int)
    before: dict[str, int] = defaultdict(int)
    for day, counts in counted.days.items():
        target = before if day < first else period if day <= last else None
        if target is None:
            continue
        for measure, amount in counts.items():
            target[measure] += amount
    if counted.key[2] == ONLINE_CHANNEL:
        period["received_online"] = period.get(Measure.RECEIVED.value, 0)
    return dict(period), dict(before)


#: Channel 2 of the national codes (``dossiers.constants.Channel.ONLINE``).
ONLINE_CHANNEL = 2
