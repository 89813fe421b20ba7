"""The wallet in the portal: the documents step offers accepted wallet documents and attaches one by a
form POST; the wallet page lists, downloads and links to verification; the officer sees the reuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from catalog.tests.factories import DossierComponentFactory, procedure_with_details
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers import submission
from dossiers.models import DossierFile, SupplementRequest
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_api import bearer
from dossiers.tests.wallet_data import RESULT_PDF, issued_result

pytestmark = pytest.mark.django_db
LAN, BINH = "022190001234", "022090005678"


def citizen(username="lan", personal_id=LAN, **extra):
    values = {
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "email": f"{username}@example.com",
        "phone": "0912345678",
        "personal_id": personal_id,
        "role": Role.CITIZEN,
    }
    values.update(extra)
    return User.objects.create_user(username=username, password="secret-pass-123", **values)


@pytest.fixture
def setup():
    officer = OfficerFactory()
    issuing = procedure_with_details(code="1.002809", name="Cấp giấy phép lái xe", agencies=[officer.agency])
    issuing.result_name = "Giấy phép lái xe"
    issuing.save()
    exchange = procedure_with_details(code="1.002810", name="Đổi giấy phép lái xe", agencies=[officer.agency])
    copy = DossierComponentFactory(
        procedure=exchange, name="Bản sao giấy phép lái xe đang sử dụng", position=3, required=True
    )
    copy.accepts_results_of.set([issuing])
    lan = citizen()
    result = issued_result(LAN, issuing, officer=officer)
    return officer, issuing, exchange, copy, lan, result


def test_the_documents_step_offers_the_accepted_wallet_document(client, setup):
    officer, issuing, exchange, copy, lan, result = setup
    draft = submission.start_draft(lan, exchange)
    client.force_login(lan)

    page = client.get(reverse("portal:draft_files", kwargs={"pk": draft.pk})).content.decode()

    assert page.count('name="document"') == 1
    assert f'name="document" value="{result.pk}"' in page
    assert "Giấy phép lái xe" in page and "Cấp giấy phép lái xe" in page
    assert reverse("portal:draft_file_reuse", kwargs={"pk": draft.pk}) in page


def test_use_this_document_attaches_it_and_the_offer_goes(client, setup):
    officer, issuing, exchange, copy, lan, result = setup
    draft = submission.start_draft(lan, exchange)
    client.force_login(lan)
    url = reverse("portal:draft_file_reuse", kwargs={"pk": draft.pk})

    response = client.post(url, {"component": copy.pk, "document": result.pk})

    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("portal:draft_files", kwargs={"pk": draft.pk}) + f"#component-{copy.pk}"
    )
    reused = draft.files.get()
    assert (reused.component, reused.reused_from, reused.file.name) == (copy, result, result.file.name)
    page = client.get(response["Location"]).content.decode()
    assert 'name="document"' not in page  # attached: no longer offered
    assert "badge--wallet" in page


def test_a_refused_reuse_is_a_message_not_an_error_page(client, setup, english):
    officer, issuing, exchange, copy, lan, result = setup
    someone_else = issued_result(BINH, issuing, officer=officer)
    draft = submission.start_draft(lan, exchange)
    client.force_login(lan)
    url = reverse("portal:draft_file_reuse", kwargs={"pk": draft.pk})

    response = client.post(url, {"component": copy.pk, "document": someone_else.pk}, follow=True)

    assert response.status_code == 200
    assert "This document is not in your document wallet" in response.content.decode()
    assert not draft.files.exists()
    assert client.post(url, {"component": "x", "document": result.pk}).status_code == 404
    other = citizen("binh", personal_id=BINH)
    client.force_login(other)
    assert client.post(url, {"component": copy.pk, "document": result.pk}).status_code == 404


def test_the_wallet_page_lists_downloads_and_links_verification(client, setup, django_assert_max_num_queries):
    officer, issuing, exchange, copy, lan, result = setup
    issued_result(BINH, issuing, officer=officer, name="cua-nguoi-khac.pdf")
    client.force_login(lan)
    client.get(reverse("portal:my_wallet"))  # warm the session and the user's caches

    with django_assert_max_num_queries(6):
        page = client.get(reverse("portal:my_wallet")).content.decode()

    assert page.count('class="wallet-card"') == 1
    assert "Giấy phép lái xe" in page and "Cấp giấy phép lái xe" in page
    assert f"/xac-thuc/{result.public_id}" in page
    download = client.get(reverse("portal:wallet_file", args=[result.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == RESULT_PDF
    assert reverse("portal:my_wallet") in client.get(reverse("portal:my_dossiers")).content.decode()


def test_nobody_downloads_another_s_wallet_document(client, setup):
    officer, issuing, exchange, copy, lan, result = setup
    client.force_login(citizen("binh", personal_id=BINH))
    assert client.get(reverse("portal:wallet_file", args=[result.pk])).status_code == 404
    assert 'class="wallet-card"' not in client.get(reverse("portal:my_wallet")).content.decode()
    client.logout()
    assert client.get(reverse("portal:wallet_file", args=[result.pk])).status_code == 302  # to sign in


def test_the_officer_sees_the_file_reused_from_the_wallet(client, setup):
    officer, issuing, exchange, copy, lan, result = setup
    draft = submission.start_draft(lan, exchange)
    upload = SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF, content_type="application/pdf")
    submission.attach_file(draft, lan, exchange.components.get(position=1), upload)
    submission.attach_from_wallet(draft, lan, copy, result.pk)
    dossier = submission.submit(draft, lan)
    client.force_login(officer)

    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()

    assert page.count("badge--wallet") == 1
    assert result.dossier.code in page
    detail = client.get(f"/api/v1/dossiers/{dossier.code}", **bearer(officer))
    assert detail.status_code == 200
    files = {f["component"]: f for f in detail.json()["files"] if f["kind"] == DossierFile.Kind.COMPONENT}
    copied, uploaded = files[copy.name], files["Tờ khai đề nghị"]
    assert (copied["reused"], copied["reused_from_dossier"]) == (True, result.dossier.code)
    assert (uploaded["reused"], uploaded["reused_from_dossier"], uploaded["digitized"]) == (False, "", False)


def test_a_supplement_is_answered_from_the_wallet(client, setup):
    officer, issuing, exchange, copy, lan, result = setup
    draft = submission.start_draft(lan, exchange)
    upload = SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF, content_type="application/pdf")
    submission.attach_file(draft, lan, exchange.components.get(position=1), upload)
    copy.required = False
    copy.save()
    dossier = submission.submit(draft, lan)
    perform(dossier, officer, "receive")
    perform(dossier, officer, "request_supplement", supplement_items=[{"name": copy.name}])
    request = SupplementRequest.objects.get(dossier=dossier)
    client.force_login(lan)
    page_url = reverse("portal:my_dossier", kwargs={"pk": dossier.pk})

    page = client.get(page_url).content.decode()
    assert f'name="document" value="{result.pk}"' in page

    url = reverse("portal:supplement_reuse", kwargs={"pk": dossier.pk})
    response = client.post(url, {"component": copy.pk, "document": result.pk})

    assert response["Location"] == page_url + "#bo-sung"
    reused = dossier.files.get(component=copy)
    assert (reused.reused_from, reused.supplement_request) == (result, request)
    assert 'name="document"' not in client.get(page_url).content.decode()
