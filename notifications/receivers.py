from django.db.models.signals import post_save
from django.dispatch import receiver

from dossiers.models import ProcessLogEntry

from .services import notify_for_log_entry


@receiver(post_save, sender=ProcessLogEntry, dispatch_uid="notifications.log_entry")
def notify_applicant(sender, instance, created, raw=False, **kwargs):
    # Runs inside the dossier change's transaction: the notification commits (or not) with it.
    if created and not raw:
        notify_for_log_entry(instance)
