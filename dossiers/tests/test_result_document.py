"""The result document: attached by the officer who issues the result, downloaded by the applicant."""

import base64
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.api_auth import issue_token
from core.roles import Role
from documents.signing import verify_pdf
from documents.tests.samples import MINIMAL_PDF
from dossiers.constants import ResultDelivery
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierFile, ProcessLogEntry
from dossiers.services import ResultDocumentInvalid, perform

from .factories import OfficerFactory, received_dossier
from .test_submission import citizen

pytestmark = pytest.mark.django_db

RESULT = MINIMAL_PDF.replace(b"trailer", b"% Giay phep so 123/GP\ntrailer")
FORGED = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def upload(content=RESULT, name="giay-phep.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def approved_dossier(delivery=ResultDelivery.ONLINE, owner=None):
    """A dossier of ``owner`` (a citizen account) taken through its three steps and approved."""
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency, first_name="Chuyên viên")
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency, first_name="Lãnh đạo")
    dossier = received_dossier(officer=counter, user=owner or citizen())
    Dossier.objects.filter(pk=dossier.pk).update(result_delivery=delivery)
    perform(dossier, counter, Action.ASSIGN)
    perform(dossier, counter, Action.FORWARD)
    perform(dossier, specialist, Action.FORWARD)
    perform(dossier, leader, Action.APPROVE)
    dossier.refresh_from_db()
    assert dossier.state == "approved"
    return dossier, specialist, leader


def results(dossier):
    return DossierFile.objects.filter(dossier=dossier, kind=DossierFile.Kind.RESULT)


def read(stored) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def assert_signed_result(stored):
    """The kept result is the uploaded document sealed by the agency: signed, trusted, verifiable."""
    content = read(stored)
    assert content.startswith(b"%PDF-") and stored.signed_at is not None
    assert verify_pdf(content).ok
    assert stored.size == len(content)
    return content


def assert_nothing_changed(dossier, log_count):
    dossier.refresh_from_db()
    assert dossier.state == "approved"
    assert not results(dossier).exists()
    assert ProcessLogEntry.objects.filter(dossier=dossier).count() == log_count


def test_issuing_keeps_the_result_and_the_applicant_downloads_the_exact_bytes(client):
    owner = citizen()
    dossier, specialist, _ = approved_dossier(owner=owner)
    issued = perform(dossier, specialist, Action.ISSUE_RESULT, result_document=upload())
    assert issued.state == "result_issued"
    stored = results(dossier).get()
    assert (stored.original_name, stored.content_type) == ("giay-phep.pdf", "application/pdf")
    assert stored.uploaded_by == specialist
    signed = assert_signed_result(stored)

    client.force_login(owner)
    page = client.get(reverse("portal:my_dossier", args=[dossier.pk]))
    download_url = reverse("portal:my_file", args=[dossier.pk, stored.pk])
    assert download_url in page.content.decode()
    response = client.get(download_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == signed
    assert response["Content-Type"] == "application/pdf"

    detail = client.get(f"/api/v1/me/dossiers/{dossier.pk}").json()
    assert detail["result"]["id"] == stored.pk and detail["result"]["kind"] == "result"
    from_api = client.get(detail["result"]["url"])
    assert from_api.status_code == 200
    assert b"".join(from_api.streaming_content) == signed


def test_another_citizen_gets_404_for_the_result(client):
    dossier, specialist, _ = approved_dossier()
    perform(dossier, specialist, Action.ISSUE_RESULT, result_document=upload())
    stored = results(dossier).get()
    client.force_login(citizen(username="nguoikhac", email="khac@example.com", personal_id="022190009999"))
    assert client.get(reverse("portal:my_file", args=[dossier.pk, stored.pk])).status_code == 404
    assert client.get(f"/api/v1/me/dossiers/{dossier.pk}/files/{stored.pk}").status_code == 404
    assert client.get(f"/api/v1/me/dossiers/{dossier.pk}").status_code == 404


def test_online_delivery_requires_the_document_other_deliveries_do_not(english):
    dossier, specialist, _ = approved_dossier(delivery=ResultDelivery.ONLINE)
    log_count = dossier.log.count()
    with pytest.raises(ResultDocumentInvalid) as refused:
        perform(dossier, specialist, Action.ISSUE_RESULT)
    assert "Attach the result document" in refused.value.message
    assert_nothing_changed(dossier, log_count)

    at_counter, specialist, _ = approved_dossier(
        delivery=ResultDelivery.COUNTER, owner=citizen(username="c2", personal_id="022190007777")
    )
    assert perform(at_counter, specialist, Action.ISSUE_RESULT).state == "result_issued"
    assert not results(at_counter).exists()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (FORGED, "giay-phep.pdf", "“giay-phep.pdf” is not a PDF, JPEG or PNG file"),
        (png_bytes(), "giay-phep.png", "“giay-phep.png” is not a PDF file"),
        (b"%PDF-1.4 truncated", "cat-do.pdf", "“cat-do.pdf” is not a PDF, JPEG or PNG file"),
    ],
)
def test_a_forged_or_non_pdf_document_is_refused_and_changes_nothing(english, content, name, expected):
    dossier, specialist, _ = approved_dossier()
    log_count = dossier.log.count()
    with pytest.raises(ResultDocumentInvalid) as refused:
        perform(dossier, specialist, Action.ISSUE_RESULT, result_document=upload(content, name))
    assert expected in refused.value.message
    assert_nothing_changed(dossier, log_count)


