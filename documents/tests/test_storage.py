"""Content-addressed storage: names from the SHA-256, one stored file per content, release when unused."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from catalog.models import FormTemplate
from catalog.tests.factories import procedure_with_details
from documents import storage
from dossiers.models import DossierFile
from dossiers.tests.factories import received_dossier

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.4\n% content-addressed storage test\n%%EOF\n"
SHA256 = hashlib.sha256(CONTENT).hexdigest()
NAME = f"files/{SHA256[:2]}/{SHA256}.pdf"


@pytest.fixture(autouse=True)
def _empty_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _row(dossier, content=CONTENT) -> DossierFile:
    row = DossierFile(dossier=dossier, kind=DossierFile.Kind.COMPONENT, original_name="a.pdf", size=1)
    row.store_content(content, "pdf")
    row.save()
    return row


@pytest.fixture
def dossier():
    return received_dossier()


def test_the_name_is_the_content_hash_under_two_hex_digits():
    assert storage.content_name(SHA256, "pdf") == NAME
    assert storage.sha256_of(CONTENT) == SHA256
    assert storage.sha256_of(io.BytesIO(CONTENT)) == SHA256
    with pytest.raises(ValueError):
        storage.content_name(SHA256, "../x")


def test_store_writes_the_content_once_and_points_the_field_at_it(dossier):
    first, second = _row(dossier), _row(dossier, ContentFile(CONTENT, name="other-name.pdf"))
    assert (first.sha256, second.sha256) == (SHA256, SHA256)
    assert DossierFile.objects.filter(file=NAME).count() == 2
    assert default_storage.listdir(f"files/{SHA256[:2]}") == ([], [f"{SHA256}.pdf"])
    with default_storage.open(NAME) as stored:
        assert stored.read() == CONTENT


def test_a_copy_written_meanwhile_under_a_suffixed_name_is_removed(dossier, monkeypatch):
    default_storage.save(NAME, ContentFile(CONTENT))
    # Another request wrote the same content between our check (which saw nothing) and our write.
    real_exists, checks = type(default_storage._wrapped).exists, []

    def exists_after_our_check(self, name):
        checks.append(name)
        return len(checks) > 1 and real_exists(self, name)

    monkeypatch.setattr(type(default_storage._wrapped), "exists", exists_after_our_check)
    row = _row(dossier)
    monkeypatch.undo()
    assert checks[0] == NAME
    assert row.file.name == NAME
    assert default_storage.listdir(f"files/{SHA256[:2]}") == ([], [f"{SHA256}.pdf"])


def test_release_keeps_a_file_any_row_still_uses(dossier):
    first, second = _row(dossier), _row(dossier)
    first.delete()
    assert storage.release(NAME) is False
    assert default_storage.exists(NAME)
    second.delete()
    assert storage.release(NAME) is True
    assert not default_storage.exists(NAME)
    assert storage.release("") is False


def test_a_form_template_pointing_at_the_name_keeps_it_too(dossier):
    row = _row(dossier)
    form = procedure_with_details().form_templates.first()
    form.file.name = NAME
    form.save(update_fields=["file"])
    row.delete()
    assert storage.release(NAME) is False
    FormTemplate.objects.filter(pk=form.pk).delete()
    assert storage.release(NAME) is True


def test_every_file_field_is_considered():
    fields = {(model._meta.label, field.name) for model, field in storage.file_fields()}
    assert {("dossiers.DossierFile", "file"), ("catalog.FormTemplate", "file")} <= fields


def test_release_on_commit_waits_for_the_commit(dossier, django_capture_on_commit_callbacks):
    row = _row(dossier)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row.delete()
        storage.release_on_commit(NAME)
        assert default_storage.exists(NAME)
    assert len(callbacks) == 1
    assert not default_storage.exists(NAME)
