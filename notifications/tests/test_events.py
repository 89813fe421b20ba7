import pytest

from dossiers.domain.lifecycle import Action
from notifications.events import EVENT_FOR_ACTION, Event, compose, event_for


def test_the_five_required_events_and_submission_are_mapped():
    assert event_for(Action.RECEIVE.value) is Event.RECEIVED
    assert event_for(Action.REQUEST_SUPPLEMENT.value) is Event.SUPPLEMENT_REQUESTED
    assert event_for(Action.ISSUE_RESULT.value) is Event.RESULT_READY
    assert event_for(Action.REJECT.value) is Event.REJECTED
    assert event_for("apologize") is Event.APPOINTMENT_CHANGED
    assert event_for(Action.SUBMIT.value) is Event.SUBMITTED


@pytest.mark.parametrize("action", [Action.FORWARD, Action.ASSIGN, Action.APPROVE, Action.SEND_BACK])
def test_internal_hand_offs_are_not_announced(action):
    assert event_for(action.value) is None


def test_every_mapped_action_is_a_real_log_action():
    from dossiers.services import APOLOGY_ACTION

    known = {a.value for a in Action} | {APOLOGY_ACTION}
    assert set(EVENT_FOR_ACTION) <= known


@pytest.mark.django_db
def test_messages_are_vietnamese_with_code_link_and_reason(settings):
    from dossiers.tests.factories import received_dossier

    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.gov.vn"
    dossier = received_dossier()
    entry = dossier.log.get(action="receive")
    entry.comment = "Thiếu chữ ký"
    for event in Event:
        message = compose(event, dossier, entry)
        assert dossier.code in message.subject
        assert f"https://dichvucong.example.gov.vn/tra-cuu/?ma={dossier.code}" in message.text
        assert f"?ma={dossier.code}" in message.sms
    rejected = compose(Event.REJECTED, dossier, entry)
    assert "Thiếu chữ ký" in rejected.text
    received = compose(Event.RECEIVED, dossier, entry)
    assert dossier.procedure.name in received.text


@pytest.mark.django_db
def test_notifications_come_from_the_typed_event_not_from_a_signal():
    from django.db.models.signals import post_save

    from core import events
    from dossiers.events import DossierChanged
    from dossiers.models import ProcessLogEntry
    from dossiers.tests.factories import received_dossier
    from notifications.models import Notification

    assert not post_save.has_listeners(ProcessLogEntry)
    seen = []
    events.subscribe(DossierChanged, seen.append)
    try:
        dossier = received_dossier(phone="0912345678")
    finally:
        events._SUBSCRIBERS[DossierChanged].remove(seen.append)
    assert [(e.action, e.dossier_id, e.to_state) for e in seen] == [("receive", dossier.pk, "received")]
    assert Notification.objects.filter(dossier=dossier, log_entry=seen[0].entry).exists()
    assert ProcessLogEntry.objects.filter(dossier=dossier).count() == 1
