"""The back-office inbox: filters (procedure, late, due soon in working time, overdue), deadline badges,
pagination and constant queries, and never another agency's dossiers through any filter."""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.constants import CalendarDayKind, Channel
from dossiers.domain.calendar import VN_TZ
from dossiers.models import CalendarDay, Dossier
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db

INBOX = reverse("backoffice:inbox")
ROW = re.compile(r'<tr[^>]*data-deadline="(?P<deadline>[^"]*)">(?P<body>.*?)</tr>', re.S)
CODE = re.compile(r'class="code"><a href="[^"]*">(?P<code>[^<]+)</a>')


def rows(response) -> dict[str, tuple[str, str]]:
    """The inbox table's rows: code → (data-deadline, the row's HTML), in page order."""
    assert response.status_code == 200
    found = {}
    for match in ROW.finditer(response.content.decode()):
        code = CODE.search(match["body"])["code"]
        found[code] = (match["deadline"], match[0])
    return found


def codes(response) -> set[str]:
    return set(rows(response))


def change(dossier, **fields) -> Dossier:
    Dossier.objects.filter(pk=dossier.pk).update(**fields)
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def agency_setup():
    """A manager of agency A (who sees all its dossiers), a shared procedure, and agency B's officer."""
    counter = OfficerFactory()
    manager = OfficerFactory(agency=counter.agency, role=Role.MANAGER)
    other = OfficerFactory()
    shared = procedure_with_details(agencies=[counter.agency, other.agency])
    return counter, manager, other, shared


# --------------------------------------------------------------------------------------------------
# Procedure


def test_procedure_filter_lists_the_agencys_procedures_and_keeps_only_that_one(client, agency_setup):
    counter, manager, other, shared = agency_setup
    own = procedure_with_details(agencies=[counter.agency])
    foreign = procedure_with_details(agencies=[other.agency])
    with_shared = {received_dossier(counter, shared).code for _ in range(2)}
    with_own = received_dossier(counter, own).code
    foreign_shared = received_dossier(other, shared).code  # same procedure, other agency
    received_dossier(other, foreign)
    client.force_login(manager)

    page = client.get(INBOX).content.decode()
    select = re.search(r'<select name="procedure".*?</select>', page, re.S)[0]
    assert f'value="{shared.code}"' in select and f'value="{own.code}"' in select
    assert f'value="{foreign.code}"' not in select  # another agency's procedure is not offered

    assert codes(client.get(INBOX, {"procedure": shared.code})) == with_shared
    assert codes(client.get(INBOX, {"procedure": own.code})) == {with_own}
    assert foreign_shared not in codes(client.get(INBOX, {"procedure": shared.code}))
    # Another agency's procedure is refused (the field shows its error) and shows nothing of theirs.
    response = client.get(INBOX, {"procedure": foreign.code})
    assert 'class="field field--error"' in response.content.decode()
    assert codes(response) == with_shared | {with_own}


def test_procedure_choices_cost_one_query_whatever_their_number(client, django_assert_num_queries):
    counter = OfficerFactory()
    procedure = procedure_with_details(agencies=[counter.agency])
    received_dossier(counter, procedure)
    client.force_login(counter)
    client.get(INBOX)
    with django_assert_num_queries(7) as few:
        client.get(INBOX)
    for _ in range(5):
        procedure_with_details(agencies=[counter.agency])
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(INBOX).content.decode()
    select = re.search(r'<select name="procedure".*?</select>', page, re.S)[0]
    assert select.count("<option") == 1 + 6


# --------------------------------------------------------------------------------------------------
# Overdue, late, due soon


