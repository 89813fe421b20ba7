"""The online submission pages: gating, drafts step by step, uploads, submission, the receipt."""

import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from accounts.models import User
from catalog.models import FormField
from catalog.tests.factories import AgencyFactory, procedure_with_details
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers import submission
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier, DossierFile
from dossiers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db
QUANG_NINH, AN_SINH = 22, 7090
PDF = MINIMAL_PDF


def pdf(name="to-khai.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="trang.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def forged(name="giay-to.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 300, content_type="application/pdf")


def make_citizen(username="congdan", **extra):
    values = {
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "phone": "0912345678",
        "personal_id": "022190001234",
        "role": Role.CITIZEN,
    }
    values.update(extra)
    return User.objects.create_user(username=username, password="secret-pass-123", **values)


@pytest.fixture
def procedure():
    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(procedure=procedure, order=1, key="ngay_sinh", label="Ngày sinh", kind="date")
    FormField.objects.create(
        procedure=procedure, order=2, key="loai", label="Loại phiếu", kind="choice", choices=["Số 1", "Số 2"]
    )
    FormField.objects.create(
        procedure=procedure, order=3, key="thuong_tru", label="Nơi thường trú", kind="address"
    )
    return procedure


@pytest.fixture
def citizen():
    return make_citizen()


@pytest.fixture
def browser(client, citizen):
    client.force_login(citizen)
    return client


@pytest.fixture
def draft(citizen, procedure):
    return submission.start_draft(citizen, procedure)


def url(name, draft, *args):
    return reverse(name, args=[draft.pk, *args])


DETAILS = {
    "applicant_name": "Nguyễn Thị Lan",
    "applicant_id_number": "022190001234",
    "applicant_phone": "0912345678",
    "applicant_email": "",
    "applicant_province": "",
    "applicant_ward": "",
    "applicant_street": "",
    "eform_ngay_sinh": "25/03/1990",
    "eform_loai": "Số 1",
    "eform_thuong_tru_province": str(QUANG_NINH),
    "eform_thuong_tru_ward": str(AN_SINH),
    "eform_thuong_tru_street": "Tổ 3, khu 5",
}


# ── start ───────────────────────────────────────────────────────────────────────────────────────────


def test_below_level_3_explains_how_to_apply_in_person(client):
    procedure = procedure_with_details(service_level=2)
    response = client.get(reverse("portal:submit_start", args=[procedure.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thủ tục này chưa thể nộp trực tuyến" in page
    assert "Bản sao giấy tờ tùy thân" in page and procedure.agencies.get().name in page
    assert not Dossier.objects.exists()


def test_online_submission_needs_sign_in(client, procedure):
    start = reverse("portal:submit_start", args=[procedure.code])
    response = client.get(start)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={quote(start)}"


def test_start_creates_a_draft_and_lists_drafts_to_resume(browser, procedure):
    start = reverse("portal:submit_start", args=[procedure.code])
    assert "Bắt đầu hồ sơ trực tuyến mới" in browser.get(start).content.decode()
    response = browser.post(start)
    dossier = Dossier.objects.get()
    assert dossier.state == State.DRAFT and dossier.code is None
    assert response["Location"] == url("portal:draft_details", dossier)
    assert url("portal:draft", dossier).encode() in browser.get(start).content


def test_start_with_several_agencies_asks_which(browser):
    first, second = AgencyFactory(), AgencyFactory()
    procedure = procedure_with_details(agencies=[first, second])
    start = reverse("portal:submit_start", args=[procedure.code])
    response = browser.post(start)
    assert response.status_code == 400 and "Hãy chọn cơ quan bạn nộp hồ sơ." in response.content.decode()
    browser.post(start, {"agency": second.pk})
    assert Dossier.objects.get().agency == second


def test_officers_cannot_start_online_dossiers(client, procedure):
    client.force_login(OfficerFactory())
    response = client.post(reverse("portal:submit_start", args=[procedure.code]))
    assert response.status_code == 403 and not Dossier.objects.exists()


# ── step 1: details and e-form ──────────────────────────────────────────────────────────────────────


def test_details_are_prefilled_from_the_account(browser, draft):
    page = browser.get(url("portal:draft_details", draft)).content.decode()
    assert 'value="Nguyễn Thị Lan"' in page and 'value="022190001234"' in page
    assert "Ngày sinh" in page and "Số 2" in page and 'name="eform_thuong_tru_ward"' in page


def test_field_errors_keep_the_input_and_save_nothing(browser, draft):
    response = browser.post(url("portal:draft_details", draft), {**DETAILS, "eform_ngay_sinh": "31/02/1990"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "31/02/1990 không phải là một ngày có thật." in page
    assert 'href="#id_eform_ngay_sinh"' in page  # the error summary links to the field
    assert 'value="31/02/1990"' in page and 'value="Tổ 3, khu 5"' in page
    draft.refresh_from_db()
    assert draft.form_data == {}


def test_required_answers_are_asked_for_on_their_own_step_and_what_was_typed_is_kept(browser, draft):
    response = browser.post(url("portal:draft_details", draft), {**DETAILS, "eform_loai": ""})
    assert response.status_code == 400  # not on to the documents with a required answer missing
    page = response.content.decode()
    assert 'href="#id_eform_loai_0">Loại phiếu: ' in page  # named, and linked to its first choice
    draft.refresh_from_db()
    assert draft.form_data["ngay_sinh"] == "1990-03-25"  # the rest is saved
    response = browser.post(url("portal:draft_details", draft), DETAILS)
    assert response["Location"] == url("portal:draft_files", draft)


def test_change_links_of_the_summary_come_back_to_it(browser, draft, procedure):
    browser.post(url("portal:draft_details", draft), DETAILS)
    summary = browser.get(url("portal:draft_summary", draft)).content.decode()
    for step in ("portal:draft_details", "portal:draft_files", "portal:draft_delivery"):
        assert f'href="{url(step, draft)}?back=summary"' in summary
    response = browser.post(url("portal:draft_details", draft) + "?back=summary", DETAILS)
    assert response["Location"] == url("portal:draft_summary", draft)
    files = browser.get(url("portal:draft_files", draft) + "?back=summary").content.decode()
    assert f'href="{url("portal:draft_summary", draft)}"' in files
    required = procedure.components.get(required=True)
    response = browser.post(
        url("portal:draft_files", draft) + "?back=summary", {"component": required.pk, "files": [pdf()]}
    )
    assert response["Location"].startswith(url("portal:draft_files", draft) + "?back=summary#")
    response = browser.post(
        url("portal:draft_delivery", draft) + "?back=summary", {"result_delivery": "online"}
    )
    assert response["Location"] == url("portal:draft_summary", draft)


def test_details_saved_then_shown_again(browser, draft):
    response = browser.post(url("portal:draft_details", draft), DETAILS)
    assert response["Location"] == url("portal:draft_files", draft)
    draft.refresh_from_db()
    assert draft.form_data["ngay_sinh"] == "1990-03-25"
    assert draft.form_data["thuong_tru"] == {
        "province_code": QUANG_NINH,
        "ward_code": AN_SINH,
        "street": "Tổ 3, khu 5",
    }
    page = browser.get(url("portal:draft_details", draft)).content.decode()
    assert 'value="25/03/1990"' in page
    assert f'<option value="{AN_SINH}" selected>' in page


def test_without_javascript_the_commune_list_follows_the_province(browser, draft):
    data = {**DETAILS, "eform_thuong_tru_ward": "", "refresh": "eform_thuong_tru"}
    response = browser.post(url("portal:draft_details", draft), data)
    assert response.status_code == 200
    assert "Phường An Sinh" in response.content.decode()
    draft.refresh_from_db()
    assert draft.form_data == {}


def test_ward_options_for_htmx(client):
    response = client.get(reverse("portal:wards"), {"eform_x_province": QUANG_NINH})
    assert f'<option value="{AN_SINH}">Phường An Sinh</option>' in response.content.decode()


# ── step 2: documents ───────────────────────────────────────────────────────────────────────────────


def test_upload_several_files_and_remove_one(browser, draft, procedure):
    component = procedure.components.get(required=True)
    response = browser.post(
        url("portal:draft_files", draft), {"component": component.pk, "files": [pdf(), png()]}
    )
    assert response.status_code == 302
    assert draft.files.count() == 2
    page = browser.get(url("portal:draft_files", draft)).content.decode()
    assert "to-khai.pdf" in page and "trang.png" in page
    removed = draft.files.get(original_name="trang.png")
    response = browser.post(url("portal:draft_file_remove", draft, removed.pk))
    assert response.status_code == 302
    assert list(draft.files.values_list("original_name", flat=True)) == ["to-khai.pdf"]


def test_forged_upload_is_refused_beside_its_component_and_nothing_is_lost(browser, draft, procedure):
    browser.post(url("portal:draft_details", draft), DETAILS)
    required = procedure.components.get(required=True)
    optional = procedure.components.get(required=False)
    browser.post(url("portal:draft_files", draft), {"component": required.pk, "files": [pdf()]})
    response = browser.post(url("portal:draft_files", draft), {"component": optional.pk, "files": [forged()]})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="component-{optional.pk}-error"' in page
    assert "“giay-to.pdf” không phải là tệp PDF, JPEG hoặc PNG." in page
    assert "to-khai.pdf" in page  # the other component's file is still listed
    draft.refresh_from_db()
    assert list(draft.files.values_list("original_name", flat=True)) == ["to-khai.pdf"]
    assert draft.form_data["ngay_sinh"] == "1990-03-25"


def test_upload_without_a_file_says_so(browser, draft, procedure):
    component = procedure.components.first()
    response = browser.post(url("portal:draft_files", draft), {"component": component.pk})
    assert response.status_code == 400 and "Hãy chọn tệp để tải lên." in response.content.decode()


def test_documents_page_queries_do_not_grow_with_files(browser, draft, procedure, citizen):
    component = procedure.components.first()
    submission.attach_file(draft, citizen, component, pdf())
    with CaptureQueriesContext(connection) as one:
        browser.get(url("portal:draft_files", draft))
    for _ in range(4):
        submission.attach_file(draft, citizen, procedure.components.last(), png())
    with CaptureQueriesContext(connection) as five:
        browser.get(url("portal:draft_files", draft))
    assert len(five) == len(one)


# ── step 3: receiving the result ────────────────────────────────────────────────────────────────────


def test_result_by_post_needs_the_address(browser, draft):
    delivery = url("portal:draft_delivery", draft)
    response = browser.post(
        delivery, {"result_delivery": "post", "delivery_province": "1", "delivery_ward": str(AN_SINH)}
    )
    assert response.status_code == 400
    response = browser.post(
        delivery,
        {
            "result_delivery": "post",
            "delivery_province": str(QUANG_NINH),
            "delivery_ward": str(AN_SINH),
            "delivery_street": "Số 5 Lê Thánh Tông",
        },
    )
    assert response["Location"] == url("portal:draft_summary", draft)
    draft.refresh_from_db()
    assert draft.result_delivery == "post" and draft.delivery_address.startswith(
        "Số 5 Lê Thánh Tông, Phường An Sinh"
    )


# ── step 4: check and submit; the receipt ───────────────────────────────────────────────────────────


def test_summary_lists_what_is_missing_with_links(browser, draft, procedure):
    page = browser.get(url("portal:draft_summary", draft)).content.decode()
    required = procedure.components.get(required=True)
    assert "Còn phải làm trước khi nộp" in page
    assert f"{url('portal:draft_files', draft)}?back=summary#component-{required.pk}" in page
    assert f"{url('portal:draft_details', draft)}?back=summary#id_eform_ngay_sinh" in page
    assert f"{url('portal:draft_details', draft)}?back=summary#id_eform_loai_0" in page  # a radio group
    assert ">Ngày sinh: " in page  # each problem names its field
    response = browser.post(url("portal:draft_summary", draft))
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_submit_creates_the_code_and_the_receipt(browser, draft, procedure):
    browser.post(url("portal:draft_details", draft), DETAILS)
    required = procedure.components.get(required=True)
    browser.post(url("portal:draft_files", draft), {"component": required.pk, "files": [pdf()]})
    summary = browser.get(url("portal:draft_summary", draft)).content.decode()
    assert "25/03/1990" in summary and "Tổ 3, khu 5, Phường An Sinh" in summary
    response = browser.post(url("portal:draft_summary", draft))
    assert response["Location"] == url("portal:submitted", draft)
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED and draft.code.startswith(draft.agency.code)
    page = browser.get(response["Location"]).content.decode()
    assert draft.code in page and draft.appointment_at is not None
    assert url("portal:receipt_download", draft) in page
    receipt = browser.get(url("portal:receipt_download", draft))
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(b"%PDF-")
    assert draft.files.filter(kind=DossierFile.Kind.RECEIPT).count() == 1
    # The draft's pages now lead to the receipt page; the resume link too.
    assert browser.get(url("portal:draft_details", draft))["Location"] == url("portal:submitted", draft)
    assert browser.get(url("portal:draft", draft))["Location"] == url("portal:submitted", draft)


def test_resume_goes_to_the_first_step_then_to_the_check_page(browser, draft, citizen):
    assert browser.get(url("portal:draft", draft))["Location"] == url("portal:draft_details", draft)
    submission.save_draft(draft, citizen, form_data={"loai": "Số 2"})
    assert browser.get(url("portal:draft", draft))["Location"] == url("portal:draft_summary", draft)


def test_delete_draft(browser, draft, procedure):
    response = browser.post(url("portal:draft_delete", draft))
    assert response["Location"] == reverse("portal:procedure", args=[procedure.code])
    assert not Dossier.objects.exists()


# ── who may do what, and how ────────────────────────────────────────────────────────────────────────


def test_another_citizens_draft_is_not_found(client, draft, procedure, citizen):
    upload = submission.attach_file(draft, citizen, procedure.components.first(), pdf())
    client.force_login(make_citizen("other", personal_id="001085000001"))
    for name in ("portal:draft", "portal:draft_details", "portal:draft_files", "portal:draft_delivery"):
        assert client.get(url(name, draft)).status_code == 404
    assert client.get(url("portal:draft_summary", draft)).status_code == 404
    assert client.post(url("portal:draft_summary", draft)).status_code == 404
    assert client.post(url("portal:draft_file_remove", draft, upload.pk)).status_code == 404
    assert client.post(url("portal:draft_delete", draft)).status_code == 404
    assert client.get(url("portal:submitted", draft)).status_code == 404
    assert client.get(url("portal:receipt_download", draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.files.count() == 1


def test_draft_pages_need_sign_in(client, draft):
    response = client.get(url("portal:draft_details", draft))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_actions_are_post_only_with_csrf(citizen, draft, procedure):
    upload = submission.attach_file(draft, citizen, procedure.components.first(), pdf())
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)
    assert strict.get(url("portal:draft_file_remove", draft, upload.pk)).status_code == 405
    assert strict.get(url("portal:draft_delete", draft)).status_code == 405
    assert strict.post(url("portal:draft_file_remove", draft, upload.pk)).status_code == 403
    assert strict.post(url("portal:draft_summary", draft)).status_code == 403
    assert strict.post(url("portal:draft_delete", draft)).status_code == 403
    assert Dossier.objects.filter(pk=draft.pk).exists() and draft.files.count() == 1


def test_every_field_of_the_citizens_pages_has_a_name_of_its_own(browser, draft, procedure):
    """Screen readers announce a field by its label: two alike ("Chọn tệp", "Tải lên") leave the person
    guessing which document a field is for."""
    from backoffice.tests.test_dossier_content import _accessible_names

    def assert_unique(page_url):
        response = browser.get(page_url)
        assert response.status_code == 200, page_url
        names = _accessible_names(response.content.decode())
        assert names and len(names) == len(set(names)), (
            page_url,
            sorted(n for n in names if names.count(n) > 1),
        )

    browser.post(url("portal:draft_details", draft), DETAILS)
    required = procedure.components.get(required=True)
    browser.post(url("portal:draft_files", draft), {"component": required.pk, "files": [pdf()]})
    for step in ("portal:draft_details", "portal:draft_files", "portal:draft_delivery"):
        assert_unique(url(step, draft))
    submission.submit(draft, draft.applicant_user)
    assert_unique(reverse("portal:my_dossier", args=[draft.pk]))
    assert_unique(reverse("accounts:profile"))
