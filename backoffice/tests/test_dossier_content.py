"""The officer sees everything the applicant gave: e-form answers under the catalog's labels, contacts
and address, how the result is delivered and where, the files per component (issue: the back office
showed only the name and the personal ID)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import Role
from dossiers import submission
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_api import bearer
from dossiers.tests.test_submission import citizen, complete, procedure  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

POSTAL = {"province_code": 22, "ward_code": 6706, "street": "Số 15 phố Lê Thánh Tông"}


@pytest.fixture
def online_dossier(procedure):  # noqa: F811
    applicant = citizen(street="Số 2 Trần Hưng Đạo")
    draft = submission.start_draft(applicant, procedure)
    complete(draft, applicant)
    submission.save_draft(
        draft, applicant, form_data={"copies": "2"}, result_delivery="post", delivery_address=POSTAL
    )
    return submission.submit(draft, applicant)


def test_the_officers_page_shows_the_answers_contacts_and_delivery(client, online_dossier):
    counter = OfficerFactory(agency=online_dossier.agency, role=Role.COUNTER_OFFICER)
    client.force_login(counter)
    page = client.get(reverse("backoffice:dossier", args=[online_dossier.code])).content.decode()
    for shown in (
        "Ngày sinh",
        "25/03/1990",
        "Loại phiếu",
        "Phiếu số 1",
        "Số lượng",
        "0912345678",
        "lan@example.com",
    ):
        assert shown in page, shown
    assert 'href="tel:0912345678"' in page
    assert "Số 15 phố Lê Thánh Tông" in page  # where the result is posted
    assert "Số 2 Trần Hưng Đạo" in page  # the applicant's own address
    assert 'id="answers"' in page and 'lang="vi"' in page


def test_the_officers_api_detail_has_the_same(client, online_dossier):
    counter = OfficerFactory(agency=online_dossier.agency, role=Role.COUNTER_OFFICER)
    body = client.get(f"/api/v1/dossiers/{online_dossier.code}", **bearer(counter)).json()
    answers = {answer["label"]: answer["value"] for answer in body["answers"]}
    assert answers == {"Ngày sinh": "25/03/1990", "Loại phiếu": "Phiếu số 1", "Số lượng": "2"}
    assert body["applicant_phone"] == "0912345678" and body["applicant_email"] == "lan@example.com"
    assert body["result_delivery"] == "post" and "Lê Thánh Tông" in body["delivery_address"]
    assert "Trần Hưng Đạo" in body["applicant_address"]
    scans = [f for f in body["files"] if f["kind"] == "component"]
    assert (
        scans
        and scans[0]["component"]
        and scans[0]["url"].startswith(f"/can-bo/ho-so/{online_dossier.code}/tep/")
    )
    assert client.get(scans[0]["url"], **bearer(counter)).status_code in (200, 302)


def test_an_image_scan_is_previewed_on_the_page(client, online_dossier):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    component = online_dossier.procedure.components.first()
    counter = OfficerFactory(agency=online_dossier.agency, role=Role.COUNTER_OFFICER)
    from dossiers.models import DossierFile

    stored = DossierFile(
        dossier=online_dossier, kind="component", component=component, original_name="anh.png",
        content_type="image/png", size=len(buffer.getvalue()),
    )  # fmt: skip
    stored.file.save("anh.png", SimpleUploadedFile("anh.png", buffer.getvalue()), save=True)
    client.force_login(counter)
    page = client.get(reverse("backoffice:dossier", args=[online_dossier.code])).content.decode()
    preview = f"/can-bo/ho-so/{online_dossier.code}/tep/{stored.pk}/?xem=1"
    assert f'<img class="scan-preview" src="{preview}"' in page


def _accessible_names(html: str) -> list[str]:
    """The text of every <label> of the page (what a screen reader announces for its field)."""
    import re

    return [
        re.sub(r"<[^>]+>|\s+", " ", label).strip()
        for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]


def test_every_field_of_the_dossier_page_has_a_name_of_its_own_and_assign_says_which_step_starts(client):
    from dossiers.tests.factories import received_dossier

    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    dossier = received_dossier(counter)
    client.force_login(counter)
    html = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    names = _accessible_names(html)
    assert names and len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    first_step = dossier.steps.order_by("index").first()
    assert f"Bắt đầu bước 1: {first_step.name}" in html


def test_the_reception_form_labels_say_what_they_ask():
    from backoffice.forms import ReceptionForm

    labels = {
        name: str(field.label) for name, field in ReceptionForm(agency=OfficerFactory().agency).fields.items()
    }
    assert labels["channel"] == "Hình thức tiếp nhận"
    assert labels["result_delivery"] == "Hình thức nhận kết quả"


def test_a_pdf_scan_can_be_viewed_in_the_browser_other_types_only_downloaded(client, online_dossier):
    counter = OfficerFactory(agency=online_dossier.agency, role=Role.COUNTER_OFFICER)
    client.force_login(counter)
    scan = online_dossier.files.filter(kind="component").first()
    assert scan.content_type == "application/pdf"
    url = reverse("backoffice:file", args=[online_dossier.code, scan.pk])
    assert (
        f'href="{url}?xem=1"'
        in client.get(reverse("backoffice:dossier", args=[online_dossier.code])).content.decode()
    )
    shown = client.get(url, {"xem": "1"})
    assert shown["Content-Disposition"].startswith("inline") and "no-store" in shown["Cache-Control"]
    assert client.get(url)["Content-Disposition"].startswith("attachment")
    from core.downloads import stored_file_response

    other = stored_file_response(scan.file, filename="x.docx", content_type="application/msword", inline=True)
    assert other["Content-Disposition"].startswith("attachment")
