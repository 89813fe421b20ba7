from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from stats.domain.contributions import Grain
from stats.domain.periods import EPOCH, Period, PeriodKind, cover


def _days(spans):
    covered = []
    for grain, low, high in spans:
        day = low
        while day < high:
            if grain == Grain.DAY:
                covered.append(day)
                day += timedelta(days=1)
            elif grain == Grain.MONTH:
                following = (day + timedelta(days=32)).replace(day=1)
                covered.extend(low_day for low_day in _range(day, following))
                day = following
            else:
                following = day.replace(year=day.year + 1)
                covered.extend(_range(day, following))
                day = following
    return covered


def _range(first, end):
    day = first
    while day < end:
        yield day
        day += timedelta(days=1)


@given(st.dates(date(2019, 1, 1), date(2031, 12, 31)), st.integers(0, 900))
def test_cover_counts_each_day_of_the_range_once(first, length):
    end = first + timedelta(days=length)
    assert _days(cover(first, end)) == list(_range(first, end))


def test_a_year_is_one_row_and_everything_before_it_is_whole_years():
    assert cover(date(2026, 1, 1), date(2027, 1, 1)) == [(Grain.YEAR, date(2026, 1, 1), date(2027, 1, 1))]
    assert cover(EPOCH, date(2026, 1, 1)) == [(Grain.YEAR, EPOCH, date(2026, 1, 1))]
    assert cover(date(2026, 3, 15), date(2026, 6, 1)) == [
        (Grain.DAY, date(2026, 3, 15), date(2026, 4, 1)),
        (Grain.MONTH, date(2026, 4, 1), date(2026, 6, 1)),
    ]


def test_periods_of_the_reports():
    assert Period.of(PeriodKind.QUARTER, 2026, 2) == Period(
        date(2026, 4, 1), date(2026, 6, 30), PeriodKind.QUARTER
    )
    assert Period.of(PeriodKind.HALF, 2026, 2).first == date(2026, 7, 1)
    assert Period.of(PeriodKind.MONTH, 2026, 2).last == date(2026, 2, 28)
    assert Period.of(PeriodKind.YEAR, 2026).last == date(2026, 12, 31)
    assert Period.of(PeriodKind.MONTH, 2026, 1).previous() == Period.of(PeriodKind.MONTH, 2025, 12)
    assert Period(date(2026, 5, 10), date(2026, 5, 19)).previous() == Period(
        date(2026, 4, 30), date(2026, 5, 9)
    )
    assert str(Period.of(PeriodKind.QUARTER, 2026, 3)) == "Q3/2026"


def test_a_period_not_over_yet_is_counted_to_today():
    year = Period.of(PeriodKind.YEAR, 2026)
    assert year.until(date(2026, 12, 1)) == Period(date(2026, 1, 1), date(2026, 12, 1), PeriodKind.YEAR)
    assert str(year.until(date(2026, 12, 1))) == "2026"
    assert year.until(date(2027, 1, 5)) == year
    assert year.until(date(2025, 6, 1)) == year  # not begun: nothing is clamped
