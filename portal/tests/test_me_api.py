"""The citizen API: drafts, uploads, submission, supplements and withdrawal through /api/v1/me/…"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.api_auth import issue_token
from catalog.models import FormField
from catalog.tests.factories import procedure_with_details
from dossiers import submission
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierFile
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import PDF, citizen

pytestmark = pytest.mark.django_db

BASE = "/api/v1/me/dossiers"


@pytest.fixture
def procedure():
    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(procedure=procedure, order=1, key="birth_date", label="Ngày sinh", kind="date")
    FormField.objects.create(
        procedure=procedure, order=2, key="kind", label="Loại phiếu", kind="choice", choices=["Số 1", "Số 2"]
    )
    return procedure


@pytest.fixture
def user():
    return citizen()


def bearer(user):
    _token, secret = issue_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def auth(user):
    return bearer(user)


def upload(client, auth, dossier_id, component_id, content=PDF, name="to-khai.pdf"):
    return client.post(
        f"{BASE}/{dossier_id}/files",
        {
            "component": component_id,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
        **auth,
    )


def test_anonymous_callers_are_refused(client):
    assert client.get(BASE).status_code == 401
    assert client.post(BASE, {"procedure": "x"}, content_type="application/json").status_code == 401


def test_the_whole_online_submission_through_the_api(client, auth, procedure, user):
    response = client.post(BASE, {"procedure": procedure.code}, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    draft = response.json()
    assert draft["code"] is None and draft["state"] == "draft"
    assert draft["applicant"]["id_number"] == user.personal_id  # prefilled from the account
    assert {item["field"] for item in draft["to_do"]} >= {"birth_date", "kind"}

    response = client.put(
        f"{BASE}/{draft['id']}",
        {"form_data": {"birth_date": "25/03/1990", "kind": "Số 1"}, "result_delivery": "online"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200, response.content
    assert response.json()["form_data"] == {"birth_date": "1990-03-25", "kind": "Số 1"}

    required = procedure.components.get(required=True)
    response = upload(client, auth, draft["id"], required.pk)
    assert response.status_code == 201, response.content
    file_url = response.json()["url"]
    assert client.get(file_url, **auth).status_code == 200

    response = client.post(f"{BASE}/{draft['id']}/submit", **auth)
    assert response.status_code == 200, response.content
    sent = response.json()
    assert sent["state"] == "submitted" and sent["code"] and sent["appointment_at"]
    assert sent["national_status"] is not None
    receipt = client.get(sent["receipt_url"], **auth)
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(b"%PDF-")
    documents = client.get(f"{BASE}/{draft['id']}", **auth).json()["documents"]
    assert [doc["kind"] for doc in documents] == ["receipt"]  # stored once, listed from then on
    assert sent["timeline"][0]["action"] == "submit"

    listing = client.get(BASE, **auth).json()
    assert listing["count"] == 1 and listing["items"][0]["code"] == sent["code"]


def test_bad_answers_are_422_per_field_and_nothing_is_saved(client, auth, procedure, user):
    draft = submission.start_draft(user, procedure)
    response = client.put(
        f"{BASE}/{draft.pk}",
        {"form_data": {"birth_date": "31/02/1990", "kind": "Số 3"}, "applicant": {"name": "", "phone": "12"}},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    fields = {item["field"] for item in response.json()["errors"]}
    assert {"birth_date", "kind", "applicant_phone"} <= fields
    draft.refresh_from_db()
    assert draft.form_data == {} and draft.applicant_phone == user.phone


def test_submitting_an_incomplete_draft_lists_what_is_missing(client, auth, procedure, user):
    draft = submission.start_draft(user, procedure)
    response = client.post(f"{BASE}/{draft.pk}/submit", **auth)
    assert response.status_code == 422
    required = procedure.components.get(required=True)
    assert f"component-{required.pk}" in {item["field"] for item in response.json()["errors"]}
    draft.refresh_from_db()
    assert draft.code is None and draft.state == "draft"


def test_a_forged_upload_is_refused_and_the_draft_keeps_its_files(client, auth, procedure, user):
    draft = submission.start_draft(user, procedure)
    required = procedure.components.get(required=True)
    assert upload(client, auth, draft.pk, required.pk).status_code == 201
    response = upload(
        client, auth, draft.pk, required.pk, content=b"MZ\x90\x00" + b"\x00" * 100, name="x.pdf"
    )
    assert response.status_code == 422
    assert "x.pdf" in response.json()["errors"][0]["message"]
    assert draft.files.count() == 1


def test_a_component_of_another_procedure_is_refused(client, auth, procedure, user):
    draft = submission.start_draft(user, procedure)
    other = procedure_with_details().components.first()
    assert upload(client, auth, draft.pk, other.pk).status_code == 422


def test_remove_a_file_from_a_draft(client, auth, procedure, user):
    draft = submission.start_draft(user, procedure)
    file_id = upload(client, auth, draft.pk, procedure.components.first().pk).json()["id"]
    assert client.delete(f"{BASE}/{draft.pk}/files/{file_id}", **auth).status_code == 204
    assert not DossierFile.objects.filter(pk=file_id).exists()


def test_another_citizens_dossier_is_404_like_an_unknown_one(client, procedure, user):
    draft = submission.start_draft(user, procedure)
    intruder = bearer(
        citizen("ke-khac", email="khac@example.com", phone="0987000111", personal_id="022190009999")
    )
    unknown = client.get(f"{BASE}/999999", **intruder)
    for method, path in [
        ("get", f"{BASE}/{draft.pk}"),
        ("post", f"{BASE}/{draft.pk}/submit"),
        ("post", f"{BASE}/{draft.pk}/withdraw"),
        ("get", f"{BASE}/{draft.pk}/receipt"),
    ]:
        kwargs = {"data": {"reason": "x"}, "content_type": "application/json"} if method == "post" else {}
        response = getattr(client, method)(path, **kwargs, **intruder)
        assert response.status_code == 404, path
    assert unknown.status_code == 404
    assert client.get(f"{BASE}", **intruder).json()["count"] == 0
    officer = OfficerFactory(agency=draft.agency)
    assert client.get(f"{BASE}/{draft.pk}", **bearer(officer)).status_code == 404


def test_supplement_and_withdraw(client, auth, procedure, user):
    draft = submission.start_draft(user, procedure)
    submission.save_draft(draft, user, form_data={"birth_date": "25/03/1990", "kind": "Số 1"})
    required = procedure.components.get(required=True)
    submission.attach_file(draft, user, required, SimpleUploadedFile("a.pdf", PDF))
    dossier = submission.submit(draft, user)
    counter = OfficerFactory(agency=dossier.agency)
    perform(dossier, counter, Action.RECEIVE)
    perform(
        Dossier.objects.get(pk=dossier.pk),
        counter,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": required.name, "reason": "Bản chụp mờ"}],
    )
    detail = client.get(f"{BASE}/{dossier.pk}", **auth).json()
    assert detail["awaiting_applicant"] is True
    assert detail["missing"] == [{"name": required.name, "reason": "Bản chụp mờ"}]

    empty = client.post(f"{BASE}/{dossier.pk}/supplement", {}, content_type="application/json", **auth)
    assert empty.status_code == 422
    assert upload(client, auth, dossier.pk, required.pk).status_code == 201
    response = client.post(f"{BASE}/{dossier.pk}/supplement", {}, content_type="application/json", **auth)
    assert response.status_code == 200, response.content
    assert response.json()["awaiting_applicant"] is False

    again = client.post(f"{BASE}/{dossier.pk}/supplement", {}, content_type="application/json", **auth)
    assert again.status_code == 409  # nothing is asked for now

    no_reason = client.post(
        f"{BASE}/{dossier.pk}/withdraw", {"reason": " "}, content_type="application/json", **auth
    )
    assert no_reason.status_code == 422
    response = client.post(
        f"{BASE}/{dossier.pk}/withdraw", {"reason": "Nộp nhầm"}, content_type="application/json", **auth
    )
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"


def test_officers_cannot_start_drafts_and_low_levels_are_refused(client, procedure):
    officer = OfficerFactory()
    response = client.post(
        BASE, {"procedure": procedure.code}, content_type="application/json", **bearer(officer)
    )
    assert response.status_code == 409
    low = procedure_with_details(service_level=2)
    response = client.post(
        BASE, {"procedure": low.code}, content_type="application/json", **bearer(citizen())
    )
    assert response.status_code == 409
    response = client.post(
        BASE,
        {"procedure": "9.999999"},
        content_type="application/json",
        **bearer(citizen("b", email="b@x.vn", phone="0911000222", personal_id="022190008888")),
    )
    assert response.status_code == 404


def test_the_list_runs_a_constant_number_of_queries(client, auth, procedure, user, django_assert_num_queries):
    submission.start_draft(user, procedure)
    client.get(BASE, **auth)  # warm up (token last-used write)
    with django_assert_num_queries(3):  # token, count, page
        assert client.get(BASE, **auth).json()["count"] == 1
    for _ in range(25):
        submission.start_draft(user, procedure)
    with django_assert_num_queries(3):
        body = client.get(BASE, **auth).json()
    assert body["count"] == 26 and len(body["items"]) == 20 and body["pages"] == 2


def test_session_sign_in_works_too(client, procedure, user):
    client.force_login(user)
    assert client.get(BASE).status_code == 200


def test_a_draft_has_no_receipt(client, procedure, user):
    draft = submission.start_draft(user, procedure)
    response = client.get(f"{BASE}/{draft.pk}/receipt", **bearer(user))
    assert response.status_code == 404
    assert client.get(f"{BASE}/{draft.pk}", **bearer(user)).json()["receipt_url"] is None
