"""Work a killed worker held is done again, by any worker, within a lease's time (``core.leases``)."""

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
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import leases
from core.models import TaskLease
from core.tests.tasks import render_slowly_once
from dossiers.tests.factories import received_dossier
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _running(started_ago: timedelta, workers=1) -> DBTaskResult:
    task = render_slowly_once.enqueue("/nonexistent/marker", "/nonexistent/done")
    row = DBTaskResult.objects.get(pk=task.id)
    row.status = TaskResultStatus.RUNNING
    row.started_at = timezone.now() - started_ago
    row.worker_ids = [f"w{n}" for n in range(workers)]
    row.save()
    return row


def test_a_task_whose_lease_ran_out_is_queued_again_and_a_held_one_is_not(settings):
    settings.MOTCUA_TASK_LEASE_SECONDS = 30
    lost = _running(timedelta(minutes=5))
    leases.take(lost.pk, "w0", now=timezone.now() - timedelta(minutes=5))  # never renewed since
    held = _running(timedelta(minutes=5))
    leases.take(held.pk, "w1")
    never_leased = _running(timedelta(minutes=2))
    just_claimed = _running(timedelta(seconds=2))  # its lease is being written
    assert leases.reclaim() == 2
    states = {row.pk: row.status for row in DBTaskResult.objects.all()}
    assert states[lost.pk] == states[never_leased.pk] == TaskResultStatus.READY
    assert states[held.pk] == states[just_claimed.pk] == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=lost.pk).started_at is None


def test_a_task_that_keeps_killing_its_worker_is_failed_in_the_end(settings):
    settings.MOTCUA_TASK_MAX_RECLAIMS = 3
    poison = _running(timedelta(minutes=5), workers=4)
    assert leases.reclaim() == 1
    poison.refresh_from_db()
    assert poison.status == TaskResultStatus.FAILED and "lost" in poison.traceback


def test_the_batch_takes_the_oldest_first(monkeypatch):
    monkeypatch.setattr(leases, "RECLAIM_BATCH", 2)
    rows = [_running(timedelta(minutes=minutes)) for minutes in (3, 9, 5, 7)]
    assert leases.reclaim() == 2
    ready = set(DBTaskResult.objects.filter(status=TaskResultStatus.READY).values_list("pk", flat=True))
    assert ready == {rows[1].pk, rows[3].pk}  # 9 and 7 minutes old
    assert leases.reclaim() == 2
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait(condition, seconds, what, workers=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["notification", "rendering"])
def test_sigkill_one_of_three_workers_mid_task_loses_and_duplicates_nothing(tmp_path, kind):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a database they can share with the test: PostgreSQL")
    marker, done, sent = tmp_path / "marker", tmp_path / "done", tmp_path / "sent"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
        "DATABASE_URL": _database_url(),
        "MOTCUA_TEST_SMS_BACKEND": "core.tests.tasks.HangOnceSender",
        "MOTCUA_TEST_MARKER": str(marker),
        "MOTCUA_TEST_SENT": str(sent),
        "MOTCUA_TASK_LEASE_SECONDS": "3",
    }
    command = [
        sys.executable,
        "manage.py",
        "worker",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--no-reload",
    ]
    workers = [
        subprocess.Popen(
            [*command, "--interval", "0.2", "--worker-id", f"w{n}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"worker{n}.log").open("w"),
        )
        for n in range(3)
    ]
    try:
        if kind == "notification":
            dossier = received_dossier(phone="0912345678", email="")  # one SMS, and the receipt
        else:
            render_slowly_once.enqueue(str(marker), str(done))
        _wait(marker.exists, 60, "a worker to start the task")
        holder = int(marker.read_text())
        os.kill(holder, signal.SIGKILL)
        if kind == "notification":
            sms = Notification.objects.get(dossier=dossier)
            _wait(
                lambda: sent.exists() and Notification.objects.get(pk=sms.pk).status == "sent", 60, "the SMS"
            )
            time.sleep(2)
            assert len(sent.read_text().splitlines()) == 1
            assert Notification.objects.get(pk=sms.pk).attempts == 1
            _wait(lambda: dossier.files.filter(kind="receipt").exists(), 30, "the receipt")
        else:
            _wait(done.exists, 60, "the rendering")
            time.sleep(2)
            assert done.read_text().splitlines() == ["rendered"]
        _wait(lambda: not DBTaskResult.objects.filter(status="RUNNING").exists(), 30, "nothing RUNNING")
        assert not TaskLease.objects.exists() or TaskLease.objects.count() == 0
        assert [w.poll() for w in workers if w.pid != holder] == [None, None]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