def test_overdue_is_open_dossiers_past_their_step_due_time_or_their_appointment(client, agency_setup):
    counter, manager, other, shared = agency_setup
    now = timezone.now()
    past, future = now - timedelta(hours=2), now + timedelta(days=3)

    def dossier(**fields):
        return change(received_dossier(counter, shared), **fields)

    step_overdue = dossier(state="in_progress", step_index=1, step_due_at=past, appointment_at=future)
    appointment_passed_no_step = dossier(state="approved", step_due_at=None, appointment_at=past)
    result_waiting = dossier(state="result_issued", step_due_at=None, appointment_at=past)
    paused_after_due = dossier(
        state="awaiting_supplement",
        step_due_at=past,
        appointment_at=future,
        paused_at=past + timedelta(hours=1),  # due, then the clock stopped
    )
    on_time = dossier(state="in_progress", step_index=1, step_due_at=future, appointment_at=future)
    finished = dossier(state="returned", step_due_at=None, appointment_at=past, timeliness="late")
    rejected = dossier(state="rejected", step_due_at=None, appointment_at=past)
    # The clock stopped before anything was due: its due times move when the applicant answers.
    paused_before_due = dossier(
        state="awaiting_supplement",
        step_due_at=past,
        appointment_at=past,
        paused_at=past - timedelta(hours=3),
    )
    no_appointment = dossier(state="submitted", step_due_at=None, appointment_at=None)
    change(received_dossier(other, shared), step_due_at=past, appointment_at=past)  # agency B

    client.force_login(manager)
    listed = rows(client.get(INBOX, {"due": "overdue"}))
    assert set(listed) == {
        step_overdue.code,
        appointment_passed_no_step.code,
        result_waiting.code,
        paused_after_due.code,
    }
    assert {deadline for deadline, _ in listed.values()} == {"overdue"}
    for left_out in (on_time, finished, rejected, paused_before_due, no_appointment):
        assert left_out.code not in listed


def test_late_is_resolved_late_or_open_past_the_appointment(client, agency_setup):
    counter, manager, other, shared = agency_setup
    now = timezone.now()
    past, future = now - timedelta(hours=2), now + timedelta(days=3)

    def dossier(**fields):
        return change(received_dossier(counter, shared), **fields)

    returned_late = dossier(state="returned", step_due_at=None, appointment_at=past, timeliness="late")
    open_past_appointment = dossier(
        state="in_progress", step_index=1, step_due_at=future, appointment_at=past
    )
    approved_past_appointment = dossier(state="approved", step_due_at=None, appointment_at=past)
    paused_after_appointment = dossier(
        state="awaiting_supplement", appointment_at=past, paused_at=past + timedelta(minutes=30)
    )
    returned_on_time = dossier(state="returned", step_due_at=None, appointment_at=past, timeliness="on_time")
    returned_early = dossier(state="returned", step_due_at=None, appointment_at=future, timeliness="early")
    step_late_but_appointment_ahead = dossier(
        state="in_progress", step_index=1, step_due_at=past, appointment_at=future
    )
    withdrawn = dossier(state="withdrawn", step_due_at=None, appointment_at=past)
    paused_before_appointment = dossier(
        state="awaiting_supplement", appointment_at=past, paused_at=past - timedelta(hours=1)
    )
    change(received_dossier(other, shared), state="returned", timeliness="late", appointment_at=past)  # B

    client.force_login(manager)
    listed = codes(client.get(INBOX, {"late": "on"}))
    assert listed == {
        returned_late.code,
        open_past_appointment.code,
        approved_past_appointment.code,
        paused_after_appointment.code,
    }
    for left_out in (
        returned_on_time,
        returned_early,
        step_late_but_appointment_ahead,
        withdrawn,
        paused_before_appointment,
    ):
        assert left_out.code not in listed
    # Late combines with the other filters.
    assert codes(client.get(INBOX, {"late": "on", "state": "returned"})) == {returned_late.code}


def at(*args) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


def test_due_soon_means_one_working_day_not_24_hours(client, agency_setup):
    counter, manager, other, shared = agency_setup
    friday_afternoon = at(2026, 3, 13, 16, 0)  # one working day later: Monday 16:00
    with freeze_time(friday_afternoon):
        base = {"state": "in_progress", "step_index": 1, "appointment_at": at(2026, 3, 30, 17, 0)}
        saturday = change(received_dossier(counter, shared), **base, step_due_at=at(2026, 3, 14, 10, 0))
        monday = change(received_dossier(counter, shared), **base, step_due_at=at(2026, 3, 16, 10, 0))
        tuesday = change(received_dossier(counter, shared), **base, step_due_at=at(2026, 3, 17, 10, 0))
        appointment_monday = change(
            received_dossier(counter, shared),
            state="approved",
            step_due_at=None,
            appointment_at=at(2026, 3, 16, 15),
        )
        overdue = change(received_dossier(counter, shared), **base, step_due_at=at(2026, 3, 13, 15, 0))
        paused = change(
            received_dossier(counter, shared),
            state="awaiting_supplement",
            step_due_at=at(2026, 3, 16, 9, 0),
            appointment_at=at(2026, 3, 16, 9, 0),
            paused_at=at(2026, 3, 13, 9, 0),
        )
        change(received_dossier(other, shared), **base | {"step_due_at": at(2026, 3, 16, 10, 0)})  # agency B
        client.force_login(manager)
        listed = rows(client.get(INBOX, {"due": "soon"}))
        # Monday 10:00 is 66 calendar hours away but within one working day; 24 hours would miss it.
        assert set(listed) == {saturday.code, monday.code, appointment_monday.code}
        assert {deadline for deadline, _ in listed.values()} == {"soon"}
        assert tuesday.code not in listed and overdue.code not in listed and paused.code not in listed

    wednesday_evening = at(2026, 3, 18, 18, 0)  # outside office hours: one working day ends Thursday 17:00
    with freeze_time(wednesday_evening):
        thursday_late = change(tuesday, step_due_at=at(2026, 3, 19, 17, 30))  # within 24 hours, not soon
        thursday_noon = change(monday, step_due_at=at(2026, 3, 19, 12, 0))
        client.force_login(manager)
        listed = codes(client.get(INBOX, {"due": "soon"}))
        assert thursday_noon.code in listed
        assert thursday_late.code not in listed


