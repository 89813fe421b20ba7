"""Who took each hand-off over (the control sheet's "Người nhận"), late steps, and due times after a pause."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from core.roles import Role
from documents.tests.pdf_text import pdf_text
from dossiers.documents import control_sheet_data, control_sheet_pdf
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierStep, ProcessLogEntry
from dossiers.services import perform

from .factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour, minute=0):
    """A moment of March 2026 in Hà Nội (2 March 2026 is a Monday)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=HANOI)


@pytest.fixture
def people():
    counter = OfficerFactory(role=Role.COUNTER_OFFICER, first_name="Tiếp Nhận", last_name="")
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency, first_name="Chuyên Viên")
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency, first_name="Lãnh Đạo")
    return counter, specialist, leader


def whole_process(people):
    """Received Monday 8:00; the counter's step late, the specialist's early, the leader's on time."""
    counter, specialist, leader = people
    dossier = received_dossier(officer=counter, now=at(2, 8))
    perform(dossier, counter, Action.ASSIGN, now=at(2, 8))  # step 1: 0.5 day, due Mon 13:30
    perform(dossier, counter, Action.FORWARD, now=at(3, 9))  # Tue: late
    perform(dossier, specialist, Action.FORWARD, now=at(4, 10))  # 4 days, due Mon 9/3: early
    perform(dossier, leader, Action.APPROVE, comment="Đồng ý", now=at(4, 13, 30))  # due Wed 14:00: on time
    perform(dossier, specialist, Action.ISSUE_RESULT, now=at(4, 15))
    perform(dossier, counter, Action.RETURN_RESULT, now=at(5, 9))
    dossier.refresh_from_db()
    return dossier


def test_every_hand_off_records_who_took_it_over(people):
    counter, specialist, leader = people
    dossier = whole_process(people)
    rows = list(ProcessLogEntry.objects.filter(dossier=dossier).order_by("at", "id"))
    assert [(e.action, e.to_unit, e.to_officer) for e in rows] == [
        ("receive", str(dossier.agency), counter),
        ("assign", "Phòng chuyên môn", counter),  # the counter's own step: it forwards next
        ("forward", "Phòng chuyên môn", specialist),
        ("forward", "Phòng chuyên môn", leader),
        ("approve", "Phòng chuyên môn", specialist),  # the specialist issues the result
        ("issue_result", str(dossier.agency), counter),  # back to the counter, which returns it
        ("return_result", dossier.applicant_name, None),
    ]


def test_the_receiver_stays_empty_until_someone_acts(people):
    counter, specialist, _ = people
    dossier = received_dossier(officer=counter, now=at(2, 8))
    perform(dossier, counter, Action.ASSIGN, now=at(2, 8))
    perform(dossier, counter, Action.FORWARD, now=at(2, 9))
    forward = dossier.log.get(action="forward")
    assert forward.to_officer is None
    # An applicant's answer is not a taking-over; the specialist's next action is.
    perform(
        dossier, specialist, Action.REQUEST_SUPPLEMENT, supplement_items=[{"name": "CCCD"}], now=at(2, 10)
    )
    forward.refresh_from_db()
    assert forward.to_officer == specialist


def test_control_sheet_rows_name_giver_and_receiver_with_the_marks(people, tmp_path):
    counter, specialist, leader = people
    dossier = whole_process(people)
    rows = control_sheet_data(dossier).rows
    assert [(r.sending_unit, r.handed_over_by, r.receiving_unit, r.received_by, r.result) for r in rows] == [
        (dossier.applicant_name, dossier.applicant_name, str(dossier.agency), str(counter), ""),
        (str(dossier.agency), str(counter), "Phòng chuyên môn", str(counter), ""),
        ("Phòng chuyên môn", str(counter), "Phòng chuyên môn", str(specialist), "late"),
        ("Phòng chuyên môn", str(specialist), "Phòng chuyên môn", str(leader), "early"),
        ("Phòng chuyên môn", str(leader), "Phòng chuyên môn", str(specialist), "on_time"),
        ("Phòng chuyên môn", str(specialist), str(dossier.agency), str(counter), ""),
        (str(dossier.agency), str(counter), dossier.applicant_name, dossier.applicant_name, ""),
    ]
    text = pdf_text(control_sheet_pdf(dossier), tmp_path)
    for receiver in (str(counter), str(specialist), str(leader)):
        assert f"Người nhận: {receiver}" in text
    assert "Người nhận: " + dossier.applicant_name in text
    marks = text.replace("(Trước hạn/đúng hạn/quá hạn)", "")  # the column heading, on every page
    assert (marks.count("Trễ hạn"), marks.count("Trước hạn"), marks.count("Đúng hạn")) == (1, 1, 1)
    # The late step's due time and completion are printed beside its mark.
    assert "Hạn: 13:30 02/03/2026" in text or "Hạn: 13 giờ 30 phút, ngày 02/03/2026" in text


