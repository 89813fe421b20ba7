from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.domain.lifecycle import Action, State, TransitionRefused
from dossiers.models import Dossier, ProcessLogEntry
from dossiers.services import DossierNotFound, perform
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return datetime(*args, tzinfo=VN)


def staff(agency, role):
    return OfficerFactory(agency=agency, role=role)


def test_reception_gives_code_appointment_steps_and_log():
    dossier = received_dossier(now=at(2026, 2, 12, 10, 0))
    assert dossier.code == f"{dossier.agency.code}-260212-0001"
    assert dossier.state == State.RECEIVED
    # 5 working days from Thu 12 Feb 2026 10:00 across Tết (16–20 Feb off): Fri 13, Mon 23 … Thu 26.
    assert dossier.appointment_at == at(2026, 2, 26, 10, 0)
    assert dossier.steps.count() == 3
    assert dossier.steps.last().planned_due_at == dossier.appointment_at
    assert list(dossier.log.values_list("action", flat=True)) == ["receive"]


def test_codes_are_sequential_per_agency_and_day():
    officer = OfficerFactory()
    first = received_dossier(officer, now=at(2026, 3, 2, 8, 0))
    second = received_dossier(officer, procedure=first.procedure, now=at(2026, 3, 2, 9, 0))
    next_day = received_dossier(officer, procedure=first.procedure, now=at(2026, 3, 3, 9, 0))
    assert [first.code[-4:], second.code[-4:], next_day.code[-11:]] == ["0001", "0002", "260303-0001"]


def test_full_process_logs_every_hand_off_with_due_times():
    dossier = received_dossier(now=at(2026, 3, 2, 8, 0))
    agency = dossier.agency
    counter = dossier.received_by
    specialist, leader = staff(agency, Role.SPECIALIST), staff(agency, Role.LEADER)
    perform(dossier, counter, Action.ASSIGN, now=at(2026, 3, 2, 8, 30))
    perform(dossier, counter, Action.FORWARD, now=at(2026, 3, 2, 9, 0))  # step 1 is the counter's
    perform(dossier, specialist, Action.FORWARD, comment="Đủ điều kiện", now=at(2026, 3, 4, 9, 0))
    perform(dossier, leader, Action.APPROVE, now=at(2026, 3, 4, 10, 0))
    perform(dossier, specialist, Action.ISSUE_RESULT, now=at(2026, 3, 4, 11, 0))
    result = perform(dossier, counter, Action.RETURN_RESULT, now=at(2026, 3, 5, 8, 0))
    assert result.state == State.RETURNED
    assert result.timeliness == "early"
    entries = list(ProcessLogEntry.objects.filter(dossier=dossier))
    assert [e.action for e in entries] == [
        "receive",
        "assign",
        "forward",
        "forward",
        "approve",
        "issue_result",
        "return_result",
    ]
    finished = [e for e in entries if e.step_name]
    assert all(e.step_due_at and e.timeliness for e in finished)


def test_illegal_action_changes_nothing():
    dossier = received_dossier()
    leader = staff(dossier.agency, Role.LEADER)
    before = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(TransitionRefused):
        perform(dossier, leader, Action.APPROVE)
    after = Dossier.objects.get(pk=dossier.pk)
    assert (after.state, after.updated_at) == (before.state, before.updated_at)
    assert after.log.count() == 1


def test_officer_of_another_agency_cannot_see_the_dossier():
    dossier = received_dossier()
    outsider = OfficerFactory(role=Role.MANAGER)
    with pytest.raises(DossierNotFound):
        perform(dossier, outsider, Action.STOP_PROCESSING)


def test_supplement_stops_and_resumes_the_clock():
    dossier = received_dossier(now=at(2026, 3, 2, 8, 0))
    counter = dossier.received_by
    appointment = dossier.appointment_at
    perform(
        dossier,
        counter,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": "Bản sao CCCD"}],
        now=at(2026, 3, 2, 9, 0),
    )
    resumed = perform(dossier, counter, Action.SUPPLEMENT, now=at(2026, 3, 4, 9, 0))
    # Two working days waited (Mon 9:00 → Wed 9:00): the appointment moves two working days later.
    assert resumed.appointment_at == at(2026, 3, 11, 8, 0)
    assert appointment == at(2026, 3, 9, 8, 0)
    assert resumed.supplement_requests.get().answered_at == at(2026, 3, 4, 9, 0)


def test_apology_sets_a_later_appointment_with_its_reason():
    from dossiers.domain.errors import DomainError
    from dossiers.services import apologize_and_extend

    dossier = received_dossier(now=at(2026, 3, 2, 8, 0))
    specialist = staff(dossier.agency, Role.SPECIALIST)
    with pytest.raises(DomainError):
        apologize_and_extend(dossier, specialist, at(2026, 3, 3, 8, 0), "Cần xác minh thêm")
    with pytest.raises(DomainError):
        apologize_and_extend(dossier, dossier.received_by, at(2026, 3, 20, 8, 0), "Cần xác minh thêm")
    with pytest.raises(DomainError):
        apologize_and_extend(dossier, specialist, at(2026, 3, 20, 8, 0), "  ")
    extended = apologize_and_extend(
        dossier, specialist, at(2026, 3, 20, 8, 0), "Cần xác minh thêm", now=at(2026, 3, 6, 9, 0)
    )
    assert extended.appointment_at == at(2026, 3, 20, 8, 0)
    assert extended.original_appointment_at == at(2026, 3, 9, 8, 0)
    entry = extended.log.get(action="apologize")
    assert (entry.comment, entry.step_due_at) == ("Cần xác minh thêm", at(2026, 3, 9, 8, 0))


def test_due_soon_warns_a_working_day_ahead():
    from dossiers.services import due_soon

    dossier = received_dossier(now=at(2026, 3, 2, 8, 0))  # appointment Mon 9 Mar 08:00
    assert not due_soon(dossier, now=at(2026, 3, 5, 8, 0))
    assert due_soon(dossier, now=at(2026, 3, 6, 8, 0))


def test_due_soon_does_not_warn_right_after_receiving_a_short_procedure():
    from core.time_units import TimeUnit
    from dossiers.services import due_soon

    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    procedure.processing_time, procedure.processing_time_unit = 4, TimeUnit.HOUR
    procedure.save()
    procedure.steps.all().delete()
    dossier = received_dossier(officer, procedure, now=at(2026, 3, 2, 8, 0))  # appointment 12:00
    assert not due_soon(dossier, now=at(2026, 3, 2, 8, 5))
    assert due_soon(dossier, now=at(2026, 3, 2, 10, 30))
    dossier.paused_at = at(2026, 3, 2, 10, 0)  # awaiting a supplement: the clock is stopped
    assert not due_soon(dossier, now=at(2026, 3, 2, 10, 30))
