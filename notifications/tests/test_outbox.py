from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import outbox
from core.tasks import deliver_message
from dossiers.domain.lifecycle import Action
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from notifications.models import Notification
from notifications.sms.backends import MemorySender
from notifications.tests.worker import run_worker_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    MemorySender.outbox.clear()
    yield
    MemorySender.outbox.clear()


def run_worker():
    run_worker_once()


def dossier_with_contacts(**extra):
    return received_dossier(email="nhung@example.vn", phone="0912345678", **extra)


def test_reception_queues_one_email_and_one_sms_in_its_transaction():
    dossier = dossier_with_contacts()
    notifications = list(Notification.objects.filter(dossier=dossier))
    assert {(n.channel, n.event) for n in notifications} == {("email", "received"), ("sms", "received")}
    assert all(n.status == Notification.Status.PENDING for n in notifications)
    assert DBTaskResult.objects.filter(status="READY", task_path=deliver_message.module_path).count() == 2
    assert mail.outbox == []  # nothing is sent by the request itself

    run_worker()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["nhung@example.vn"]
    assert dossier.code in email.subject
    assert email.extra_headers["Message-ID"].startswith("<notification.")
    assert [sms["to"] for sms in MemorySender.outbox] == ["0912345678"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_a_channel_without_an_address_is_skipped():
    dossier = received_dossier(phone="")
    assert not Notification.objects.filter(dossier=dossier).exists()
    dossier = received_dossier(phone="0987654321")
    assert list(Notification.objects.filter(dossier=dossier).values_list("channel", flat=True)) == ["sms"]


def test_a_rolled_back_change_leaves_no_notification_and_no_task():
    officer = OfficerFactory()
    try:
        with transaction.atomic():
            received_dossier(officer=officer, email="a@example.vn")
            raise RuntimeError("the request failed after the change")
    except RuntimeError:
        pass
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_supplement_request_lists_what_is_missing():
    counter = OfficerFactory()
    dossier = dossier_with_contacts(officer=counter)
    # The counter officer may request a supplement right after reception.
    perform(
        dossier,
        counter,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": "Bản sao giấy khai sinh", "reason": "Bản chụp bị mờ"}],
    )
    email = Notification.objects.get(dossier=dossier, channel="email", event="supplement_requested")
    assert "Bản sao giấy khai sinh: Bản chụp bị mờ" in email.body


def test_a_failing_sender_is_retried_later_and_sends_once(settings):
    settings.MOTCUA_SMS_BACKEND = "failing"
    dossier = received_dossier(phone="0912345678")
    sms = Notification.objects.get(dossier=dossier)

    run_worker()
    sms.refresh_from_db()
    assert sms.status == "pending"
    assert sms.attempts == 1
    assert "unavailable" in sms.last_error
    assert sms.next_attempt_at > timezone.now()  # backed off: the retry waits
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    settings.MOTCUA_SMS_BACKEND = "memory"
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
    run_worker()
    run_worker()
    sms.refresh_from_db()
    assert sms.status == "sent" and sms.attempts == 2
    assert len(MemorySender.outbox) == 1


def test_gives_up_after_the_maximum_attempts_and_the_admin_can_retry(settings):
    settings.MOTCUA_SMS_BACKEND = "failing"
    settings.MOTCUA_OUTBOX_MAX_ATTEMPTS = 2
    dossier = received_dossier(phone="0912345678")
    sms = Notification.objects.get(dossier=dossier)
    assert outbox.deliver(Notification, sms.pk) == "retry"
    assert outbox.deliver(Notification, sms.pk) == "failed"
    sms.refresh_from_db()
    assert sms.status == "failed"

    settings.MOTCUA_SMS_BACKEND = "memory"
    assert outbox.retry(Notification.objects.filter(pk=sms.pk)) == 1
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
    run_worker()
    sms.refresh_from_db()
    assert sms.status == "sent"
    assert len(MemorySender.outbox) == 1


def test_a_worker_killed_between_commit_and_send_loses_nothing_and_duplicates_nothing():
    dossier = dossier_with_contacts()
    # What SIGKILL leaves behind: the worker claimed both tasks (RUNNING) and died before sending.
    for task in DBTaskResult.objects.filter(status="READY"):
        task.claim("killed-worker")
    run_worker()  # a new worker finds nothing ready
    assert mail.outbox == [] and MemorySender.outbox == []

    # Too early to call them lost: nothing is queued again.
    assert outbox.sweep() == 0
    later = timezone.now() + outbox.STALE_AFTER + timedelta(minutes=1)
    assert outbox.sweep(now=later) == 2
    assert outbox.sweep(now=later) == 0  # their new tasks are waiting: not queued a third time
    run_worker()
    run_worker()

    assert len(mail.outbox) == 1
    assert len(MemorySender.outbox) == 1
    assert set(Notification.objects.filter(dossier=dossier).values_list("status", flat=True)) == {"sent"}


def test_a_duplicated_task_sends_only_once():
    dossier = received_dossier(email="nhung@example.vn")
    email = Notification.objects.get(dossier=dossier, channel="email")
    outbox.schedule(email, timezone.now(), immediately=True)  # e.g. a sweep racing a slow worker
    run_worker()
    assert len(mail.outbox) == 1
    assert outbox.deliver(Notification, email.pk) == "skipped"


def test_sweep_command_plans_a_single_periodic_sweep():
    call_command("sweep_outbox")
    call_command("sweep_outbox")
    assert DBTaskResult.objects.filter(task_path="core.tasks.sweep_outbox").count() == 1
    run_worker()  # runs the sweep, which plans the next one in five minutes
    planned = DBTaskResult.objects.get(task_path="core.tasks.sweep_outbox", status="READY")
    assert planned.run_after > timezone.now() + timedelta(minutes=4)


def test_drafts_without_a_code_notify_nobody():
    from notifications.services import notify_for_log_entry

    dossier = received_dossier(email="nhung@example.vn")
    entry = dossier.log.first()
    dossier.code = None
    assert notify_for_log_entry(entry) == []


def test_backoff_grows_with_jitter_and_is_capped():
    assert outbox.backoff(1, jitter=0) == timedelta(minutes=1)
    assert outbox.backoff(3, jitter=0) == timedelta(minutes=4)
    assert outbox.backoff(3, jitter=1) == timedelta(minutes=4.8)
    assert outbox.backoff(30, jitter=0) == outbox.MAX_BACKOFF
    draws = {outbox.backoff(2) for _ in range(20)}
    assert len(draws) > 1 and all(timedelta(minutes=2) <= d <= timedelta(minutes=2.4) for d in draws)


def test_the_sweep_limit_never_starves_the_oldest_lost_rows():
    from notifications.models import Notification

    dossier = received_dossier(phone="0912345678", email="")
    base = Notification.objects.get(dossier=dossier)
    old = timezone.now() - timedelta(hours=5)
    rows = []
    for minutes in range(6):
        row = Notification.objects.create(
            dossier=dossier, event="received", channel="sms", recipient="0912345678", body="x",
            next_attempt_at=old + timedelta(minutes=minutes), task_id="",
        )  # fmt: skip
        rows.append(row)
    base.delete()
    assert outbox.sweep(limit=2) == 2
    requeued = set(Notification.objects.exclude(task_id="").values_list("pk", flat=True))
    assert requeued == {rows[0].pk, rows[1].pk}  # the two oldest, not two arbitrary ones


@pytest.mark.django_db
def test_outbox_health_reports_the_oldest_waiting_message_and_fails_above_the_threshold():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from notifications.models import Notification

    call_command("outbox_health")  # nothing waiting: healthy
    dossier = received_dossier(phone="0912345678", email="")
    Notification.objects.filter(dossier=dossier).update(next_attempt_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(CommandError, match="60"):
        call_command("outbox_health", "--max-age-minutes", "15")
    call_command("outbox_health", "--max-age-minutes", "120")


def _queued_sms(dossier, body: str) -> Notification:
    return outbox.enqueue(
        Notification(
            dossier=dossier,
            ordering_key=Notification.key_for(dossier, "sms"),
            event="received",
            channel="sms",
            recipient="0912345678",
            body=body,
        )
    )


def test_one_dossiers_messages_go_out_in_the_order_of_its_changes_whatever_the_order_of_the_tasks():
    dossier = received_dossier(phone="0912345678", email="")
    first = Notification.objects.get(dossier=dossier)
    second = _queued_sms(dossier, "second")
    third = _queued_sms(dossier, "third")
    other_dossier = received_dossier(phone="0987654321", email="")
    unrelated = Notification.objects.get(dossier=other_dossier)

    # The later messages' tasks run first: they wait, and hold no task meanwhile.
    assert outbox.deliver(Notification, third.pk) == "waiting"
    assert outbox.deliver(Notification, second.pk) == "waiting"
    assert outbox.deliver(Notification, unrelated.pk) == "sent"  # another key: not held back
    assert [sms["to"] for sms in MemorySender.outbox] == ["0987654321"]
    assert Notification.objects.get(pk=third.pk).task_id == ""

    # Sending the first wakes the second, which wakes the third.
    assert outbox.deliver(Notification, first.pk) == "sent"
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
    for _ in range(3):
        run_worker()
    bodies = [sms["text"] for sms in MemorySender.outbox if sms["to"] == "0912345678"]
    assert bodies == [first.body, "second", "third"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_a_message_given_up_no_longer_holds_back_the_next_of_its_key(settings):
    settings.MOTCUA_SMS_BACKEND = "failing"
    settings.MOTCUA_OUTBOX_MAX_ATTEMPTS = 1
    dossier = received_dossier(phone="0912345678", email="")
    first = Notification.objects.get(dossier=dossier)
    second = _queued_sms(dossier, "second")
    assert outbox.deliver(Notification, second.pk) == "waiting"
    assert outbox.deliver(Notification, first.pk) == "failed"
    settings.MOTCUA_SMS_BACKEND = "memory"
    woken = Notification.objects.get(pk=second.pk)
    assert woken.task_id  # the failure woke it
    assert outbox.deliver(Notification, second.pk) == "sent"


def test_every_kind_of_outbox_message_is_found_and_swept():
    assert Notification in outbox.outbox_models()
    report = outbox.health()
    assert (report.pending, report.failed, report.oldest_pending_age) == (0, 0, None)
