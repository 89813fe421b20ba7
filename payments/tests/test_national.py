"""The national payment platform's protocol (payments.domain.national): plain functions, no database.

Authentication codes are checked against SHA-256 computed here by hand, over strings written out in
full: a test that called the module to get the expected value would pass on the module's own mistakes.
"""

import base64
import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from payments.domain import national
from payments.domain.gateway import (
    Outcome,
    PaymentOrder,
    PaymentSubject,
    QueryStatus,
    StoredPayment,
    SubjectLine,
)

KEY = "khoa-bi-mat-0123456789"
CONFIG = national.NationalConfig(
    partner_code="UBND_TINH_X",
    secret=KEY,
    beneficiary_account="3711.0.1234567",
    beneficiary_bank="KBNN",
    beneficiary_name="Kho bac Nha nuoc tinh X",
)
# 09:30:15 in Việt Nam on 5 March 2026.
CREATED = datetime(2026, 3, 5, 2, 30, 15, tzinfo=UTC)
NOW = datetime(2026, 3, 5, 2, 45, 0, tzinfo=UTC)  # 09:45:00 in Việt Nam
REFERENCE = "260305A1B2C3D4E5"


def by_hand(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def subject(lines=None):
    return PaymentSubject(
        dossier_code="000.00.04.H22-260305-0001",
        procedure_code="1.001234",
        agency_code="000.00.04.H22",
        payer_name="Nguyễn Văn An",
        payer_id_number="001090000123",
        payer_address="12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh",
        lines=lines
        or (SubjectLine("7", "Phí thẩm định", 1250000), SubjectLine("8", "Lệ phí cấp giấy phép", 135000)),
    )


def order(**changes):
    values = {
        "reference": REFERENCE,
        "amount": 1385000,
        "description": "Thanh toán phí, lệ phí hồ sơ 000.00.04.H22-260305-0001",
        "created_at": CREATED,
        "expires_at": CREATED + timedelta(minutes=15),
        "return_url": "http://127.0.0.1:8000/thanh-toan/national/ket-qua/",
        "ip_address": "203.113.0.7",
        "subject": subject(),
    }
    values.update(changes)
    return PaymentOrder(**values)


def stored(state="pending", amount=1385000):
    return StoredPayment(reference=REFERENCE, amount=amount, state=state, created_at=CREATED)


# --- INIT ------------------------------------------------------------------------------------------


def test_the_init_message_has_the_fields_in_order_and_its_code_over_them_and_the_key_written_out_by_hand():
    message = national.init_message(order(), CONFIG)

    assert list(message) == [*national.INIT_FIELDS, "ThongTinBienLai", "MaXacThuc"]
    assert [message[name] for name in national.INIT_FIELDS] == [
        "INIT",
        "1.0.6",
        "UBND_TINH_X",
        REFERENCE,
        1385000,
        "PAY",
        "1",
        "1",
        "vi-VN",
        "VND",
        "",
        "Thanh toán phí, lệ phí hồ sơ 000.00.04.H22-260305-0001",
        "20260305093015",
        "203.113.0.7",
    ]
    expected = by_hand(
        "INIT|1.0.6|UBND_TINH_X|260305A1B2C3D4E5|1385000|PAY|1|1|vi-VN|VND||"
        "Thanh toán phí, lệ phí hồ sơ 000.00.04.H22-260305-0001|20260305093015|203.113.0.7|"
        "khoa-bi-mat-0123456789"
    )
    assert message["MaXacThuc"] == expected
    assert national.verify(message, national.INIT_FIELDS, KEY)
    assert not national.verify({**message, "SoTien": 1385001}, national.INIT_FIELDS, KEY)
    assert not national.verify(message, national.INIT_FIELDS, "another key")


def test_the_receipt_block_lists_the_dossier_the_procedure_the_fee_lines_and_the_payer():
    block = national.init_message(order(), CONFIG)["ThongTinBienLai"]
    assert block == {
        "MaDichVu": "2",
        "MaTTHC": "1.001234",
        "MaDonVi": "000.00.04.H22",
        "MaHoSo": "000.00.04.H22-260305-0001",
        "TKThuHuong": "3711.0.1234567",
        "MaNHThuHuong": "KBNN",
        "TenTKThuHuong": "Kho bac Nha nuoc tinh X",
        "PhiLePhi": [
            {"LoaiPhiLePhi": 1, "MaPhiLePhi": "7", "TenPhiLePhi": "Phí thẩm định", "SoTien": 1250000},
            {"LoaiPhiLePhi": 2, "MaPhiLePhi": "8", "TenPhiLePhi": "Lệ phí cấp giấy phép", "SoTien": 135000},
        ],
        "HoTenNguoiNop": "Nguyễn Văn An",
        "SoCMNDNguoiNop": "001090000123",
        "DiaChiNguoiNop": "12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh",
    }


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Lệ phí cấp giấy phép", 2),
        ("LỆ PHÍ trước bạ", 2),
        ("  lệ phí đăng ký", 2),
        ("Phí thẩm định hồ sơ", 1),
        ("Phí thẩm định (gồm lệ phí)", 1),
        ("Chi phí in ấn", 1),
    ],
)
def test_a_fee_line_is_a_charge_when_its_name_begins_with_le_phi_and_a_fee_otherwise(name, kind):
    assert national.fee_kind(name) == kind


