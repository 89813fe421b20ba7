from unittest import mock

from django.core.management import call_command


def run_worker_once():
    """Run Django-tasks' real worker (`db_worker --batch`) in the test process until the queue is empty.

    The worker closes "old" connections between tasks; inside a test's transaction that would close
    the test's own connection on PostgreSQL, so that call is neutralised here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
        )
