"""``manage.py outbox_health``: the age of the oldest message still to be sent; fails above a threshold.

For monitoring (cron, a load balancer's check, Nagios): exit status 0 when healthy, 1 when the oldest
pending message has waited longer than ``--max-age-minutes`` (``MOTCUA_OUTBOX_MAX_AGE_MINUTES``,
default 15) past its planned attempt, or when messages have failed for good.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from notifications.models import Notification
from notifications.services import oldest_pending_age


class Command(BaseCommand):
    help = _("Report the age of the oldest message waiting to be sent; fail above the threshold.")

    def add_arguments(self, parser):
        parser.add_argument("--max-age-minutes", type=float, default=settings.MOTCUA_OUTBOX_MAX_AGE_MINUTES)

    def handle(self, *args, max_age_minutes, **options):
        age = oldest_pending_age()
        pending = Notification.objects.filter(status=Notification.Status.PENDING).count()
        failed = Notification.objects.filter(status=Notification.Status.FAILED).count()
        minutes = age.total_seconds() / 60 if age is not None else 0
        self.stdout.write(
            _("%(pending)s message(s) waiting, the oldest for %(minutes).1f min; %(failed)s failed.")
            % {"pending": pending, "minutes": minutes, "failed": failed}
        )
        if age is not None and age > timedelta(minutes=max_age_minutes):
            raise CommandError(
                _(
                    "The oldest message has waited %(minutes).1f min, more than %(limit)s: "
                    "is a worker running?"
                )
                % {"minutes": minutes, "limit": max_age_minutes}
            )
        if failed:
            raise CommandError(
                _("%(failed)s message(s) failed for good: see them in the admin.") % {"failed": failed}
            )
