"""Office hours configured by the province (MOTCUA_OFFICE_HOURS, MOTCUA_SATURDAY_HOURS)."""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from dossiers import services
from dossiers.domain.calendar import VN_TZ, Duration, OfficeHours, WorkingCalendar, parse_sessions


def vn(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("text", "sessions"),
    [
        ("07:30-11:30,13:00-17:00", ((time(7, 30), time(11, 30)), (time(13), time(17)))),
        (" 8:00 – 12:00 ; 13:30-17:30 ", ((time(8), time(12)), (time(13, 30), time(17, 30)))),
        ("07:00-17:00", ((time(7), time(17)),)),
        ("", ()),
    ],
)
def test_sessions_as_a_province_writes_them(text, sessions):
    assert parse_sessions(text) == sessions


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("7h30-11h30", "is not a session like 07:30-11:30"),
        ("07:30", "is not a session like 07:30-11:30"),
        ("11:30-07:30", "must end after it starts"),
        ("07:30-11:30,11:00-17:00", "must not overlap"),
    ],
)
def test_unreadable_sessions_say_what_is_wrong(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_sessions(text)


def test_weekdays_need_a_session():
    with pytest.raises(ValueError, match="at least one session"):
        OfficeHours.from_text("", "07:30-11:30")


def test_a_saturday_morning_counter_works_saturday_mornings_only():
    hours = OfficeHours.from_text("07:30-11:30,13:00-17:00", "07:30-11:30")
    calendar = WorkingCalendar(office_hours=hours)
    saturday = vn(2026, 3, 7, 9)  # an ordinary Saturday
    assert calendar.is_open(saturday) and not calendar.is_open(vn(2026, 3, 7, 14))
    assert not calendar.is_open(vn(2026, 3, 8, 9))  # Sunday
    # Half a working day (4 hours) from Saturday 09:00: 2.5 hours that morning, 1.5 on Monday.
    assert calendar.add_working_time(saturday, Duration.days("0.5")) == vn(2026, 3, 9, 9)
    assert hours.day_length == timedelta(hours=8)


def test_deadlines_follow_the_configured_hours(settings, db):
    settings.MOTCUA_OFFICE_HOURS = "08:00-12:00,13:30-17:30"
    calendar = services.province_calendar()
    # Received before opening: counts from 08:00; one working day ends at that day's closing.
    assert calendar.next_opening(vn(2026, 3, 2, 7, 45)) == vn(2026, 3, 2, 8)
    assert calendar.add_working_time(vn(2026, 3, 2, 7, 45), Duration.days(1)) == vn(2026, 3, 2, 17, 30)
    assert calendar.add_working_time(vn(2026, 3, 2, 8), Duration.hours(5)) == vn(2026, 3, 2, 14, 30)


def test_a_bad_setting_stops_start_up_with_a_clear_error(settings):
    settings.MOTCUA_OFFICE_HOURS = "7h30 đến 11h30"
    with pytest.raises(SystemCheckError, match="MOTCUA_OFFICE_HOURS"):
        call_command("check")
