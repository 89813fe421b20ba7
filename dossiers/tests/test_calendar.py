"""The working-time calendar: fixed cases worked out by hand, then properties checked by hypothesis.

Default office hours: 07:30–11:30 (240 min) and 13:00–17:00 (240 min), Monday–Friday, so one working
day = 480 minutes and 0.5 day = 240 minutes. All wall-clock times below are Asia/Ho_Chi_Minh.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dossiers.domain.calendar import (
    VN_TZ,
    Clock,
    Duration,
    OfficeHours,
    Pause,
    Timeliness,
    TimeUnit,
    WorkingCalendar,
    classify,
    national_holiday_name,
    to_local,
)

CAL = WorkingCalendar()


def vn(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)


def minutes(n):
    return timedelta(minutes=n)


# ------------------------------------------------------------------------------------------------
# Working days


def test_tet_2026_is_off_from_monday_16_to_friday_20_february():
    # holidays.VN: 16 (New Year's Eve) … 20 February (fourth day); 14–15 and 21–22 are weekends.
    assert CAL.is_working_day(date(2026, 2, 13))  # Friday before Tết
    for day in range(14, 23):
        assert not CAL.is_working_day(date(2026, 2, day)), day
    assert CAL.is_working_day(date(2026, 2, 23))  # Monday after Tết


def test_april_and_may_2026_holidays():
    assert not CAL.is_working_day(date(2026, 4, 27))  # Hùng Kings' day (Sunday 26) observed on Monday
    assert CAL.is_working_day(date(2026, 4, 29))
    assert not CAL.is_working_day(date(2026, 4, 30))  # Thursday, Reunification Day
    assert not CAL.is_working_day(date(2026, 5, 1))  # Friday, Labour Day
    assert CAL.is_working_day(date(2026, 5, 4))


def test_national_day_2026_with_its_adjacent_and_swapped_days():
    assert CAL.is_working_day(date(2026, 8, 28))  # Friday
    assert not CAL.is_working_day(date(2026, 8, 31))  # Monday, swapped with Saturday 22 August
    assert not CAL.is_working_day(date(2026, 9, 1))  # Tuesday, adjacent day
    assert not CAL.is_working_day(date(2026, 9, 2))  # Wednesday, National Day
    assert CAL.is_working_day(date(2026, 9, 3))


def test_make_up_saturday_2026_08_22_is_a_working_day_with_standard_sessions():
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 29))  # an ordinary Saturday
    assert CAL.sessions_on(date(2026, 8, 22)) == (
        (vn(2026, 8, 22, 7, 30), vn(2026, 8, 22, 11, 30)),
        (vn(2026, 8, 22, 13), vn(2026, 8, 22, 17)),
    )


def test_new_24_november_holiday_and_names():
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert national_holiday_name(date(2026, 2, 17)) == "Lunar New Year"
    assert national_holiday_name(date(2026, 2, 17), language="vi") == "Tết Nguyên Đán"
    assert national_holiday_name(date(2026, 2, 13)) is None


def test_without_national_holidays_only_weekends_are_off():
    cal = WorkingCalendar(national_holidays=False)
    assert cal.is_working_day(date(2026, 2, 17))
    assert not cal.is_working_day(date(2026, 8, 22))


def test_province_extra_day_off_and_make_up_day():
    cal = WorkingCalendar(extra_days_off={date(2026, 3, 9)}, extra_working_days={date(2026, 3, 14)})
    assert not cal.is_working_day(date(2026, 3, 9))  # a Monday given off by the province
    assert cal.is_working_day(date(2026, 3, 14))  # a Saturday worked instead
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 15)) == 5


def test_province_day_off_wins_over_a_national_make_up_day():
    cal = WorkingCalendar(extra_days_off={date(2026, 8, 22)})
    assert not cal.is_working_day(date(2026, 8, 22))


def test_province_make_up_day_on_a_national_holiday():
    cal = WorkingCalendar(extra_working_days={date(2026, 9, 1)})
    assert cal.is_working_day(date(2026, 9, 1))


def test_a_day_cannot_be_both_off_and_worked():
    with pytest.raises(ValueError, match="both"):
        WorkingCalendar(extra_days_off={date(2026, 3, 9)}, extra_working_days={date(2026, 3, 9)})
    with pytest.raises(TypeError):
        WorkingCalendar(extra_days_off={vn(2026, 3, 9)})


def test_working_days_between_counts_tet():
    # 9–27 February 2026: 15 weekdays minus the 5 days of Tết.
    assert CAL.working_days_between(date(2026, 2, 9), date(2026, 2, 27)) == 10


# ------------------------------------------------------------------------------------------------
# Deadlines: fixed cases


def test_tet_2026_three_working_days_from_friday_13_february_10_00():
    # Fri 13 Feb from 10:00: 10:00–11:30 = 90 + 13:00–17:00 = 240 → 330 min used, 1440 − 330 = 1110 left.
    # Sat 14 … Sun 22: weekend + Tết (16–20) + weekend, nothing counts.
    # Mon 23: 480 → 630 left. Tue 24: 480 → 150 left. Wed 25: 07:30 + 150 min = 10:00.
    # (Put simply: three working days from Friday 10:00 are Mon 10:00, Tue 10:00, Wed 10:00.)
    assert CAL.appointment(vn(2026, 2, 13, 10), Duration.days(3)) == vn(2026, 2, 25, 10)


def test_tet_2026_three_working_days_from_thursday_12_february_10_00():
    # Thu 12 Feb 10:00 → Fri 13 10:00 (1 day) → Mon 23 10:00 (2) → Tue 24 10:00 (3).
    assert CAL.appointment(vn(2026, 2, 12, 10), Duration.days(3)) == vn(2026, 2, 24, 10)


def test_april_30_and_may_1_2026():
    # Wed 29 Apr 14:00, 2 days = 960 min. Wed: 14:00–17:00 = 180 → 780 left.
    # Thu 30/4, Fri 1/5 holidays, Sat–Sun weekend. Mon 4 May: 480 → 300 left.
    # Tue 5 May: morning 240 → 60 left → 13:00 + 60 = 14:00.
    assert CAL.appointment(vn(2026, 4, 29, 14), Duration.days(2)) == vn(2026, 5, 5, 14)


def test_hung_kings_day_observed_on_monday_27_april_2026():
    # Fri 24 Apr 16:00, 1 day = 480. Fri: 60 → 420 left. Sat–Sun, Mon 27 (observed holiday).
    # Tue 28: morning 240 → 180 left → 13:00 + 180 = 16:00.
    assert CAL.appointment(vn(2026, 4, 24, 16), Duration.days(1)) == vn(2026, 4, 28, 16)


def test_national_day_2026():
    # Fri 28 Aug 08:00, 2 days = 960. Fri: 210 + 240 = 450 → 510 left.
    # Sat 29, Sun 30, Mon 31 (swapped), Tue 1/9, Wed 2/9 off. Thu 3 Sep: 480 → 30 left.
    # Fri 4 Sep: 07:30 + 30 = 08:00.
    assert CAL.appointment(vn(2026, 8, 28, 8), Duration.days(2)) == vn(2026, 9, 4, 8)


def test_make_up_saturday_counts():
    # Fri 21 Aug 16:00, 1 day. Fri: 60 → 420 left. Sat 22 (make-up): 240 → 180 left → 13:00 + 180 = 16:00.
    assert CAL.appointment(vn(2026, 8, 21, 16), Duration.days(1)) == vn(2026, 8, 22, 16)
    # Received on the make-up Saturday itself: counts at once.
    assert CAL.next_opening(vn(2026, 8, 22, 9)) == vn(2026, 8, 22, 9)


def test_province_extra_day_off_moves_the_deadline():
    # Fri 6 Mar 16:00, 1 day: 60 on Friday, then 420 on the next working day → 16:00.
    assert CAL.appointment(vn(2026, 3, 6, 16), Duration.days(1)) == vn(2026, 3, 9, 16)
    cal = WorkingCalendar(extra_days_off={date(2026, 3, 9)})
    assert cal.appointment(vn(2026, 3, 6, 16), Duration.days(1)) == vn(2026, 3, 10, 16)


def test_province_make_up_saturday_counts():
    cal = WorkingCalendar(extra_working_days={date(2026, 3, 14)})
    assert cal.appointment(vn(2026, 3, 13, 16), Duration.days(1)) == vn(2026, 3, 14, 16)


def test_half_a_day_from_10_00_skips_lunch():
    # 0.5 day = 240 min: 10:00–11:30 = 90, then 150 from 13:00 → 15:30.
    start = vn(2026, 3, 2, 10)
    assert CAL.add_working_time(start, Duration.days("0.5")) == vn(2026, 3, 2, 15, 30)
    assert CAL.add_working_time(start, Duration.hours(4)) == vn(2026, 3, 2, 15, 30)
    assert CAL.add_working_time(start, Duration.hours("1.5")) == vn(2026, 3, 2, 11, 30)


@pytest.mark.parametrize(
    ("received", "counted_from"),
    [
        (vn(2026, 3, 2, 12), vn(2026, 3, 2, 13)),  # lunch break
        (vn(2026, 3, 2, 11, 45), vn(2026, 3, 2, 13)),
        (vn(2026, 3, 2, 11, 30), vn(2026, 3, 2, 13)),  # the end of a session is closed
        (vn(2026, 3, 2, 18), vn(2026, 3, 3, 7, 30)),  # evening
        (vn(2026, 3, 2, 6), vn(2026, 3, 2, 7, 30)),  # early morning
        (vn(2026, 3, 6, 17, 30), vn(2026, 3, 9, 7, 30)),  # Friday evening → Monday
        (vn(2026, 3, 7, 10), vn(2026, 3, 9, 7, 30)),  # Saturday
        (vn(2026, 2, 13, 17, 30), vn(2026, 2, 23, 7, 30)),  # Friday before Tết → after Tết
        (vn(2026, 3, 2, 7, 30), vn(2026, 3, 2, 7, 30)),  # opening time itself
        (vn(2026, 3, 2, 9, 15), vn(2026, 3, 2, 9, 15)),  # open
    ],
)
def test_reception_outside_office_hours_counts_from_the_next_opening(received, counted_from):
    assert CAL.next_opening(received) == counted_from
    assert CAL.add_working_time(received, Duration.hours(2)) == CAL.add_working_time(
        counted_from, Duration.hours(2)
    )


def test_reception_at_noon_evening_and_saturday():
    assert CAL.add_working_time(vn(2026, 3, 2, 12), Duration.hours(2)) == vn(2026, 3, 2, 15)
    assert CAL.add_working_time(vn(2026, 3, 2, 18), Duration.hours(2)) == vn(2026, 3, 3, 9, 30)
    assert CAL.add_working_time(vn(2026, 3, 7, 10), Duration.hours(2)) == vn(2026, 3, 9, 9, 30)


def test_due_time_at_the_end_of_a_session_stays_there():
    assert CAL.add_working_time(vn(2026, 3, 2, 7, 30), Duration.days(1)) == vn(2026, 3, 2, 17)
    assert CAL.add_working_time(vn(2026, 3, 2, 7, 30), Duration.days("0.5")) == vn(2026, 3, 2, 11, 30)
    assert CAL.add_working_time(vn(2026, 3, 6, 7, 30), Duration.days(1)) == vn(2026, 3, 6, 17)  # Friday
    # 16:00 + 1 day: 60 today, 420 tomorrow → 16:00 (not past 17:00).
    assert CAL.add_working_time(vn(2026, 3, 2, 16), Duration.days(1)) == vn(2026, 3, 3, 16)


def test_zero_duration_returns_the_start():
    assert CAL.add_working_time(vn(2026, 3, 2, 18), Duration.days(0)) == vn(2026, 3, 2, 18)


def test_other_time_zones_are_converted_and_naive_datetimes_refused():
    utc_start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
    due = CAL.add_working_time(utc_start, Duration.hours(1))
    assert due == vn(2026, 3, 2, 9)
    assert due.tzinfo == VN_TZ
    assert CAL.is_working_day(datetime(2026, 2, 12, 18, tzinfo=UTC))  # Fri 13 Feb 01:00 in Vietnam
    assert not CAL.is_working_day(datetime(2026, 2, 13, 18, tzinfo=UTC))  # Sat 14 Feb 01:00
    with pytest.raises(ValueError, match="naive"):
        CAL.add_working_time(datetime(2026, 3, 2, 8), Duration.hours(1))
    with pytest.raises(TypeError):
        to_local(date(2026, 3, 2))


def test_working_minutes_between():
    # Mon 07:00 → Tue 08:30: all of Monday (480) + 07:30–08:30 (60).
    assert CAL.working_minutes_between(vn(2026, 3, 2, 7), vn(2026, 3, 3, 8, 30)) == 540
    assert CAL.working_minutes_between(vn(2026, 3, 3, 8, 30), vn(2026, 3, 2, 7)) == -540
    assert CAL.working_minutes_between(vn(2026, 3, 2, 12), vn(2026, 3, 2, 12, 30)) == 0
    # Across Tết: Fri 13 Feb 10:00 → Wed 25 Feb 10:00 is exactly three working days.
    assert CAL.working_minutes_between(vn(2026, 2, 13, 10), vn(2026, 2, 25, 10)) == 1440
    assert CAL.working_time_between(vn(2026, 3, 2, 7, 30, 30), vn(2026, 3, 2, 7, 31)) == timedelta(seconds=30)


def test_remaining_elapsed_and_days():
    due = vn(2026, 2, 25, 10)
    assert CAL.remaining(vn(2026, 2, 24, 10), due) == minutes(480)
    assert CAL.remaining(vn(2026, 2, 25, 11), due) == -minutes(60)  # an hour overdue
    assert CAL.elapsed(vn(2026, 2, 13, 10), vn(2026, 2, 23, 7, 30)) == minutes(330)
    assert CAL.elapsed(vn(2026, 2, 23), vn(2026, 2, 13)) == timedelta(0)
    assert CAL.in_days(minutes(240)) == Decimal("0.50")
    assert CAL.in_days(minutes(330)) == Decimal("0.69")  # 0.6875
    assert CAL.in_days(-minutes(60)) == Decimal("-0.13")  # -0.125, half away from zero


# ------------------------------------------------------------------------------------------------
# Durations and office hours


def test_duration_values():
    assert Duration.days("0.5").minutes(CAL) == 240
    assert Duration.hours("1.5").minutes(CAL) == 90
    assert Duration.days("0.01").minutes(CAL) == Decimal("4.8")
    assert Duration.days("0.5").to_timedelta(CAL) == timedelta(hours=4)
    assert Duration.days(Decimal("0.5")) == Duration.days("0.50")
    assert Duration.days(1) + Duration.days("0.5") == Duration.days("1.5")
    assert Duration(Decimal(2), "hour").unit is TimeUnit.HOUR
    assert str(Duration.days("1.50")) == "1.5 day"
    assert not Duration.days(0)
    with pytest.raises(TypeError):
        Duration.days(0.5)
    with pytest.raises(TypeError):
        Duration.days(1) + Duration.hours(1)
    with pytest.raises(ValueError):
        Duration.days(-1)
    with pytest.raises(ValueError):
        Duration.days("abc")
    with pytest.raises(ValueError):
        Duration.days("Infinity")
    with pytest.raises(ValueError):
        CAL.add_working_time(vn(2026, 3, 2, 8), timedelta(minutes=-1))


def test_configured_office_hours_change_the_length_of_a_day():
    hours = OfficeHours.weekly([(time(7, 30), time(11, 30)), (time(13, 30), time(16, 30))])
    cal = WorkingCalendar(office_hours=hours)
    assert hours.day_length == minutes(420)
    assert Duration.days("0.5").minutes(cal) == 210
    # 10:00 + 210 min: 90 before lunch, 120 from 13:30 → 15:30.
    assert cal.add_working_time(vn(2026, 3, 2, 10), Duration.days("0.5")) == vn(2026, 3, 2, 15, 30)
    assert cal.next_opening(vn(2026, 3, 2, 16, 45)) == vn(2026, 3, 3, 7, 30)


def test_saturday_morning_counter_and_make_up_saturdays():
    standard = ((time(7, 30), time(11, 30)), (time(13), time(17)))
    saturday_morning = ((time(7, 30), time(11, 30)),)
    hours = OfficeHours(week=(standard,) * 5 + (saturday_morning, ()))
    cal = WorkingCalendar(office_hours=hours)
    assert cal.is_working_day(date(2026, 3, 7))
    assert cal.sessions_on(date(2026, 3, 7)) == ((vn(2026, 3, 7, 7, 30), vn(2026, 3, 7, 11, 30)),)
    # A make-up Saturday is a full standard day.
    assert len(cal.sessions_on(date(2026, 8, 22))) == 2
    # Fri 6 Mar 16:00 + 1 day: 60 Friday, 240 Saturday morning, 180 Monday → 10:30.
    assert cal.appointment(vn(2026, 3, 6, 16), Duration.days(1)) == vn(2026, 3, 9, 10, 30)


def test_office_hours_are_validated():
    with pytest.raises(ValueError, match="overlap"):
        OfficeHours.weekly([(time(7, 30), time(12)), (time(11), time(17))])
    with pytest.raises(ValueError, match="end after"):
        OfficeHours.weekly([(time(17), time(7, 30))])
    with pytest.raises(ValueError, match="seven"):
        OfficeHours(week=((),) * 6)
    with pytest.raises(ValueError, match="at least one"):
        OfficeHours(standard_day=())
    with pytest.raises(ValueError):
        OfficeHours.weekly(weekdays=[7])
    with pytest.raises(ValueError, match="time zone"):
        OfficeHours.weekly([(time(7, 30, tzinfo=UTC), time(11, 30))])


def test_a_calendar_without_working_days_fails_clearly():
    cal = WorkingCalendar(office_hours=OfficeHours.weekly(weekdays=()), national_holidays=False)
    with pytest.raises(ValueError, match="No office hours"):
        cal.add_working_time(vn(2026, 3, 2, 8), Duration.hours(1))


# ------------------------------------------------------------------------------------------------
# Steps


def test_plan_steps_chains_and_ends_at_the_appointment():
    reception = vn(2026, 2, 13, 10)
    steps = [
        ("receive", Duration.days("0.5")),
        ("review", Duration.days(2)),
        ("approve", Duration.days("0.5")),
    ]
    plan = CAL.plan_steps(reception, steps)
    # receive: Fri 10:00 + 240 = 90 + 150 → Fri 15:30.
    # review: Fri 15:30 + 960: Fri 90, Mon 23 480, Tue 24 240 + 150 → Tue 15:30.
    # approve: Tue 15:30 + 240: Tue 90, Wed 25 07:30 + 150 → 10:00.
    assert [(step.name, step.start, step.due) for step in plan] == [
        ("receive", reception, vn(2026, 2, 13, 15, 30)),
        ("review", vn(2026, 2, 13, 15, 30), vn(2026, 2, 24, 15, 30)),
        ("approve", vn(2026, 2, 24, 15, 30), vn(2026, 2, 25, 10)),
    ]
    assert plan[-1].due == CAL.appointment(reception, Duration.days(3))
    assert CAL.plan_steps(reception, []) == []


def test_plan_steps_with_hours():
    plan = CAL.plan_steps(vn(2026, 3, 2, 16), [("check", Duration.hours(2)), ("sign", Duration.hours(1))])
    assert [step.due for step in plan] == [vn(2026, 3, 3, 8, 30), vn(2026, 3, 3, 9, 30)]


# ------------------------------------------------------------------------------------------------
# Early / on time / late


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        (vn(2026, 2, 23, 9), Timeliness.EARLY),
        (vn(2026, 2, 24, 16, 59), Timeliness.EARLY),
        (datetime(2026, 2, 24, 16, 59, tzinfo=UTC), Timeliness.EARLY),  # Tue 23:59 in Vietnam
        (datetime(2026, 2, 24, 17, 30, tzinfo=UTC), Timeliness.ON_TIME),  # Wed 00:30 in Vietnam
        (vn(2026, 2, 25, 7, 30), Timeliness.ON_TIME),
        (vn(2026, 2, 25, 10), Timeliness.ON_TIME),  # exactly at the due time
        (vn(2026, 2, 25, 10, 0, 1), Timeliness.LATE),
        (vn(2026, 2, 26, 8), Timeliness.LATE),
    ],
)
def test_classify_against_the_due_date(done, expected):
    assert classify(done, vn(2026, 2, 25, 10)) is expected


def test_timeliness_labels():
    with translation.override("en"):
        assert str(Timeliness.ON_TIME.label) == "on time"
        assert str(TimeUnit.DAY.label) == "working days"


# ------------------------------------------------------------------------------------------------
# The clock and its pauses

RECEPTION = vn(2026, 3, 2, 8)  # Monday


def test_clock_without_pauses():
    clock = Clock(CAL, RECEPTION, Duration.days(3))
    assert clock.due() == vn(2026, 3, 5, 8)
    assert clock.elapsed(vn(2026, 3, 2, 17)) == minutes(450)
    assert clock.remaining(vn(2026, 3, 5, 8)) == timedelta(0)
    assert not clock.is_paused


def test_supplement_pause_adds_the_paused_working_time_back():
    # Used before the pause: Mon 08:00–17:00 = 450, Tue 07:30–10:00 = 150 → 600; 840 left.
    # Supplement received Thu 14:00: Thu 180 → 660 left; Fri 480 → 180 left; Mon 9 Mar 07:30 + 180 = 10:30.
    clock = Clock(CAL, RECEPTION, Duration.days(3), [(vn(2026, 3, 3, 10), vn(2026, 3, 5, 14))])
    assert clock.due() == vn(2026, 3, 9, 10, 30)
    # Paused: Tue 330 + Wed 480 + Thu 300 = 1110 min = the delay of the due time.
    assert clock.paused_time(vn(2026, 3, 31)) == minutes(1110)
    assert CAL.working_minutes_between(vn(2026, 3, 5, 8), clock.due()) == 1110
    assert clock.elapsed(clock.due()) == minutes(1440)
    assert clock.remaining(vn(2026, 3, 4, 12)) == minutes(840)  # frozen while paused


def test_open_pause_stops_the_clock():
    clock = Clock(CAL, RECEPTION, Duration.days(3), [Pause(vn(2026, 3, 3, 10))])
    assert clock.is_paused
    assert clock.due() is None
    assert clock.remaining(vn(2026, 3, 3, 10)) == minutes(840)
    assert clock.remaining(vn(2026, 3, 20, 10)) == minutes(840)


def test_pause_after_the_due_time_changes_nothing():
    clock = Clock(CAL, RECEPTION, Duration.days(3), [(vn(2026, 3, 5, 9), vn(2026, 3, 6, 9))])
    assert clock.due() == vn(2026, 3, 5, 8)
    assert Clock(CAL, RECEPTION, Duration.days(3), [Pause(vn(2026, 3, 5, 8))]).due() == vn(2026, 3, 5, 8)


def test_pause_outside_office_hours_changes_nothing():
    clock = Clock(CAL, RECEPTION, Duration.days(3), [(vn(2026, 3, 3, 18), vn(2026, 3, 4, 7))])
    assert clock.due() == vn(2026, 3, 5, 8)


def test_two_pauses_and_a_pause_before_reception():
    pauses = [
        (vn(2026, 3, 4, 13), vn(2026, 3, 4, 15)),  # 120 min
        (vn(2026, 3, 2, 7), vn(2026, 3, 2, 9)),  # only 08:00–09:00 after reception: 60 min
    ]
    clock = Clock(CAL, RECEPTION, Duration.days(3), pauses)
    # 180 paused minutes: Thu 5 Mar 08:00 + 180 → 11:00.
    assert clock.due() == vn(2026, 3, 5, 11)


def test_pauses_are_validated():
    with pytest.raises(ValueError, match="overlap"):
        Clock(CAL, RECEPTION, Duration.days(3), [(vn(2026, 3, 3), vn(2026, 3, 5)), (vn(2026, 3, 4), None)])
    with pytest.raises(ValueError, match="last pause"):
        Clock(CAL, RECEPTION, Duration.days(3), [(vn(2026, 3, 3), None), (vn(2026, 3, 4), vn(2026, 3, 5))])
    with pytest.raises(ValueError, match="before it starts"):
        Pause(vn(2026, 3, 4), vn(2026, 3, 3))


# ------------------------------------------------------------------------------------------------
# Properties

PROPERTIES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _moment(day, minute, zone):
    moment = vn(day.year, day.month, day.day) + timedelta(minutes=minute)
    return moment if zone is None else moment.astimezone(zone)


moments = st.builds(
    _moment,
    st.dates(date(2025, 12, 1), date(2027, 2, 28)),
    st.integers(0, 24 * 60 - 1),
    st.sampled_from([None, UTC, ZoneInfo("Europe/Paris")]),
)
amounts = st.integers(0, 2000).map(lambda n: Decimal(n) / 100)  # 0.00 … 20.00
units = st.sampled_from(list(TimeUnit))
calendars = st.one_of(
    st.just(CAL),
    st.builds(
        lambda off, extra: WorkingCalendar(extra_days_off=off, extra_working_days=extra - off),
        st.frozensets(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=20),
        st.frozensets(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=5),
    ),
)


@PROPERTIES
@given(calendars, moments, amounts, amounts, units)
def test_adding_is_associative(cal, start, a, b, unit):
    whole = cal.add_working_time(start, Duration(a + b, unit))
    in_two = cal.add_working_time(cal.add_working_time(start, Duration(a, unit)), Duration(b, unit))
    assert whole == in_two


@PROPERTIES
@given(calendars, moments, amounts, units)
def test_working_time_between_inverts_adding(cal, start, amount, unit):
    duration = Duration(amount, unit)
    due = cal.add_working_time(start, duration)
    assert cal.working_minutes_between(start, due) == duration.minutes(cal)
    opened = cal.next_opening(start)
    assert cal.working_minutes_between(opened, cal.add_working_time(opened, duration)) == duration.minutes(
        cal
    )


@PROPERTIES
@given(calendars, moments, amounts.filter(bool), units)
def test_due_is_in_office_hours_on_a_working_day(cal, start, amount, unit):
    due = cal.add_working_time(start, Duration(amount, unit))
    assert cal.is_working_day(due.date())
    assert any(begin < due <= end for begin, end in cal.sessions_on(due.date()))
    assert due.tzinfo == VN_TZ


@PROPERTIES
@given(calendars, moments, amounts, amounts, units)
def test_adding_is_monotonic(cal, start, a, b, unit):
    assume(a != b)
    low, high = min(a, b), max(a, b)
    assert cal.add_working_time(start, Duration(low, unit)) < cal.add_working_time(
        start, Duration(high, unit)
    )
    assert cal.add_working_time(start, Duration(low, unit)) >= start


@PROPERTIES
@given(calendars, moments, moments, moments)
def test_working_time_is_additive(cal, a, b, c):
    a, b, c = sorted([a, b, c])
    assert cal.working_time_between(a, c) == cal.working_time_between(a, b) + cal.working_time_between(b, c)
    assert cal.working_time_between(c, a) == -cal.working_time_between(a, c)


@PROPERTIES
@given(calendars, moments)
def test_next_opening(cal, moment):
    opening = cal.next_opening(moment)
    assert opening >= moment
    assert cal.is_open(opening)
    assert cal.next_opening(opening) == opening
    assert cal.working_time_between(moment, opening) == timedelta(0)


@PROPERTIES
@given(
    moments,
    amounts.filter(bool),
    st.lists(st.tuples(st.integers(0, 30 * 24 * 60), st.integers(0, 10 * 24 * 60)), max_size=3),
)
def test_clock_counts_exactly_the_budget_outside_pauses(start, amount, raw_pauses):
    pauses, cursor = [], start
    for gap, length in raw_pauses:
        pause_start = cursor + timedelta(minutes=gap)
        cursor = pause_start + timedelta(minutes=length)
        pauses.append((pause_start, cursor))
    budget = Duration.days(amount)
    clock = Clock(CAL, start, budget, pauses)
    due = clock.due()
    assert clock.elapsed(due) == budget.to_timedelta(CAL)
    assert due >= CAL.appointment(start, budget)
    assert clock.remaining(due) == timedelta(0)


def test_the_services_pause_rule_is_the_clocks():
    """A pause pushes a due time by the working time it lasted, as the Clock computes it."""
    from dossiers.domain.calendar import extended_by_pause

    pause = Pause(vn(2026, 3, 3, 10), vn(2026, 3, 5, 14))
    with_pause = Clock(CAL, RECEPTION, Duration.days(3), [pause]).due()
    without = Clock(CAL, RECEPTION, Duration.days(3)).due()
    assert extended_by_pause(CAL, without, pause) == with_pause
    with pytest.raises(ValueError):
        extended_by_pause(CAL, without, Pause(vn(2026, 3, 3, 10)))


def test_falls_due_soon_within_a_working_day_and_past_half_of_the_allotted_time():
    received = vn(2026, 3, 2, 8)  # Monday morning
    fifteen_days = CAL.add_working_time(received, Duration.days(15))
    assert not CAL.falls_due_soon(received, fifteen_days, started=received)
    the_day_before = CAL.add_working_time(received, Duration.days(14))
    assert CAL.falls_due_soon(the_day_before, fifteen_days, started=received)
    # Four working hours: all of it is "within a day", but no warning the moment it is received…
    four_hours = CAL.add_working_time(received, Duration.hours(4))
    assert not CAL.falls_due_soon(received, four_hours, started=received)
    assert not CAL.falls_due_soon(vn(2026, 3, 2, 9, 30), four_hours, started=received)
    # …only once half of its time is spent, and always once overdue.
    assert CAL.falls_due_soon(vn(2026, 3, 2, 10, 0), four_hours, started=received)
    assert CAL.falls_due_soon(vn(2026, 3, 3, 10, 0), four_hours, started=received)
    # Without a known start, one working day ahead is the rule; no due date, no warning.
    assert CAL.falls_due_soon(received, four_hours)
    assert not CAL.falls_due_soon(received, None)
