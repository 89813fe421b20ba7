"""Refunds through the gateway's refund API (the sandbox answers as VNPay does): full or partial, with a
reason, by a leader or manager of the dossier's agency; refused cases change nothing and say why."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.roles import Role
from dossiers.services import DossierNotFound
from dossiers.tests.factories import OfficerFactory
from payments import services
from payments.counter import record_counter_payment
from payments.domain import vnpay
from payments.domain.gateway import StoredPayment
from payments.models import Payment, SandboxTransaction
from payments.refunds import RefundRefused, refund_payment

from .test_services import pay_in_sandbox

pytestmark = pytest.mark.django_db


def english(error) -> str:
    with translation.override("en"):
        return str(error)


@pytest.fixture
def leader(counter):
    return OfficerFactory(agency=counter.agency, role=Role.LEADER)


@pytest.fixture
def paid(awaiting_fees, applicant):
    payment = services.start_payment(awaiting_fees, applicant).payment
    assert services.handle_ipn("sandbox", pay_in_sandbox(payment))["RspCode"] == "00"
    payment.refresh_from_db()
    return payment


def state(payment):
    payment = Payment.objects.get(pk=payment.pk)
    txn = SandboxTransaction.objects.get(txn_ref=payment.txn_ref)
    return payment.state, payment.refunded_amount, payment.events.count(), txn.refunded


def test_a_partial_then_the_rest_refunded_through_the_gateway(paid, leader, gateway_web):
    partly = refund_payment(paid, leader, amount=250_000, reason="  Thu   thừa phí  ")
    assert (partly.state, partly.refunded_amount, partly.refundable_amount) == (
        "partially_refunded",
        250_000,
        1_000_000,
    )
    event = partly.events.order_by("-id").first()
    assert (event.from_state, event.to_state, event.source, event.by_id, event.note) == (
        "paid",
        "partially_refunded",
        "officer",
        leader.pk,
        "Thu thừa phí",
    )
    assert event.params["refund_amount"] == 250_000 and event.params["vnp_ResponseCode"] == "00"
    assert (
        event.params["vnp_TransactionType"] == vnpay.PARTIAL_REFUND and "vnp_SecureHash" not in event.params
    )
    assert gateway_web == [("POST", "/thanh-toan/sandbox/merchant_webapi/api/transaction")]

    done = refund_payment(paid, leader, amount=1_000_000, reason="Hồ sơ bị từ chối")
    assert (done.state, done.refunded_amount) == ("refunded", 1_250_000)
    assert SandboxTransaction.objects.get(txn_ref=paid.txn_ref).refunded == 125_000_000


def test_a_full_refund_is_sent_as_one(paid, counter, gateway_web):
    manager = OfficerFactory(agency=counter.agency, role=Role.MANAGER)
    done = refund_payment(paid, manager, amount=1_250_000, reason="Rút hồ sơ")
    assert done.state == "refunded"
    assert done.events.order_by("-id").first().params["vnp_TransactionType"] == vnpay.FULL_REFUND


@pytest.mark.parametrize(
    ("amount", "reason", "message"),
    [
        (
            1_250_001,
            "x",
            "The amount to refund must be between 1 and 1.250.000 VND (what is left of the payment).",
        ),
        (0, "x", "The amount to refund must be between 1 and 1.250.000 VND (what is left of the payment)."),
        (1000, "   ", "Give the reason for the refund."),
    ],
)
def test_refused_amounts_and_reasons_change_nothing(paid, leader, gateway_web, amount, reason, message):
    before = state(paid)
    with pytest.raises(RefundRefused) as refused:
        refund_payment(paid, leader, amount=amount, reason=reason)
    assert english(refused.value) == message
    assert state(paid) == before and gateway_web == []


@pytest.mark.parametrize("role", [Role.COUNTER_OFFICER, Role.SPECIALIST])
def test_only_a_leader_or_manager_of_the_agency_refunds(paid, counter, gateway_web, role):
    before = state(paid)
    with pytest.raises(RefundRefused) as refused:
        refund_payment(paid, OfficerFactory(agency=counter.agency, role=role), amount=1000, reason="x")
    assert english(refused.value) == "Only a leader or a manager of the dossier's agency refunds a payment."
    with pytest.raises(DossierNotFound):
        refund_payment(paid, OfficerFactory(role=Role.LEADER), amount=1000, reason="x")
    assert state(paid) == before and gateway_web == []


def test_an_unpaid_a_refunded_or_a_counter_payment_is_not_refunded(
    awaiting_fees, applicant, counter, leader, gateway_web
):
    pending = services.start_payment(awaiting_fees, applicant).payment
    with pytest.raises(RefundRefused) as refused:
        refund_payment(pending, leader, amount=1000, reason="x")
    assert "Only a paid payment can be refunded" in english(refused.value)
    Payment.objects.filter(pk=pending.pk).update(state="failed")
    at_counter = record_counter_payment(awaiting_fees, counter, method="cash", amount=1_250_000)
    with pytest.raises(RefundRefused) as refused:
        refund_payment(at_counter, leader, amount=1000, reason="x")
    assert english(refused.value) == (
        "A payment made at the counter is refunded at the counter, not through a payment gateway."
    )
    assert gateway_web == []


def test_the_gateway_s_refusal_is_told_and_changes_nothing(paid, leader, gateway_web):
    SandboxTransaction.objects.filter(txn_ref=paid.txn_ref).update(transaction_no="99999999")
    before = state(paid)
    with pytest.raises(RefundRefused) as refused:
        refund_payment(paid, leader, amount=1000, reason="x")
    assert (
        english(refused.value)
        == "The payment gateway refused the refund (99): Invalid refund amount or transaction"
    )
    assert state(paid) == before


def test_the_sandbox_answers_a_repeated_request_and_a_bad_checksum_as_vnpay():
    from payments import sandbox

    stored = StoredPayment(
        reference="R1",
        amount=1000,
        state="paid",
        created_at=timezone.now(),
    )
    SandboxTransaction.objects.create(
        txn_ref="R1",
        request={"vnp_Amount": "100000"},
        outcome="success",
        transaction_no="1234",
        pay_date="20260101090000",
    )
    body = vnpay.refund_request(
        stored,
        tmn_code=sandbox.TMN_CODE,
        secret=sandbox.secret(),
        request_id="req-1",
        transaction_no="1234",
        amount=400,
        created_by="Lãnh đạo",
        now=stored.created_at,
        ip_address="127.0.0.1",
    )
    first = sandbox.answer_api(body)
    assert vnpay.read_refund_answer(first, stored, 400, sandbox.secret()).accepted
    again = sandbox.answer_api(body)
    assert again["vnp_ResponseCode"] == vnpay.API_DUPLICATE
    assert not vnpay.read_refund_answer(again, stored, 400, sandbox.secret()).accepted
    forged = {**body, "vnp_Amount": "90000", "vnp_RequestId": "req-2"}
    assert sandbox.answer_api(forged)["vnp_ResponseCode"] == vnpay.API_BAD_CHECKSUM
    # An answer whose checksum is wrong is never taken as a refund.
    assert (
        vnpay.read_refund_answer({**first, "vnp_Amount": "40001"}, stored, 400, sandbox.secret()).detail
        == "bad checksum"
    )


def test_the_back_office_refund_form(client, paid, counter, leader, gateway_web, settings):
    settings.LANGUAGE_CODE = "en"
    code = paid.dossier.code
    url = reverse("backoffice:refund", args=[code])
    client.force_login(counter)
    assert f'action="{url}"' not in client.get(reverse("backoffice:dossier", args=[code])).content.decode()
    assert client.post(url, {"payment": paid.pk, "amount": 1000, "reason": "x"}).status_code == 404

    client.force_login(leader)
    assert f'action="{url}"' in client.get(reverse("backoffice:dossier", args=[code])).content.decode()
    refused = client.post(url, {"payment": paid.pk, "amount": 2_000_000, "reason": "x"}, follow=True)
    assert "what is left of the payment" in refused.content.decode()
    done = client.post(url, {"payment": paid.pk, "amount": 250_000, "reason": "Thu thừa"}, follow=True)
    assert "The refund was accepted by the payment gateway." in done.content.decode()
    assert Payment.objects.get(pk=paid.pk).state == "partially_refunded"