def test_a_step_done_after_its_due_time_is_late_in_the_log_and_the_dossier(people):
    counter, specialist, leader = people
    with freeze_time(at(2, 8)):
        dossier = received_dossier(officer=counter)
        perform(dossier, counter, Action.ASSIGN)
    step = DossierStep.objects.get(dossier=dossier, index=0)
    assert step.due_at == at(2, 13, 30)
    with freeze_time(at(2, 13, 31)):  # one minute late
        perform(dossier, counter, Action.FORWARD)
    step.refresh_from_db()
    assert step.timeliness == "late" and step.done_at == at(2, 13, 31)
    entry = dossier.log.get(action="forward")
    assert (entry.timeliness, entry.step_due_at, entry.step_name) == ("late", at(2, 13, 30), step.name)

    # The whole dossier, returned after its appointment (Mon 9/3 8:00), is late too.
    with freeze_time(at(3, 9)):
        perform(dossier, specialist, Action.FORWARD)
        perform(dossier, leader, Action.APPROVE)
        perform(dossier, specialist, Action.ISSUE_RESULT)
    dossier.refresh_from_db()
    assert dossier.appointment_at == at(9, 8)
    with freeze_time(at(9, 8, 1)):
        perform(dossier, counter, Action.RETURN_RESULT)
    dossier.refresh_from_db()
    assert dossier.timeliness == "late"


def test_a_step_finished_exactly_at_its_due_time_is_on_time(people):
    counter, _, _ = people
    dossier = received_dossier(officer=counter, now=at(2, 8))
    perform(dossier, counter, Action.ASSIGN, now=at(2, 8))
    perform(dossier, counter, Action.FORWARD, now=at(2, 13, 30))
    assert dossier.log.get(action="forward").timeliness == "on_time"


def test_the_running_step_due_time_shifts_by_the_paused_working_time(people):
    counter, specialist, _ = people
    dossier = received_dossier(officer=counter, now=at(2, 8))
    perform(dossier, counter, Action.ASSIGN, now=at(2, 8))
    perform(dossier, counter, Action.FORWARD, now=at(2, 9))
    step = DossierStep.objects.get(dossier=dossier, index=1)
    assert step.due_at == at(6, 9)  # 4 working days from Monday 9:00
    perform(dossier, specialist, Action.REQUEST_SUPPLEMENT, supplement_items=[{"name": "CCCD"}], now=at(3, 9))
    # Waiting Tue 9:00 → Thu 9:00 (two working days), across a night and not a weekend.
    perform(dossier, counter, Action.SUPPLEMENT, now=at(5, 9))
    step.refresh_from_db()
    dossier.refresh_from_db()
    assert step.due_at == at(10, 9)  # Fri 9:00 + 2 working days, over the weekend
    assert dossier.step_due_at == step.due_at
    assert dossier.appointment_at == at(11, 8)  # Mon 9/3 8:00 + 2 working days
    # Finished within the shifted time: not late, although after the first due time.
    perform(dossier, specialist, Action.FORWARD, now=at(9, 10))
    step.refresh_from_db()
    assert step.timeliness == "early"
    assert Dossier.objects.get(pk=dossier.pk).step_index == 2
