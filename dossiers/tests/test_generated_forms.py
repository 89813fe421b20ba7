"""Supplement request, rejection, notice of stopping and apology: generated and kept with the dossier."""

import re
import shutil
import subprocess
import unicodedata
from datetime import timedelta

import pytest
from django.utils import timezone

from core.roles import Role
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier, DossierFile, SupplementRequest
from dossiers.services import apologize_and_extend, perform
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db
Kind = DossierFile.Kind


def _text(stored: DossierFile, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (apt-get install poppler-utils)")
    path = tmp_path / "form.pdf"
    with stored.file.open("rb") as handle:
        path.write_bytes(handle.read())
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=20
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", out)).strip()


def test_supplement_request_lists_the_missing_items(tmp_path):
    dossier = received_dossier()
    items = [
        {"name": "Tờ khai đề nghị", "reason": "Thiếu chữ ký"},
        {"name": "Giấy xác nhận cư trú", "reason": "Chưa nộp"},
    ]
    perform(dossier, dossier.received_by, Action.REQUEST_SUPPLEMENT, supplement_items=items)
    stored = DossierFile.objects.get(kind=Kind.SUPPLEMENT_REQUEST)
    assert stored.original_name == f"{dossier.code}-phieu-yeu-cau-bo-sung.pdf"
    assert stored.content_type == "application/pdf" and stored.uploaded_by == dossier.received_by
    text = _text(stored, tmp_path)
    for expected in (dossier.code, "Thiếu chữ ký", "Giấy xác nhận cư trú", "YÊU CẦU BỔ SUNG"):
        assert expected in text
    assert SupplementRequest.objects.get().items == items


@pytest.mark.parametrize("items", [None, [], [{"name": " ", "reason": ""}], [{"name": "", "reason": "Mờ"}]])
def test_supplement_request_needs_an_item(items):
    dossier = received_dossier()
    with pytest.raises(DomainError):
        perform(dossier, dossier.received_by, Action.REQUEST_SUPPLEMENT, supplement_items=items)
    dossier = Dossier.objects.get()
    assert dossier.state == State.RECEIVED and dossier.paused_at is None
    assert not SupplementRequest.objects.exists() and not DossierFile.objects.exists()


@pytest.mark.usefixtures("english")
def test_rejection_needs_a_reason_and_prints_it(tmp_path):
    dossier = received_dossier()
    with pytest.raises(DomainError, match="reason"):
        perform(dossier, dossier.received_by, Action.REJECT, comment="   ")
    assert Dossier.objects.get().state == State.RECEIVED
    assert not DossierFile.objects.exists() and Dossier.objects.get().log.count() == 1
    perform(dossier, dossier.received_by, Action.REJECT, comment="Thủ tục không thuộc thẩm quyền")
    assert Dossier.objects.get().state == State.REJECTED
    text = _text(DossierFile.objects.get(kind=Kind.REJECTION), tmp_path)
    assert "Thủ tục không thuộc thẩm quyền" in text and "TỪ CHỐI" in text


def test_stopping_needs_a_reason_and_prints_the_notice(tmp_path):
    dossier = received_dossier()
    leader = OfficerFactory(agency=dossier.agency, role=Role.LEADER)
    with pytest.raises(DomainError):
        perform(dossier, leader, Action.STOP_PROCESSING)
    assert Dossier.objects.get().state == State.RECEIVED
    perform(dossier, leader, Action.STOP_PROCESSING, comment="Người nộp đề nghị dừng")
    text = _text(DossierFile.objects.get(kind=Kind.STOP_NOTICE), tmp_path)
    assert "Người nộp đề nghị dừng" in text and "DỪNG GIẢI QUYẾT" in text


def test_apology_letter_is_kept_with_the_new_date(tmp_path):
    dossier = received_dossier()
    specialist = OfficerFactory(agency=dossier.agency, role=Role.SPECIALIST)
    new_date = dossier.appointment_at + timedelta(days=7)
    apologize_and_extend(dossier, specialist, new_date, "Chờ kết quả xác minh")
    text = _text(DossierFile.objects.get(kind=Kind.APOLOGY), tmp_path)
    assert "Chờ kết quả xác minh" in text
    assert timezone.localtime(new_date).strftime("%d/%m/%Y") in text


def test_a_failed_form_leaves_the_dossier_unchanged(monkeypatch):
    from dossiers import documents

    dossier = received_dossier()

    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(documents, "rejection_pdf", broken)
    with pytest.raises(RuntimeError):
        perform(dossier, dossier.received_by, Action.REJECT, comment="Lý do")
    assert Dossier.objects.get().state == State.RECEIVED
    assert Dossier.objects.get().log.count() == 1


def test_notices_are_rendered_before_the_dossier_is_locked(monkeypatch):
    """The row lock is held for the change only: the PDFs of the supplement request, the rejection
    and the apology are rendered outside the action's transaction (no savepoint of it open yet)."""
    from django.db import connection

    from dossiers import documents as rendering
    from dossiers.models import Dossier

    baseline = len(connection.savepoint_ids)
    depths = []
    for name in ("supplement_request_pdf", "rejection_pdf", "apology_pdf"):
        real = getattr(rendering, name)

        def spy(*args, _real=real, **kwargs):
            depths.append(len(connection.savepoint_ids))
            return _real(*args, **kwargs)

        monkeypatch.setattr(rendering, name, spy)
    dossier = received_dossier()
    perform(dossier, dossier.received_by, Action.ASSIGN)
    specialist = OfficerFactory(agency=dossier.agency, role="specialist")
    perform(dossier, specialist, Action.REQUEST_SUPPLEMENT, supplement_items=[{"name": "Bản sao CCCD"}])
    later = Dossier.objects.get(pk=dossier.pk).appointment_at + timedelta(days=10)
    apologize_and_extend(dossier, specialist, later, "Chờ xác minh")
    other = received_dossier()
    perform(other, other.received_by, Action.REJECT, comment="Không thuộc thẩm quyền")
    assert depths == [baseline] * 3, depths
    assert DossierFile.objects.filter(kind__in=["supplement_request", "apology", "rejection"]).count() == 3
