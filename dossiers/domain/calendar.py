"""Working time: office hours, working days, deadlines and the processing clock.

Rules (see /work/shared/domain.md, "The dossier lifecycle"):

* **Office hours** are sessions per weekday, by default 07:30–11:30 and 13:00–17:00 from Monday to
  Friday; a province may configure others (:class:`OfficeHours`).
* **Working days** are the weekdays with sessions, minus the Vietnamese public holidays known to the
  ``holidays`` package (Tết, Hùng Kings, 30/4, 1/5, 2/9 and their adjacent or swapped days off, …),
  plus the make-up working days the state decrees (``holidays.VN(...).weekend_workdays``, e.g. Saturday
  2026-08-22). A province adds its own extra days off and extra make-up working days. Precedence, first
  match wins: province day off > province make-up day > national holiday > national make-up day >
  the weekday's office hours. A make-up day (national or provincial) uses the sessions of a standard
  working day (``OfficeHours.standard_day``).
* **Durations** (:class:`Duration`) are in working days or working hours, decimals allowed. A working
  day is the length of the standard day's sessions (480 minutes by default, so 0.5 day = 240 minutes =
  4 working hours); a working hour is 60 minutes. Arithmetic is exact (``Decimal`` amounts, integer
  microseconds in ``timedelta``), never floats.
* **Times** are timezone-aware datetimes; any zone is accepted and converted to Asia/Ho_Chi_Minh, and
  results are in Asia/Ho_Chi_Minh. Naive datetimes are refused.
* Time received **outside office hours counts from the next opening**: 11:45 counts from 13:00, Friday
  17:30 from Monday 07:30 (or the next working day's first session).
* A due time that lands **exactly at the end of a session stays there** (17:00, 11:30): it is not moved
  to the next opening.
* The **clock stops** while a supplement is awaited (:class:`Clock`): the working time spent paused is
  added back to the deadline.
* **Early / on time / late** (:func:`classify`) is judged against the appointment date.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext_lazy as _

from core.time_units import TimeUnit

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

ONE_DAY = timedelta(days=1)
ONE_MICROSECOND = timedelta(microseconds=1)
MICROSECONDS_PER_MINUTE = 60_000_000
# A calendar with more consecutive days than this without office hours is taken to be misconfigured.
MAX_DAYS_WITHOUT_WORK = 400

Session = tuple[time, time]
DEFAULT_SESSIONS: tuple[Session, ...] = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))


class Timeliness(enum.StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self):
        return {
            Timeliness.EARLY: _("early"),
            Timeliness.ON_TIME: _("on time"),
            Timeliness.LATE: _("late"),
        }[self]


# --------------------------------------------------------------------------------------------------
# Time zone helpers


def to_local(moment: datetime) -> datetime:
    """Convert an aware datetime to Asia/Ho_Chi_Minh; refuse naive datetimes and plain dates."""
    if not isinstance(moment, datetime):
        raise TypeError(f"Expected a timezone-aware datetime, got {type(moment).__name__}.")
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(f"{moment!r} is naive; pass a timezone-aware datetime.")
    return moment.astimezone(VN_TZ)


def _as_date(day: date | datetime) -> date:
    if isinstance(day, datetime):
        return to_local(day).date()
    if isinstance(day, date):
        return day
    raise TypeError(f"Expected a date, got {type(day).__name__}.")


def _time_of_day(moment: time) -> timedelta:
    return timedelta(
        hours=moment.hour, minutes=moment.minute, seconds=moment.second, microseconds=moment.microsecond
    )


# --------------------------------------------------------------------------------------------------
# Durations


@dataclass(frozen=True)
class Duration:
    """An amount of working time: ``Duration(Decimal("0.5"))`` is half a working day.

    The amount may be given as ``Decimal``, ``int`` or a string such as ``"0.5"``; floats are refused
    (they cannot hold 0.1 exactly). Amounts are never negative. Two durations of the same unit add up;
    durations of different units only compare through a calendar (:meth:`to_timedelta`).
    """

    amount: Decimal
    unit: TimeUnit = TimeUnit.DAY

    def __post_init__(self):
        amount = self.amount
        if isinstance(amount, bool | float):
            raise TypeError("A duration amount must be a Decimal, an int or a string, not a float.")
        if isinstance(amount, int | str):
            try:
                amount = Decimal(amount)
            except ArithmeticError as exc:
                raise ValueError(f"{self.amount!r} is not a number.") from exc
        if not isinstance(amount, Decimal):
            raise TypeError(f"A duration amount must be a Decimal, not {type(amount).__name__}.")
        if not amount.is_finite() or amount < 0:
            raise ValueError(f"A duration must be a finite, non-negative amount (got {amount}).")
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "unit", TimeUnit(self.unit))

    @classmethod
    def days(cls, amount) -> Duration:
        return cls(amount, TimeUnit.DAY)

    @classmethod
    def hours(cls, amount) -> Duration:
        return cls(amount, TimeUnit.HOUR)

    def __add__(self, other: Duration) -> Duration:
        if not isinstance(other, Duration):
            return NotImplemented
        if other.unit != self.unit:
            raise TypeError("Durations in working days and in working hours only add up through a calendar.")
        return Duration(self.amount + other.amount, self.unit)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def __str__(self) -> str:
        return f"{format(self.amount.normalize(), 'f')} {self.unit.value}"

    def unit_length(self, calendar: WorkingCalendar) -> timedelta:
        if self.unit is TimeUnit.DAY:
            return calendar.office_hours.day_length
        return timedelta(hours=1)

    def to_timedelta(self, calendar: WorkingCalendar) -> timedelta:
        """The amount of office time, exact to the microsecond (rounded half-even below that)."""
        unit_us = self.unit_length(calendar) // ONE_MICROSECOND
        total_us = (self.amount * unit_us).to_integral_value(rounding=ROUND_HALF_EVEN)
        return timedelta(microseconds=int(total_us))

    def minutes(self, calendar: WorkingCalendar) -> Decimal:
        """The amount in working minutes (exact): 0.5 day = 240 with the default office hours."""
        return self.amount * (
            Decimal(self.unit_length(calendar) // ONE_MICROSECOND) / MICROSECONDS_PER_MINUTE
        )


def _as_timedelta(amount: Duration | timedelta, calendar: WorkingCalendar) -> timedelta:
    if isinstance(amount, Duration):
        return amount.to_timedelta(calendar)
    if isinstance(amount, timedelta):
        if amount < timedelta(0):
            raise ValueError("A working-time amount must not be negative.")
        return amount
    raise TypeError(f"Expected a Duration or a timedelta, got {type(amount).__name__}.")


def minutes_of(amount: timedelta) -> Decimal:
    """A ``timedelta`` in minutes, as a Decimal (exact whenever the quotient is a finite decimal)."""
    return Decimal(amount // ONE_MICROSECOND) / MICROSECONDS_PER_MINUTE


# --------------------------------------------------------------------------------------------------
# Office hours


def _sessions(value: Iterable[Sequence[time]]) -> tuple[Session, ...]:
    sessions = tuple((start, end) for start, end in value)
    previous_end = None
    for start, end in sessions:
        if not isinstance(start, time) or not isinstance(end, time):
            raise TypeError("A session is a pair of datetime.time values.")
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError("Session times are local times of day, without a time zone.")
        if start >= end:
            raise ValueError(f"A session must end after it starts ({start}–{end}).")
        if previous_end is not None and start < previous_end:
            raise ValueError("Sessions must be in order and must not overlap.")
        previous_end = end
    return sessions


def parse_sessions(text: str) -> tuple[Session, ...]:
    """ "07:30-11:30, 13:00-17:00" → the two sessions; "" → none. Raises ValueError saying what is wrong."""
    sessions = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip().replace("–", "-")
        if not part:
            continue
        try:
            start, end = (time.fromisoformat(moment.strip().zfill(5)) for moment in part.split("-"))
        except ValueError:
            raise ValueError(f"“{part}” is not a session like 07:30-11:30.") from None
        sessions.append((start, end))
    return _sessions(sessions)


@dataclass(frozen=True)
class OfficeHours:
    """The sessions of each weekday (index 0 = Monday … 6 = Sunday) and of a standard working day.

    ``standard_day`` sets the length of one working day for durations and the sessions of make-up
    working days. The default is 07:30–11:30 and 13:00–17:00, Monday to Friday.
    """

    week: tuple[tuple[Session, ...], ...] = (DEFAULT_SESSIONS,) * 5 + ((),) * 2
    standard_day: tuple[Session, ...] = DEFAULT_SESSIONS

    def __post_init__(self):
        week = tuple(_sessions(day) for day in self.week)
        if len(week) != 7:
            raise ValueError("Office hours need the sessions of all seven weekdays (Monday first).")
        standard_day = _sessions(self.standard_day)
        if not standard_day:
            raise ValueError("A standard working day needs at least one session.")
        object.__setattr__(self, "week", week)
        object.__setattr__(self, "standard_day", standard_day)

    @classmethod
    def weekly(
        cls, sessions: Iterable[Sequence[time]] = DEFAULT_SESSIONS, weekdays: Iterable[int] = range(5)
    ) -> OfficeHours:
        """The same sessions on the given weekdays (0 = Monday), none on the others."""
        sessions = _sessions(sessions)
        weekdays = set(weekdays)
        if not weekdays <= set(range(7)):
            raise ValueError("Weekdays are numbered 0 (Monday) to 6 (Sunday).")
        return cls(week=tuple(sessions if day in weekdays else () for day in range(7)), standard_day=sessions)

    @classmethod
    def from_text(cls, weekday_hours: str, saturday_hours: str = "") -> OfficeHours:
        """Office hours as a province writes them: "07:30-11:30, 13:00-17:00" Monday to Friday, and
        optionally Saturday's own sessions ("07:30-11:30" for a Saturday-morning counter).

        A make-up working day (a decreed Saturday) follows the Monday-to-Friday sessions.
        """
        weekdays = parse_sessions(weekday_hours)
        if not weekdays:
            raise ValueError("Office hours need at least one session from Monday to Friday.")
        saturday = parse_sessions(saturday_hours)
        return cls(week=(weekdays,) * 5 + (saturday, ()), standard_day=weekdays)

    @property
    def day_length(self) -> timedelta:
        """The office time of a standard working day (8 hours by default)."""
        return sum(
            (_time_of_day(end) - _time_of_day(start) for start, end in self.standard_day), timedelta(0)
        )


# --------------------------------------------------------------------------------------------------
# National holidays


@lru_cache(maxsize=64)
def _national_days(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The public holidays and the decreed make-up working days (Saturdays) of one year."""
    calendar = holidays.VN(years=year)
    days_off = frozenset(day for day in calendar if day.year == year)
    make_up = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, make_up


