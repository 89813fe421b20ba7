"""The officers' dossier API and the public status lookup."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from accounts.api_auth import issue_token
from catalog.tests.factories import AgencyFactory
from core.roles import Role
from dossiers.models import Dossier, ProcessLogEntry
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'test')[1]}"}


def reception_body(procedure, **applicant):
    details = {"name": "Nguyễn Thị Hồng Nhung", "id_number": "022301004567", "phone": "0912345678"}
    details.update(applicant)
    components = [c.pk for c in procedure.components.all()]
    return {"procedure": procedure.code, "channel": 1, "applicant": details, "components": components}


def test_anonymous_is_401(client):
    assert client.get("/api/v1/dossiers").status_code == 401
    assert client.get("/api/v1/dossiers/X").status_code == 401


def test_counter_reception_gives_code_appointment_steps_and_log(client, counter, procedure):
    response = client.post(
        "/api/v1/dossiers", reception_body(procedure), "application/json", **bearer(counter)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["code"] == dossier.code and body["state"] == "received"
    assert body["national_status"] is not None and body["appointment_at"]
    assert len(body["steps"]) == 3
    assert [entry["action"] for entry in body["log"]] == ["receive"]
    assert "assign" in body["allowed_actions"]


def test_reception_refuses_bad_ids_and_other_roles(client, counter, procedure):
    bad = client.post(
        "/api/v1/dossiers", reception_body(procedure, id_number="123"), "application/json", **bearer(counter)
    )
    assert bad.status_code == 422
    assert "applicant_id_number" in {item["field"] for item in bad.json()["errors"]}
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    refused = client.post(
        "/api/v1/dossiers", reception_body(procedure), "application/json", **bearer(specialist)
    )
    assert refused.status_code == 403 and refused.json()["message"]
    unknown = dict(reception_body(procedure), procedure="0.000000")
    assert client.post("/api/v1/dossiers", unknown, "application/json", **bearer(counter)).status_code == 422
    assert not Dossier.objects.exists()


def test_every_transition_goes_through_the_api_and_refusals_change_nothing(client, counter, procedure):
    dossier = received_dossier(officer=counter, procedure=procedure)
    url = f"/api/v1/dossiers/{dossier.code}/actions"
    auth = bearer(counter)
    refused = client.post(f"{url}/approve", {}, "application/json", **auth)
    assert refused.status_code == 409 and refused.json()["message"]
    assert Dossier.objects.get().state == "received"
    assert ProcessLogEntry.objects.count() == 1
    assert client.post(f"{url}/teleport", {}, "application/json", **auth).status_code == 404
    no_items = client.post(f"{url}/request_supplement", {}, "application/json", **auth)
    assert no_items.status_code == 409
    assert (
        client.post(f"{url}/assign", {"comment": "Giao xử lý"}, "application/json", **auth).status_code == 200
    )
    forwarded = client.post(f"{url}/forward", {}, "application/json", **auth)
    assert forwarded.status_code == 200 and forwarded.json()["state"] == "in_progress"
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    response = client.post(
        f"{url}/request_supplement",
        {"supplement_items": [{"name": "Bản sao giấy khai sinh", "reason": "Mờ"}]},
        "application/json",
        **bearer(specialist),
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "awaiting_supplement"


def test_apology_sets_a_new_appointment(client, counter, procedure):
    dossier = received_dossier(officer=counter, procedure=procedure)
    manager = OfficerFactory(role=Role.MANAGER, agency=counter.agency)
    later = dossier.appointment_at + timedelta(days=3)
    response = client.post(
        f"/api/v1/dossiers/{dossier.code}/apology",
        {"new_appointment": later.isoformat(), "reason": "Cần xác minh thêm"},
        "application/json",
        **bearer(manager),
    )
    assert response.status_code == 200, response.content
    assert Dossier.objects.get().appointment_at == later
    earlier = client.post(
        f"/api/v1/dossiers/{dossier.code}/apology",
        {"new_appointment": dossier.received_at.isoformat(), "reason": "x"},
        "application/json",
        **bearer(manager),
    )
    assert earlier.status_code == 409


def test_another_agency_gets_404_like_an_unknown_code(client, counter, procedure):
    dossier = received_dossier(officer=counter, procedure=procedure)
    stranger = OfficerFactory(role=Role.COUNTER_OFFICER, agency=AgencyFactory())
    auth = bearer(stranger)
    assert client.get(f"/api/v1/dossiers/{dossier.code}", **auth).status_code == 404
    assert client.get("/api/v1/dossiers/NOPE-1", **auth).status_code == 404
    action = client.post(f"/api/v1/dossiers/{dossier.code}/actions/assign", {}, "application/json", **auth)
    assert action.status_code == 404
    assert Dossier.objects.get().state == "received"
    assert client.get("/api/v1/dossiers", **auth).json()["count"] == 0
    from dossiers.tests.test_submission import citizen

    assert client.get(f"/api/v1/dossiers/{dossier.code}", **bearer(citizen())).status_code == 404


def test_list_filters_in_the_database_with_constant_queries(
    client, counter, procedure, django_assert_num_queries
):
    auth = bearer(counter)
    received_dossier(officer=counter, procedure=procedure)
    client.get("/api/v1/dossiers", **auth)
    with django_assert_num_queries(3):  # token, count, page
        assert client.get("/api/v1/dossiers", **auth).json()["count"] == 1
    for _ in range(29):
        received_dossier(officer=counter, procedure=procedure)
    with django_assert_num_queries(3):
        body = client.get("/api/v1/dossiers?state=received", **auth).json()
    assert body["count"] == 30 and len(body["items"]) == 25 and body["pages"] == 2
    assert body["next"].endswith("page=2") and "state=received" in body["next"]
    assert client.get("/api/v1/dossiers?overdue=true", **auth).json()["count"] == 0
    assert client.get(f"/api/v1/dossiers?procedure={procedure.code}", **auth).json()["count"] == 30
    assert client.get("/api/v1/dossiers?procedure=0.0", **auth).json()["count"] == 0
    assert client.get("/api/v1/dossiers?state=nonsense", **auth).status_code == 422


def test_public_lookup_is_the_same_404_for_a_wrong_id_and_an_unknown_code(client):
    dossier = received_dossier(id_number="022301004567", phone="0912345678")
    url = f"/api/v1/public/dossiers/{dossier.code}"
    found = client.get(url, {"applicant_id": "0912345678"})
    assert found.status_code == 200
    body = found.json()
    assert body["code"] == dossier.code and len(body["steps"]) == 3
    assert "comment" not in str(body) and "actor" not in body
    wrong = client.get(url, {"applicant_id": "022301009999"})
    unknown = client.get(
        "/api/v1/public/dossiers/000.00.00.H00-260101-9999", {"applicant_id": "022301004567"}
    )
    missing = client.get(url)
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.content == unknown.content == missing.content


def test_public_lookup_is_rate_limited(client):
    for _ in range(20):
        client.get("/api/v1/public/dossiers/X", {"applicant_id": "1"})
    assert client.get("/api/v1/public/dossiers/X", {"applicant_id": "1"}).status_code == 429
