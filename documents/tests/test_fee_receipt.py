"""The e-receipt's amount in words and its PDF (``documents.forms.amount_words``, ``fee_receipt``)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from documents.forms.amount_words import number_in_words, vnd_in_words
from documents.forms.data import Applicant
from documents.forms.fee_receipt import FeeReceiptData, FeeReceiptLine, render_fee_receipt

from .pdf_text import pdf_text
from .samples import HEADER

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi bốn đồng"),
        (55, "Năm mươi lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (135_000, "Một trăm ba mươi lăm nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_000_500, "Một triệu năm trăm đồng"),
        (2_021, "Hai nghìn không trăm hai mươi mốt đồng"),
        (50_000_000, "Năm mươi triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (2_000_350_000, "Hai tỷ ba trăm năm mươi nghìn đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (
            1_234_567_891,
            "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng",
        ),
    ],
)
def test_amounts_in_words(amount, words):
    assert vnd_in_words(amount) == words


@pytest.mark.parametrize("bad", [-1, 1.5, "100", True, None])
def test_only_whole_numbers_from_zero_are_read(bad):
    with pytest.raises(ValueError):
        number_in_words(bad)


def test_the_receipt_prints_its_number_the_payer_the_lines_the_total_in_words_and_the_gateway(tmp_path):
    data = FeeReceiptData(
        header=HEADER,
        form_number="01BLP0-001",
        series="MC-26E",
        number="0000042",
        issued_at=datetime(2026, 3, 5, 9, 30, tzinfo=VN),
        payer=Applicant(name="Nguyễn Văn An", personal_id="022301001234", address="12 Lê Lợi, Hạ Long"),
        dossier_code="000.00.01.H40-260305-0001",
        procedure_name="Cấp phiếu lý lịch tư pháp",
        lines=[FeeReceiptLine("Phí thẩm định", 1_115_000), FeeReceiptLine("Lệ phí cấp", 135_000)],
        payment_method="Thanh toán trực tuyến qua VNPay",
        reference="260305ABCDEF1234",
        transaction_no="14123456",
        paid_at=datetime(2026, 3, 5, 9, 29, tzinfo=VN),
    )
    pdf = render_fee_receipt(data)
    assert pdf == render_fee_receipt(data)  # deterministic
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ",
        "Mẫu số: 01BLP0-001",
        "Ký hiệu: MC-26E",
        "Số: 0000042",
        "Người nộp: Nguyễn Văn An",
        "Số định danh cá nhân: 022301001234",
        "Địa chỉ: 12 Lê Lợi, Hạ Long",
        "Phí thẩm định 1.115.000",
        "Lệ phí cấp 135.000",
        "Tổng cộng 1.250.000",
        "Số tiền bằng chữ: Một triệu hai trăm năm mươi nghìn đồng",
        "Hình thức thanh toán: Thanh toán trực tuyến qua VNPay",
        "Mã tham chiếu: 260305ABCDEF1234",
        "Mã giao dịch: 14123456",
        "Thời gian thanh toán: 09:29 05/03/2026",
    ):
        assert expected in text, expected