def test_due_soon_follows_the_provinces_extra_days_off(client, agency_setup):
    counter, manager, other, shared = agency_setup
    CalendarDay.objects.create(date=at(2026, 3, 13).date(), kind=CalendarDayKind.DAY_OFF)
    with freeze_time(at(2026, 3, 12, 16, 0)):  # Thursday; Friday is the province's day off
        monday = change(
            received_dossier(counter, shared),
            state="in_progress",
            step_index=1,
            step_due_at=at(2026, 3, 16, 10, 0),
            appointment_at=at(2026, 3, 30, 17, 0),
        )
        client.force_login(manager)
        assert codes(client.get(INBOX, {"due": "soon"})) == {monday.code}


# --------------------------------------------------------------------------------------------------
# Badges


def test_badges_mark_overdue_and_due_soon_rows_in_words_and_colour(client, agency_setup):
    counter, manager, other, shared = agency_setup
    now = timezone.now()
    overdue = change(
        received_dossier(counter, shared),
        state="approved",
        step_due_at=None,
        appointment_at=now - timedelta(minutes=5),
    )
    soon = change(
        received_dossier(counter, shared),
        state="received",
        step_due_at=None,
        appointment_at=now + timedelta(minutes=5),
    )
    later = change(
        received_dossier(counter, shared),
        state="received",
        step_due_at=None,
        appointment_at=now + timedelta(days=10),
    )
    done = change(
        received_dossier(counter, shared),
        state="returned",
        timeliness="late",
        appointment_at=now - timedelta(days=1),
    )
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages ignore Accept-Language
    listed = rows(client.get(INBOX))

    deadline, row = listed[overdue.code]
    assert deadline == "overdue" and 'class="deadline deadline--overdue"' in row
    assert re.search(r'<strong class="badge badge--overdue">Overdue</strong>', row)
    assert "badge--due-soon" not in row

    deadline, row = listed[soon.code]
    assert deadline == "soon" and 'class="deadline deadline--soon"' in row
    assert re.search(r'<strong class="badge badge--due-soon">Due soon</strong>', row)
    assert "badge--overdue" not in row

    for quiet in (later, done):
        deadline, row = listed[quiet.code]
        assert deadline == "" and "badge" not in row and "deadline--" not in row

    # The Vietnamese page carries words too, not colour alone.
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    listed = rows(client.get(INBOX))
    assert "Overdue" not in listed[overdue.code][1]  # really the Vietnamese page
    assert re.search(r'badge--overdue">\s*\S+', listed[overdue.code][1])
    assert re.search(r'badge--due-soon">\s*\S+', listed[soon.code][1])


def test_badge_colours_are_in_the_stylesheet():
    css = (settings.BASE_DIR / "static" / "css" / "motcua.css").read_text()
    assert re.search(r"\.badge--overdue\s*\{[^}]*background", css)
    assert re.search(r"\.badge--due-soon\s*\{[^}]*background", css)


# --------------------------------------------------------------------------------------------------
# Pagination, constant queries, other agencies


