"""``manage.py reconcile_day --date YYYY-MM-DD [--agency CODE] [--csv]``: the daily reconciliation
report (``payments.daily``), per agency, on the standard output."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.models import Agency
from payments.daily import agencies_with_payments, daily_report, write_csv


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(_("The date must be written YYYY-MM-DD.")) from error


class Command(BaseCommand):
    help = _(
        "Compare the payments of a day with the payment gateway's answers to the transaction query, "
        "per agency, and list the mismatches."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day_text", required=True, help=_("The day, as YYYY-MM-DD."))
        parser.add_argument("--agency", default="", help=_("Only this agency (its code)."))
        parser.add_argument("--csv", action="store_true", help=_("Write every payment as CSV."))

    def handle(self, *args, day_text, agency, csv, **options):
        day = _day(day_text)
        if agency:
            agencies = list(Agency.objects.filter(code=agency))
            if not agencies:
                raise CommandError(_("There is no agency with the code %(code)s.") % {"code": agency})
        else:
            agencies = list(agencies_with_payments(day))
        reports = [daily_report(one, day) for one in agencies]
        if csv:
            write_csv(reports, self.stdout)
            return
        for report in reports:
            self.stdout.write(
                _("%(agency)s, %(day)s: %(count)s online payments, %(mismatches)s mismatches")
                % {
                    "agency": report.agency.code,
                    "day": day.isoformat(),
                    "count": len(report.rows),
                    "mismatches": len(report.mismatches),
                }
            )
            for row in report.mismatches:
                self.stdout.write(
                    f"  {row.payment.txn_ref} {row.payment.dossier.code} {row.payment.state} "
                    f"{row.payment.amount} → {row.comparison.gateway_status or '-'} "
                    f"{row.comparison.gateway_amount if row.comparison.gateway_amount is not None else '-'}: "
                    f"{row.verdict} ({row.verdict.label})"
                )
        if not reports:
            self.stdout.write(_("No payments on %(day)s.") % {"day": day.isoformat()})
