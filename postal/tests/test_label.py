"""The address label: the barcode's number, the sender and the receiver, as a PDF reader reads them."""

import pytest

from documents.tests.pdf_text import pdf_text
from postal.label import _code39, label_pdf
from postal.models import Shipment
from postal.services import create_shipment

from .conftest import RECEIVER

pytestmark = pytest.mark.django_db


def test_the_label_shows_the_number_the_sender_and_the_receiver(by_post, counter, tmp_path):
    shipment = create_shipment(by_post, counter, cod_amount=125000)
    Shipment.objects.filter(pk=shipment.pk).update(tracking_number="EL123456789VN")
    shipment.refresh_from_db()

    pdf = label_pdf(shipment)

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "EL123456789VN" in text
    assert f"NGƯỜI NHẬN {RECEIVER} ĐT: 0912345678 Số 12 ngõ 34 phố Hàng Bài, Phường Hoàn Kiếm" in text
    assert "NGƯỜI GỬI UBND phường Ba Đình ĐT: 02438221234 1 Hoàng Diệu" in text
    assert "Thu hộ (COD): 125.000 đ" in text
    assert f"Hồ sơ: {by_post.code}" in text


def test_the_barcode_carries_only_what_code_39_can():
    assert _code39("el123456789vn") == "*EL123456789VN*"
    assert _code39("MC_0001#") == "*MC0001*"
