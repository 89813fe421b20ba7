"""Reconciliation: payments still pending are asked about (querydr, answered by the sandbox through
its own view) and settled exactly as an IPN would settle them."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from notifications.tests.worker import run_worker_once
from payments import sandbox, services
from payments.models import Payment
from payments.tasks import reconcile_payments

pytestmark = pytest.mark.django_db


def start(dossier, applicant):
    return services.start_payment(dossier, applicant).payment


def at_the_gateway(payment, outcome=None, ipn="drop"):
    """The citizen reaches the sandbox's page and, given an ``outcome``, settles it there."""
    txn = sandbox.open_transaction(dict(parse_qsl(urlsplit(payment.redirect_url).query)))
    if outcome:
        sandbox.finish(txn, outcome, ipn)
    return txn


def test_a_dropped_ipn_is_found_by_reconciliation_which_marks_the_payment_paid_and_the_dossier_proceeds(
    awaiting_fees, applicant, gateway_web
):
    payment = start(awaiting_fees, applicant)
    at_the_gateway(payment, "success", ipn="drop")
    assert not DBTaskResult.objects.filter(task_path="payments.tasks.sandbox_send_ipn").exists()

    # Not yet: a payment is asked about only once pending longer than the configured time (15 minutes).
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=10)) == {}
    report = services.reconcile_pending(timezone.now() + timedelta(minutes=16))

    assert report == {"paid": 1}
    assert gateway_web == [("POST", "/thanh-toan/sandbox/merchant_webapi/api/transaction")]
    payment.refresh_from_db()
    assert payment.state == "paid" and payment.gateway_transaction_no
    event = payment.events.order_by("-id").first()
    assert (event.from_state, event.to_state, event.source) == ("pending", "paid", "reconciliation")
    assert event.params["vnp_TransactionStatus"] == "00" and "vnp_SecureHash" not in event.params
    dossier = Dossier.objects.get(pk=awaiting_fees.pk)
    assert dossier.state == State.RECEIVED
    assert dossier.log.filter(action="pay_fees", actor_role="system").count() == 1
    # Settled: the next run has nothing to ask.
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=30)) == {}


def test_a_failure_whose_ipn_was_lost_is_marked_failed(awaiting_fees, applicant, gateway_web):
    payment = start(awaiting_fees, applicant)
    at_the_gateway(payment, "fail")
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=16)) == {"failed": 1}
    payment.refresh_from_db()
    assert payment.state == "failed"
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.AWAITING_FEES


def test_an_unfinished_or_unknown_payment_waits_until_past_its_expiry_then_expires(
    awaiting_fees, applicant, gateway_web
):
    unfinished = start(awaiting_fees, applicant)
    at_the_gateway(unfinished)  # the citizen is still on the gateway's page
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=16)) == {"waiting": 1}
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=31)) == {"expired": 1}
    unfinished.refresh_from_db()
    assert unfinished.state == "expired"
    assert unfinished.events.order_by("-id").first().source == "reconciliation"

    never_reached = start(awaiting_fees, applicant)  # the expired one no longer blocks a new payment
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=31)) == {"expired": 1}
    never_reached.refresh_from_db()
    assert never_reached.state == "expired"


def test_a_late_confirmation_of_an_expired_payment_still_counts(awaiting_fees, applicant, gateway_web):
    payment = start(awaiting_fees, applicant)
    txn = at_the_gateway(payment)
    services.reconcile_pending(timezone.now() + timedelta(minutes=31))
    payment.refresh_from_db()
    assert payment.state == "expired"
    sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    answer = services.handle_ipn("sandbox", dict(parse_qsl(urlsplit(sandbox.ipn_url(txn)).query)))
    assert answer["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.state == "paid"
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.RECEIVED


def test_an_unreachable_gateway_or_a_forged_answer_settles_nothing(
    awaiting_fees, applicant, monkeypatch, settings
):
    from payments.gateways import GatewayUnavailable, http

    payment = start(awaiting_fees, applicant)
    at_the_gateway(payment, "success")

    def down(url, body, *, timeout):
        raise GatewayUnavailable("connection refused")

    monkeypatch.setattr(http, "post_json", down)
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=16)) == {"unreachable": 1}

    def forged(url, body, *, timeout):
        return {**sandbox.answer_api(body), "vnp_TransactionStatus": "00", "vnp_Amount": "1"}

    monkeypatch.setattr(http, "post_json", forged)
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=16)) == {"unknown": 1}
    settings.MOTCUA_PAYMENT_GATEWAY = "vnpay"  # the sandbox's word no longer counts
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=16)) == {"skipped": 1}
    payment.refresh_from_db()
    assert payment.state == "pending" and payment.events.count() == 1


def test_the_command_reconciles_and_plans_one_periodic_run_which_plans_the_next(
    awaiting_fees, applicant, gateway_web
):
    payment = start(awaiting_fees, applicant)
    at_the_gateway(payment, "success")
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(minutes=20))

    call_command("reconcile_payments")
    call_command("reconcile_payments", "--plan-only")

    payment.refresh_from_db()
    assert payment.state == "paid"
    planned = DBTaskResult.objects.filter(task_path=reconcile_payments.module_path, status="READY")
    assert planned.count() == 1
    run_worker_once()  # the periodic run, which plans the next in five minutes
    following = DBTaskResult.objects.get(task_path=reconcile_payments.module_path, status="READY")
    assert following.run_after > timezone.now() + timedelta(minutes=4)
