from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payments.services import reconcile_pending
from payments.tasks import schedule_reconciliation


class Command(BaseCommand):
    help = _(
        "Ask the payment gateway about the payments still pending and settle them as its notification "
        "would; make sure the periodic reconciliation is planned. Run from cron as a safety net."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--plan-only", action="store_true", help=_("Only plan the periodic reconciliation (at start-up).")
        )

    def handle(self, *args, plan_only=False, **options):
        if not plan_only:
            report = reconcile_pending()
            summary = ", ".join(f"{outcome}: {count}" for outcome, count in sorted(report.items()))
            self.stdout.write(_("Payments reconciled: %(summary)s") % {"summary": summary or "0"})
        with transaction.atomic():
            schedule_reconciliation(timezone.now())
