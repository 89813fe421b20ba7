from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

SWEEP_EVERY = timedelta(minutes=5)


@task(priority=10)
def send_notification(notification_id: int) -> str:
    from .services import deliver

    return deliver(notification_id)


@task()
def sweep_notifications() -> int:
    """Recover lost sending tasks, then plan the next sweep (a self-renewing periodic task)."""
    from .services import sweep

    requeued = sweep()
    with transaction.atomic():
        schedule_sweep(timezone.now() + SWEEP_EVERY)
    return requeued


def schedule_sweep(when) -> bool:
    """Plan a sweep at ``when`` unless one is already waiting; returns whether one was planned."""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status="READY", task_path=sweep_notifications.module_path).exists():
        return False
    sweep_notifications.using(run_after=when).enqueue()
    return True
