"""The daily reconciliation report per agency: our payments of a day against the sandbox's answers to
querydr, with the mismatches listed; the command, the back-office page and its CSV."""

import csv
import io
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from payments import sandbox, services
from payments.counter import record_counter_payment
from payments.daily import daily_report
from payments.domain.gateway import QueryReading, QueryStatus
from payments.domain.reconciliation import Verdict, compare
from payments.models import SandboxTransaction

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "reading", "verdict", "gateway_amount"),
    [
        ("paid", QueryReading(QueryStatus.PAID, raw={"vnp_Amount": "100000"}), Verdict.OK, 1000),
        ("refunded", QueryReading(QueryStatus.PAID, raw={"vnp_Amount": "100000"}), Verdict.OK, 1000),
        (
            "pending",
            QueryReading(QueryStatus.PAID, raw={"vnp_Amount": "100000"}),
            Verdict.PAID_THERE_NOT_HERE,
            1000,
        ),
        (
            "expired",
            QueryReading(QueryStatus.PAID, raw={"vnp_Amount": "100000"}),
            Verdict.PAID_THERE_NOT_HERE,
            1000,
        ),
        (
            "paid",
            QueryReading(QueryStatus.UNKNOWN, detail="another amount", raw={"vnp_Amount": "90000"}),
            Verdict.AMOUNT_DIFFERS,
            900,
        ),
        (
            "paid",
            QueryReading(QueryStatus.FAILED, raw={"vnp_Amount": "100000"}),
            Verdict.PAID_HERE_NOT_THERE,
            1000,
        ),
        ("paid", QueryReading(QueryStatus.NOT_FOUND), Verdict.UNKNOWN_AT_GATEWAY, None),
        ("failed", QueryReading(QueryStatus.NOT_FOUND), Verdict.UNKNOWN_AT_GATEWAY, None),
        ("pending", QueryReading(QueryStatus.NOT_FOUND), Verdict.STILL_PENDING, None),
        (
            "pending",
            QueryReading(QueryStatus.UNFINISHED, raw={"vnp_Amount": "100000"}),
            Verdict.STILL_PENDING,
            1000,
        ),
        ("expired", QueryReading(QueryStatus.NOT_FOUND), Verdict.OK, None),
        ("failed", QueryReading(QueryStatus.FAILED, raw={"vnp_Amount": "100000"}), Verdict.OK, 1000),
        ("paid", QueryReading(QueryStatus.UNKNOWN, detail="bad checksum"), Verdict.NOT_CHECKED, None),
        ("paid", None, Verdict.NOT_CHECKED, None),
    ],
)
def test_the_verdicts(state, reading, verdict, gateway_amount):
    comparison = compare(state, 1000, reading)
    assert (comparison.verdict, comparison.gateway_amount) == (verdict, gateway_amount)


def _awaiting_fees(counter, procedure, applicant, name):
    dossier = received_dossier(officer=counter, procedure=procedure, name=name)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    dossier.refresh_from_db()
    return perform(dossier, counter, Action.REQUEST_FEES)


def _at_gateway(payment, outcome=None):
    txn = sandbox.open_transaction(dict(parse_qsl(urlsplit(payment.redirect_url).query)))
    if outcome is None:
        return txn, None
    back = sandbox.finish(txn, outcome, "drop")
    return txn, dict(parse_qsl(urlsplit(back).query))


@pytest.fixture
def day_of_payments(counter, procedure, applicant, gateway_web):
    """One agency's day: a matching payment, a dropped IPN, an amount the gateway holds otherwise, one
    still on the gateway's page, one the gateway says failed, one it never heard of, one at the counter."""
    made = {}

    def start(name):
        return services.start_payment(_awaiting_fees(counter, procedure, applicant, name), applicant).payment

    def confirmed(name):
        payment = start(name)
        _txn, result = _at_gateway(payment, "success")
        assert services.handle_ipn("sandbox", result)["RspCode"] == "00"
        return payment

    made["ok"] = confirmed("Khớp")
    made["dropped"] = start("Mất IPN")
    _at_gateway(made["dropped"], "success")  # the IPN is dropped: the gateway has it paid, we pending
    made["amount"] = confirmed("Lệch tiền")
    SandboxTransaction.objects.filter(txn_ref=made["amount"].txn_ref).update(
        request={**_request(made["amount"]), "vnp_Amount": "100000000"}
    )
    made["pending"] = start("Đang trả")
    _at_gateway(made["pending"])  # still on the gateway's page
    made["failed_there"] = confirmed("Lỗi ở cổng")
    SandboxTransaction.objects.filter(txn_ref=made["failed_there"].txn_ref).update(outcome="fail")
    made["unknown"] = confirmed("Không rõ")
    SandboxTransaction.objects.filter(txn_ref=made["unknown"].txn_ref).delete()
    made["counter"] = record_counter_payment(
        perform(
            received_dossier(officer=counter, procedure=procedure, name="Tại quầy"),
            counter,
            Action.REQUEST_FEES,
        ),
        counter,
        method="cash",
        amount=1_250_000,
    )
    gateway_web.clear()
    return made


