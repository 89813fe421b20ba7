"""The transactional outbox: messages to outside parties, committed with the change that causes them.

A user of the outbox (notifications today; the national portal's exchange, the post and the gateways
next) declares a concrete model on :class:`OutboxMessage` with the columns its message needs and a
:meth:`~OutboxMessage.send` that hands one message to the outside party. Everything else is here, the
same for every kind:

* **Committed with the change.** :func:`enqueue` saves the row and queues its delivery task (a row of
  django-tasks-db) in the caller's transaction: both commit with the change or neither does.
* **In order per key.** Messages sharing an ``ordering_key`` (e.g. one dossier's SMS) are delivered in
  the order they were created: a message waits while an earlier one of its key is pending, and each
  delivery, sent or given up, wakes the next. A message given up (failed) no longer holds the others back.
* **Retries** with exponential back-off and jitter (:func:`backoff`), up to ``max_attempts``, then failed.
* **Never sent twice by us.** Delivery locks the row (SELECT … FOR UPDATE on PostgreSQL; SQLite has one
  writer) and skips a row no longer pending, so a duplicated or re-queued task is harmless. The one
  window left, a crash after the outside party accepted the message and before our commit, is closed by
  the idempotency key (``uuid``) sent with every attempt.
* **Nothing lost.** A worker killed mid-delivery loses its lease and the task is queued again
  (``core.leases``); :func:`sweep` also queues again any pending row whose task vanished, oldest first.
* **Observed.** :func:`oldest_pending_age` feeds ``manage.py outbox_health`` and the admin's lists
  (``core.outbox_admin``), which also retry failed messages.
"""

import logging
import random
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# A pending message whose planned attempt is this much in the past lost its task.
STALE_AFTER = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=1)


class OutboxMessage(models.Model):
    """One message to an outside party and the state of its delivery (an abstract model: each kind of
    message has its own table, with the columns it needs)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    #: Sent with every attempt, so that an outside party that deduplicates drops a repeated delivery.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    #: Messages with the same key are delivered in creation order; blank: no order to keep.
    ordering_key = models.CharField(_("ordering key"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="%(app_label)s_%(class)s_due"),
            models.Index(fields=["ordering_key", "status"], name="%(app_label)s_%(class)s_key"),
        ]

    def send(self) -> None:
        """Hand the message to the outside party, with ``self.uuid`` as its idempotency key; raise on
        any failure (the delivery is then retried)."""
        raise NotImplementedError

    @classmethod
    def max_attempts(cls) -> int:
        return settings.MOTCUA_OUTBOX_MAX_ATTEMPTS


def outbox_models() -> list[type[OutboxMessage]]:
    """Every kind of message the installed apps declare."""
    return [model for model in apps.get_models() if issubclass(model, OutboxMessage)]


def backoff(attempts: int, *, jitter: float | None = None) -> timedelta:
    """Wait before the next attempt after ``attempts`` failures: 1, 2, 4 … minutes, at most an hour,
    plus up to a fifth more at random, so that messages an outage held back do not all come back at the
    same second (``jitter`` in [0, 1] fixes the draw)."""
    draw = random.random() if jitter is None else jitter  # noqa: S311 -- spreading load, not secrecy
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF) * (1 + 0.2 * draw)


def enqueue(message: OutboxMessage, *, now=None) -> OutboxMessage:
    """Save a new message and queue its delivery, in the caller's transaction."""
    now = now or timezone.now()
    message.next_attempt_at = now
    message.save()
    schedule(message, now, immediately=True)
    return message


def schedule(message: OutboxMessage, when, *, immediately=False) -> None:
    """Queue a delivery task for ``message`` (in the caller's transaction) and remember it."""
    from .tasks import deliver_message

    task = deliver_message if immediately else deliver_message.using(run_after=when)
    result = task.enqueue(message._meta.label_lower, message.pk)
    message.task_id = str(result.id)
    message.next_attempt_at = when
    message.save(update_fields=["task_id", "next_attempt_at"])


def _pending(model):
    return model.objects.filter(status=OutboxMessage.Status.PENDING)


