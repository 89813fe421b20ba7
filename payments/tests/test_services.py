"""Paying the fees online (payments.services) against the sandbox gateway: start, IPN, return."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import DossierNotFound, perform
from dossiers.tests.test_submission import citizen
from payments import sandbox, services
from payments.domain import vnpay
from payments.fees import fees_for
from payments.models import Payment, PaymentEvent, SandboxTransaction

pytestmark = pytest.mark.django_db


def pay_in_sandbox(payment, outcome="success", ipn="drop"):
    """The citizen at the sandbox's page: returns the signed result the gateway sends back."""
    query = urlsplit(payment.redirect_url).query
    txn = sandbox.open_transaction(dict(parse_qsl(query)))
    back = sandbox.finish(txn, outcome, ipn)
    return dict(parse_qsl(urlsplit(back).query))


def test_fees_are_the_procedure_s_fixed_lines(awaiting_fees, procedure):
    fees = fees_for(awaiting_fees)
    assert [(line.name, line.amount) for line in fees.lines] == [("Phí thẩm định", 1250000)]
    assert fees.total == 1250000  # "Lệ phí cấp" applies only "Cấp mới": chosen by answers, later


def test_starting_a_payment_stores_it_pending_and_sends_the_browser_to_the_gateway(awaiting_fees, applicant):
    started = services.start_payment(awaiting_fees, applicant, ip_address="203.113.0.7")

    payment = started.payment
    assert (payment.state, payment.amount, payment.gateway) == ("pending", 1250000, "sandbox")
    assert payment.fee_lines == [
        {
            "fee_id": awaiting_fees.procedure.fees.get(name="Phí thẩm định").pk,
            "name": "Phí thẩm định",
            "amount": 1250000,
        }
    ]
    assert len(payment.txn_ref) == 16 and payment.txn_ref.isalnum()
    assert (payment.expires_at - payment.created_at).total_seconds() == 15 * 60
    url = urlsplit(started.redirect_url)
    assert url.path == "/thanh-toan/sandbox/paymentv2/vpcpay.html"
    params = dict(parse_qsl(url.query))
    assert params["vnp_Amount"] == "125000000"
    assert params["vnp_TxnRef"] == payment.txn_ref
    assert params["vnp_TmnCode"] == "SANDBOX1"
    assert params["vnp_ReturnUrl"] == "http://127.0.0.1:8000/thanh-toan/sandbox/ket-qua/"
    assert params["vnp_OrderInfo"] == f"Thanh toan phi, le phi ho so {awaiting_fees.code}"
    assert vnpay.verify(params, sandbox.secret())
    event = payment.events.get()
    assert (event.from_state, event.to_state, event.source) == ("", "pending", "citizen")


def test_only_one_live_payment_per_dossier(awaiting_fees, applicant):
    first = services.start_payment(awaiting_fees, applicant).payment
    with pytest.raises(services.PaymentPending) as pending:
        services.start_payment(awaiting_fees, applicant)
    assert pending.value.payment == first
    assert Payment.objects.count() == 1


def test_no_payment_for_someone_else_a_dossier_not_awaiting_fees_or_below_level_4(
    awaiting_fees, applicant, counter, procedure
):
    with pytest.raises(DossierNotFound):
        services.start_payment(
            awaiting_fees, citizen("nguoikhac", phone="0987000111", personal_id="022190009999")
        )
    with pytest.raises(services.PaymentRefused):
        services.start_payment(awaiting_fees, counter)  # an officer: not the applicant
    procedure.service_level = 3
    procedure.save()
    with pytest.raises(services.PaymentRefused):
        services.start_payment(awaiting_fees, applicant)
    procedure.service_level = 4
    procedure.save()
    perform(awaiting_fees, counter, Action.PAY_FEES)  # paid at the counter meanwhile
    with pytest.raises(services.PaymentRefused):
        services.start_payment(Dossier.objects.get(pk=awaiting_fees.pk), applicant)
    assert not Payment.objects.exists()


def test_a_confirmed_ipn_marks_the_payment_paid_and_the_dossier_proceeds_in_one_transaction(
    awaiting_fees, applicant
):
    payment = services.start_payment(awaiting_fees, applicant).payment
    result = pay_in_sandbox(payment)

    assert services.handle_ipn("sandbox", result) == {"RspCode": "00", "Message": "Confirm Success"}

    payment.refresh_from_db()
    txn = SandboxTransaction.objects.get(txn_ref=payment.txn_ref)
    assert (payment.state, payment.gateway_transaction_no, payment.bank_code) == (
        "paid",
        txn.transaction_no,
        "NCB",
    )
    assert payment.paid_at is not None
    event = payment.events.order_by("-id").first()
    assert (event.from_state, event.to_state, event.source, event.note) == ("pending", "paid", "ipn", "")
    assert "vnp_SecureHash" not in event.params and event.params["vnp_TxnRef"] == payment.txn_ref
    dossier = Dossier.objects.get(pk=awaiting_fees.pk)
    assert dossier.state == State.RECEIVED
    entry = dossier.log.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.actor_role) == ("pay_fees", None, "system")
    assert payment.txn_ref in entry.comment


