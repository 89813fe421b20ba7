"""Kill a real worker process with SIGKILL while it is sending: nothing is lost, nothing duplicated."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import outbox
from dossiers.tests.factories import received_dossier
from notifications.models import Notification
from notifications.sms.backends import MemorySender
from notifications.tests.worker import run_worker_once


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sigkill_during_send_then_a_new_worker_sends_exactly_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database it can share with the test: PostgreSQL")
    MemorySender.outbox.clear()
    dossier = received_dossier(phone="0912345678")  # committed: one SMS notification and its task
    sms = Notification.objects.get(dossier=dossier)

    marker = tmp_path / "reached"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
        "DATABASE_URL": _database_url(),
        "MOTCUA_TEST_SMS_BACKEND": "notifications.tests.senders.HangingSender",
        "MOTCUA_TEST_MARKER": str(marker),
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "worker.log").open("w"),
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert worker.poll() is None, "the worker stopped by itself"
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()[-3000:]
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)

    sms.refresh_from_db()
    assert sms.status == "pending"  # the killed worker's transaction never committed
    assert DBTaskResult.objects.get(pk=sms.task_id).status == "RUNNING"

    assert outbox.sweep(now=timezone.now() + outbox.STALE_AFTER + timedelta(minutes=1)) == 1
    for _ in range(2):  # a second worker run finds nothing more to send
        run_worker_once()

    sms.refresh_from_db()
    assert sms.status == "sent" and sms.attempts == 1
    assert [message["to"] for message in MemorySender.outbox] == ["0912345678"]
    assert MemorySender.outbox[0]["key"] == marker.read_text()  # same idempotency key as the lost attempt
