""" "Photograph page by page" on the citizen's pages, without JavaScript: the photos chosen in the
camera input become one PDF of the component (the draft's documents step and a supplement)."""

import io
import re

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.models import FormField
from catalog.tests.factories import procedure_with_details
from dossiers import submission
from dossiers.models import DossierFile
from dossiers.tests.test_submission import citizen
from portal.tests.test_my_dossiers import awaiting_supplement
from portal.tests.test_submission_pages import pdf

pytestmark = pytest.mark.django_db


def photos(*colours):
    files = []
    for number, colour in enumerate(colours, start=1):
        buffer = io.BytesIO()
        Image.new("RGB", (300, 400), colour).save(buffer, "JPEG")
        files.append(SimpleUploadedFile(f"IMG_000{number}.jpg", buffer.getvalue(), content_type="image/jpeg"))
    return files


def page_count(stored: DossierFile) -> int:
    with stored.file.open("rb") as handle, pikepdf.open(io.BytesIO(handle.read())) as document:
        return len(document.pages)


@pytest.fixture
def user():
    return citizen()


@pytest.fixture
def draft(user):
    return submission.start_draft(user, procedure_with_details(service_level=4))


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def files_url(draft):
    return reverse("portal:draft_files", args=[draft.pk])


def test_every_component_has_its_own_camera_input_inside_its_upload_form(signed_in, draft):
    page = signed_in.get(files_url(draft)).content.decode()
    components = list(draft.procedure.components.all())
    assert len(components) == 2
    for component in components:
        key = submission.component_key(component)
        form = re.search(rf'<section[^>]*id="{key}".*?</section>', page, re.S).group(0)
        camera = re.search(r'<input type="file" id="([^"]+)" name="photos"([^>]*)>', form)
        assert camera.group(1) == f"{key}-photos"
        assert 'multiple accept="image/*"' in camera.group(2)
        label = re.search(rf'<label for="{key}-photos">(.*?)</label>', form, re.S).group(1)
        assert label.startswith("Photograph page by page") or label.startswith("Chụp ảnh từng trang")
        assert component.name in label  # told apart from the other documents' for screen readers
        assert f'id="{key}-photos-status" aria-live="polite"' in form


def test_photos_chosen_without_javascript_become_one_pdf_in_their_order(signed_in, draft):
    component = draft.procedure.components.get(required=True)
    response = signed_in.post(
        files_url(draft), {"component": component.pk, "photos": photos("red", "green", "blue")}
    )
    assert response.status_code == 302
    (stored,) = draft.files.all()
    assert stored.component == component and stored.content_type == "application/pdf"
    assert stored.original_name == submission.photographed_name(component)
    assert page_count(stored) == 3
    listed = signed_in.get(files_url(draft)).content.decode()
    assert stored.original_name in listed


def test_files_and_photos_sent_together_are_each_attached(signed_in, draft):
    component = draft.procedure.components.get(required=True)
    response = signed_in.post(
        files_url(draft), {"component": component.pk, "files": [pdf()], "photos": photos("red", "blue")}
    )
    assert response.status_code == 302
    names = sorted(draft.files.values_list("original_name", flat=True))
    assert names == sorted(["to-khai.pdf", submission.photographed_name(component)])


@pytest.mark.usefixtures("english")
def test_a_refused_photo_is_named_by_its_page_and_the_error_leads_to_the_camera_input(signed_in, draft):
    component = draft.procedure.components.get(required=True)
    key = submission.component_key(component)
    forged = SimpleUploadedFile("IMG_0002.jpg", b"MZ\x90\x00" + b"\0" * 300, content_type="image/jpeg")
    response = signed_in.post(
        files_url(draft), {"component": component.pk, "photos": [*photos("red"), forged]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    message = "Page 2 is not a photo that can be read (JPEG or PNG). Photograph the page again."
    assert f'<a href="#{key}-photos">{message}</a>' in page
    assert f'<p class="field__error" id="{key}-error">{message}</p>' in page
    assert not draft.files.exists()


def test_a_supplement_can_be_photographed_too(client, user):
    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(
        procedure=procedure, order=1, key="kind", label="Loại", kind="choice", choices=["A"]
    )
    dossier = awaiting_supplement(user, procedure)
    client.force_login(user)
    page = client.get(reverse("portal:my_dossier", args=[dossier.pk])).content.decode()
    assert 'id="supplement-photos" name="photos" multiple accept="image/*"' in page
    required = procedure.components.get(required=True)
    response = client.post(
        reverse("portal:supplement_upload", args=[dossier.pk]),
        {"component": required.pk, "photos": photos("red", "green", "blue")},
    )
    assert response.status_code == 302
    stored = dossier.files.get(original_name=submission.photographed_name(required))
    assert stored.supplement_request_id is not None
    assert page_count(stored) == 3
