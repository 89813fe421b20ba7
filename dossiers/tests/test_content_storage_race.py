"""A release never deletes a file that a transaction not yet committed is pointing a row at."""

import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction

from documents import storage
from dossiers.models import DossierFile
from dossiers.tests.factories import received_dossier

CONTENT = b"%PDF-1.4\n% shared while released\n%%EOF\n"


@pytest.mark.django_db(transaction=True)
def test_a_release_waits_for_the_transaction_storing_the_same_content(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    dossier = received_dossier()
    stored, may_commit, errors, released = threading.Event(), threading.Event(), [], []

    def store_and_commit_later():
        try:
            with transaction.atomic():
                row = DossierFile(dossier=dossier, kind=DossierFile.Kind.COMPONENT, original_name="a", size=1)
                row.store_content(CONTENT, "pdf")
                row.save()
                stored.set()
                may_commit.wait(timeout=30)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    def release():
        try:
            released.append(storage.release(name))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    name = storage.content_name(storage.sha256_of(CONTENT), "pdf")
    storer = threading.Thread(target=store_and_commit_later)
    storer.start()
    assert stored.wait(timeout=30)
    releaser = threading.Thread(target=release)
    releaser.start()
    releaser.join(timeout=0.5)
    assert releaser.is_alive(), "the release must wait for the storing transaction"
    may_commit.set()
    storer.join(timeout=30)
    releaser.join(timeout=30)
    assert not errors, errors
    assert released == [False]
    assert default_storage.exists(name)
