"""The daily reconciliation report per agency: our payments of a day against the gateway's answers to
the transaction query (querydr), with the mismatches listed (``domain.reconciliation`` decides each).

A payment belongs to the Vietnamese day it started and to its dossier's agency (the collecting one).
Online payments are asked about one by one, outside any transaction (nothing is changed: the report
only reads; settling a lost IPN is the periodic reconciliation's work). Payments at the counter are
listed apart: no gateway knows them. ``manage.py reconcile_day`` and the back office's page use it.
"""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import Agency
from dossiers.domain.calendar import VN_TZ

from .domain.reconciliation import Comparison, Verdict, compare
from .domain.states import MONEY_RECEIVED
from .gateways import GatewayUnavailable, gateway_named
from .models import Method, Payment

#: At most this many online payments of one agency and day are asked about (each is one call).
REPORT_LIMIT = 1000


@dataclass(frozen=True)
class ReportRow:
    payment: Payment
    comparison: Comparison

    @property
    def verdict(self) -> Verdict:
        return self.comparison.verdict


@dataclass
class DailyReport:
    agency: Agency
    day: date
    rows: list[ReportRow] = field(default_factory=list)
    counter_payments: list[Payment] = field(default_factory=list)
    truncated: bool = False

    @property
    def mismatches(self) -> list[ReportRow]:
        return [row for row in self.rows if row.verdict.is_mismatch]

    @property
    def paid_here(self) -> int:
        return sum(row.payment.amount for row in self.rows if row.payment.state in MONEY_RECEIVED)

    @property
    def paid_at_gateway(self) -> int:
        return sum(
            row.comparison.gateway_amount or 0 for row in self.rows if row.comparison.gateway_status == "paid"
        )

    @property
    def at_counter(self) -> int:
        return sum(payment.amount for payment in self.counter_payments if payment.state in MONEY_RECEIVED)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=VN_TZ)
    return start, start + timedelta(days=1)


def _ask(payment: Payment, now: datetime):
    gateway = gateway_named(payment.gateway)
    if gateway is None:
        return None
    try:
        return gateway.query(payment.stored(), now=now)
    except GatewayUnavailable:
        return None


def daily_report(agency: Agency, day: date, *, now: datetime | None = None) -> DailyReport:
    now = now or timezone.now()
    start, end = day_bounds(day)
    payments = (
        Payment.objects.filter(dossier__agency=agency, created_at__gte=start, created_at__lt=end)
        .select_related("dossier")
        .order_by("created_at", "pk")
    )
    report = DailyReport(agency, day)
    online = []
    for payment in payments:
        (online if payment.method == Method.ONLINE else report.counter_payments).append(payment)
    report.truncated = len(online) > REPORT_LIMIT
    for payment in online[:REPORT_LIMIT]:
        report.rows.append(ReportRow(payment, compare(payment.state, payment.amount, _ask(payment, now))))
    return report


def agencies_with_payments(day: date):
    start, end = day_bounds(day)
    ids = Payment.objects.filter(created_at__gte=start, created_at__lt=end).values("dossier__agency")
    return Agency.objects.filter(pk__in=ids).order_by("code")


CSV_HEADER = (
    "agency",
    "day",
    "reference",
    "dossier",
    "method",
    "state",
    "amount",
    "gateway_status",
    "gateway_amount",
    "verdict",
    "verdict_label",
)


def csv_rows(report: DailyReport):
    """The report's rows as the CSV lists them (the counter's payments last, verdict "counter")."""
    with translation.override(settings.LANGUAGE_CODE):
        for row in report.rows:
            payment, comparison = row.payment, row.comparison
            yield (
                report.agency.code,
                report.day.isoformat(),
                payment.txn_ref,
                payment.dossier.code or "",
                payment.method,
                payment.state,
                payment.amount,
                comparison.gateway_status,
                "" if comparison.gateway_amount is None else comparison.gateway_amount,
                str(row.verdict),
                str(row.verdict.label),
            )
        for payment in report.counter_payments:
            yield (
                report.agency.code,
                report.day.isoformat(),
                payment.txn_ref,
                payment.dossier.code or "",
                payment.method,
                payment.state,
                payment.amount,
                "",
                "",
                "counter",
                gettext("At the counter (not at a gateway)"),
            )


def write_csv(reports, out) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for report in reports:
        writer.writerows(csv_rows(report))