def _earlier_pending(message: OutboxMessage):
    if not message.ordering_key:
        return None
    return (
        _pending(type(message))
        .filter(ordering_key=message.ordering_key, pk__lt=message.pk)
        .order_by("pk")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def _wake_next(message: OutboxMessage, now) -> None:
    """Queue the next pending message of ``message``'s key now that this one no longer holds it back."""
    if not message.ordering_key:
        return
    follower = (
        _pending(type(message))
        .select_for_update()
        .filter(ordering_key=message.ordering_key, pk__gt=message.pk)
        .order_by("pk")
        .first()
    )
    if follower is not None:
        schedule(follower, max(follower.next_attempt_at, now), immediately=follower.next_attempt_at <= now)


def deliver(model: type[OutboxMessage], pk: int, *, now=None) -> str:
    """Try to deliver one message; returns "sent", "retry", "failed", "waiting" or "skipped"."""
    with transaction.atomic():
        message = model.objects.select_for_update().filter(pk=pk).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return "skipped"
        now = now or timezone.now()
        earlier_attempt = _earlier_pending(message)
        if earlier_attempt is not None:
            # Its turn comes when the earlier one is done (which wakes it); no task is kept meanwhile.
            message.task_id = ""
            message.next_attempt_at = max(earlier_attempt, message.next_attempt_at)
            message.save(update_fields=["task_id", "next_attempt_at"])
            return "waiting"
        message.attempts += 1
        try:
            message.send()
        except Exception as exc:  # any failure of the outside party is retried; the error kept for the admin
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.warning("%s %s attempt %s failed: %s", model.__name__, message.pk, message.attempts, exc)
            if message.attempts >= message.max_attempts():
                message.status = OutboxMessage.Status.FAILED
                message.save(update_fields=["attempts", "last_error", "status"])
                _wake_next(message, now)
                return "failed"
            message.save(update_fields=["attempts", "last_error"])
            schedule(message, now + backoff(message.attempts))
            return "retry"
        message.status = OutboxMessage.Status.SENT
        message.sent_at = now
        message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        _wake_next(message, now)
        return "sent"


def retry(messages, *, now=None) -> int:
    """Queue failed (or stuck) messages again from scratch, e.g. after an outage (the admin's action)."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        for message in messages.select_for_update().exclude(status=OutboxMessage.Status.SENT):
            message.status = OutboxMessage.Status.PENDING
            message.attempts = 0
            message.save(update_fields=["status", "attempts"])
            schedule(message, now, immediately=True)
            count += 1
    return count


def sweep(*, now=None, limit=1000) -> int:
    """Queue again the pending messages of every kind whose task vanished, at most ``limit`` in all,
    oldest first."""
    now = now or timezone.now()
    requeued = 0
    for model in outbox_models():
        requeued += _sweep(model, now, limit - requeued)
    return requeued


def _sweep(model, now, limit: int) -> int:
    # Oldest first, page after page: rows whose task is merely waiting are passed over, so they never
    # hide older lost ones behind the limit.
    overdue = _pending(model).filter(next_attempt_at__lt=now - STALE_AFTER)
    candidates = overdue.order_by("next_attempt_at", "pk")
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
        requeued += _requeue_lost(model, stale, now, limit - requeued)
    return requeued


def _requeue_lost(model, stale, now, room: int) -> int:
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
            message = _pending(model).select_for_update().filter(pk=pk).first()
            if message is not None:
                schedule(message, now, immediately=True)
                requeued += 1
    return requeued


@dataclass(frozen=True)
class Health:
    """What ``outbox_health`` and the admin report for one kind of message, or for all."""

    pending: int
    failed: int
    oldest_pending_age: timedelta | None

    def too_old(self, max_age_minutes: float) -> bool:
        return self.oldest_pending_age is not None and self.oldest_pending_age > timedelta(
            minutes=max_age_minutes
        )

    def __add__(self, other: "Health") -> "Health":
        """Two kinds' reports as one: the counts added, the older of the two oldest ages."""
        ages = [age for age in (self.oldest_pending_age, other.oldest_pending_age) if age is not None]
        return Health(self.pending + other.pending, self.failed + other.failed, max(ages, default=None))


NO_MESSAGES = Health(pending=0, failed=0, oldest_pending_age=None)


def health(models_=None, *, now=None) -> Health:
    """The outbox's health (of ``models_``, else of every kind): messages waiting, failed for good, and
    how long the oldest waiting one has waited past its planned attempt."""
    now = now or timezone.now()
    return sum((_health(model, now) for model in models_ or outbox_models()), NO_MESSAGES)


def _health(model, now) -> Health:
    pending = _pending(model)
    oldest = pending.aggregate(oldest=Min("next_attempt_at"))["oldest"]
    return Health(
        pending=pending.count(),
        failed=model.objects.filter(status=OutboxMessage.Status.FAILED).count(),
        oldest_pending_age=max(now - oldest, timedelta(0)) if oldest is not None else None,
    )
