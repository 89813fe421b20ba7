"""The outbox's background tasks: deliver one message, and the self-renewing sweep for lost ones."""

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_tasks import task

SWEEP_EVERY = timedelta(minutes=5)


# Quick work on the "default" queue, before anything else waiting there: a message never waits behind a
# PDF rendering (those are on the "documents" queue).
@task(priority=10)
def deliver_message(model_label: str, message_id: int) -> str:
    from . import outbox

    return outbox.deliver(apps.get_model(model_label), message_id)


@task()
def sweep_outbox() -> int:
    """Recover lost delivery tasks, then plan the next sweep (a self-renewing periodic task)."""
    from . import outbox

    requeued = outbox.sweep()
    with transaction.atomic():
        schedule_sweep(timezone.now() + SWEEP_EVERY)
    return requeued


def schedule_sweep(when) -> bool:
    """Plan a sweep at ``when`` unless one is already waiting; returns whether one was planned."""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status="READY", task_path=sweep_outbox.module_path).exists():
        return False
    sweep_outbox.using(run_after=when).enqueue()
    return True
