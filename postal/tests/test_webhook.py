"""The carrier's signed webhook: a report with a good signature is recorded once; nothing else is."""

import hashlib
import hmac
import json

import pytest
from django.urls import reverse

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from postal.models import Shipment, ShipmentEvent
from postal.services import create_shipment

pytestmark = pytest.mark.django_db

SECRET = "bi-mat-chung-cua-buu-dien"  # conftest's MOTCUA_POSTAL_WEBHOOK_SECRET


def post(client, payload, *, secret=SECRET, signature=None):
    body = json.dumps(payload).encode()
    # Computed here, independently of postal.webhook.
    signature = signature or hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        reverse("postal:webhook"), body, content_type="application/json", HTTP_X_POSTAL_SIGNATURE=signature
    )


@pytest.fixture
def shipment(by_post, counter):
    return create_shipment(by_post, counter)


def report(shipment, state, at="2026-03-11T14:30:00+07:00"):
    return {"order_number": shipment.order_number, "state": state, "at": at, "note": "Bưu cục Hoàn Kiếm"}


def test_a_signed_report_is_recorded_and_delivered_closes_the_dossier(client, shipment):
    response = post(client, report(shipment, "in_transit"))
    assert (response.status_code, response.json()) == (
        200,
        {"ok": True, "changed": True, "state": "in_transit"},
    )

    response = post(client, report(shipment, "delivered", at="2026-03-12T10:00:00+07:00"))

    assert response.json() == {"ok": True, "changed": True, "state": "delivered"}
    event = ShipmentEvent.objects.get(shipment=shipment, state="delivered")
    assert (event.source, event.note, event.raw["state"]) == ("carrier", "Bưu cục Hoàn Kiếm", "delivered")
    assert event.at.isoformat() == "2026-03-12T03:00:00+00:00"
    dossier = Dossier.objects.get(pk=shipment.dossier_id)
    assert dossier.state == State.RETURNED
    assert dossier.log.order_by("-id").first().actor_role == "system"


@pytest.mark.parametrize(
    "signature",
    ["0" * 64, "", "sha256=" + "f" * 64],
)
def test_a_bad_signature_is_refused_and_changes_nothing(client, shipment, signature):
    payload = report(shipment, "delivered")
    response = post(client, payload, signature=signature or None, secret="not-the-secret")

    assert response.status_code == 403
    assert Shipment.objects.get(pk=shipment.pk).state == "created"
    assert ShipmentEvent.objects.filter(shipment=shipment).count() == 1
    assert Dossier.objects.get(pk=shipment.dossier_id).state == State.RESULT_ISSUED


def test_a_body_changed_after_signing_is_refused(client, shipment):
    body = json.dumps(report(shipment, "in_transit")).encode()
    signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    forged = body.replace(b"in_transit", b"delivered")
    response = client.post(
        reverse("postal:webhook"), forged, content_type="application/json", HTTP_X_POSTAL_SIGNATURE=signature
    )
    assert response.status_code == 403
    assert Shipment.objects.get(pk=shipment.pk).state == "created"


def test_without_a_configured_secret_every_report_is_refused(client, shipment, settings):
    settings.MOTCUA_POSTAL_WEBHOOK_SECRET = ""
    assert post(client, report(shipment, "in_transit"), secret="").status_code == 403
    assert Shipment.objects.get(pk=shipment.pk).state == "created"


def test_a_replay_changes_nothing(client, shipment):
    payload = report(shipment, "delivered")
    assert post(client, payload).json()["changed"] is True
    log_count = shipment.dossier.log.count()

    again = post(client, payload)
    older = post(client, report(shipment, "created"))

    assert (again.status_code, again.json()) == (200, {"ok": True, "changed": False, "state": "delivered"})
    assert (older.status_code, older.json()["changed"]) == (200, False)
    assert ShipmentEvent.objects.filter(shipment=shipment).count() == 2
    assert shipment.dossier.log.count() == log_count


