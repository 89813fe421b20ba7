"""A component photographed page by page is attached as one PDF, like an uploaded scan."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dossiers import submission
from dossiers.models import DossierFile
from dossiers.submission import SubmissionInvalid
from dossiers.tests.test_submission import citizen, procedure  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def photo(name, colour, size=(300, 400)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def user():
    return citizen()


@pytest.fixture
def draft(user, procedure):  # noqa: F811
    return submission.start_draft(user, procedure)


def test_three_photos_become_one_three_page_pdf_of_the_component(draft, user):
    component = draft.procedure.components.get(required=True)
    component.name = "Bản sao Căn cước công dân (đối với người đã được cấp)"
    photos = [photo("IMG_1.jpg", "red"), photo("IMG_2.jpg", "green"), photo("IMG_3.jpg", "blue")]
    stored = submission.attach_photographed_pages(draft, user, component, photos)
    assert list(draft.files.values_list("pk", flat=True)) == [stored.pk]
    assert (stored.kind, stored.component, stored.content_type) == (
        DossierFile.Kind.COMPONENT,
        component,
        "application/pdf",
    )
    assert stored.original_name == "ban-sao-can-cuoc-cong-dan-doi-voi-nguoi-da-duoc-cap-anh-chup.pdf"
    with stored.file.open("rb") as handle:
        content = handle.read()
    assert stored.size == len(content)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert len(pdf.pages) == 3


@pytest.mark.usefixtures("english")
def test_a_page_that_is_not_a_photo_is_refused_and_nothing_is_attached(draft, user):
    component = draft.procedure.components.get(required=True)
    forged = SimpleUploadedFile("IMG_2.jpg", b"MZ\x90\x00" + b"\0" * 200, content_type="image/jpeg")
    with pytest.raises(SubmissionInvalid) as caught:
        submission.attach_photographed_pages(draft, user, component, [photo("1.jpg", "red"), forged])
    assert caught.value.errors == {
        submission.component_key(component): [
            "Page 2 is not a photo that can be read (JPEG or PNG). Photograph the page again."
        ]
    }
    assert not draft.files.exists()


@pytest.mark.usefixtures("english")
def test_the_assembled_pdf_meets_the_same_upload_limits(draft, user, settings):
    """Each photo is within the limit, the PDF of all of them is not: refused like an uploaded PDF."""
    noisy = Image.effect_noise((500, 500), 120).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    settings.MOTCUA_UPLOAD_MAX_BYTES = len(buffer.getvalue()) + 1000
    photos = [SimpleUploadedFile(f"{n}.jpg", buffer.getvalue()) for n in range(4)]
    component = draft.procedure.components.get(required=True)
    with pytest.raises(SubmissionInvalid) as caught:
        submission.attach_photographed_pages(draft, user, component, photos)
    (message,) = caught.value.errors[submission.component_key(component)]
    assert message.startswith(f"“{submission.photographed_name(component)}” is ")
    assert "a file may be at most" in message
    assert not draft.files.exists()


def test_the_name_is_readable_without_diacritics():
    class Component:
        name = "Đơn đề nghị cấp đổi giấy phép lái xe (Mẫu số 01)"

    assert (
        submission.photographed_name(Component)
        == "don-de-nghi-cap-doi-giay-phep-lai-xe-mau-so-01-anh-chup.pdf"
    )
    Component.name = "!!!"
    assert submission.photographed_name(Component) == "giay-to-anh-chup.pdf"
