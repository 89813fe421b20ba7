"""Which notifications a dossier change calls for, to whom; created in the change's transaction.

Their delivery (once, in order per dossier and channel, retried, recovered after a killed worker) is the
generic outbox's: ``core.outbox``; the sending itself is :meth:`Notification.send`.
"""

from django.utils import timezone

from core import outbox

from .events import compose, event_for_entry
from .models import Notification


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
            ordering_key=Notification.key_for(dossier, channel),
            log_entry=entry,
            event=event.value,
            channel=channel,
            recipient=recipient,
            subject=message.subject,
            body=message.text if channel == Notification.Channel.EMAIL else message.sms,
        )
        created.append(outbox.enqueue(notification, now=now))
    return created
