"""The citizen's payments API: start paying (the gateway's address), the payments with their states and
references; the same rules as the pay button (payments.services)."""

import pytest

from accounts.api_auth import issue_token
from dossiers.tests.test_submission import citizen
from payments import services
from payments.models import Payment
from payments.tests.test_services import pay_in_sandbox

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'test')[1]}", "HTTP_ACCEPT_LANGUAGE": "en"}


def url(dossier):
    return f"/api/v1/me/dossiers/{dossier.pk}/payments"


def test_the_citizen_starts_paying_and_reads_the_payment_paid(client, awaiting_fees, applicant):
    listed = client.get(url(awaiting_fees), **bearer(applicant)).json()
    assert (listed["offered"], listed["amount_due"], listed["items"]) == (True, 1_250_000, [])
    assert listed["fee_lines"] == [{"name": "Phí thẩm định", "amount": 1_250_000}]

    response = client.post(url(awaiting_fees), **bearer(applicant))

    assert response.status_code == 201, response.content
    payment = Payment.objects.get()
    body = response.json()
    assert body["redirect_url"] == payment.redirect_url and "/sandbox/" in body["redirect_url"]
    assert (body["payment"]["reference"], body["payment"]["state"], body["payment"]["amount"]) == (
        payment.txn_ref,
        "pending",
        1_250_000,
    )
    assert client.get(url(awaiting_fees), **bearer(applicant)).json()["continue_url"] == payment.redirect_url

    assert services.handle_ipn("sandbox", pay_in_sandbox(payment))["RspCode"] == "00"

    listed = client.get(url(awaiting_fees), **bearer(applicant)).json()
    paid = listed["items"][0]
    assert (listed["offered"], listed["amount_due"], listed["continue_url"]) == (False, None, None)
    assert (paid["state"], paid["reference"], paid["paid_at"] is not None) == ("paid", payment.txn_ref, True)
    assert paid["gateway_transaction_no"] == Payment.objects.get().gateway_transaction_no != ""
    assert paid["e_receipt_url"] == f"/thanh-toan/bien-lai/{payment.pk}/"


def test_a_second_start_while_one_is_pending_is_409_and_charges_nothing(client, awaiting_fees, applicant):
    assert client.post(url(awaiting_fees), **bearer(applicant)).status_code == 201
    response = client.post(url(awaiting_fees), **bearer(applicant))

    assert response.status_code == 409
    assert response.json()["message"].startswith("Your payment started at ")
    assert response.json()["errors"] == []
    assert Payment.objects.count() == 1


def test_another_citizens_dossier_is_404_and_a_dossier_not_awaiting_fees_409(
    client, awaiting_fees, applicant
):
    stranger = citizen(username="nguoi-khac", phone="0987000111", personal_id="001190009999")
    for method in (client.get, client.post):
        response = method(url(awaiting_fees), **bearer(stranger))
        assert (response.status_code, response.json()["errors"]) == (404, [])

    services.start_payment(awaiting_fees, applicant)
    Payment.objects.update(state="paid")
    awaiting_fees.__class__.objects.filter(pk=awaiting_fees.pk).update(state="received")
    response = client.post(url(awaiting_fees), **bearer(applicant))
    assert response.json() == {"message": "The dossier is not awaiting the payment of fees.", "errors": []}
    assert response.status_code == 409


def test_anonymous_is_401(client, awaiting_fees):
    assert client.get(url(awaiting_fees)).status_code == 401
    assert client.post(url(awaiting_fees)).status_code == 401
