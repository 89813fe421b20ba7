"""The outbox: creating notifications with the dossier change, sending them once, recovering lost tasks.

Guarantees and their limits:

* **Never lost.** The notification row and its queued task (a row of django-tasks-db) are written in
  the transaction of the dossier change: both commit with it or neither does. If a worker dies after
  claiming the task, the row stays pending; :func:`sweep` queues it again once it is overdue.
* **Never sent twice.** Sending locks the notification row (SELECT … FOR UPDATE on PostgreSQL; SQLite
  has one writer at a time) and skips a row already sent, so a re-queued or duplicated task is harmless.
  One window remains: a crash after the mail server or SMS gateway accepted the message but before our
  commit. The retry then sends again with the same Message-ID / idempotency key, so a receiving system
  that deduplicates drops it.
"""

import logging
import random
from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .events import compose, event_for_entry
from .models import Notification
from .sms import get_sender

logger = logging.getLogger(__name__)

# A pending notification whose planned attempt is this much in the past lost its task.
STALE_AFTER = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int, *, jitter: float | None = None) -> timedelta:
    """Wait before the next attempt after ``attempts`` failures: 1, 2, 4 … minutes, at most an hour,
    plus up to a fifth more at random, so that messages a gateway outage held back do not all come
    back at the same second (``jitter`` in [0, 1] fixes the draw)."""
    draw = random.random() if jitter is None else jitter  # noqa: S311 -- spreading load, not secrecy
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF) * (1 + 0.2 * draw)


def recipients(dossier) -> dict[str, str]:
    user = dossier.applicant_user
    email = dossier.applicant_email or (user.email if user else "")
    phone = dossier.applicant_phone or (getattr(user, "phone", "") if user else "")
    found = {}
    if email:
        found[Notification.Channel.EMAIL] = email
    if phone:
        found[Notification.Channel.SMS] = phone
    return found


def notify_for_log_entry(entry, *, now=None) -> list[Notification]:
    """Create and queue the notifications a process-log entry calls for (inside its transaction)."""
    event = event_for_entry(entry)
    dossier = entry.dossier
    if event is None or not dossier.code:
        return []
    now = now or timezone.now()
    message = compose(event, dossier, entry)
    created = []
    for channel, recipient in recipients(dossier).items():
        notification = Notification(
            dossier=dossier,
            log_entry=entry,
            event=event.value,
            channel=channel,
            recipient=recipient,
            subject=message.subject,
            body=message.text if channel == Notification.Channel.EMAIL else message.sms,
            next_attempt_at=now,
        )
        notification.save()
        schedule(notification, now, immediately=True)
        created.append(notification)
    return created


def schedule(notification: Notification, when, *, immediately=False) -> None:
    """Queue a sending task for ``notification`` (in the caller's transaction) and remember it."""
    from .tasks import send_notification

    task = send_notification if immediately else send_notification.using(run_after=when)
    result = task.enqueue(notification.pk)
    notification.task_id = str(result.id)
    notification.next_attempt_at = when
    notification.save(update_fields=["task_id", "next_attempt_at"])


def _message_id(notification: Notification) -> str:
    host = urlparse(settings.MOTCUA_PUBLIC_URL).hostname or "motcua.local"
    return f"<notification.{notification.uuid}@{host}>"


def _send(notification: Notification) -> None:
    if notification.channel == Notification.Channel.EMAIL:
        EmailMessage(
            subject=notification.subject,
            body=notification.body,
            to=[notification.recipient],
            headers={"Message-ID": _message_id(notification)},
        ).send(fail_silently=False)
    else:
        get_sender().send(notification.recipient, notification.body, idempotency_key=str(notification.uuid))


def deliver(notification_id: int, *, now=None) -> str:
    """Try to send one notification; returns "sent", "retry", "failed" or "skipped"."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != Notification.Status.PENDING:
            return "skipped"
        now = now or timezone.now()
        notification.attempts += 1
        try:
            _send(notification)
        except Exception as exc:  # any sender failure is retried; the error is kept for the admin
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.warning(
                "Notification %s attempt %s failed: %s", notification.pk, notification.attempts, exc
            )
            if notification.attempts >= settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS:
                notification.status = Notification.Status.FAILED
                notification.save(update_fields=["attempts", "last_error", "status"])
                return "failed"
            notification.save(update_fields=["attempts", "last_error"])
            schedule(notification, now + backoff(notification.attempts))
            return "retry"
        notification.status = Notification.Status.SENT
        notification.sent_at = now
        notification.last_error = ""
        notification.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"


def oldest_pending_age(now=None) -> timedelta | None:
    """How long the oldest message still to be sent has waited past its planned attempt (None: none)."""
    now = now or timezone.now()
    oldest = (
        Notification.objects.filter(status=Notification.Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return max(now - oldest, timedelta(0)) if oldest is not None else None


def retry(notifications, *, now=None) -> int:
    """Queue failed (or stuck) notifications again from scratch, e.g. after a gateway outage (admin)."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        for notification in notifications.select_for_update().exclude(status=Notification.Status.SENT):
            notification.status = Notification.Status.PENDING
            notification.attempts = 0
            notification.save(update_fields=["status", "attempts"])
            schedule(notification, now, immediately=True)
            count += 1
    return count


def sweep(*, now=None, limit=1000) -> int:
    """Queue again the pending notifications whose task vanished (e.g. the worker was killed), at most
    ``limit``, oldest first."""

    now = now or timezone.now()
    # Oldest first, page after page: rows whose task is merely waiting are passed over, so they never
    # hide older lost ones behind the limit.
    candidates = Notification.objects.filter(
        status=Notification.Status.PENDING, next_attempt_at__lt=now - STALE_AFTER
    ).order_by("next_attempt_at", "pk")
    requeued, after = 0, None
    while requeued < limit:
        page = candidates
        if after is not None:
            page = candidates.filter(
                Q(next_attempt_at__gt=after[0]) | Q(next_attempt_at=after[0], pk__gt=after[1])
            )
        stale = list(page.values_list("pk", "task_id", "next_attempt_at")[:limit])
        if not stale:
            break
        after = (stale[-1][2], stale[-1][0])
        requeued += _requeue_lost(stale, now, limit - requeued)
    return requeued


def _requeue_lost(stale, now, room: int) -> int:
    from django_tasks_db.models import DBTaskResult

    waiting = {
        str(task_id)
        for task_id in DBTaskResult.objects.filter(
            id__in=[task_id for _pk, task_id, _at in stale if task_id], status="READY"
        ).values_list("id", flat=True)
    }
    requeued = 0
    for pk, task_id, _at in stale:
        if requeued >= room:
            break
        if task_id and task_id in waiting:
            continue  # queued and waiting for a worker: nothing was lost
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .filter(pk=pk, status=Notification.Status.PENDING)
                .first()
            )
            if notification is not None:
                schedule(notification, now, immediately=True)
                requeued += 1
    return requeued
