"""Leases on running background tasks, so that the work a killed worker held is done again.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a worker
killed mid-task (SIGKILL, a crash, a machine lost) leaves it RUNNING forever. Here every worker
(``manage.py worker``):

* takes a lease on the task it starts (``MOTCUA_TASK_LEASE_SECONDS``, 30 by default), and renews it
  from a heartbeat thread every third of that while the task runs; releases it when the task ends;
* from the same thread, puts back in the queue (READY) every RUNNING task whose lease ran out, or that
  never got one within a lease's time of being claimed, oldest first; after
  ``MOTCUA_TASK_MAX_RECLAIMS`` reclaims a task is marked FAILED instead (a task that kills its worker).

So lost work is redone within about a lease's time plus a heartbeat, on any machine, and nothing stays
RUNNING. Tasks must therefore be idempotent: sending a notification locks its row and skips one already
sent; a receipt is stored once per dossier.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

logger = logging.getLogger("motcua.worker")

#: The most tasks put back in one pass: a pass takes the oldest first, so none waits behind newer ones.
RECLAIM_BATCH = 100


def lease_seconds() -> int:
    return getattr(settings, "MOTCUA_TASK_LEASE_SECONDS", 30)


def take(task_id, worker_id: str, now=None) -> None:
    from .models import TaskLease

    now = now or timezone.now()
    TaskLease.objects.update_or_create(
        task_id=task_id,
        defaults={
            "worker_id": worker_id[:64],
            "taken_at": now,
            "leased_until": now + timedelta(seconds=lease_seconds()),
        },
    )


def renew(task_id, now=None) -> None:
    from .models import TaskLease

    now = now or timezone.now()
    TaskLease.objects.filter(task_id=task_id).update(leased_until=now + timedelta(seconds=lease_seconds()))


def release(task_id) -> None:
    from .models import TaskLease

    TaskLease.objects.filter(task_id=task_id).delete()


def reclaim(now=None) -> int:
    """Put back in the queue the running tasks whose worker is gone; returns how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import TaskLease

    now = now or timezone.now()
    held = TaskLease.objects.filter(leased_until__gte=now).values("task_id")
    grace = now - timedelta(seconds=lease_seconds())  # claimed, but the lease not written yet
    lost = (
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=grace)
        .exclude(pk__in=held)
        .order_by("started_at", "enqueued_at")
    )
    max_reclaims = getattr(settings, "MOTCUA_TASK_MAX_RECLAIMS", 5)
    count = 0
    with transaction.atomic():
        skip_locked = connection.features.has_select_for_update_skip_locked
        for task in lost.select_for_update(**({"skip_locked": True} if skip_locked else {}))[:RECLAIM_BATCH]:
            reclaims = len(task.worker_ids) - 1
            if reclaims >= max_reclaims:
                task.status = TaskResultStatus.FAILED
                task.finished_at = now
                task.exception_class_path = "core.leases.WorkerLost"
                task.traceback = f"Its worker was lost {reclaims + 1} times: given up."
                task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                logger.error(
                    "Task %s (%s) lost its worker %s times: failed.", task.pk, task.task_path, reclaims + 1
                )
            else:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.run_after = now
                task.save(update_fields=["status", "started_at", "run_after"])
                logger.warning("Task %s (%s) lost its worker: queued again.", task.pk, task.task_path)
            count += 1
    TaskLease.objects.filter(leased_until__lt=now - timedelta(seconds=lease_seconds())).delete()
    return count


class Heartbeat(threading.Thread):
    """A worker's companion thread: renews the lease of the task being run, and reclaims lost ones."""

    def __init__(self):
        super().__init__(name="motcua-heartbeat", daemon=True)
        self.current = None
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(max(lease_seconds() / 3, 0.2)):
            try:
                if self.current is not None:
                    renew(self.current)
                reclaim()
            except Exception:  # noqa: BLE001 -- a heartbeat must outlive a database hiccup
                logger.exception("The worker's heartbeat failed; it carries on.")
            finally:
                close_old_connections()
        connection.close()

    def stop(self):
        self.stopped.set()
