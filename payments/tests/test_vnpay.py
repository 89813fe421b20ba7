"""The VNPay 2.1.0 protocol (payments.domain.vnpay): plain functions, no database.

Signatures are checked against HMAC-SHA512 computed here by hand, over strings written out in full:
a test that called the module to get the expected value would pass on the module's own mistakes.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from payments.domain import vnpay
from payments.domain.gateway import Outcome, PaymentOrder, QueryStatus, StoredPayment

SECRET = "TESTSECRETKEY0123456789ABCDEFGHI"
# 09:30:15 in Việt Nam on 5 March 2026.
CREATED = datetime(2026, 3, 5, 2, 30, 15, tzinfo=UTC)


def by_hand(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def order(**changes):
    values = {
        "reference": "260305A1B2C3D4E5",
        "amount": 1250000,
        "description": "Thanh toán phí, lệ phí hồ sơ 000.00.04.H22-260305-0001",
        "created_at": CREATED,
        "expires_at": CREATED + timedelta(minutes=15),
        "return_url": "http://127.0.0.1:8000/thanh-toan/vnpay/ket-qua/",
        "ip_address": "203.113.0.7",
    }
    values.update(changes)
    return PaymentOrder(**values)


def stored(state="pending", amount=1250000):
    return StoredPayment(reference="260305A1B2C3D4E5", amount=amount, state=state, created_at=CREATED)


def test_the_public_test_vector():
    params = {
        "vnp_Amount": "10000",
        "vnp_OrderInfo": "Payment for order #1234567890",
        "vnp_TnxRef": "1234567890",
    }
    written_out = "vnp_Amount=10000&vnp_OrderInfo=Payment+for+order+%231234567890&vnp_TnxRef=1234567890"
    assert vnpay.signed_data(params) == written_out
    assert vnpay.sign(params, "YOUR_SECURE_SECRET") == (
        "7bb8160a5d2085a85b3267817a40ee4f770a335282f19714726e6fc6f28a64c75a1e7e9c1aa96f3cbda5ce4409"
        "5088fb4cb2af66c596d2f655b0b53966312089"
    )
    assert by_hand("YOUR_SECURE_SECRET", written_out) == vnpay.sign(params, "YOUR_SECURE_SECRET")


def test_a_payment_url_carries_the_protocol_s_parameters_and_a_signature_computed_by_hand():
    url = vnpay.payment_url("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", order(), "MOTCUA01", SECRET)

    parts = urlsplit(url)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    )
    params = dict(parse_qsl(parts.query))
    assert params == {
        "vnp_Amount": "125000000",
        "vnp_Command": "pay",
        "vnp_CreateDate": "20260305093015",
        "vnp_CurrCode": "VND",
        "vnp_ExpireDate": "20260305094515",
        "vnp_IpAddr": "203.113.0.7",
        "vnp_Locale": "vn",
        "vnp_OrderInfo": "Thanh toan phi, le phi ho so 000.00.04.H22-260305-0001",
        "vnp_OrderType": "other",
        "vnp_ReturnUrl": "http://127.0.0.1:8000/thanh-toan/vnpay/ket-qua/",
        "vnp_TmnCode": "MOTCUA01",
        "vnp_TxnRef": "260305A1B2C3D4E5",
        "vnp_Version": "2.1.0",
        "vnp_SecureHash": params["vnp_SecureHash"],
    }
    assert "vnp_SecureHashType" not in params
    written_out = (
        "vnp_Amount=125000000&vnp_Command=pay&vnp_CreateDate=20260305093015&vnp_CurrCode=VND"
        "&vnp_ExpireDate=20260305094515&vnp_IpAddr=203.113.0.7&vnp_Locale=vn"
        "&vnp_OrderInfo=Thanh+toan+phi%2C+le+phi+ho+so+000.00.04.H22-260305-0001&vnp_OrderType=other"
        "&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8000%2Fthanh-toan%2Fvnpay%2Fket-qua%2F"
        "&vnp_TmnCode=MOTCUA01&vnp_TxnRef=260305A1B2C3D4E5&vnp_Version=2.1.0"
    )
    # The query string is the signed string itself, then the hash.
    assert parts.query == f"{written_out}&vnp_SecureHash={by_hand(SECRET, written_out)}"


def test_the_amount_is_vnd_times_100_and_never_zero_negative_or_fractional():
    assert vnpay.vnd_to_vnp_amount(10000) == "1000000"
    for wrong in (0, -5, 1.5, True, "100"):
        with pytest.raises(ValueError):
            vnpay.vnd_to_vnp_amount(wrong)


def test_dates_are_written_and_read_in_gmt_plus_7():
    assert vnpay.to_vnpay_time(datetime(2026, 12, 31, 17, 0, 1, tzinfo=UTC)) == "20270101000001"
    assert vnpay.from_vnpay_time("20270101000001") == datetime(2026, 12, 31, 17, 0, 1, tzinfo=UTC)
    assert vnpay.from_vnpay_time("2027-01-01") is None
    with pytest.raises(ValueError):
        vnpay.to_vnpay_time(datetime(2026, 1, 1))


def test_order_info_has_no_diacritics_nor_special_characters():
    assert (
        vnpay.plain_text("Lệ phí cấp Giấy chứng nhận — Đợt 2 (mới)!")
        == "Le phi cap Giay chung nhan Dot 2 moi"
    )
    assert len(vnpay.plain_text("ồ" * 400)) == 255


def signed(params, secret=SECRET):
    return {**params, "vnp_SecureHash": vnpay.sign(params, secret)}


IPN = {
    "vnp_Amount": "125000000",
    "vnp_BankCode": "NCB",
    "vnp_BankTranNo": "VNP14226112",
    "vnp_CardType": "ATM",
    "vnp_OrderInfo": "Thanh toan phi le phi ho so 000.00.04.H22-260305-0001",
    "vnp_PayDate": "20260305094012",
    "vnp_ResponseCode": "00",
    "vnp_TmnCode": "MOTCUA01",
    "vnp_TransactionNo": "14226112",
    "vnp_TransactionStatus": "00",
    "vnp_TxnRef": "260305A1B2C3D4E5",
}


def test_verifying_leaves_out_the_hash_and_its_type_and_compares_the_signed_string():
    written_out = (
        "vnp_Amount=125000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14226112&vnp_CardType=ATM"
        "&vnp_OrderInfo=Thanh+toan+phi+le+phi+ho+so+000.00.04.H22-260305-0001&vnp_PayDate=20260305094012"
        "&vnp_ResponseCode=00&vnp_TmnCode=MOTCUA01&vnp_TransactionNo=14226112&vnp_TransactionStatus=00"
        "&vnp_TxnRef=260305A1B2C3D4E5"
    )
    params = {
        **IPN,
        "vnp_SecureHash": by_hand(SECRET, written_out).upper(),
        "vnp_SecureHashType": "HmacSHA512",
    }
    assert vnpay.verify(params, SECRET)
    assert not vnpay.verify({**params, "vnp_Amount": "1250000"}, SECRET)  # divided by 100: forged
    assert not vnpay.verify({**params, "vnp_ResponseCode": "24"}, SECRET)
    assert not vnpay.verify(params, "another secret")
    assert not vnpay.verify({**IPN, "vnp_SecureHash": "ồ" * 128}, SECRET)  # not even ASCII
    assert not vnpay.verify(IPN, SECRET)  # no signature at all


def test_an_ipn_is_answered_with_the_protocol_s_codes_in_the_protocol_s_order():
    good = signed(IPN)
    decision = vnpay.ipn_decision(good, stored(), SECRET)
    assert decision.answer == {"RspCode": "00", "Message": "Confirm Success"}
    assert decision.outcome is Outcome.PAID
    assert decision.facts.transaction_no == "14226112" and decision.facts.bank_code == "NCB"
    assert decision.facts.paid_at == datetime(2026, 3, 5, 2, 40, 12, tzinfo=UTC)

    def code(params, payment=stored()):
        return vnpay.ipn_decision(params, payment, SECRET).answer["RspCode"]

    assert code({**good, "vnp_Amount": "1"}) == "97"  # a changed value breaks the signature first
    assert code(good, None) == "01"
    assert code(signed({**IPN, "vnp_TxnRef": "260305FFFFFFFFFF"})) == "01"
    assert code(signed({**IPN, "vnp_Amount": "1250000"})) == "04"  # the VND amount, not × 100
    assert code(signed({**IPN, "vnp_Amount": "abc"})) == "04"
    assert code(good, stored(state="paid")) == "02"
    assert code(good, stored(state="failed")) == "02"
    assert code(good, stored(state="expired")) == "00"  # the gateway's word overrides our expiry


def test_an_ipn_s_outcome_failed_or_still_under_review():
    cancelled = vnpay.ipn_decision(
        signed({**IPN, "vnp_ResponseCode": "24", "vnp_TransactionStatus": "02"}), stored(), SECRET
    )
    assert (cancelled.code, cancelled.outcome) == ("00", Outcome.FAILED)
    suspicious = vnpay.ipn_decision(signed({**IPN, "vnp_ResponseCode": "07"}), stored(), SECRET)
    assert (suspicious.code, suspicious.outcome, suspicious.accepted) == ("00", Outcome.NOTHING, False)
    refused = vnpay.ipn_decision(IPN, stored(), SECRET)
    assert (refused.code, refused.accepted) == ("97", False)


def test_the_return_is_read_for_display_only():
    reading = vnpay.read_return(signed(IPN), SECRET)
    assert (reading.verified, reading.reference, reading.gateway_says_paid) == (
        True,
        "260305A1B2C3D4E5",
        True,
    )
    assert not vnpay.read_return({**signed(IPN), "vnp_ResponseCode": "24"}, SECRET).verified


def test_a_querydr_request_is_signed_over_its_values_joined_with_pipes():
    body = vnpay.querydr_request(
        stored(),
        tmn_code="MOTCUA01",
        secret=SECRET,
        request_id="b9c1d4",
        now=CREATED + timedelta(minutes=20),
        ip_address="10.0.0.5",
    )
    written_out = (
        "b9c1d4|2.1.0|querydr|MOTCUA01|260305A1B2C3D4E5|20260305093015|20260305095015|10.0.0.5"
        "|Truy van giao dich 260305A1B2C3D4E5"
    )
    assert body["vnp_SecureHash"] == by_hand(SECRET, written_out)
    assert body["vnp_TransactionDate"] == "20260305093015"


def query_answer(**changes):
    fields = {
        "vnp_ResponseId": "4f1c",
        "vnp_Command": "querydr",
        "vnp_ResponseCode": "00",
        "vnp_Message": "QueryDR Success",
        "vnp_TmnCode": "MOTCUA01",
        "vnp_TxnRef": "260305A1B2C3D4E5",
        "vnp_Amount": "125000000",
        "vnp_BankCode": "NCB",
        "vnp_PayDate": "20260305094012",
        "vnp_TransactionNo": "14226112",
        "vnp_TransactionType": "01",
        "vnp_TransactionStatus": "00",
        "vnp_OrderInfo": "Thanh toan",
        "vnp_PromotionCode": "",
        "vnp_PromotionAmount": "",
    }
    fields.update(changes)
    return vnpay.query_answer(fields, SECRET)


def test_a_querydr_answer_is_verified_then_read():
    answer = query_answer()
    written_out = (
        "4f1c|querydr|00|QueryDR Success|MOTCUA01|260305A1B2C3D4E5|125000000|NCB|20260305094012|14226112"
        "|01|00|Thanh toan||"
    )
    assert answer["vnp_SecureHash"] == by_hand(SECRET, written_out)
    paid = vnpay.read_query_answer(answer, stored(), SECRET)
    assert (paid.status, paid.facts.transaction_no) == (QueryStatus.PAID, "14226112")
    assert "vnp_SecureHash" not in paid.raw and paid.raw["vnp_TxnRef"] == "260305A1B2C3D4E5"

    def status(answer, payment=stored()):
        return vnpay.read_query_answer(answer, payment, SECRET).status

    assert status({**answer, "vnp_TransactionStatus": "02"}) is QueryStatus.UNKNOWN  # tampered
    assert status(query_answer(vnp_TransactionStatus="02")) is QueryStatus.FAILED
    assert status(query_answer(vnp_TransactionStatus="01")) is QueryStatus.UNFINISHED
    assert status(query_answer(vnp_ResponseCode="91")) is QueryStatus.NOT_FOUND
    assert status(query_answer(vnp_ResponseCode="99")) is QueryStatus.UNKNOWN
    assert status(query_answer(vnp_Amount="100")) is QueryStatus.UNKNOWN
    assert status(query_answer(vnp_TxnRef="OTHER")) is QueryStatus.UNKNOWN
    assert status(query_answer(vnp_TransactionStatus="05")) is QueryStatus.UNKNOWN  # refund under way
    assert status(["not", "a", "mapping"]) is QueryStatus.UNKNOWN


def test_a_refund_request_is_full_or_partial_and_signed_over_its_values():
    paid = stored(state="paid")
    body = vnpay.refund_request(
        paid,
        tmn_code="MOTCUA01",
        secret=SECRET,
        request_id="r1",
        transaction_no="14226112",
        amount=250000,
        created_by="Nguyễn Văn An",
        now=CREATED + timedelta(days=1),
        ip_address="10.0.0.5",
    )
    written_out = (
        "r1|2.1.0|refund|MOTCUA01|03|260305A1B2C3D4E5|25000000|14226112|20260305093015|Nguyen Van An"
        "|20260306093015|10.0.0.5|Hoan tien giao dich 260305A1B2C3D4E5"
    )
    assert body["vnp_SecureHash"] == by_hand(SECRET, written_out)
    full = vnpay.refund_request(
        paid,
        tmn_code="M",
        secret=SECRET,
        request_id="r2",
        transaction_no="1",
        amount=1250000,
        created_by="x",
        now=CREATED,
        ip_address="10.0.0.5",
    )
    assert full["vnp_TransactionType"] == "02"
    with pytest.raises(ValueError):
        vnpay.refund_request(
            paid,
            tmn_code="M",
            secret=SECRET,
            request_id="r3",
            transaction_no="1",
            amount=1250001,
            created_by="x",
            now=CREATED,
            ip_address="10.0.0.5",
        )
