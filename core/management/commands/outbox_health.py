"""``manage.py outbox_health``: the age of the oldest message still to be sent; fails above a threshold.

For monitoring (cron, a load balancer's check, Nagios): exit status 0 when healthy, 1 when the oldest
pending message of any kind has waited longer than ``--max-age-minutes``
(``MOTCUA_OUTBOX_MAX_AGE_MINUTES``, default 15) past its planned attempt, or when messages have failed
for good.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.outbox import NO_MESSAGES, health, outbox_models


class Command(BaseCommand):
    help = _("Report the age of the oldest message waiting to be sent; fail above the threshold.")

    def add_arguments(self, parser):
        parser.add_argument("--max-age-minutes", type=float, default=settings.MOTCUA_OUTBOX_MAX_AGE_MINUTES)

    def handle(self, *args, max_age_minutes, **options):
        now = timezone.now()
        overall = NO_MESSAGES
        for model in outbox_models():
            report = health([model], now=now)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {_describe(report)}")
            overall += report
        self.stdout.write(_describe(overall))
        if overall.too_old(max_age_minutes):
            raise CommandError(
                _(
                    "The oldest message has waited %(minutes).1f min, more than %(limit)s: "
                    "is a worker running?"
                )
                % {"minutes": _minutes(overall), "limit": max_age_minutes}
            )
        if overall.failed:
            message = _("%(failed)s message(s) failed for good: see them in the admin.")
            raise CommandError(message % {"failed": overall.failed})


def _minutes(report) -> float:
    return report.oldest_pending_age.total_seconds() / 60 if report.oldest_pending_age is not None else 0


def _describe(report) -> str:
    return _("%(pending)s message(s) waiting, the oldest for %(minutes).1f min; %(failed)s failed.") % {
        "pending": report.pending,
        "minutes": _minutes(report),
        "failed": report.failed,
    }