def national_holiday_name(day: date, language: str | None = None) -> str | None:
    """The name of the Vietnamese public holiday on ``day`` (``language``: "vi", "en_US"), or None."""
    day = _as_date(day)
    return holidays.VN(years=day.year, language=language).get(day)


# --------------------------------------------------------------------------------------------------
# The calendar


@dataclass(frozen=True)
class WorkingCalendar:
    """Office hours, national holidays and a province's own days off and make-up working days.

    National holidays are looked up lazily, one year at a time, and cached.
    """

    office_hours: OfficeHours = field(default_factory=OfficeHours)
    extra_days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    national_holidays: bool = True
    # The sessions of each day asked for: counting the working time of millions of dossiers (the
    # statistics' rebuild) asks for the same few thousand days again and again.
    _sessions: dict[date, tuple[tuple[datetime, datetime], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self):
        days_off = frozenset(self.extra_days_off)
        working_days = frozenset(self.extra_working_days)
        for day in days_off | working_days:
            if isinstance(day, datetime) or not isinstance(day, date):
                raise TypeError("Extra days off and make-up working days are dates.")
        if both := days_off & working_days:
            raise ValueError(
                "A day cannot be both a day off and a make-up working day: "
                + ", ".join(str(day) for day in sorted(both))
            )
        object.__setattr__(self, "extra_days_off", days_off)
        object.__setattr__(self, "extra_working_days", working_days)

    # ---- days

    def _local_sessions(self, day: date) -> tuple[Session, ...]:
        if day in self.extra_days_off:
            return ()
        if day in self.extra_working_days:
            return self.office_hours.standard_day
        if self.national_holidays:
            days_off, make_up = _national_days(day.year)
            if day in days_off:
                return ()
            if day in make_up:
                return self.office_hours.standard_day
        return self.office_hours.week[day.weekday()]

    def is_working_day(self, day: date | datetime) -> bool:
        """Whether ``day`` has office hours (an aware datetime stands for its local date)."""
        return bool(self._local_sessions(_as_date(day)))

    def sessions_on(self, day: date | datetime) -> tuple[tuple[datetime, datetime], ...]:
        """The office sessions of ``day`` as (start, end) aware datetimes; empty on a day off."""
        day = _as_date(day)
        sessions = self._sessions.get(day)
        if sessions is None:
            sessions = self._sessions[day] = tuple(
                (datetime.combine(day, start, VN_TZ), datetime.combine(day, end, VN_TZ))
                for start, end in self._local_sessions(day)
            )
        return sessions

    def _sessions_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        idle = 0
        while True:
            sessions = self.sessions_on(day)
            if sessions:
                idle = 0
                yield from sessions
            else:
                idle += 1
                if idle > MAX_DAYS_WITHOUT_WORK:
                    raise ValueError(f"No office hours in the {MAX_DAYS_WITHOUT_WORK} days before {day}.")
            day += ONE_DAY

    def working_days_between(self, first: date, last: date) -> int:
        """How many working days there are from ``first`` to ``last``, both included."""
        first, last = _as_date(first), _as_date(last)
        count = 0
        while first <= last:
            count += self.is_working_day(first)
            first += ONE_DAY
        return count

    # ---- moments

    def is_open(self, moment: datetime) -> bool:
        """Whether ``moment`` is inside a session (start included, end excluded)."""
        moment = to_local(moment)
        return any(start <= moment < end for start, end in self.sessions_on(moment.date()))

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` itself when the office is open then, else the start of the next session."""
        moment = to_local(moment)
        for start, end in self._sessions_from(moment.date()):
            if end > moment:
                return max(start, moment)
        raise AssertionError("unreachable")  # pragma: no cover

    def add_working_time(self, start: datetime, amount: Duration | timedelta) -> datetime:
        """The moment when ``amount`` of office time has passed since ``start``.

        Time before the next opening does not count. A result that lands exactly at the end of a
        session stays there (17:00 rather than 07:30 the next working day). A zero amount returns
        ``start`` itself (in local time), so that ``add(add(s, a), b) == add(s, a + b)`` always holds.
        """
        start = to_local(start)
        remaining = _as_timedelta(amount, self)
        if not remaining:
            return start
        for session_start, session_end in self._sessions_from(start.date()):
            if session_end <= start:
                continue
            begin = max(session_start, start)
            available = session_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        raise AssertionError("unreachable")  # pragma: no cover

    def appointment(self, reception: datetime, processing_time: Duration | timedelta) -> datetime:
        """The appointment printed on the receipt: reception + the procedure's processing time."""
        return self.add_working_time(reception, processing_time)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The office time between two moments; negative when ``end`` is before ``start``."""
        start, end = to_local(start), to_local(end)
        if end < start:
            return -self.working_time_between(end, start)
        total = timedelta(0)
        day = start.date()
        while day <= end.date():
            for session_start, session_end in self.sessions_on(day):
                low, high = max(session_start, start), min(session_end, end)
                if high > low:
                    total += high - low
            day += ONE_DAY
        return total

    def working_minutes_between(self, start: datetime, end: datetime) -> Decimal:
        """:meth:`working_time_between` in minutes (a Decimal; negative when ``end`` < ``start``)."""
        return minutes_of(self.working_time_between(start, end))

    def elapsed(self, start: datetime, now: datetime) -> timedelta:
        """Office time used since ``start`` (zero when ``now`` is before ``start``)."""
        return max(self.working_time_between(start, now), timedelta(0))

    def remaining(self, now: datetime, due: datetime) -> timedelta:
        """Office time left until ``due``; negative (the office time overdue) after it."""
        return self.working_time_between(now, due)

    def falls_due_soon(
        self,
        now: datetime,
        due: datetime | None,
        *,
        started: datetime | None = None,
        within: Duration | None = None,
    ) -> bool:
        """Whether work due at ``due`` is close enough to its end to warn (and to offer an apology): at
        most ``within`` (one working day) of office time left, and, for work that began at ``started``,
        at most half of its time left, so that a procedure of four working hours does not warn the
        moment it is received. Work already overdue is always due soon."""
        if due is None:
            return False
        left = self.remaining(now, due)
        if left > (within or Duration.days(1)).to_timedelta(self):
            return False
        if started is None or left <= timedelta(0):
            return True
        return left * 2 <= self.working_time_between(started, due)

    def in_days(self, amount: timedelta) -> Decimal:
        """An amount of office time in working days, to two decimals (half up): 4 hours → 0.50."""
        days = Decimal(amount // ONE_MICROSECOND) / Decimal(self.office_hours.day_length // ONE_MICROSECOND)
        return days.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def plan_steps(
        self, reception: datetime, steps: Iterable[tuple[Any, Duration | timedelta]]
    ) -> list[PlannedStep]:
        """Chain the steps of an internal process: each starts when the previous one is due.

        The first step starts at ``reception``; the last step's due time equals
        ``appointment(reception, sum of the budgets)``.
        """
        planned = []
        cursor = to_local(reception)
        for name, budget in steps:
            due = self.add_working_time(cursor, budget)
            planned.append(PlannedStep(name=name, budget=budget, start=cursor, due=due))
            cursor = due
        return planned


@dataclass(frozen=True)
class PlannedStep:
    name: Any
    budget: Duration | timedelta
    start: datetime
    due: datetime


# --------------------------------------------------------------------------------------------------
# Early / on time / late


def classify(done_at: datetime, due_at: datetime) -> Timeliness:
    """Judge a completion against its due time, by the appointment date (Asia/Ho_Chi_Minh):

    * **late** — done after the due time (``done_at > due_at``), even by a minute;
    * **early** — done on a calendar day before the due date;
    * **on time** — done on the due date, at or before the due time.

    The same rule serves the whole dossier (against the appointment) and each step of the process
    control sheet (against the step's due time).
    """
    done_at, due_at = to_local(done_at), to_local(due_at)
    if done_at > due_at:
        return Timeliness.LATE
    if done_at.date() < due_at.date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


# --------------------------------------------------------------------------------------------------
# The clock with pauses


@dataclass(frozen=True)
class Pause:
    """A stop of the clock: from the supplement request until the supplement arrives (None: still
    awaited)."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self):
        object.__setattr__(self, "start", to_local(self.start))
        if self.end is not None:
            object.__setattr__(self, "end", to_local(self.end))
            if self.end < self.start:
                raise ValueError("A pause cannot end before it starts.")


def extended_by_pause(calendar: WorkingCalendar, due: datetime, pause: Pause) -> datetime:
    """``due`` pushed later by the working time the (ended) ``pause`` lasted: the rule a dossier's
    appointment and running step follow when the awaited supplement arrives (as :class:`Clock` does)."""
    if pause.end is None:
        raise ValueError("The pause has not ended: the clock is still stopped.")
    return calendar.add_working_time(due, calendar.working_time_between(pause.start, pause.end))


@dataclass(frozen=True)
class Clock:
    """The processing clock of a dossier (or of one step): a budget of working time from a start,
    stopped during the pauses.

    ``pauses`` are (requested at, received at) pairs or :class:`Pause` objects, in any order; they must
    not overlap, and only the last one may still be open (received at = None). The working time spent
    paused is added back: a pause of 1.5 working days pushes the due time 1.5 working days later.
    """

    calendar: WorkingCalendar
    started_at: datetime
    budget: Duration | timedelta
    pauses: tuple[Pause, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "started_at", to_local(self.started_at))
        pauses = tuple(pause if isinstance(pause, Pause) else Pause(*pause) for pause in self.pauses)
        pauses = tuple(sorted(pauses, key=lambda pause: pause.start))
        for earlier, later in zip(pauses, pauses[1:], strict=False):
            if earlier.end is None:
                raise ValueError("Only the last pause can still be open.")
            if later.start < earlier.end:
                raise ValueError("Pauses must not overlap.")
        object.__setattr__(self, "pauses", pauses)
        _as_timedelta(self.budget, self.calendar)  # validate early

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None

    def _clipped_pauses(self) -> Iterator[tuple[datetime, datetime | None]]:
        for pause in self.pauses:
            start = max(pause.start, self.started_at)
            if pause.end is not None and pause.end <= start:
                continue
            yield start, pause.end

    def due(self) -> datetime | None:
        """The effective due time, or None while the clock is stopped (a supplement is awaited)."""
        calendar = self.calendar
        cursor, remaining = self.started_at, _as_timedelta(self.budget, calendar)
        for pause_start, pause_end in self._clipped_pauses():
            due = calendar.add_working_time(cursor, remaining)
            if due <= pause_start:
                return due  # the deadline came before this pause
            remaining -= calendar.working_time_between(cursor, pause_start)
            if pause_end is None:
                return None
            cursor = pause_end
        return calendar.add_working_time(cursor, remaining)

    def paused_time(self, now: datetime) -> timedelta:
        """Office time spent paused between the start and ``now``."""
        now = to_local(now)
        total = timedelta(0)
        for pause_start, pause_end in self._clipped_pauses():
            end = now if pause_end is None else min(pause_end, now)
            if end > pause_start:
                total += self.calendar.working_time_between(pause_start, end)
        return total

    def elapsed(self, now: datetime) -> timedelta:
        """Office time counted against the budget up to ``now`` (pauses excluded)."""
        return self.calendar.elapsed(self.started_at, now) - self.paused_time(now)

    def remaining(self, now: datetime) -> timedelta:
        """Office time left at ``now``; negative once overdue."""
        return _as_timedelta(self.budget, self.calendar) - self.elapsed(now)
