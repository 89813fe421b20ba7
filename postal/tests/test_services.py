"""Creating a shipment and recording its tracking states, with the dossier's return on delivery."""

import json
from datetime import UTC, datetime

import pytest
from django.core.files.storage import default_storage

from core import outbox
from core.roles import Role
from dossiers.constants import ResultDelivery
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from dossiers.services import DossierNotFound
from dossiers.tests.factories import OfficerFactory
from postal.carriers.providers import ORDER_FOLDER
from postal.models import CarrierOrder, Shipment, ShipmentEvent
from postal.services import create_shipment, record_tracking

from .conftest import DELIVERY_ADDRESS, RECEIVER, issued_dossier

pytestmark = pytest.mark.django_db

CREATED_AT = datetime(2026, 3, 9, 4, 0, tzinfo=UTC)
DELIVERED_AT = datetime(2026, 3, 11, 7, 30, tzinfo=UTC)


def test_a_shipment_for_a_result_delivered_by_post(by_post_through_the_steps, counter):
    by_post = by_post_through_the_steps
    shipment = create_shipment(by_post, counter, cod_amount=0, postal_fee=25000, now=CREATED_AT)

    assert shipment.order_number == f"MC{by_post.pk:08d}01"
    assert (shipment.carrier, shipment.state, shipment.created_by) == ("file", "created", counter)
    assert (shipment.cod_amount, shipment.postal_fee, shipment.tracking_number) == (0, 25000, "")
    assert shipment.receiver == {
        "name": RECEIVER,
        "phone": "0912345678",
        "address": DELIVERY_ADDRESS,
        "province_code": 1,
        "ward_code": 70,
    }
    assert shipment.sender == {
        "name": "UBND phường Ba Đình",
        "phone": "02438221234",
        "address": "1 Hoàng Diệu, Phường Hoàn Kiếm, Thành phố Hà Nội",
        "province_code": 1,
        "ward_code": 70,
    }
    event = shipment.events.get()
    assert (event.state, event.at, event.source, event.recorded_by) == (
        "created",
        CREATED_AT,
        "officer",
        counter,
    )
    order = CarrierOrder.objects.get(shipment=shipment)
    assert (order.status, order.payload["order_number"], order.payload["cod_amount"]) == (
        "pending",
        shipment.order_number,
        0,
    )
    assert order.task_id  # queued with the shipment, in the same transaction


def test_the_file_carrier_writes_the_order_and_the_tracking_number_comes_back(by_post, counter):
    shipment = create_shipment(by_post, counter, now=CREATED_AT)
    order = CarrierOrder.objects.get(shipment=shipment)

    assert outbox.deliver(CarrierOrder, order.pk, now=CREATED_AT) == "sent"

    name = f"{ORDER_FOLDER}/{shipment.order_number}.json"
    written = json.loads(default_storage.open(name).read().decode("utf-8"))
    assert written["receiver"]["name"] == RECEIVER
    assert written["idempotency_key"] == str(order.uuid)
    shipment.refresh_from_db()
    assert shipment.tracking_number == shipment.order_number
    assert outbox.deliver(CarrierOrder, order.pk, now=CREATED_AT) == "skipped"  # never sent twice


def test_a_carrier_that_is_down_is_retried(by_post, counter, settings):
    settings.MOTCUA_POSTAL_CARRIER = "failing"
    shipment = create_shipment(by_post, counter, now=CREATED_AT)
    order = CarrierOrder.objects.get(shipment=shipment)

    assert outbox.deliver(CarrierOrder, order.pk, now=CREATED_AT) == "retry"

    order.refresh_from_db()
    assert (order.status, order.attempts, order.last_error) == (
        "pending",
        1,
        "CarrierError: postal carrier unavailable",
    )
    assert Shipment.objects.get(pk=shipment.pk).tracking_number == ""


def _nothing_created():
    return not Shipment.objects.exists() and not CarrierOrder.objects.exists()


def test_refused_for_a_result_returned_at_the_counter(counter, english):
    dossier = issued_dossier(counter, delivery=ResultDelivery.COUNTER, through_the_steps=False)
    with pytest.raises(DomainError) as refused:
        create_shipment(dossier, counter)
    assert str(refused.value) == "The applicant did not choose to receive the result by post."
    assert _nothing_created()


def test_refused_for_another_agency_s_officer_and_for_a_specialist(by_post, counter, english):
    with pytest.raises(DossierNotFound):
        create_shipment(by_post, OfficerFactory(role=Role.COUNTER_OFFICER))
    with pytest.raises(DomainError) as refused:
        create_shipment(by_post, OfficerFactory(role=Role.SPECIALIST, agency=counter.agency))
    assert str(refused.value) == "Only a one-stop counter officer of the agency sends results by post."
    assert _nothing_created()


