"""Periods of the reports (a month, a quarter, six months, a year or any range of days) and how a range
is covered by the aggregates' rows: whole years, then whole months, then days."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from .contributions import Grain

#: Before any statistics: the start of the range "everything before the period".
EPOCH = date(1900, 1, 1)


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    RANGE = "range"

    @property
    def label(self):
        return {
            PeriodKind.MONTH: _("Month"),
            PeriodKind.QUARTER: _("Quarter"),
            PeriodKind.HALF: _("Six months"),
            PeriodKind.YEAR: _("Year"),
            PeriodKind.RANGE: _("From … to …"),
        }[self]


_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """The days ``first`` to ``last``, both included."""

    first: date
    last: date
    kind: PeriodKind = PeriodKind.RANGE

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("a period ends on or after its first day")

    @classmethod
    def of(cls, kind: PeriodKind, year: int, number: int = 1) -> Period:
        """The ``number``-th month, quarter or half of ``year`` (1-based), or the year itself."""
        months = _MONTHS[kind]
        if not 1 <= number <= 12 // months:
            raise ValueError(f"there is no {kind} number {number}")
        first = date(year, (number - 1) * months + 1, 1)
        return cls(first, _add_months(first, months) - timedelta(days=1), kind)

    @classmethod
    def containing(cls, kind: PeriodKind, day: date) -> Period:
        months = _MONTHS[kind]
        return cls.of(kind, day.year, (day.month - 1) // months + 1)

    @property
    def number(self) -> int:
        months = _MONTHS.get(self.kind, 1)
        return (self.first.month - 1) // months + 1

    def previous(self) -> Period:
        if self.kind in _MONTHS:
            return Period.containing(self.kind, self.first - timedelta(days=1))
        length = self.last - self.first
        last = self.first - timedelta(days=1)
        return Period(last - length, last)

    def until(self, today: date) -> Period:
        """The period as far as it has gone on ``today``: a period not over yet is counted to today, so
        that "past the deadline" at its end means past it now, not past it by a day still to come."""
        if self.last <= today or today < self.first:
            return self
        return Period(self.first, today, self.kind)

    def months(self) -> list[date]:
        """The first day of each month the period touches."""
        month, months = self.first.replace(day=1), []
        while month <= self.last:
            months.append(month)
            month = _add_months(month, 1)
        return months

    def __str__(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.first.month:02d}/{self.first.year}"
        if self.kind == PeriodKind.YEAR:
            return str(self.first.year)
        if self.kind in (PeriodKind.QUARTER, PeriodKind.HALF):
            return f"{self.kind.value[0].upper()}{self.number}/{self.first.year}"
        return f"{self.first:%d/%m/%Y}–{self.last:%d/%m/%Y}"


def _year_start(day: date, up: bool) -> date:
    start = day.replace(month=1, day=1)
    return start.replace(year=start.year + 1) if up and start != day else start


def _month_start(day: date, up: bool) -> date:
    start = day.replace(day=1)
    return _add_months(start, 1) if up and start != day else start


Span = tuple[Grain, date, date]  # grain, first period start included, last period start excluded


def cover(first: date, end: date) -> list[Span]:
    """The aggregate rows that count the days ``first`` (included) to ``end`` (excluded) exactly once:
    whole years where they fit, whole months around them, single days at the edges."""
    if end <= first:
        return []
    years_from, years_to = _year_start(first, up=True), _year_start(end, up=False)
    if years_from < years_to:
        return [
            *_cover_months(first, years_from),
            (Grain.YEAR, years_from, years_to),
            *_cover_months(years_to, end),
        ]
    return _cover_months(first, end)


def _cover_months(first: date, end: date) -> list[Span]:
    if end <= first:
        return []
    months_from, months_to = _month_start(first, up=True), _month_start(end, up=False)
    if months_from < months_to:
        spans = [(Grain.MONTH, months_from, months_to)]
        if first < months_from:
            spans.insert(0, (Grain.DAY, first, months_from))
        if months_to < end:
            spans.append((Grain.DAY, months_to, end))
        return spans
    return [(Grain.DAY, first, end)]