def test_a_time_without_offset_is_the_province_s(client, shipment):
    post(client, report(shipment, "handed_to_post", at="2026-03-11T08:15:00"))
    event = ShipmentEvent.objects.get(shipment=shipment, state="handed_to_post")
    assert event.at.isoformat() == "2026-03-11T01:15:00+00:00"


def test_unknown_orders_malformed_reports_and_refused_moves(client, shipment):
    assert post(client, {"order_number": "MC999", "state": "delivered"}).status_code == 404
    assert post(client, {"state": "delivered"}).status_code == 400
    assert post(client, ["not", "an", "object"]).status_code == 400
    assert post(client, report(shipment, "delivered", at="yesterday")).status_code == 400
    assert post(client, report(shipment, "delivered")).status_code == 200
    refused = post(client, report(shipment, "in_transit"))
    assert refused.status_code == 409
    assert client.get(reverse("postal:webhook")).status_code == 405


# ── the national post's own status codes (postal.carriers.vnpost.STATUS_CODES) ──────────────────────


def vnpost_report(shipment, code, date="11/03/2026 14:30:00"):
    return {
        "OrderNumber": shipment.order_number,
        "ItemCode": "EE123456785VN",
        "StatusCode": code,
        "StatusDate": date,
        "StatusName": "Bưu cục Hoàn Kiếm",
    }


def test_the_posts_status_codes_become_our_tracking_states(client, shipment, settings):
    settings.MOTCUA_POSTAL_CARRIER = "vnpost"
    answers = [post(client, vnpost_report(shipment, code)).json() for code in ("10", "20", "50", "60")]

    assert answers == [
        {"ok": True, "changed": False, "state": "created"},  # order registered: nothing of ours
        {"ok": True, "changed": True, "state": "handed_to_post"},
        {"ok": True, "changed": True, "state": "in_transit"},
        {"ok": True, "changed": False, "state": "in_transit"},  # a failed attempt: the post tries again
    ]
    response = post(client, vnpost_report(shipment, "70", date="12/03/2026 10:00:00"))
    assert response.json() == {"ok": True, "changed": True, "state": "delivered"}
    event = ShipmentEvent.objects.get(shipment=shipment, state="delivered")
    # "dd/MM/yyyy HH:mm:ss" in Việt Nam time (UTC+7)
    assert (event.at.isoformat(), event.note) == ("2026-03-12T03:00:00+00:00", "Bưu cục Hoàn Kiếm")
    assert event.raw["StatusCode"] == "70"
    assert Dossier.objects.get(pk=shipment.dossier_id).state == State.RETURNED


def test_the_post_returning_the_parcel_is_returned_to_the_sender(client, shipment, settings):
    settings.MOTCUA_POSTAL_CARRIER = "vnpost"
    assert post(client, vnpost_report(shipment, "80")).json()["changed"] is False
    assert post(client, vnpost_report(shipment, "90")).json() == {
        "ok": True,
        "changed": True,
        "state": "returned_to_sender",
    }
    assert Dossier.objects.get(pk=shipment.dossier_id).state == State.RESULT_ISSUED


@pytest.mark.parametrize(
    "change", [{"StatusCode": "999"}, {"StatusDate": "2026-03-12 10:00"}, {"StatusCode": ""}]
)
def test_an_unknown_status_code_or_date_is_refused_and_changes_nothing(client, shipment, settings, change):
    settings.MOTCUA_POSTAL_CARRIER = "vnpost"
    response = post(client, {**vnpost_report(shipment, "70"), **change})
    assert (response.status_code, response.json()) == (400, {"ok": False, "error": "malformed report"})
    assert list(ShipmentEvent.objects.filter(shipment=shipment).values_list("state", flat=True)) == [
        "created"
    ]


def test_a_status_code_report_with_a_bad_signature_is_refused(client, shipment, settings):
    settings.MOTCUA_POSTAL_CARRIER = "vnpost"
    response = post(client, vnpost_report(shipment, "70"), signature="0" * 64)
    assert response.status_code == 403
    assert Shipment.objects.get(pk=shipment.pk).state == "created"
