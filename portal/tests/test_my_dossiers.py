"""The citizen's "my dossiers" pages and the public lookup page."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import FormField
from catalog.tests.factories import procedure_with_details
from dossiers import receipts, submission
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import PDF, citizen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


@pytest.fixture
def procedure():
    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(
        procedure=procedure, order=1, key="kind", label="Loại", kind="choice", choices=["A", "B"]
    )
    return procedure


@pytest.fixture
def user():
    return citizen()


def submitted(user, procedure):
    draft = submission.start_draft(user, procedure)
    submission.save_draft(draft, user, form_data={"kind": "A"})
    submission.attach_file(
        draft, user, procedure.components.get(required=True), SimpleUploadedFile("a.pdf", PDF)
    )
    return submission.submit(draft, user)


def awaiting_supplement(user, procedure):
    dossier = submitted(user, procedure)
    counter = OfficerFactory(agency=dossier.agency)
    perform(dossier, counter, Action.RECEIVE)
    required = procedure.components.get(required=True)
    perform(
        Dossier.objects.get(pk=dossier.pk),
        counter,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": required.name, "reason": "Bản chụp mờ"}],
        comment="ghi chú nội bộ",
    )
    return Dossier.objects.get(pk=dossier.pk)


def test_my_dossiers_needs_sign_in(client):
    response = client.get("/ho-so-cua-toi/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_shows_drafts_and_dossiers_in_constant_queries(
    client, user, procedure, django_assert_max_num_queries
):
    client.force_login(user)
    submitted(user, procedure)
    submission.start_draft(user, procedure)
    with django_assert_max_num_queries(8) as few:
        client.get("/ho-so-cua-toi/")
    for _ in range(10):
        submitted(user, procedure)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/ho-so-cua-toi/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("/ho-so-cua-toi/nhap/") >= 1  # the draft links to its steps
    assert Dossier.objects.filter(applicant_user=user).exclude(code=None).first().code in body


def test_detail_shows_the_public_timeline_and_documents_but_no_internal_comment(client, user, procedure):
    dossier = awaiting_supplement(user, procedure)
    client.force_login(user)
    response = client.get(f"/ho-so-cua-toi/{dossier.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bản chụp mờ" in body
    assert "ghi chú nội bộ" not in body
    receipt_url = reverse("portal:receipt_download", args=[dossier.pk])
    assert f'href="{receipt_url}"' in body
    download = client.get(receipt_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    receipt = receipts.stored_receipt(dossier)
    assert client.get(f"/ho-so-cua-toi/{dossier.pk}/tep/{receipt.pk}/").status_code == 200


def test_answering_a_supplement_online_resumes_processing(client, user, procedure):
    dossier = awaiting_supplement(user, procedure)
    client.force_login(user)
    empty = client.post(f"/ho-so-cua-toi/{dossier.pk}/bo-sung/")
    assert empty.status_code == 400
    required = procedure.components.get(required=True)
    forged = SimpleUploadedFile("gia.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/tep/", {"component": required.pk, "files": forged}
    )
    assert response.status_code == 400 and "gia.pdf" in response.content.decode()
    assert '<a href="#supplement-file">' in response.content.decode()  # the summary links to the input
    good = SimpleUploadedFile("moi.pdf", PDF)
    response = client.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/tep/", {"component": required.pk, "files": good}
    )
    assert response.status_code == 302
    response = client.post(f"/ho-so-cua-toi/{dossier.pk}/bo-sung/", {"comment": "Đã bổ sung"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state != "awaiting_supplement" and dossier.paused_at is None


def test_withdraw_needs_a_reason(client, user, procedure):
    dossier = submitted(user, procedure)
    client.force_login(user)
    assert client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/", {"reason": ""}).status_code == 400
    # With a reason, a confirmation first, which says what will happen; nothing changes yet.
    confirm = client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/", {"reason": "Nộp nhầm"})
    page = confirm.content.decode()
    assert confirm.status_code == 200 and 'name="confirm" value="yes"' in page and "button--danger" in page
    assert "Nộp nhầm" in page and dossier.code in page
    dossier.refresh_from_db()
    assert dossier.state != "withdrawn"
    assert client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/", {"reason": "\u200b"}).status_code == 400
    done = client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/", {"reason": "Nộp nhầm", "confirm": "yes"})
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "withdrawn"


def test_another_citizen_gets_404_everywhere(client, user, procedure):
    dossier = submitted(user, procedure)
    receipt = receipts.receipt_file(dossier)
    client.force_login(citizen("khac", email="k@example.vn", phone="0987000111", personal_id="022190009999"))
    assert client.get(f"/ho-so-cua-toi/{dossier.pk}/").status_code == 404
    assert client.get(f"/ho-so-cua-toi/{dossier.pk}/tep/{receipt.pk}/").status_code == 404
    assert client.get(reverse("portal:receipt_download", args=[dossier.pk])).status_code == 404
    assert client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/", {"reason": "x"}).status_code == 404
    assert client.post(f"/ho-so-cua-toi/{dossier.pk}/bo-sung/").status_code == 404


def test_public_lookup_shows_progress_only_to_the_applicant(client):
    dossier = received_dossier(id_number="022301004567", phone="0912345678")
    arrived = client.get("/tra-cuu/", {"ma": dossier.code})  # from the receipt's QR code
    assert arrived.status_code == 200 and "error-summary" not in arrived.content.decode()
    assert f'value="{dossier.code}"' in arrived.content.decode()  # the code is filled in
    page = client.post("/tra-cuu/", {"ma": dossier.code})
    assert page.status_code == 400  # the ID or phone is missing
    assert '<a href="#lookup-so">Số định danh cá nhân' in page.content.decode()  # named, linked
    found = client.post("/tra-cuu/", {"ma": dossier.code, "so": "0912 345 678"})
    assert found.status_code == 200 and dossier.procedure.name in found.content.decode()
    wrong = client.post("/tra-cuu/", {"ma": dossier.code, "so": "022301009999"})
    unknown = client.post("/tra-cuu/", {"ma": "000.00.00.H00-260101-9999", "so": "022301004567"})
    assert wrong.status_code == unknown.status_code == 404
    assert dossier.procedure.name not in wrong.content.decode()


def test_the_identifier_never_travels_in_an_address(client):
    dossier = received_dossier(id_number="022301004567", phone="0912345678")
    page = client.get("/tra-cuu/", {"ma": dossier.code}).content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    # An old link with the identifier is sent on without it, and nothing is looked up from it.
    old = client.get("/tra-cuu/", {"ma": dossier.code, "so": "022301004567"})
    assert (
        old.status_code == 302 and "022301004567" not in old["Location"] and dossier.code in old["Location"]
    )
    found = client.post("/tra-cuu/", {"ma": dossier.code, "so": "022301004567"})
    assert "022301004567" not in found.wsgi_request.get_full_path()
    assert "no-store" in found["Cache-Control"]


def test_public_lookup_is_rate_limited_per_address(client):
    for _ in range(20):
        client.post("/tra-cuu/", {"ma": "X", "so": "1"})
    response = client.post("/tra-cuu/", {"ma": "X", "so": "1"})
    assert response.status_code == 429


def test_citizens_see_what_they_submitted_after_submission(client):
    from catalog.models import FormField
    from catalog.tests.factories import procedure_with_details
    from dossiers.tests.test_submission import complete

    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(procedure=procedure, order=1, key="birth_date", label="Ngày sinh", kind="date")
    FormField.objects.create(
        procedure=procedure, order=2, key="kind", label="Loại phiếu", kind="choice", choices=["Phiếu số 1"]
    )
    applicant = citizen("nguoinop", email="n@example.vn", phone="0987000222", personal_id="022190007777")
    draft = submission.start_draft(applicant, procedure)
    complete(draft, applicant)
    dossier = submission.submit(draft, applicant)
    client.force_login(applicant)
    page = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    for shown in ("Ngày sinh", "25/03/1990", "Loại phiếu", "Phiếu số 1", 'id="my-files"'):
        assert shown in page, shown
    scan = dossier.files.get(kind="component")
    assert f"/ho-so-cua-toi/{dossier.pk}/tep/{scan.pk}/" in page and scan.original_name in page