def test_a_cancelled_payment_is_failed_the_dossier_still_awaits_fees_and_a_new_payment_can_start(
    awaiting_fees, applicant
):
    payment = services.start_payment(awaiting_fees, applicant).payment
    result = pay_in_sandbox(payment, outcome="cancel")

    assert services.handle_ipn("sandbox", result)["RspCode"] == "00"

    payment.refresh_from_db()
    assert (payment.state, payment.gateway_response_code, payment.paid_at) == ("failed", "24", None)
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.AWAITING_FEES
    assert services.start_payment(awaiting_fees, applicant).payment.state == "pending"


def snapshot(dossier):
    return (
        list(Payment.objects.values_list("state", "gateway_transaction_no", "paid_at")),
        PaymentEvent.objects.count(),
        Dossier.objects.get(pk=dossier.pk).state,
        Dossier.objects.get(pk=dossier.pk).log.count(),
    )


def test_bad_ipns_are_answered_with_the_protocol_s_code_and_change_nothing(awaiting_fees, applicant):
    payment = services.start_payment(awaiting_fees, applicant).payment
    result = pay_in_sandbox(payment)
    before = snapshot(awaiting_fees)

    def resigned(**changes):
        params = {key: value for key, value in result.items() if key != "vnp_SecureHash"}
        params.update(changes)
        return {**params, "vnp_SecureHash": vnpay.sign(params, sandbox.secret())}

    assert services.handle_ipn("sandbox", {**result, "vnp_Amount": "1"})["RspCode"] == "97"
    assert services.handle_ipn("sandbox", {**result, "vnp_SecureHash": "0" * 128})["RspCode"] == "97"
    assert services.handle_ipn("sandbox", resigned(vnp_Amount="1250000"))["RspCode"] == "04"
    assert services.handle_ipn("sandbox", resigned(vnp_TxnRef="260101DEADBEEF00"))["RspCode"] == "01"
    assert snapshot(awaiting_fees) == before

    assert services.handle_ipn("sandbox", result)["RspCode"] == "00"
    after = snapshot(awaiting_fees)
    assert services.handle_ipn("sandbox", result) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert snapshot(awaiting_fees) == after


def test_the_return_shows_the_result_but_never_marks_the_payment_paid(awaiting_fees, applicant):
    payment = services.start_payment(awaiting_fees, applicant).payment
    result = pay_in_sandbox(payment)

    shown = services.handle_return("sandbox", result)

    assert (shown.state, shown.payment, shown.reading.gateway_says_paid) == ("pending", payment, True)
    payment.refresh_from_db()
    assert payment.state == "pending" and payment.events.count() == 1
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.AWAITING_FEES
    assert services.handle_return("sandbox", {**result, "vnp_TxnRef": "X"}).state == "unverified"
    services.handle_ipn("sandbox", result)
    assert services.handle_return("sandbox", result).state == "paid"


def test_a_payment_confirmed_after_the_dossier_stopped_waiting_is_kept_with_a_note(
    awaiting_fees, applicant, counter, settings
):
    settings.LANGUAGE_CODE = "en"  # the note is written in the site's language
    payment = services.start_payment(awaiting_fees, applicant).payment
    result = pay_in_sandbox(payment)
    perform(Dossier.objects.get(pk=awaiting_fees.pk), counter, Action.PAY_FEES, comment="tiền mặt")

    assert services.handle_ipn("sandbox", result)["RspCode"] == "00"

    payment.refresh_from_db()
    assert payment.state == "paid"
    assert payment.events.order_by("-id").first().note == (
        "Paid while the dossier was no longer awaiting fees (Received): check it and refund if needed."
    )
    assert Dossier.objects.get(pk=awaiting_fees.pk).log.filter(action="pay_fees").count() == 1


def test_a_fake_gateway_s_callbacks_count_only_while_it_is_the_configured_one(
    awaiting_fees, applicant, settings
):
    payment = services.start_payment(awaiting_fees, applicant).payment
    result = pay_in_sandbox(payment)
    settings.MOTCUA_PAYMENT_GATEWAY = "vnpay"
    with pytest.raises(LookupError):
        services.handle_ipn("sandbox", result)
    payment.refresh_from_db()
    assert payment.state == "pending"