def test_pagination_beyond_page_one_keeps_the_filters(client, agency_setup):
    counter, manager, other, shared = agency_setup
    other_procedure = procedure_with_details(agencies=[counter.agency])
    matching = {received_dossier(counter, shared).code for _ in range(30)}
    received_dossier(counter, other_procedure)  # filtered out
    client.force_login(manager)
    first = client.get(INBOX, {"procedure": shared.code})
    second = client.get(INBOX, {"procedure": shared.code, "page": 2})
    first_rows, second_rows = codes(first), codes(second)
    assert len(first_rows) == 25 and len(second_rows) == 5
    assert first_rows | second_rows == matching and not first_rows & second_rows
    assert f"procedure={shared.code}&amp;page=2" in first.content.decode()
    assert f"procedure={shared.code}&amp;page=1" in second.content.decode()
    # Past the last page: the last page, not an error.
    assert codes(client.get(INBOX, {"procedure": shared.code, "page": 99})) == second_rows


FILTERS = [
    {},
    {"procedure": "<shared>", "state": "in_progress", "channel": Channel.DIRECT, "late": "on"},
    {"due": "overdue", "q": "Nhung"},
    {"due": "soon", "procedure": "<shared>"},
    {"late": "on", "page": 2},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "+".join(map(str, f)) or "none")
def test_filtered_inbox_runs_the_same_queries_for_3_and_30_dossiers(
    client, agency_setup, django_assert_num_queries, filters
):
    counter, manager, other, shared = agency_setup
    params = {k: (shared.code if v == "<shared>" else v) for k, v in filters.items()}
    now = timezone.now()
    # Overdue, late and due soon: step overdue, appointment passed, or the appointment in a minute.
    when = (
        {"step_due_at": None, "appointment_at": now + timedelta(minutes=30)}
        if filters.get("due") == "soon"
        else {"step_due_at": now - timedelta(hours=1), "appointment_at": now - timedelta(minutes=1)}
    )

    def add(n):
        for _ in range(n):
            change(received_dossier(counter, shared), state="in_progress", step_index=1, **when)

    add(3)
    client.force_login(manager)
    client.get(INBOX, params)
    # session, user, procedure choices, calendar, count, page, consulted; a search also looks the
    # code up first (a scanned receipt opens its dossier)
    with django_assert_num_queries(7 + ("q" in params)) as few:
        response = client.get(INBOX, params)
    assert len(codes(response)) == 3  # page 2 of 1: the last page
    add(27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(INBOX, params)
    assert len(codes(response)) == (5 if params.get("page") == 2 else 25)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "Nhung"},
        {"q": "022301004567"},
        {"procedure": "<shared>"},
        {"state": "in_progress"},
        {"channel": Channel.DIRECT},
        {"due": "overdue"},
        {"due": "soon"},
        {"late": "on"},
        {"scope": "all"},
        {"scope": "mine"},
    ],
    ids=lambda f: "+".join(f"{k}={v}" for k, v in f.items()) or "none",
)
@pytest.mark.parametrize("role", [Role.MANAGER, Role.SPECIALIST, Role.COUNTER_OFFICER])
def test_no_filter_shows_another_agencys_dossiers(client, agency_setup, filters, role):
    counter, manager, other, shared = agency_setup
    now = timezone.now()
    mine_due = {"state": "in_progress", "step_index": 1, "inbox_role": Role.SPECIALIST}
    # Agency B's dossiers match every filter: same procedure, applicant, channel, overdue, soon and late.
    variants = [
        {**mine_due, "step_due_at": now - timedelta(hours=1)},  # overdue
        {**mine_due, "step_due_at": None, "appointment_at": now + timedelta(minutes=30)},  # due soon
        {"state": "returned", "timeliness": "late"},  # late
    ]

    def dossiers_of(officer, extra=()):
        return {change(received_dossier(officer, shared), **fields).code for fields in [*variants, *extra]}

    theirs = dossiers_of(other, [{"state": "received", "inbox_role": Role.COUNTER_OFFICER}])
    ours = dossiers_of(counter)
    params = {k: (shared.code if v == "<shared>" else v) for k, v in filters.items()}
    client.force_login(OfficerFactory(agency=counter.agency, role=role))
    listed = codes(client.get(INBOX, params))
    assert not listed & theirs
    assert listed <= ours
    # Scanning another agency's code neither opens it nor lists it.
    for code in theirs:
        response = client.get(INBOX, {"q": code, **{k: v for k, v in params.items() if k != "q"}})
        assert response.status_code == 200 and not codes(response)
