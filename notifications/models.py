from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.outbox import OutboxMessage

from .sms import get_sender


class Notification(OutboxMessage):
    """One message to an applicant, a row of the outbox (``core.outbox``) written in the same transaction
    as the dossier change. One dossier's messages on one channel are sent in the order of its changes."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

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

    class Meta(OutboxMessage.Meta):
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["log_entry", "channel"], name="one_notification_per_entry_channel"
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient}: {self.event}"

    @staticmethod
    def key_for(dossier, channel: str) -> str:
        return f"dossier:{dossier.pk}:{channel}"

    def message_id(self) -> str:
        host = urlparse(settings.MOTCUA_PUBLIC_URL).hostname or "motcua.local"
        return f"<notification.{self.uuid}@{host}>"

    def send(self) -> None:
        if self.channel == self.Channel.EMAIL:
            EmailMessage(
                subject=self.subject,
                body=self.body,
                to=[self.recipient],
                headers={"Message-ID": self.message_id()},
            ).send(fail_silently=False)
        else:
            get_sender().send(self.recipient, self.body, idempotency_key=str(self.uuid))
