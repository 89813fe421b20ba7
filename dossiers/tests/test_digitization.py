"""Digitization at the counter: each scanned component is marked digitized with its SHA-256, and the
dossier has digitized components, in the reception's transaction."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.tests.factories import procedure_with_details
from documents.signing import verify_pdf
from documents.storage import sha256_of as content_sha256
from documents.tests.samples import MINIMAL_PDF
from dossiers.domain.errors import DomainError
from dossiers.models import Dossier, DossierFile
from dossiers.services import Applicant, ComponentReceived, Reception, receive_at_counter
from dossiers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    form, copy = procedure.components.order_by("position")
    return officer, procedure, form, copy


def reception(procedure, components):
    return Reception(
        procedure=procedure,
        applicant=Applicant(name="Trần Văn Bình", id_number="022090001234"),
        components=components,
    )


def test_the_hash_of_bytes_and_of_a_file_is_the_sha256_of_the_content():
    expected = hashlib.sha256(MINIMAL_PDF).hexdigest()
    upload = SimpleUploadedFile("a.pdf", MINIMAL_PDF)
    upload.read(10)
    assert content_sha256(MINIMAL_PDF) == expected
    assert content_sha256(upload) == expected
    assert upload.read() == MINIMAL_PDF  # left at its start for the storage
    assert content_sha256(ContentFile(b"")) == hashlib.sha256(b"").hexdigest()


def test_scans_at_the_counter_are_digitized_and_hashed_and_the_dossier_flagged(setup):
    officer, procedure, form, copy = setup
    second = MINIMAL_PDF.replace(b"%%EOF", b"% trang 2\n%%EOF")
    scans = [SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF), SimpleUploadedFile("trang-2.pdf", second)]

    dossier = receive_at_counter(officer, reception(procedure, [ComponentReceived(form, scans)]))

    files = list(DossierFile.objects.filter(dossier=dossier).order_by("id"))
    assert [(f.component_id, f.digitized) for f in files] == [(form.pk, True), (form.pk, True)]
    for stored in files:  # the hash of what is kept: the scan sealed by the receiving agency
        with stored.file.open("rb") as handle:
            kept = handle.read()
        assert stored.sha256 == hashlib.sha256(kept).hexdigest() and stored.size == len(kept)
        verification = verify_pdf(kept)
        assert verification.ok and verification.signatures[0].organization == officer.agency.name
        assert stored.signed_at is not None and stored.signer_name == officer.agency.name
    assert Dossier.objects.get(pk=dossier.pk).has_digitized_components is True


def test_an_image_scan_becomes_a_sealed_one_page_pdf(setup):
    import io

    import pikepdf
    from PIL import Image

    officer, procedure, form, copy = setup
    photo = io.BytesIO()
    Image.new("RGB", (800, 1100), "white").save(photo, "JPEG")
    scan = SimpleUploadedFile("ban-chup.jpg", photo.getvalue(), content_type="image/jpeg")
    dossier = receive_at_counter(officer, reception(procedure, [ComponentReceived(form, [scan])]))
    stored = DossierFile.objects.get(dossier=dossier)
    assert (stored.original_name, stored.content_type) == ("ban-chup.pdf", "application/pdf")
    with stored.file.open("rb") as handle:
        kept = handle.read()
    assert verify_pdf(kept).ok
    with pikepdf.open(io.BytesIO(kept)) as document:
        assert len(document.pages) == 1


def test_a_dossier_received_without_scans_has_no_digitized_components(setup):
    officer, procedure, form, copy = setup
    dossier = receive_at_counter(officer, reception(procedure, [ComponentReceived(form)]))
    assert Dossier.objects.get(pk=dossier.pk).has_digitized_components is False
    assert not DossierFile.objects.filter(kind=DossierFile.Kind.COMPONENT).exists()


def test_a_refused_reception_leaves_no_digitized_file(setup):
    officer, procedure, form, copy = setup
    good = SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF)
    fake = SimpleUploadedFile("ban-sao.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(DomainError):
        receive_at_counter(officer, reception(procedure, [ComponentReceived(form, [good, fake])]))
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
