"""The counter's checklist: required components ticked, scans checked by content and kept."""

import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.tests.factories import procedure_with_details
from documents.signing import verify_pdf
from documents.tests.samples import MINIMAL_PDF
from dossiers.documents import receipt_pdf
from dossiers.domain.errors import DomainError
from dossiers.models import Dossier, DossierFile, ReceivedComponent
from dossiers.services import Applicant, ComponentReceived, Reception, receive_at_counter
from dossiers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db
PDF = MINIMAL_PDF


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


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


def test_ticked_components_and_scans_are_kept(setup, tmp_path):
    officer, procedure, form, copy = setup
    scans = [SimpleUploadedFile("to-khai.pdf", PDF), SimpleUploadedFile("trang-2.png", png_bytes())]
    dossier = receive_at_counter(officer, reception(procedure, [ComponentReceived(form, scans)]))
    assert list(ReceivedComponent.objects.values_list("name", flat=True)) == ["Tờ khai đề nghị"]
    files = list(DossierFile.objects.order_by("id"))
    assert [(f.kind, f.component, f.digitized, f.content_type) for f in files] == [
        ("component", form, True, "application/pdf"),
        ("component", form, True, "application/pdf"),  # the image scan, as a sealed one-page PDF
    ]
    assert files[0].original_name == "to-khai.pdf" and files[0].uploaded_by == officer
    assert files[1].original_name == "trang-2.pdf"
    with files[0].file.open("rb") as handle:
        kept = handle.read()
    assert kept.startswith(b"%PDF-") and verify_pdf(kept).ok  # the scan, sealed by the receiving agency
    if shutil.which("pdftotext"):
        (tmp_path / "r.pdf").write_bytes(receipt_pdf(dossier))
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(tmp_path / "r.pdf"), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "Tờ khai đề nghị" in text
        assert "Bản sao giấy tờ tùy thân" not in text  # not ticked, not printed as received


def test_a_required_component_must_be_ticked(setup):
    officer, procedure, form, copy = setup
    with pytest.raises(DomainError, match="Tờ khai đề nghị"):
        receive_at_counter(officer, reception(procedure, [ComponentReceived(copy)]))
    assert not Dossier.objects.exists()


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_written(setup):
    officer, procedure, form, copy = setup
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(DomainError, match="to-khai.pdf"):
        receive_at_counter(officer, reception(procedure, [ComponentReceived(form, [fake])]))
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


def test_a_component_of_another_procedure_is_refused(setup):
    officer, procedure, form, copy = setup
    foreign = procedure_with_details(agencies=[officer.agency]).components.first()
    with pytest.raises(DomainError):
        receive_at_counter(
            officer, reception(procedure, [ComponentReceived(form), ComponentReceived(foreign)])
        )
    assert not Dossier.objects.exists()


def test_scans_already_stored_are_deleted_when_the_reception_fails(setup, monkeypatch):
    from django.core.files.storage import default_storage

    officer, procedure, form, copy = setup
    stored_names = []
    from dossiers.actions import reception as counter_reception

    real_store = counter_reception._store_checklist

    def store_then_remember(dossier, officer, components, scans, written):
        real_store(dossier, officer, components, scans, written)
        stored_names.extend(f.name for f in written)

    def failing_log(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(counter_reception, "_store_checklist", store_then_remember)
    monkeypatch.setattr(counter_reception, "record", failing_log)
    scans = [SimpleUploadedFile("to-khai.pdf", PDF)]
    with pytest.raises(RuntimeError):
        receive_at_counter(officer, reception(procedure, [ComponentReceived(form, scans)]))
    assert stored_names and not any(default_storage.exists(name) for name in stored_names)
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


def test_receipt_of_a_dossier_without_checklist_lists_the_uploaded_components(setup):
    from django.core.files.base import ContentFile

    from dossiers.documents import received_components
    from dossiers.tests.factories import received_dossier

    officer, procedure, form, copy = setup
    dossier = received_dossier(officer, procedure)  # no checklist: the procedure's components
    assert received_components(dossier) == [form, copy]
    upload = DossierFile(dossier=dossier, kind="component", component=copy, original_name="cccd.pdf")
    upload.content_type, upload.size = "application/pdf", len(PDF)
    upload.file.save("cccd.pdf", ContentFile(PDF))
    assert received_components(dossier) == [copy]
