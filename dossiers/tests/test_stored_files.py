"""Files stored before content addressing get their hash and content name with one command."""

import hashlib
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from dossiers.models import DossierFile
from dossiers.tests.factories import received_dossier

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.4\n% stored before content addressing\n%%EOF\n"
SHA256 = hashlib.sha256(CONTENT).hexdigest()


@pytest.fixture(autouse=True)
def _empty_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _old_row(dossier, name="giay-to.pdf") -> DossierFile:
    """Saved the old way: a random name from the field's upload_to, no hash."""
    row = DossierFile(
        dossier=dossier,
        kind=DossierFile.Kind.COMPONENT,
        original_name=name,
        content_type="application/pdf",
        size=1,
    )
    row.file.save(name, ContentFile(CONTENT), save=True)
    return row


def test_old_files_are_hashed_renamed_and_their_old_copies_released(django_capture_on_commit_callbacks):
    dossier = received_dossier()
    first, second = _old_row(dossier), _old_row(dossier)
    old_names = [first.file.name, second.file.name]
    assert all(name.startswith("dossiers/") and default_storage.exists(name) for name in old_names)
    gone = DossierFile.objects.create(
        dossier=dossier,
        kind=DossierFile.Kind.COMPONENT,
        original_name="x.pdf",
        size=1,
        file="dossiers/lost.pdf",
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("store_files_by_content", stdout=out)
    assert out.getvalue() == "2 files stored by content; 1 missing from the storage.\n"
    name = f"files/{SHA256[:2]}/{SHA256}.pdf"
    for row in (first, second):
        row.refresh_from_db()
        assert (row.file.name, row.sha256) == (name, SHA256)
    assert not any(default_storage.exists(old) for old in old_names)
    with default_storage.open(name) as stored:
        assert stored.read() == CONTENT
    gone.refresh_from_db()
    assert (gone.file.name, gone.sha256) == ("dossiers/lost.pdf", "")

    out = StringIO()
    call_command("store_files_by_content", stdout=out)  # again: nothing left to do
    assert out.getvalue() == "0 files stored by content; 1 missing from the storage.\n"
