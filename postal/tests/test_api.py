"""The shipments API: the counter officer creates a shipment, lists a dossier's shipments with their
tracking states and records one; the citizen reads theirs. The same rules as the dossier pages."""

import pytest

from accounts.api_auth import issue_token
from core.roles import Role
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen
from postal.models import Shipment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tariff(settings):
    settings.MOTCUA_POSTAL_FEE_WITHIN_PROVINCE = 22_000


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'test')[1]}", "HTTP_ACCEPT_LANGUAGE": "en"}


def shipments_url(dossier):
    return f"/api/v1/dossiers/{dossier.code}/shipments"


def test_the_counter_creates_a_shipment_tracks_it_and_the_citizen_reads_it(client, by_post, counter, owner):
    response = client.post(shipments_url(by_post), {}, "application/json", **bearer(counter))

    assert response.status_code == 201, response.content
    created = response.json()
    shipment = Shipment.objects.get()
    assert (created["id"], created["order_number"], created["state"]) == (
        shipment.pk,
        shipment.order_number,
        "created",
    )
    assert (created["postal_fee"], created["cod_amount"]) == (22_000, 22_000)  # the tariff, on delivery
    assert created["receiver"]["name"] == "Nguyễn Thị Hồng Nhung"
    assert [e["state"] for e in created["events"]] == ["created"]

    track = f"{shipments_url(by_post)}/{shipment.pk}/tracking"
    body = {"state": "in_transit", "note": "Bưu cục Hoàn Kiếm"}
    response = client.post(track, body, "application/json", **bearer(counter))
    assert response.status_code == 200, response.content
    assert [(e["state"], e["source"], e["note"]) for e in response.json()["events"]] == [
        ("created", "officer", ""),
        ("in_transit", "officer", "Bưu cục Hoàn Kiếm"),
    ]
    response = client.post(track, {"state": "delivered"}, "application/json", **bearer(counter))
    assert response.json()["state"] == "delivered"
    assert Dossier.objects.get(pk=by_post.pk).state == State.RETURNED

    listed = client.get(shipments_url(by_post), **bearer(counter)).json()
    mine = client.get(f"/api/v1/me/dossiers/{by_post.pk}/shipments", **bearer(owner)).json()
    assert listed == mine
    assert [e["state"] for e in mine[0]["events"]] == ["created", "in_transit", "delivered"]


def test_amounts_given_are_kept_and_bad_ones_are_422(client, by_post, counter):
    body = {"cod_amount": 0, "postal_fee": 30_000}
    response = client.post(shipments_url(by_post), body, "application/json", **bearer(counter))
    assert (response.json()["postal_fee"], response.json()["cod_amount"]) == (30_000, 0)

    Shipment.objects.all().delete()
    response = client.post(shipments_url(by_post), {"cod_amount": -1}, "application/json", **bearer(counter))
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "cod_amount", "message": "At least 0."}]
    assert not Shipment.objects.exists()


def test_refusals_are_in_the_one_shape_and_change_nothing(client, by_post, counter):
    assert client.post(shipments_url(by_post), {}, "application/json", **bearer(counter)).status_code == 201
    again = client.post(shipments_url(by_post), {}, "application/json", **bearer(counter))
    assert (again.status_code, again.json()) == (
        409,
        {"message": "The result is already on its way by post.", "errors": []},
    )

    shipment = Shipment.objects.get()
    track = f"{shipments_url(by_post)}/{shipment.pk}/tracking"
    unknown = client.post(track, {"state": "lost"}, "application/json", **bearer(counter))
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "state"
    client.post(track, {"state": "in_transit"}, "application/json", **bearer(counter))
    backwards = client.post(track, {"state": "handed_to_post"}, "application/json", **bearer(counter))
    assert backwards.status_code == 409
    assert (
        backwards.json()["message"] == "The shipment is “In transit”: it cannot become “Handed to the post”."
    )
    missing = client.post(
        f"{shipments_url(by_post)}/999999/tracking",
        {"state": "delivered"},
        "application/json",
        **bearer(counter),
    )
    assert missing.status_code == 404
    assert Shipment.objects.get().state == "in_transit"


def test_only_the_agencys_counter_officer_writes_and_others_do_not_see_it(client, by_post, counter, owner):
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    refused = client.post(shipments_url(by_post), {}, "application/json", **bearer(specialist))
    assert refused.status_code == 403
    assert client.get(shipments_url(by_post), **bearer(specialist)).json() == []  # may read, as on the page

    elsewhere = OfficerFactory(role=Role.COUNTER_OFFICER)
    assert client.post(shipments_url(by_post), {}, "application/json", **bearer(elsewhere)).status_code == 404
    assert client.get(shipments_url(by_post), **bearer(elsewhere)).status_code == 404
    # The citizen's route is theirs only; the officers' route is not the citizen's.
    stranger = citizen(username="nguoi-khac", phone="0987000111", personal_id="001190009999")
    assert client.get(f"/api/v1/me/dossiers/{by_post.pk}/shipments", **bearer(stranger)).status_code == 404
    assert client.get(shipments_url(by_post), **bearer(owner)).status_code == 404
    assert not Shipment.objects.exists()