def _request(payment):
    return SandboxTransaction.objects.get(txn_ref=payment.txn_ref).request


EXPECTED = {
    "ok": ("ok", 1_250_000),
    "dropped": ("paid_there_not_here", 1_250_000),
    "amount": ("amount_differs", 1_000_000),
    "pending": ("still_pending", 1_250_000),
    "failed_there": ("paid_here_not_there", 1_250_000),
    "unknown": ("unknown_at_gateway", None),
}


def test_the_report_lists_each_mismatch_and_changes_nothing(day_of_payments, counter, gateway_web):
    report = daily_report(counter.agency, timezone.localdate())

    by_reference = {row.payment.txn_ref: row for row in report.rows}
    found = {
        name: (
            str(by_reference[payment.txn_ref].verdict),
            by_reference[payment.txn_ref].comparison.gateway_amount,
        )
        for name, payment in day_of_payments.items()
        if name != "counter"
    }
    assert found == EXPECTED
    assert len(gateway_web) == 6  # one querydr per online payment, none for the counter's
    assert [p.txn_ref for p in report.counter_payments] == [day_of_payments["counter"].txn_ref]
    assert len(report.mismatches) == 5
    assert (report.paid_here, report.at_counter) == (4 * 1_250_000, 1_250_000)
    assert report.paid_at_gateway == 1_250_000 + 1_250_000 + 1_000_000  # ok, dropped, the other amount
    # Only a report: the dropped payment is still pending (the periodic reconciliation settles it).
    day_of_payments["dropped"].refresh_from_db()
    assert day_of_payments["dropped"].state == "pending"
    # Another day, another agency: nothing.
    assert daily_report(counter.agency, timezone.localdate() - timezone.timedelta(days=1)).rows == []
    assert daily_report(OfficerFactory().agency, timezone.localdate()).rows == []


def test_the_command(day_of_payments, counter, settings):
    settings.LANGUAGE_CODE = "en"
    out = io.StringIO()
    day = timezone.localdate().isoformat()
    call_command("reconcile_day", "--date", day, "--agency", counter.agency.code, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{counter.agency.code}, {day}: 6 online payments, 5 mismatches"
    assert len(lines) == 6
    assert any(day_of_payments["dropped"].txn_ref in line and "paid_there_not_here" in line for line in lines)

    out = io.StringIO()
    call_command("reconcile_day", "--date", day, "--csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {row["reference"]: row["verdict"] for row in rows} == {
        **{day_of_payments[name].txn_ref: verdict for name, (verdict, _amount) in EXPECTED.items()},
        day_of_payments["counter"].txn_ref: "counter",
    }
    amount_row = next(row for row in rows if row["reference"] == day_of_payments["amount"].txn_ref)
    assert (amount_row["amount"], amount_row["gateway_amount"], amount_row["agency"]) == (
        "1250000",
        "1000000",
        counter.agency.code,
    )

    with pytest.raises(CommandError):
        call_command("reconcile_day", "--date", "01/12/2026")
    with pytest.raises(CommandError):
        call_command("reconcile_day", "--date", day, "--agency", "KHONG-CO")


def test_the_back_office_page_and_csv_for_the_agency_s_manager(client, day_of_payments, counter, settings):
    settings.LANGUAGE_CODE = "en"
    url = reverse("backoffice:reconciliation")
    day = timezone.localdate().isoformat()
    client.force_login(counter)
    assert client.get(url).status_code == 404
    client.force_login(OfficerFactory(agency=counter.agency, role=Role.MANAGER))
    page = client.get(url, {"ngay": day})
    assert page.status_code == 200
    report = page.context["report"]
    assert {str(row.verdict) for row in report.rows} == {verdict for verdict, _amount in EXPECTED.values()}
    html = page.content.decode()
    assert html.count('data-verdict="') == 6 and "Paid at the gateway, not here" in html
    assert "6 online payments, 5 mismatches" in html

    download = client.get(reverse("backoffice:reconciliation_csv"), {"ngay": day})
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert f"doi-soat-{counter.agency.code}-{day}.csv" in download["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert len(rows) == 7
    # An unreadable day is today's.
    assert client.get(url, {"ngay": "hôm qua"}).context["day"] == timezone.localdate()
