"""One stored file for the same content in several dossiers; it stays while any dossier uses it."""

import hashlib
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.tests.factories import procedure_with_details
from documents.tests.samples import MINIMAL_PDF
from dossiers import submission
from dossiers.actions.files import files_removed_on_failure
from dossiers.models import Dossier, DossierFile
from dossiers.tests.test_submission import citizen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def scan() -> bytes:
    """A PDF no other test stores: a comment line makes its bytes (and its name) this test's own."""
    return MINIMAL_PDF.replace(b"\n", f"\n% {uuid.uuid4().hex}\n".encode(), 1)


@pytest.fixture
def procedure():
    return procedure_with_details(service_level=4)


def _draft(procedure, username):
    personal_id = {"lan": "022190001234", "hoa": "022190005678"}[username]
    applicant = citizen(username, personal_id=personal_id, email=f"{username}@example.com")
    return submission.start_draft(applicant, procedure), applicant


def _attach(draft, applicant, content) -> DossierFile:
    component = draft.procedure.components.get(required=True)
    return submission.attach_file(draft, applicant, component, SimpleUploadedFile("giay-to.pdf", content))


def _read(name) -> bytes:
    with default_storage.open(name) as stored:
        return stored.read()


def _stored_files() -> list[str]:
    _folders, names = default_storage.listdir("files")
    return (
        sorted(
            name
            for folder in default_storage.listdir("files")[0]
            for name in default_storage.listdir(f"files/{folder}")[1]
        )
        + names
    )


def test_the_same_bytes_in_two_dossiers_are_one_stored_file(
    procedure, scan, django_capture_on_commit_callbacks
):
    (lan, lan_user), (hoa, hoa_user) = _draft(procedure, "lan"), _draft(procedure, "hoa")
    first, second = _attach(lan, lan_user, scan), _attach(hoa, hoa_user, scan)
    sha256 = hashlib.sha256(scan).hexdigest()
    assert (first.sha256, second.sha256) == (sha256, sha256)
    assert first.file.name == second.file.name == f"files/{sha256[:2]}/{sha256}.pdf"
    assert _stored_files() == [f"{sha256}.pdf"]

    with django_capture_on_commit_callbacks(execute=True):
        submission.remove_file(lan, lan_user, first.pk)
    assert not DossierFile.objects.filter(pk=first.pk).exists()
    assert _read(second.file.name) == scan  # Hoa's copy is still readable

    with django_capture_on_commit_callbacks(execute=True):
        submission.remove_file(hoa, hoa_user, second.pk)
    assert _stored_files() == []  # the last one released it


def test_deleting_a_draft_keeps_what_another_dossier_uses(
    procedure, scan, django_capture_on_commit_callbacks
):
    (lan, lan_user), (hoa, hoa_user) = _draft(procedure, "lan"), _draft(procedure, "hoa")
    _attach(lan, lan_user, scan)
    kept = _attach(hoa, hoa_user, scan)
    with django_capture_on_commit_callbacks(execute=True):
        submission.delete_draft(lan, lan_user)
    assert not Dossier.objects.filter(pk=lan.pk).exists()
    assert _read(kept.file.name) == scan
    with django_capture_on_commit_callbacks(execute=True):
        submission.delete_draft(hoa, hoa_user)
    assert _stored_files() == []


def test_an_upload_rolled_back_keeps_the_file_another_dossier_uses(procedure, scan, monkeypatch):
    (lan, lan_user), (hoa, hoa_user) = _draft(procedure, "lan"), _draft(procedure, "hoa")
    kept = _attach(lan, lan_user, scan)

    def failing_save(self, *args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Dossier, "save", failing_save)  # after the file row is saved: all rolls back
    with pytest.raises(RuntimeError):
        _attach(hoa, hoa_user, scan)
    with pytest.raises(RuntimeError):
        _attach(hoa, hoa_user, scan + b"\n")  # content only this upload had
    monkeypatch.undo()
    assert list(hoa.files.all()) == []
    assert _read(kept.file.name) == scan
    assert _stored_files() == [f"{kept.sha256}.pdf"]  # the other upload's file is released


def test_files_written_by_a_failed_action_are_released_unless_shared(procedure, scan):
    lan, lan_user = _draft(procedure, "lan")
    kept = _attach(lan, lan_user, scan)
    other = DossierFile(dossier=lan, kind=DossierFile.Kind.RESULT, original_name="kq.pdf", size=1)
    alone = DossierFile(dossier=lan, kind=DossierFile.Kind.RESULT, original_name="kq.pdf", size=1)
    with pytest.raises(ZeroDivisionError), files_removed_on_failure() as written:
        other.store_content(scan, "pdf")
        alone.store_content(b"%PDF-1.4\n%%EOF\n", "pdf")
        written += [other.file, alone.file]
        1 / 0
    assert _stored_files() == [f"{kept.sha256}.pdf"]
    assert _read(kept.file.name) == scan


def test_dossier_files_are_stored_only_through_the_content_addressed_store():
    """A file saved with ``FieldFile.save`` would get a random name and no SHA-256: only form templates
    (the catalog, whose names stay random) are saved that way."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not {"tests", "migrations", ".venv", "catalog"} & set(path.relative_to(root).parts)
        and ".file.save(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