def test_a_document_on_another_action_is_refused(english):
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    fresh = received_dossier(officer=counter)
    with pytest.raises(ResultDocumentInvalid) as refused:
        perform(fresh, counter, Action.ASSIGN, result_document=upload())
    assert "only when issuing the result" in refused.value.message
    fresh.refresh_from_db()
    assert fresh.state == "received" and not fresh.files.exists()


def test_the_stored_file_is_deleted_when_the_transaction_fails(monkeypatch):
    dossier, specialist, _ = approved_dossier()
    log_count = dossier.log.count()
    saved_names = []
    original_save = DossierFile.save

    def failing_save(self, *args, **kwargs):
        if self.kind == DossierFile.Kind.RESULT:
            saved_names.append(self.file.name)
            raise RuntimeError("database went away")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(DossierFile, "save", failing_save)
    with pytest.raises(RuntimeError):
        perform(dossier, specialist, Action.ISSUE_RESULT, result_document=upload())
    assert saved_names and saved_names[0]
    assert not default_storage.exists(saved_names[0])
    assert_nothing_changed(dossier, log_count)


def test_back_office_issue_form_uploads_the_result(client):
    dossier, specialist, _ = approved_dossier()
    client.force_login(specialist)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="result_document"' in page and "required" in page.split('name="result_document"')[1][:80]

    url = reverse("backoffice:action", args=[dossier.code, "issue_result"])
    refused = client.post(url, {"comment": "", "result_document": upload(FORGED)}, follow=True)
    assert "giay-phep.pdf" in refused.content.decode()  # the message names the refused file
    assert_nothing_changed(dossier, dossier.log.count())

    done = client.post(url, {"comment": "Đã ký", "result_document": upload()})
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "result_issued"
    assert_signed_result(results(dossier).get())


def test_api_issue_result_takes_the_document_in_base64():
    from django.test import Client

    client = Client()
    dossier, specialist, _ = approved_dossier()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(specialist, 'test')[1]}"}
    url = f"/api/v1/dossiers/{dossier.code}/actions/issue_result"
    log_count = dossier.log.count()

    missing = client.post(url, {}, "application/json", **auth)
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["result_document"]
    forged = {"result_document": {"name": "gp.pdf", "content_base64": base64.b64encode(FORGED).decode()}}
    refused = client.post(url, forged, "application/json", **auth)
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["field"] == "result_document" and "gp.pdf" in error["message"]
    garbled = {"result_document": {"name": "gp.pdf", "content_base64": "not base64!"}}
    assert client.post(url, garbled, "application/json", **auth).status_code == 422
    assert_nothing_changed(dossier, log_count)

    body = {"result_document": {"name": "giay-phep.pdf", "content_base64": base64.b64encode(RESULT).decode()}}
    response = client.post(url, body, "application/json", **auth)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "result_issued"
    assert_signed_result(results(dossier).get())
