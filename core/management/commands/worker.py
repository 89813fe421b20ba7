"""The background worker: django-tasks-db's ``db_worker``, which does not die on a database hiccup and
holds a lease on the task it runs (``core.leases``: work a killed worker held is done again).

``db_worker`` exits on any database error but a locked SQLite database met while taking a task; a
"database is locked" while recording a result, a dropped PostgreSQL connection or a fail-over then
stopped the worker (and, under ``make run``, the portal with it). This one logs the error, closes the
connections and carries on after a back-off (1 s, doubling, at most a minute). Same options as
``db_worker``.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from core import leases

logger = logging.getLogger("motcua.worker")

MAX_BACKOFF_SECONDS = 60


class ResilientWorker(db_worker.Worker):
    def run(self) -> None:
        self.heartbeat = leases.Heartbeat()
        self.heartbeat.start()
        try:
            return self._run_despite_database_errors()
        finally:
            self.heartbeat.stop()

    def run_task(self, db_task_result) -> None:
        leases.take(db_task_result.pk, self.worker_id)
        self.heartbeat.current = db_task_result.pk
        try:
            super().run_task(db_task_result)
        finally:
            self.heartbeat.current = None
            leases.release(db_task_result.pk)

    def _run_despite_database_errors(self) -> None:
        delay = 1.0
        while True:
            started = time.monotonic()
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if not self.running:
                    return None
                if time.monotonic() - started > MAX_BACKOFF_SECONDS:
                    delay = 1.0  # it had been working: start the back-off again
                logger.warning("Database error in the worker (%s); carrying on in %.0f s.", error, delay)
                close_old_connections()
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)


class Command(db_worker.Command):
    help = "Run the background tasks (db_worker that survives transient database errors)."

    def handle(self, *args, **options):
        # db_worker's handle builds its module's Worker: make that ours for this call.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
