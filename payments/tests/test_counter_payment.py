"""Fees paid at the counter (cash or card): only the counter officer of the dossier's agency records
them, for exactly the fees due, once; the dossier proceeds as after an online payment, with the same
e-receipt."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import DossierNotFound, perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from payments import services
from payments.counter import CounterPaymentRefused, record_counter_payment
from payments.models import Payment, PaymentEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_3_awaiting_fees(counter):
    procedure = procedure_with_details(agencies=[counter.agency], service_level=3)
    return perform(received_dossier(officer=counter, procedure=procedure), counter, Action.REQUEST_FEES)


def english(error) -> str:
    with translation.override("en"):
        return str(error)


def snapshot(dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    return dossier.state, dossier.log.count(), Payment.objects.count(), PaymentEvent.objects.count()


def test_the_counter_officer_records_a_card_payment_the_dossier_proceeds_with_its_receipt(
    level_3_awaiting_fees, counter
):
    payment = record_counter_payment(
        level_3_awaiting_fees, counter, method="card", amount=1_250_000, card_slip=" POS-000123 "
    )

    assert (payment.state, payment.method, payment.amount, payment.card_slip, payment.gateway) == (
        "paid",
        "card",
        1_250_000,
        "POS-000123",
        "counter",
    )
    assert payment.fee_lines == [
        {"fee_id": payment.fee_lines[0]["fee_id"], "name": "Phí thẩm định", "amount": 1250000}
    ]
    event = payment.events.get()
    assert (event.from_state, event.to_state, event.source, event.by_id) == (
        "",
        "paid",
        "officer",
        counter.pk,
    )
    dossier = Dossier.objects.get(pk=level_3_awaiting_fees.pk)
    assert dossier.state == State.RECEIVED
    entry = dossier.log.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.actor_role) == ("pay_fees", counter.pk, "counter_officer")
    assert payment.txn_ref in entry.comment
    payment.refresh_from_db()
    assert payment.receipt.kind == "fee_receipt" and payment.receipt_number.endswith(" 0000001")


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.LEADER, Role.MANAGER])
def test_only_the_counter_officer_records_it(level_3_awaiting_fees, counter, role):
    before = snapshot(level_3_awaiting_fees)
    with pytest.raises(CounterPaymentRefused) as refused:
        record_counter_payment(
            level_3_awaiting_fees,
            OfficerFactory(agency=counter.agency, role=role),
            method="cash",
            amount=1_250_000,
        )
    assert "counter officer" in english(refused.value)
    assert snapshot(level_3_awaiting_fees) == before


def test_an_officer_of_another_agency_does_not_see_the_dossier(level_3_awaiting_fees):
    before = snapshot(level_3_awaiting_fees)
    with pytest.raises(DossierNotFound):
        record_counter_payment(
            level_3_awaiting_fees, OfficerFactory(role=Role.COUNTER_OFFICER), method="cash", amount=1_250_000
        )
    assert snapshot(level_3_awaiting_fees) == before


@pytest.mark.parametrize("amount", [1_249_999, 1_250_001, 0])
def test_the_amount_must_be_the_fees_due(level_3_awaiting_fees, counter, amount):
    before = snapshot(level_3_awaiting_fees)
    with pytest.raises(CounterPaymentRefused) as refused:
        record_counter_payment(level_3_awaiting_fees, counter, method="cash", amount=amount)
    assert english(refused.value) == "The amount received must be the fees due: 1.250.000 VND."
    assert snapshot(level_3_awaiting_fees) == before


def test_no_double_payment_and_no_other_method(level_3_awaiting_fees, counter):
    record_counter_payment(level_3_awaiting_fees, counter, method="cash", amount=1_250_000)
    before = snapshot(level_3_awaiting_fees)
    with pytest.raises(CounterPaymentRefused) as refused:
        record_counter_payment(level_3_awaiting_fees, counter, method="cash", amount=1_250_000)
    assert english(refused.value) == "The dossier is not awaiting the payment of fees."
    with pytest.raises(CounterPaymentRefused):
        record_counter_payment(level_3_awaiting_fees, counter, method="online", amount=1_250_000)
    assert snapshot(level_3_awaiting_fees) == before


def test_not_while_an_online_payment_waits_for_the_gateway(awaiting_fees, applicant, counter):
    pending = services.start_payment(awaiting_fees, applicant).payment
    before = snapshot(awaiting_fees)
    with pytest.raises(CounterPaymentRefused) as refused:
        record_counter_payment(awaiting_fees, counter, method="cash", amount=1_250_000)
    assert pending.txn_ref in english(refused.value)
    assert snapshot(awaiting_fees) == before


def test_the_back_office_form(client, level_3_awaiting_fees, counter, settings):
    settings.LANGUAGE_CODE = "en"
    code = level_3_awaiting_fees.code
    page_url = reverse("backoffice:dossier", args=[code])
    url = reverse("backoffice:counter_payment", args=[code])
    client.force_login(OfficerFactory(agency=counter.agency, role=Role.SPECIALIST))
    assert 'id="counter-payment"' not in client.get(page_url).content.decode()
    assert client.post(url, {"method": "cash", "amount": 1_250_000}).status_code == 404

    client.force_login(counter)
    page = client.get(page_url).content.decode()
    assert 'id="counter-payment"' in page and 'value="1250000"' in page
    wrong = client.post(url, {"method": "cash", "amount": 1_000_000}, follow=True)
    assert "The amount received must be the fees due: 1.250.000 VND." in wrong.content.decode()
    assert not Payment.objects.exists()
    done = client.post(url, {"method": "cash", "amount": 1_250_000}, follow=True)
    payment = Payment.objects.get()
    assert f"Payment recorded ({payment.txn_ref})" in done.content.decode()
    assert reverse("backoffice:fee_receipt", args=[code, payment.pk]) in done.content.decode()
    assert 'id="counter-payment"' not in done.content.decode()