def test_an_init_message_needs_fee_lines_adding_up_to_the_amount_and_a_key():
    with pytest.raises(ValueError, match="add up"):
        national.init_message(order(amount=1250000), CONFIG)
    with pytest.raises(ValueError, match="dossier"):
        national.init_message(order(subject=None), CONFIG)
    with pytest.raises(ValueError, match="positive"):
        national.init_message(order(amount=0), CONFIG)
    with pytest.raises(ValueError, match="secret key"):
        national.init_message(order(), national.NationalConfig("P", "", "1"))


def init_answer(**changes):
    answer = {
        "MaLoi": "00",
        "MoTaLoi": "Thanh cong",
        "MaDoiTac": "UBND_TINH_X",
        "MaThamChieu": REFERENCE,
        "UrlThanhToan": "https://thanhtoan.dichvucong.gov.vn/pay?token=abc",
    }
    answer.update(changes)
    answer["MaXacThuc"] = by_hand(
        "|".join(str(answer[name]) for name in national.INIT_ANSWER_FIELDS) + "|" + KEY
    )
    return answer


def test_the_payment_page_comes_from_a_signed_answer_to_init():
    page = "https://thanhtoan.dichvucong.gov.vn/pay?token=abc"
    assert national.read_init_answer(init_answer(), REFERENCE, CONFIG) == page
    for answer in (
        {**init_answer(), "UrlThanhToan": "https://evil.example/pay"},  # not what was signed
        init_answer(MaLoi="99", MoTaLoi="Sai ma xac thuc"),
        init_answer(MaThamChieu="OTHER"),
        init_answer(UrlThanhToan="javascript:alert(1)"),
        "not an answer",
    ):
        with pytest.raises(national.InitRefused):
            national.read_init_answer(answer, REFERENCE, CONFIG)


# --- The callback ----------------------------------------------------------------------------------


def callback(**changes):
    message = {
        "LoaiBanTin": "CALLBACK",
        "PhienBan": "1.0.6",
        "MaDoiTac": "UBND_TINH_X",
        "MaThamChieu": REFERENCE,
        "SoTien": "1385000",
        "MaLoi": "00",
        "MaGiaoDich": "DVC0000012345",
        "MaNganHang": "NCB",
        "ThoiGianGD": "20260305094000",
    }
    message.update(changes)
    message["MaXacThuc"] = by_hand("|".join(message[name] for name in national.CALLBACK_FIELDS) + "|" + KEY)
    return message


