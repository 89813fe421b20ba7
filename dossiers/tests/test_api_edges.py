"""The officers' and citizens' API at its edges: what a new user tried, refused clearly, saving nothing.

Each case was a 500, or was accepted, before: ``applicant_type`` -1, 10^30 or 7; a lone surrogate, NUL
bytes or only zero-width spaces in a name; Arabic-Indic digits in a personal ID or a phone; an unknown
result delivery; postal delivery without an address; a 12,000-character address; an apology date
without a time zone; an action body that is not a JSON object; parse errors and CSRF refusals in
another shape; 2,000 supplement items.
"""

import json
from datetime import datetime

import pytest
from django.test import Client

from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier, ProcessLogEntry, SupplementRequest
from dossiers.services import SUPPLEMENT_ITEMS_MAX, perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_api import bearer, reception_body

pytestmark = pytest.mark.django_db


def _post(client, path, body, auth):
    raw = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.generic("POST", path, raw, content_type="application/json", **auth)


def _refused(response, status=422):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "errors"} and body["message"]
    return body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant_type": -1}, "applicant_type"),
        ({"applicant_type": 10**30}, "applicant_type"),
        ({"applicant_type": 7}, "applicant_type"),
        ({"name": "\ud800"}, "name"),
        ({"name": "Nguyễn\x00Văn"}, "name"),
        ({"name": "\u200b\u200b\u200b"}, "name"),
        ({"id_number": "٠٢٢٣٠١٠٠٤٥٦٧"}, "id_number"),
        ({"phone": "٠٩١٢٣٤٥٦٧٨"}, "phone"),
        ({"street": "x" * 12_000}, "street"),
    ],
)
def test_reception_refuses_bad_applicants_and_saves_nothing(client, counter, procedure, change, field):
    body = reception_body(procedure)
    body["applicant"].update(change)
    raw = json.dumps(body, ensure_ascii=True)  # a lone surrogate travels as its \\ud800 escape
    response = _post(client, "/api/v1/dossiers", raw, bearer(counter))
    errors = _refused(response)["errors"]
    assert any(field in item["field"] for item in errors), errors
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"result_delivery": "teleport"}, "result_delivery"),
        ({"result_delivery": "post"}, "delivery_address"),
        ({"result_delivery": "post", "delivery_address": "x" * 12_000}, "delivery_address"),
        ({"channel": 2}, "channel"),
        ({"comment": "a\x00b"}, "comment"),
    ],
)
def test_reception_refuses_bad_deliveries_and_channels(client, counter, procedure, change, field):
    body = {**reception_body(procedure), **change}
    errors = _refused(_post(client, "/api/v1/dossiers", body, bearer(counter)))["errors"]
    assert any(field in item["field"] for item in errors), errors
    assert not Dossier.objects.exists()


def test_the_refusal_messages_are_in_the_callers_language(client, counter, procedure):
    body = reception_body(procedure)
    body["applicant"]["applicant_type"] = 7
    response = client.post(
        "/api/v1/dossiers", body, "application/json", HTTP_ACCEPT_LANGUAGE="vi", **bearer(counter)
    )
    messages = [item["message"] for item in response.json()["errors"]]
    assert any(message.startswith("Chọn một trong") for message in messages), messages


@pytest.mark.parametrize("body", [b"[]", b'"assign"', b"42", b"null", b"[{}]"])
def test_an_action_body_that_is_not_an_object_is_refused_and_nothing_is_done(client, counter, body):
    dossier = received_dossier(counter)
    before = (Dossier.objects.get().state, ProcessLogEntry.objects.count())
    response = _post(client, f"/api/v1/dossiers/{dossier.code}/actions/assign", body, bearer(counter))
    _refused(response, 400)
    assert (Dossier.objects.get().state, ProcessLogEntry.objects.count()) == before


def test_unreadable_json_is_a_400_in_the_documented_shape(client, counter):
    _refused(_post(client, "/api/v1/dossiers", b"{not json", bearer(counter)), 400)


def test_a_csrf_refusal_is_in_the_documented_shape(counter):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(counter)
    _refused(_post(browser, "/api/v1/dossiers", {}, {}), 403)
    _refused(Client().get("/api/v1/dossiers"), 401)


def test_an_apology_date_without_a_time_zone_is_vietnam_time(client, counter):
    dossier = received_dossier(counter)
    perform(dossier, counter, Action.ASSIGN)
    specialist = OfficerFactory(agency=counter.agency, role="specialist")
    later = Dossier.objects.get().appointment_at.astimezone().replace(tzinfo=None)
    naive = later.replace(year=later.year + 1, hour=9, minute=0, second=0, microsecond=0)
    response = _post(
        client,
        f"/api/v1/dossiers/{dossier.code}/apology",
        {"new_appointment": naive.isoformat(), "reason": "Chờ xác minh"},
        bearer(specialist),
    )
    assert response.status_code == 200, response.content
    stored = Dossier.objects.get().appointment_at
    from zoneinfo import ZoneInfo

    assert stored == naive.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert isinstance(stored, datetime)


def test_a_supplement_request_is_capped_with_a_message(client, counter):
    dossier = received_dossier(counter)
    perform(dossier, counter, Action.ASSIGN)
    specialist = OfficerFactory(agency=counter.agency, role="specialist")
    items = [{"name": f"Giấy tờ {n}"} for n in range(2000)]
    response = _post(
        client,
        f"/api/v1/dossiers/{dossier.code}/actions/request_supplement",
        {"supplement_items": items},
        bearer(specialist),
    )
    _refused(response)
    with pytest.raises(DomainError):  # the service refuses it too: it is the last line
        perform(
            dossier, specialist, Action.REQUEST_SUPPLEMENT, supplement_items=items[: SUPPLEMENT_ITEMS_MAX + 1]
        )
    assert not SupplementRequest.objects.exists()
    assert Dossier.objects.get().state == State.IN_PROGRESS
