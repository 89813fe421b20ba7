"""Receipts are stored once per dossier: by the worker right after reception, or on first download."""

import pytest
from django_tasks_db.models import DBTaskResult

from documents.tests.pdf_text import pdf_text
from dossiers import receipts
from dossiers.models import DossierFile
from dossiers.tasks import store_receipt
from dossiers.tests.factories import received_dossier
from notifications.tests.worker import run_worker_once

pytestmark = pytest.mark.django_db


def receipt_tasks():
    return DBTaskResult.objects.filter(task_path=store_receipt.module_path)


def text_of(stored: DossierFile, tmp_path) -> str:
    with stored.file.open("rb") as source:
        return pdf_text(source.read(), tmp_path)


def test_counter_reception_queues_the_receipt_and_the_worker_stores_it(tmp_path):
    dossier = received_dossier()
    assert receipt_tasks().count() == 1
    assert receipts.stored_receipt(dossier) is None
    run_worker_once()
    stored = receipts.stored_receipt(dossier)
    assert stored is not None and stored.original_name == f"giay-tiep-nhan-{dossier.code}.pdf"
    text = text_of(stored, tmp_path)
    assert dossier.code in text and "Nguyễn Thị Hồng Nhung" in text and "HẸN TRẢ KẾT QUẢ" in text


def test_a_download_before_the_worker_renders_it_and_the_worker_adds_no_second_one():
    dossier = received_dossier()
    first = receipts.receipt_file(dossier)
    assert receipts.receipt_file(dossier) == first
    run_worker_once()
    assert dossier.files.filter(kind=DossierFile.Kind.RECEIPT).count() == 1


def test_a_failed_reception_queues_nothing(monkeypatch):
    from dossiers.actions import reception

    def broken_log(*args, **kwargs):
        raise OSError("database gone")

    monkeypatch.setattr(reception, "record", broken_log)
    with pytest.raises(OSError):
        received_dossier()
    assert not receipt_tasks().exists()