def test_refused_before_the_result_is_issued_twice_or_without_address(by_post, counter, english):
    create_shipment(by_post, counter)
    with pytest.raises(DomainError) as refused:
        create_shipment(by_post, counter)
    assert str(refused.value) == "The result is already on its way by post."
    assert Shipment.objects.count() == 1

    Dossier.objects.filter(pk=by_post.pk).update(state=State.APPROVED)
    Shipment.objects.all().delete()
    with pytest.raises(DomainError) as refused:
        create_shipment(by_post, counter)
    assert str(refused.value) == "A shipment is created once the result is issued and before it is returned."

    Dossier.objects.filter(pk=by_post.pk).update(
        state=State.RESULT_ISSUED, delivery_address="", applicant_province_code=None, applicant_ward_code=None
    )
    with pytest.raises(DomainError) as refused:
        create_shipment(by_post, counter)
    assert str(refused.value) == "The dossier has no delivery address: the post cannot deliver the result."
    with pytest.raises(DomainError):
        create_shipment(by_post, counter, cod_amount=-1)


def test_delivered_reported_by_the_carrier_returns_the_result_as_the_system(
    by_post_through_the_steps, counter
):
    by_post = by_post_through_the_steps
    shipment = create_shipment(by_post, counter, now=CREATED_AT)
    record_tracking(
        shipment, "handed_to_post", at=CREATED_AT, source="carrier", raw={"state": "handed_to_post"}
    )

    recorded = record_tracking(shipment, "delivered", at=DELIVERED_AT, source="carrier", note="Người nhận ký")

    assert (recorded.changed, recorded.shipment.state) == (True, "delivered")
    dossier = Dossier.objects.get(pk=by_post.pk)
    assert (dossier.state, dossier.closed_at) == (State.RETURNED, DELIVERED_AT)
    entry = dossier.log.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.actor_role, entry.at) == (
        "return_result",
        None,
        "system",
        DELIVERED_AT,
    )
    assert shipment.order_number in entry.comment
    assert list(shipment.events.values_list("state", "source")) == [
        ("created", "officer"),
        ("handed_to_post", "carrier"),
        ("delivered", "carrier"),
    ]


def test_delivered_entered_by_the_officer_returns_the_result_as_the_officer(by_post, counter):
    shipment = create_shipment(by_post, counter, now=CREATED_AT)

    record_tracking(shipment, "delivered", at=DELIVERED_AT, user=counter, note="Phát tận tay")

    dossier = Dossier.objects.get(pk=by_post.pk)
    entry = dossier.log.order_by("-id").first()
    assert (dossier.state, entry.actor_id, entry.actor_role) == (
        State.RETURNED,
        counter.pk,
        "counter_officer",
    )
    event = ShipmentEvent.objects.get(shipment=shipment, state="delivered")
    assert (event.source, event.recorded_by, event.note) == ("officer", counter, "Phát tận tay")


def test_a_repeat_changes_nothing_and_a_move_backwards_is_refused(by_post, counter, english):
    shipment = create_shipment(by_post, counter, now=CREATED_AT)
    record_tracking(shipment, "in_transit", source="carrier")
    log_count = by_post.log.count()

    assert record_tracking(shipment, "in_transit", source="carrier").changed is False
    with pytest.raises(DomainError) as refused:
        record_tracking(shipment, "handed_to_post", user=counter)
    assert str(refused.value) == "The shipment is “In transit”: it cannot become “Handed to the post”."
    with pytest.raises(DomainError):
        record_tracking(shipment, "lost", source="carrier")
    assert shipment.events.count() == 2
    assert by_post.log.count() == log_count
    assert Shipment.objects.get(pk=shipment.pk).state == "in_transit"


def test_only_the_agency_s_counter_officers_enter_a_state(by_post, counter):
    shipment = create_shipment(by_post, counter, now=CREATED_AT)
    with pytest.raises(DossierNotFound):
        record_tracking(shipment, "delivered", user=OfficerFactory(role=Role.COUNTER_OFFICER))
    with pytest.raises(DomainError):
        record_tracking(shipment, "delivered", user=OfficerFactory(role=Role.LEADER, agency=counter.agency))
    assert Shipment.objects.get(pk=shipment.pk).state == "created"
    assert Dossier.objects.get(pk=by_post.pk).state == State.RESULT_ISSUED


def test_after_a_return_to_the_sender_a_new_shipment_may_be_created(by_post, counter):
    first = create_shipment(by_post, counter, now=CREATED_AT)
    record_tracking(first, "returned_to_sender", source="carrier", note="Không có người nhận")
    assert Dossier.objects.get(pk=by_post.pk).state == State.RESULT_ISSUED

    second = create_shipment(by_post, counter)

    assert second.order_number == f"MC{by_post.pk:08d}02"