def test_a_signed_callback_saying_paid_is_accepted_and_answered_with_a_signed_00():
    decision = national.callback_decision(callback(), stored(), CONFIG, NOW)

    assert decision.code == "00" and decision.outcome is Outcome.PAID
    assert decision.facts.transaction_no == "DVC0000012345" and decision.facts.bank_code == "NCB"
    assert decision.facts.paid_at == datetime(2026, 3, 5, 2, 40, tzinfo=UTC)
    assert decision.answer == {
        "MaLoi": "00",
        "MoTaLoi": "Thanh cong",
        "MaDoiTac": "UBND_TINH_X",
        "MaThamChieu": REFERENCE,
        "ThoiGianGD": "20260305094500",
        "MaXacThuc": by_hand(f"00|Thanh cong|UBND_TINH_X|{REFERENCE}|20260305094500|{KEY}"),
    }


def test_a_callback_saying_not_paid_is_accepted_as_a_failure():
    decision = national.callback_decision(callback(MaLoi="24"), stored(), CONFIG, NOW)
    assert (decision.code, decision.outcome) == ("00", Outcome.FAILED)


@pytest.mark.parametrize(
    ("message", "payment", "description"),
    [
        ({**callback(), "SoTien": "1"}, stored(), national.CallbackError.BAD_AUTH_CODE),
        ({**callback(), "MaXacThuc": ""}, stored(), national.CallbackError.BAD_AUTH_CODE),
        (callback(MaDoiTac="ANOTHER"), stored(), national.CallbackError.UNKNOWN_PARTNER),
        (callback(), None, national.CallbackError.UNKNOWN_REFERENCE),
        (callback(MaThamChieu="260305OTHER"), stored(), national.CallbackError.UNKNOWN_REFERENCE),
        (callback(SoTien="13850"), stored(), national.CallbackError.WRONG_AMOUNT),
        (callback(SoTien="138500000"), stored(), national.CallbackError.WRONG_AMOUNT),
        (callback(MaLoi="24"), stored("paid"), national.CallbackError.CONTRADICTS_RECORD),
        (callback(), stored("failed"), national.CallbackError.CONTRADICTS_RECORD),
    ],
)
def test_a_refused_callback_is_answered_99_with_its_reason_and_changes_nothing(message, payment, description):
    decision = national.callback_decision(message, payment, CONFIG, NOW)
    assert (decision.code, decision.answer["MaLoi"], decision.answer["MoTaLoi"]) == ("99", "99", description)
    assert not decision.accepted
    assert national.verify(decision.answer, national.CALLBACK_ANSWER_FIELDS, KEY)


def test_a_repeat_of_a_recorded_callback_is_answered_00_already_recorded_and_changes_nothing():
    decision = national.callback_decision(callback(), stored("paid"), CONFIG, NOW)
    assert (decision.code, decision.answer["MoTaLoi"]) == ("00", national.CallbackError.ALREADY_RECORDED)
    assert not decision.accepted
    # An expired payment still takes the platform's word (a citizen who paid at the last second).
    assert national.callback_decision(callback(), stored("expired"), CONFIG, NOW).outcome is Outcome.PAID


def test_the_return_is_read_only_when_signed():
    reading = national.read_return(callback(), CONFIG)
    assert (reading.verified, reading.reference, reading.gateway_says_paid) == (True, REFERENCE, True)
    assert not national.read_return({**callback(), "MaLoi": "00", "SoTien": "1"}, CONFIG).verified
    assert national.read_return(callback(MaLoi="24"), CONFIG).gateway_says_paid is False


# --- Status query ----------------------------------------------------------------------------------


