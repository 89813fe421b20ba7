"""The payment pages: the button on the citizen's dossier, the sandbox's pages, the IPN endpoint and
the return page, through HTTP."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from notifications.tests.worker import run_worker_once
from payments import sandbox, services
from payments.domain import vnpay
from payments.models import Payment, PaymentEvent, SandboxTransaction
from payments.tests.fee_html import fee_rows, fee_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def dossier_page(client, dossier):
    return client.get(reverse("portal:my_dossier", args=[dossier.pk])).content.decode()


def test_the_dossier_page_offers_online_payment_only_at_level_4_while_fees_are_awaited(
    signed_in, awaiting_fees, procedure
):
    page = dossier_page(signed_in, awaiting_fees)
    assert 'id="pay-online"' in page
    assert fee_rows(page) == [("Phí thẩm định", "1.250.000 ₫", False)]
    assert fee_total(page) == "1.250.000 ₫"
    assert reverse("payments:start", args=[awaiting_fees.pk]) in page

    procedure.service_level = 3
    procedure.save()
    assert 'id="pay-online"' not in dossier_page(signed_in, awaiting_fees)


def test_paying_in_the_sandbox_from_the_button_to_the_paid_dossier(signed_in, awaiting_fees, gateway_web):
    start = signed_in.post(reverse("payments:start", args=[awaiting_fees.pk]))
    assert start.status_code == 302
    gateway_page = urlsplit(start.url)
    assert gateway_page.netloc == "127.0.0.1:8000" and gateway_page.path == reverse("payments:sandbox_pay")

    page = signed_in.get(f"{gateway_page.path}?{gateway_page.query}")
    assert page.status_code == 200
    assert "1.250.000 ₫" in page.content.decode()
    back = signed_in.post(f"{gateway_page.path}?{gateway_page.query}", {"outcome": "success", "ipn": "now"})
    assert back.status_code == 302
    returned = urlsplit(back.url)
    assert returned.path == reverse("payments:return", args=["sandbox"])

    # Back on the portal before the IPN: still being confirmed, and nothing is marked paid.
    confirming = signed_in.get(f"{returned.path}?{returned.query}")
    assert 'data-state="pending"' in confirming.content.decode()
    assert '<meta http-equiv="refresh"' in confirming.content.decode()
    assert Payment.objects.get().state == "pending"

    run_worker_once()  # the sandbox's server sends its IPN to the portal's endpoint

    assert ("GET", reverse("payments:ipn", args=["sandbox"])) in gateway_web
    assert SandboxTransaction.objects.get().ipn_answer == '{"RspCode": "00", "Message": "Confirm Success"}'
    paid = signed_in.get(f"{returned.path}?{returned.query}").content.decode()
    assert 'data-state="paid"' in paid
    assert reverse("portal:my_dossier", args=[awaiting_fees.pk]) in paid
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.RECEIVED
    page = dossier_page(signed_in, awaiting_fees)
    assert 'id="pay-online"' not in page and 'data-state="paid"' in page


def test_a_second_click_while_a_payment_waits_goes_back_to_the_dossier_with_a_way_to_continue(
    signed_in, awaiting_fees
):
    first = signed_in.post(reverse("payments:start", args=[awaiting_fees.pk]))
    second = signed_in.post(reverse("payments:start", args=[awaiting_fees.pk]), follow=True)
    assert second.redirect_chain[0][0] == reverse("portal:my_dossier", args=[awaiting_fees.pk])
    page = second.content.decode()
    assert 'id="pay-online"' not in page
    assert first.url.replace("&", "&amp;") in page  # "continue the payment"
    assert Payment.objects.count() == 1


def test_another_citizen_cannot_start_a_payment_of_my_dossier(client, awaiting_fees):
    from dossiers.tests.test_submission import citizen

    client.force_login(citizen("nguoikhac", phone="0987000111", personal_id="022190009999"))
    assert client.post(reverse("payments:start", args=[awaiting_fees.pk])).status_code == 404
    assert not Payment.objects.exists()


def ipn(client, params):
    response = client.get(reverse("payments:ipn", args=["sandbox"]), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def state_of_everything(dossier):
    return (
        list(Payment.objects.values_list("state", "gateway_transaction_no", "bank_code", "paid_at")),
        list(PaymentEvent.objects.values_list("pk", flat=True)),
        Dossier.objects.get(pk=dossier.pk).state,
        Dossier.objects.get(pk=dossier.pk).log.count(),
    )


def test_the_ipn_endpoint_answers_each_bad_notification_with_the_protocol_s_code_and_changes_nothing(
    client, awaiting_fees, applicant
):
    payment = services.start_payment(awaiting_fees, applicant).payment
    txn = sandbox.open_transaction(dict(parse_qsl(urlsplit(payment.redirect_url).query)))
    sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    good = sandbox.callback_params(txn)
    secret = sandbox.secret()
    before = state_of_everything(awaiting_fees)

    wrong_signature = {**good, "vnp_SecureHash": vnpay.sign(good, "not the sandbox's secret")}
    assert ipn(client, wrong_signature) == {"RspCode": "97", "Message": "Invalid Checksum"}
    wrong_amount = {**good, "vnp_Amount": "1250000"}  # divided by 100, signed anew
    assert ipn(client, {**wrong_amount, "vnp_SecureHash": vnpay.sign(wrong_amount, secret)}) == {
        "RspCode": "04",
        "Message": "Invalid amount",
    }
    unknown = {**good, "vnp_TxnRef": "260101DEADBEEF00"}
    assert ipn(client, {**unknown, "vnp_SecureHash": vnpay.sign(unknown, secret)}) == {
        "RspCode": "01",
        "Message": "Order not found",
    }
    assert ipn(client, {}) == {"RspCode": "97", "Message": "Invalid Checksum"}
    assert state_of_everything(awaiting_fees) == before

    signed = {**good, "vnp_SecureHash": vnpay.sign(good, secret)}
    assert ipn(client, signed) == {"RspCode": "00", "Message": "Confirm Success"}
    settled = state_of_everything(awaiting_fees)
    assert settled[0][0][0] == "paid" and settled[2] == State.RECEIVED
    assert ipn(client, signed) == {"RspCode": "02", "Message": "Order already confirmed"}  # a replay
    assert state_of_everything(awaiting_fees) == settled


def test_the_ipn_is_a_get_of_a_known_gateway(client):
    assert client.post(reverse("payments:ipn", args=["sandbox"])).status_code == 405
    assert client.get(reverse("payments:ipn", args=["paypal"])).status_code == 404


def test_an_ipn_that_breaks_is_answered_99_so_that_the_gateway_tries_again(client, monkeypatch):
    def broken(gateway, params):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "handle_ipn", broken)
    assert ipn(client, {"vnp_TxnRef": "X"}) == {"RspCode": "99", "Message": "Unknown error"}


def test_a_return_that_does_not_verify_says_so(client):
    response = client.get(
        reverse("payments:return", args=["sandbox"]), {"vnp_TxnRef": "X", "vnp_SecureHash": "0"}
    )
    assert response.status_code == 400
    assert 'data-state="unverified"' in response.content.decode()


def test_a_failed_payment_s_return_says_why(signed_in, awaiting_fees, applicant):
    payment = services.start_payment(awaiting_fees, applicant).payment
    txn = sandbox.open_transaction(dict(parse_qsl(urlsplit(payment.redirect_url).query)))
    back = urlsplit(sandbox.finish(txn, "fail", "drop"))
    txn.refresh_from_db()
    services.handle_ipn(
        "sandbox",
        {
            **sandbox.callback_params(txn),
            "vnp_SecureHash": vnpay.sign(sandbox.callback_params(txn), sandbox.secret()),
        },
    )
    page = signed_in.get(f"{back.path}?{back.query}").content.decode()
    assert 'data-state="failed"' in page
    assert str(vnpay.RESPONSE_CODES["51"]) in page


def test_the_sandbox_refuses_a_tampered_request_and_exists_only_while_configured(
    client, awaiting_fees, applicant, settings
):
    payment = services.start_payment(awaiting_fees, applicant).payment
    query = dict(parse_qsl(urlsplit(payment.redirect_url).query))
    tampered = client.get(reverse("payments:sandbox_pay"), {**query, "vnp_Amount": "100"})
    assert tampered.status_code == 400 and 'id="sandbox-refusal"' in tampered.content.decode()
    assert not SandboxTransaction.objects.exists()

    settings.MOTCUA_PAYMENT_GATEWAY = "vnpay"
    assert client.get(reverse("payments:sandbox_pay"), query).status_code == 404
    assert (
        client.post(reverse("payments:sandbox_api"), {}, content_type="application/json").status_code == 404
    )


def test_the_sandbox_api_answers_querydr_with_a_checksum_and_refuses_a_forged_request(client):
    answer = client.post(
        reverse("payments:sandbox_api"),
        {"vnp_Command": "querydr", "vnp_TxnRef": "X"},
        content_type="application/json",
    ).json()
    assert answer["vnp_ResponseCode"] == "97"
    assert vnpay.verify_values(answer, vnpay.QUERY_ANSWER_FIELDS, sandbox.secret())
    assert (
        client.post(reverse("payments:sandbox_api"), "not json", content_type="application/json").json()[
            "vnp_ResponseCode"
        ]
        == "99"
    )
