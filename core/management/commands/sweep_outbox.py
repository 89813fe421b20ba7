from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.outbox import sweep
from core.tasks import schedule_sweep


class Command(BaseCommand):
    help = _(
        "Queue again the outbox messages whose delivery task was lost (e.g. a killed worker) and make "
        "sure the periodic sweep is planned. Run at worker start, or from cron."
    )

    def handle(self, *args, **options):
        requeued = sweep()
        with transaction.atomic():
            schedule_sweep(timezone.now())
        self.stdout.write(_("%(count)s message(s) queued again.") % {"count": requeued})
