import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to an applicant: the outbox row, written in the same transaction as the dossier change.

    The row is the source of truth; the queued task only says "try to send row N now". A row that is
    pending long after its planned attempt lost its task (a worker killed mid-run) and is queued again
    by ``sweep_notifications``; sending locks the row and skips it once sent, so it is never sent twice.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="notifications"
    )
    log_entry = models.ForeignKey(
        "dossiers.ProcessLogEntry", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    event = models.CharField(_("event"), max_length=32)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("message"))
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
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["log_entry", "channel"], name="one_notification_per_entry_channel"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient}: {self.event}"
