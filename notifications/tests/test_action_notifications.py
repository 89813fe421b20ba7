"""Real dossier actions queue the applicant's notifications: result ready, rejection, new appointment."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.roles import Role
from dossiers import submission
from dossiers.domain.lifecycle import Action
from dossiers.services import apologize_and_extend, perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen
from notifications.models import Notification

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
EMAIL, PHONE = "nhung@example.vn", "0912345678"


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=HANOI)


def queued(dossier, event):
    return {
        (n.channel, n.recipient, n.event, n.status)
        for n in Notification.objects.filter(dossier=dossier, event=event)
    }


def both_channels(event):
    return {("email", EMAIL, event, "pending"), ("sms", PHONE, event, "pending")}


@pytest.fixture
def staff():
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency)
    return counter, specialist, leader


def test_issuing_the_result_queues_result_ready(staff):
    counter, specialist, leader = staff
    dossier = received_dossier(officer=counter, email=EMAIL, phone=PHONE)
    for user, action in [
        (counter, Action.ASSIGN),
        (counter, Action.FORWARD),
        (specialist, Action.FORWARD),
        (leader, Action.APPROVE),
    ]:
        perform(dossier, user, action)
    assert not Notification.objects.filter(dossier=dossier, event="result_ready").exists()
    perform(dossier, specialist, Action.ISSUE_RESULT)
    assert queued(dossier, "result_ready") == both_channels("result_ready")
    entry = dossier.log.get(action="issue_result")
    assert set(Notification.objects.filter(event="result_ready").values_list("log_entry", flat=True)) == {
        entry.pk
    }


def test_rejection_queues_rejected_with_the_reason(staff):
    counter, _, _ = staff
    dossier = received_dossier(officer=counter, email=EMAIL, phone=PHONE)
    perform(dossier, counter, Action.REJECT, comment="Không thuộc thẩm quyền")
    assert queued(dossier, "rejected") == both_channels("rejected")
    email = Notification.objects.get(dossier=dossier, event="rejected", channel="email")
    assert "Không thuộc thẩm quyền" in email.body


def test_apology_queues_appointment_changed_with_the_new_date(staff):
    counter, specialist, _ = staff
    dossier = received_dossier(officer=counter, email=EMAIL, phone=PHONE, now=at(2, 8))
    apologize_and_extend(dossier, specialist, at(20, 8), "Cần xác minh thêm", now=at(3, 8))
    assert queued(dossier, "appointment_changed") == both_channels("appointment_changed")
    email = Notification.objects.get(dossier=dossier, event="appointment_changed", channel="email")
    assert "08:00 20/03/2026" in email.body


def test_applicants_supplement_answer_queues_appointment_changed_with_the_new_date(staff):
    counter, specialist, _ = staff
    owner = citizen()
    dossier = received_dossier(officer=counter, user=owner, email=EMAIL, phone=PHONE, now=at(2, 8))
    assert dossier.appointment_at == at(9, 8)
    perform(dossier, counter, Action.ASSIGN, now=at(2, 8))
    perform(dossier, counter, Action.FORWARD, now=at(2, 9))
    perform(dossier, specialist, Action.REQUEST_SUPPLEMENT, supplement_items=[{"name": "CCCD"}], now=at(3, 9))
    assert not Notification.objects.filter(dossier=dossier, event="appointment_changed").exists()

    submission.answer_supplement(dossier, owner, comment="Đã bổ sung bản sao CCCD", now=at(5, 9))

    dossier.refresh_from_db()
    assert dossier.appointment_at == at(11, 8)  # two working days later
    assert queued(dossier, "appointment_changed") == both_channels("appointment_changed")
    entry = dossier.log.get(action="supplement")
    assert entry.new_appointment_at == at(11, 8)
    for notification in Notification.objects.filter(dossier=dossier, event="appointment_changed"):
        assert notification.log_entry_id == entry.pk
        assert dossier.code in notification.subject
    email = Notification.objects.get(dossier=dossier, event="appointment_changed", channel="email")
    assert "08:00 11/03/2026" in email.body


def test_a_supplement_that_does_not_move_the_appointment_announces_nothing(staff):
    counter, specialist, _ = staff
    dossier = received_dossier(officer=counter, email=EMAIL, now=at(2, 8))
    perform(dossier, counter, Action.REQUEST_SUPPLEMENT, supplement_items=[{"name": "CCCD"}], now=at(6, 18))
    perform(dossier, counter, Action.SUPPLEMENT, now=at(7, 10))  # Friday evening → Saturday: no working time
    dossier.refresh_from_db()
    assert dossier.appointment_at == at(9, 8)
    assert not Notification.objects.filter(dossier=dossier, event="appointment_changed").exists()
