"""The dossier's legal forms rendered from the database and read back with poppler and zbar."""

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest

from documents.tests.pdf_text import pdf_text
from dossiers.documents import control_sheet_pdf, receipt_pdf, store_document, tracking_book_pdf
from dossiers.domain.lifecycle import Action
from dossiers.models import DossierFile
from dossiers.services import perform

from .factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)
NAME = "Nguyễn Thị Hồng Nhung"


def _need(*tools):
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install poppler-utils zbar-tools)")


@pytest.fixture
def officer():
    return OfficerFactory(first_name="Đức", last_name="Trần Văn")


def test_receipt_prints_code_applicant_and_title(officer, tmp_path):
    dossier = received_dossier(officer=officer, now=NOW)
    text = pdf_text(receipt_pdf(dossier), tmp_path)
    for expected in (dossier.code, NAME, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Tờ khai đề nghị"):
        assert expected in text


def test_receipt_qr_code_holds_the_dossier_code(officer, tmp_path):
    _need("pdftoppm", "zbarimg")
    dossier = received_dossier(officer=officer, now=NOW)
    (tmp_path / "r.pdf").write_bytes(receipt_pdf(dossier))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "r.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=30,
    )
    (png,) = tmp_path.glob("page*.png")
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, timeout=30)
    assert decoded.returncode == 0, decoded.stderr
    assert dossier.code in decoded.stdout.decode("utf-8")


def test_control_sheet_after_hand_offs(officer, tmp_path):
    dossier = received_dossier(officer=officer, now=NOW)
    perform(dossier, officer, Action.ASSIGN, now=NOW + timedelta(hours=1))
    perform(dossier, officer, Action.FORWARD, comment="Đủ điều kiện", now=NOW + timedelta(hours=3))
    text = pdf_text(control_sheet_pdf(dossier), tmp_path)
    assert dossier.code in text
    assert NAME in text
    assert "PHIẾU KIỂM SOÁT" in text


def test_tracking_book_lists_the_day(officer, tmp_path):
    dossier = received_dossier(officer=officer, now=NOW)
    text = pdf_text(tracking_book_pdf(officer.agency, date(2026, 3, 1), date(2026, 3, 31)), tmp_path)
    assert dossier.code in text


def test_store_document_creates_a_dossier_file(officer, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    dossier = received_dossier(officer=officer, now=NOW)
    pdf = receipt_pdf(dossier)
    stored = store_document(dossier, DossierFile.Kind.RECEIPT, pdf, "giay-tiep-nhan.pdf")
    stored.refresh_from_db()
    assert stored.content_type == "application/pdf"
    assert stored.size == len(pdf)
    with stored.file.open("rb") as handle:
        assert handle.read() == pdf
    assert dossier.files.get() == stored