def test_the_status_query_is_signed_over_its_fields_and_the_key():
    request = national.query_request(stored(), CONFIG, NOW)
    assert request == {
        "LoaiBanTin": "QUERY",
        "PhienBan": "1.0.6",
        "MaDoiTac": "UBND_TINH_X",
        "MaThamChieu": REFERENCE,
        "ThoiGianGD": "20260305094500",
        "MaXacThuc": by_hand(f"QUERY|1.0.6|UBND_TINH_X|{REFERENCE}|20260305094500|{KEY}"),
    }


def status_answer(status, amount="1385000", code="00"):
    return national.query_answer(
        {
            "MaLoi": code,
            "MaDoiTac": "UBND_TINH_X",
            "MaThamChieu": REFERENCE,
            "SoTien": amount,
            "TrangThaiGD": status,
            "MaGiaoDich": "DVC0000012345",
            "ThoiGianGD": "20260305094000",
        },
        CONFIG,
    )


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (status_answer("1"), QueryStatus.PAID),
        (status_answer("3"), QueryStatus.UNFINISHED),
        (status_answer("4"), QueryStatus.FAILED),
        (status_answer("2"), QueryStatus.UNKNOWN),
        (status_answer("1", amount="1385"), QueryStatus.UNKNOWN),
        (status_answer("", code="01"), QueryStatus.NOT_FOUND),
        (status_answer("", code="99"), QueryStatus.UNKNOWN),
        ({**status_answer("1"), "MaXacThuc": "0" * 64}, QueryStatus.UNKNOWN),
        ({**status_answer("4"), "TrangThaiGD": "1"}, QueryStatus.UNKNOWN),  # altered after signing
    ],
)
def test_a_status_answer_settles_a_payment_only_when_signed_and_matching(answer, status):
    assert national.read_query_answer(answer, stored(), CONFIG).status is status


def test_the_status_answer_code_is_written_out_by_hand():
    answer = status_answer("1")
    assert answer["MaXacThuc"] == by_hand(
        f"00|UBND_TINH_X|{REFERENCE}|1385000|1|DVC0000012345||20260305094000|{KEY}"
    )
    reading = national.read_query_answer(answer, stored(), CONFIG)
    assert reading.facts.transaction_no == "DVC0000012345" and "MaXacThuc" not in reading.raw


# --- GET_BILL --------------------------------------------------------------------------------------


def test_get_bill_returns_the_platforms_pdf_only_from_a_signed_answer():
    request = national.bill_request(REFERENCE, "DVC0000012345", CONFIG, NOW)
    assert request["MaXacThuc"] == by_hand(
        f"GET_BILL|1.0.6|UBND_TINH_X|{REFERENCE}|DVC0000012345|20260305094500|{KEY}"
    )
    pdf = b"%PDF-1.4 a receipt"
    fields = {
        "MaLoi": "00",
        "MaDoiTac": "UBND_TINH_X",
        "MaThamChieu": REFERENCE,
        "MaGiaoDich": "DVC0000012345",
    }
    answer = national.bill_answer(fields, pdf, CONFIG)
    content = base64.b64encode(pdf).decode()
    assert answer["NoiDungBienLai"] == content
    digest = hashlib.sha256(content.encode()).hexdigest()
    assert answer["MaXacThuc"] == by_hand(f"00|UBND_TINH_X|{REFERENCE}|DVC0000012345|{digest}|{KEY}")
    assert national.read_bill_answer(answer, REFERENCE, CONFIG) == pdf

    forged = {**answer, "NoiDungBienLai": base64.b64encode(b"%PDF-1.4 forged").decode()}
    not_a_pdf = national.bill_answer(fields, b"<html>", CONFIG)
    for bad in (forged, not_a_pdf, national.bill_answer({**fields, "MaLoi": "99"}, b"", CONFIG)):
        with pytest.raises(national.BillUnavailable):
            national.read_bill_answer(bad, REFERENCE, CONFIG)
    with pytest.raises(national.BillUnavailable):
        national.read_bill_answer(answer, "OTHER", CONFIG)
