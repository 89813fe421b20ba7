"""VNPay, version 2.1.0: the payment URL, the signature, the IPN decision, the return, the transaction
query (querydr) and the refund request, as plain functions (no Django ORM, no network).

The protocol (``/work/shared/integrations.md`` is our specification):

* **Payment.** The browser is sent (GET) to the gateway's ``paymentv2/vpcpay.html`` with the ``vnp_``
  parameters: ``vnp_Amount`` is the amount in VND × 100 (10,000 ₫ is ``1000000``), ``vnp_TxnRef`` our
  unique reference, ``vnp_CreateDate`` / ``vnp_ExpireDate`` as ``yyyyMMddHHmmss`` in GMT+7,
  ``vnp_OrderInfo`` Vietnamese without diacritics. Since 2.1.0 ``vnp_SecureHashType`` is not sent.
* **Signature** (``vnp_SecureHash``): the ``vnp_`` parameters but ``vnp_SecureHash`` and
  ``vnp_SecureHashType``, sorted by name, each ``key=value`` with the value URL-encoded the form way
  (``urllib.parse.quote_plus``: a space is ``+``), joined with ``&``; HMAC-SHA512 with the merchant
  secret, lowercase hex. The signed string is also the query string of the payment URL. The usual
  integration bug is verifying something else than what was signed (the amount divided by 100 first,
  another encoding): :func:`verify` signs the parameters exactly as they came.
  *Assumption:* a parameter with an empty value is left out of the signed string, as VNPay's own Java
  and .NET samples do (VNPay sends none).
* **Return URL**: the browser comes back with the result, for display only (:func:`read_return`).
* **IPN**: the gateway's server-to-server call, the source of truth (:func:`ipn_decision`).
* **querydr and refund**: JSON POSTs to ``merchant_webapi/api/transaction`` with a unique
  ``vnp_RequestId``, signed by HMAC-SHA512 over the listed values joined with ``|``
  (:func:`querydr_request`, :func:`refund_request`). *Assumption:* the querydr answer is signed the
  same way over the fields of :data:`QUERY_ANSWER_FIELDS` in that order (VNPay's merchant
  documentation); an answer that does not verify settles nothing (:func:`read_query_answer`).
"""

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from .gateway import (
    CallbackDecision,
    GatewayFacts,
    Outcome,
    PaymentOrder,
    QueryReading,
    QueryStatus,
    RefundReading,
    ReturnReading,
    StoredPayment,
)
from .states import AWAITING_GATEWAY

VERSION = "2.1.0"
CURRENCY = "VND"
PREFIX = "vnp_"
SECURE_HASH = "vnp_SecureHash"
SECURE_HASH_TYPE = "vnp_SecureHashType"
#: GMT+7, the time of every VNPay date.
VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
TIME_FORMAT = "%Y%m%d%H%M%S"
SUCCESS = "00"


class IpnCode:
    """The IPN's answers (``RspCode``)."""

    CONFIRMED = "00"
    ORDER_NOT_FOUND = "01"
    ALREADY_CONFIRMED = "02"
    IP_NOT_ALLOWED = "03"
    INVALID_AMOUNT = "04"
    INVALID_CHECKSUM = "97"
    OTHER = "99"


#: The ``Message`` of each IPN answer, as VNPay's integration samples word them (read by VNPay, not people).
IPN_MESSAGES = {
    IpnCode.CONFIRMED: "Confirm Success",
    IpnCode.ORDER_NOT_FOUND: "Order not found",
    IpnCode.ALREADY_CONFIRMED: "Order already confirmed",
    IpnCode.IP_NOT_ALLOWED: "IP not allowed",
    IpnCode.INVALID_AMOUNT: "Invalid amount",
    IpnCode.INVALID_CHECKSUM: "Invalid Checksum",
    IpnCode.OTHER: "Unknown error",
}

#: ``vnp_ResponseCode`` of a payment, in words for the citizen.
RESPONSE_CODES = {
    "00": _("The payment succeeded."),
    "07": _("The amount was debited, but the transaction is under review by the bank."),
    "09": _("Your card or account is not registered for internet banking."),
    "10": _("The card or account could not be verified (three wrong attempts)."),
    "11": _("The time allowed for the payment ran out."),
    "12": _("Your card or account is locked."),
    "13": _("The one-time password was wrong."),
    "24": _("You cancelled the payment."),
    "51": _("Your account balance is not sufficient."),
    "65": _("Your account has reached its daily limit."),
    "75": _("The bank is under maintenance."),
    "79": _("Too many wrong payment passwords."),
}

#: ``vnp_TransactionStatus`` values.
TRANSACTION_SUCCESS = "00"
TRANSACTION_UNFINISHED = "01"
TRANSACTION_ERROR = "02"
TRANSACTION_REVERSED = "04"
#: The answer codes of querydr and refund.
API_OK = "00"
API_NOT_FOUND = "91"
#: ``vnp_ResponseCode`` 07: debited, but suspected of fraud: neither paid nor failed until the bank says.
SUSPICIOUS = "07"

#: The values signed in a querydr request, in this order.
QUERY_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
#: The values signed in a querydr answer, in this order (see the module's assumption).
QUERY_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)
#: The values signed in a refund request, in this order.
REFUND_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
#: The values signed in a refund answer, in this order (*assumption*, as for querydr: VNPay's merchant
#: documentation lists the querydr answer's fields without the promotion ones).
REFUND_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
)
API_DUPLICATE = "94"
API_BAD_CHECKSUM = "97"
FULL_REFUND = "02"
PARTIAL_REFUND = "03"

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9 .,:_#/-]+")
ORDER_INFO_MAX = 255


# --- Dates and text --------------------------------------------------------------------------------


def to_vnpay_time(moment: datetime) -> str:
    """``yyyyMMddHHmmss`` in GMT+7, from an aware date-time."""
    if moment.tzinfo is None:
        raise ValueError("VNPay dates are made from aware date-times.")
    return moment.astimezone(VIETNAM_TIME).strftime(TIME_FORMAT)


def from_vnpay_time(text: str | None) -> datetime | None:
    """The aware date-time of a VNPay date; None when there is none or it cannot be read."""
    try:
        return datetime.strptime(text or "", TIME_FORMAT).replace(tzinfo=VIETNAM_TIME)
    except ValueError:
        return None


def plain_text(text: str, limit: int = ORDER_INFO_MAX) -> str:
    """Vietnamese without diacritics or special characters, as ``vnp_OrderInfo`` must be:
    "Lệ phí hồ sơ Đ-01" → "Le phi ho so D-01"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(_NOT_PLAIN.sub(" ", stripped).split())[:limit].strip()


def vnd_to_vnp_amount(amount: int) -> str:
    """``vnp_Amount``: VND × 100, as text."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"A payment is a positive whole number of VND, not {amount!r}.")
    return str(amount * 100)


# --- The signature ---------------------------------------------------------------------------------


def signed_fields(params: Mapping[str, str]) -> dict[str, str]:
    """The parameters the signature covers: every ``vnp_`` one with a value, but the hash's own."""
    return {
        key: str(value)
        for key, value in params.items()
        if key.startswith(PREFIX) and key not in (SECURE_HASH, SECURE_HASH_TYPE) and str(value) != ""
    }


def signed_data(params: Mapping[str, str]) -> str:
    """The string VNPay signs, which is also the payment URL's query string."""
    fields = signed_fields(params)
    return "&".join(f"{key}={quote_plus(fields[key])}" for key in sorted(fields))


def _hmac(secret: str, data: str) -> str:
    return hmac.new(secret.encode("utf-8"), data.encode("utf-8"), hashlib.sha512).hexdigest()


def sign(params: Mapping[str, str], secret: str) -> str:
    """``vnp_SecureHash`` of ``params``: HMAC-SHA512 of :func:`signed_data`, lowercase hex."""
    if not secret:
        raise ValueError("The merchant secret is not configured.")
    return _hmac(secret, signed_data(params))


def _same(given: str, expected: str) -> bool:
    # Compared as bytes: hmac.compare_digest refuses non-ASCII text, which a forged value may carry.
    return hmac.compare_digest(given.strip().lower().encode("utf-8"), expected.encode("utf-8"))


def verify(params: Mapping[str, str], secret: str) -> bool:
    """Whether ``params`` carry the right ``vnp_SecureHash`` (compared in constant time)."""
    given = params.get(SECURE_HASH) or ""
    return bool(given) and bool(secret) and _same(str(given), sign(params, secret))


def sign_values(values: Iterable[str], secret: str) -> str:
    """The API's checksum: HMAC-SHA512 over the values joined with ``|``."""
    if not secret:
        raise ValueError("The merchant secret is not configured.")
    return _hmac(secret, "|".join(str(value) for value in values))


def verify_values(body: Mapping, fields: Iterable[str], secret: str) -> bool:
    """Whether an API message's ``vnp_SecureHash`` is right for its ``fields`` (in that order)."""
    given = str(body.get(SECURE_HASH) or "")
    expected = sign_values((body.get(name, "") for name in fields), secret)
    return bool(given) and _same(given, expected)


# --- Payment ---------------------------------------------------------------------------------------


def payment_params(
    order: PaymentOrder, tmn_code: str, *, order_type: str = "other", bank_code: str = ""
) -> dict[str, str]:
    """The ``vnp_`` parameters of a payment, unsigned."""
    params = {
        "vnp_Version": VERSION,
        "vnp_Command": "pay",
        "vnp_TmnCode": tmn_code,
        "vnp_Amount": vnd_to_vnp_amount(order.amount),
        "vnp_CurrCode": CURRENCY,
        "vnp_TxnRef": order.reference,
        "vnp_OrderInfo": plain_text(order.description),
        "vnp_OrderType": order_type,
        "vnp_Locale": order.locale if order.locale in ("vn", "en") else "vn",
        "vnp_ReturnUrl": order.return_url,
        "vnp_IpAddr": order.ip_address or "127.0.0.1",
        "vnp_CreateDate": to_vnpay_time(order.created_at),
        "vnp_ExpireDate": to_vnpay_time(order.expires_at),
    }
    if bank_code:
        params["vnp_BankCode"] = bank_code
    return params


def signed_query(params: Mapping[str, str], secret: str) -> str:
    """``params`` as a query string with its ``vnp_SecureHash`` (what the gateway and the sandbox
    send back to the return URL and the IPN, and what the payment URL carries)."""
    return f"{signed_data(params)}&{SECURE_HASH}={sign(params, secret)}"


def payment_url(base_url: str, order: PaymentOrder, tmn_code: str, secret: str, **options) -> str:
    """The address the citizen's browser is sent to."""
    return f"{base_url}?{signed_query(payment_params(order, tmn_code, **options), secret)}"


# --- IPN and return --------------------------------------------------------------------------------


def _facts(params: Mapping[str, str]) -> GatewayFacts:
    return GatewayFacts(
        transaction_no=str(params.get("vnp_TransactionNo", ""))[:64],
        bank_code=str(params.get("vnp_BankCode", ""))[:32],
        response_code=str(params.get("vnp_ResponseCode", ""))[:8],
        paid_at=from_vnpay_time(params.get("vnp_PayDate")),
    )


def _answer(code: str, outcome: Outcome = Outcome.NOTHING, facts: GatewayFacts | None = None):
    return CallbackDecision(
        code=code,
        answer={"RspCode": code, "Message": IPN_MESSAGES[code]},
        outcome=outcome,
        facts=facts or GatewayFacts(),
    )


def ipn_decision(params: Mapping[str, str], stored: StoredPayment | None, secret: str) -> CallbackDecision:
    """The answer to an IPN and what to do, in the protocol's order of checks:

    1. the signature (``97`` when wrong, before anything is looked at);
    2. the payment (``01`` when ``stored`` is None or is another reference);
    3. the amount, ``vnp_Amount`` against the stored VND × 100, never divided (``04``);
    4. the state: a payment no longer awaiting the gateway's word was confirmed already (``02``);
    5. then ``00``, with the outcome: paid when ``vnp_ResponseCode`` and ``vnp_TransactionStatus`` are
       both ``00``; nothing when the bank is still reviewing a debit (``07``: reconciliation asks
       again); failed otherwise.

    Anything that cannot be read is ``99``; only a ``00`` answer carries an outcome to act on.
    """
    try:
        if not verify(params, secret):
            return _answer(IpnCode.INVALID_CHECKSUM)
        if stored is None or str(params.get("vnp_TxnRef", "")) != stored.reference:
            return _answer(IpnCode.ORDER_NOT_FOUND)
        try:
            amount = int(str(params.get("vnp_Amount", "")))
        except ValueError:
            return _answer(IpnCode.INVALID_AMOUNT)
        if amount != stored.amount * 100:
            return _answer(IpnCode.INVALID_AMOUNT)
        if stored.state not in AWAITING_GATEWAY:
            return _answer(IpnCode.ALREADY_CONFIRMED)
        response, status = params.get("vnp_ResponseCode"), params.get("vnp_TransactionStatus")
        if response == SUCCESS and status == TRANSACTION_SUCCESS:
            outcome = Outcome.PAID
        elif SUSPICIOUS in (response, status):
            outcome = Outcome.NOTHING
        else:
            outcome = Outcome.FAILED
        return _answer(IpnCode.CONFIRMED, outcome, _facts(params))
    except (TypeError, ValueError, AttributeError):
        return _answer(IpnCode.OTHER)


def read_return(params: Mapping[str, str], secret: str) -> ReturnReading:
    """What the browser's return says (shown to the citizen; it changes nothing)."""
    if not verify(params, secret):
        return ReturnReading(verified=False)
    response = str(params.get("vnp_ResponseCode", ""))
    return ReturnReading(
        verified=True,
        reference=str(params.get("vnp_TxnRef", "")),
        gateway_says_paid=response == SUCCESS and params.get("vnp_TransactionStatus") == TRANSACTION_SUCCESS,
        response_code=response,
    )


# --- querydr and refund ----------------------------------------------------------------------------


def _signed(body: dict, fields: Iterable[str], secret: str) -> dict:
    body[SECURE_HASH] = sign_values((body[name] for name in fields), secret)
    return body


def querydr_request(
    stored: StoredPayment, *, tmn_code: str, secret: str, request_id: str, now: datetime, ip_address: str
) -> dict:
    """The JSON body asking what became of ``stored`` (``vnp_TransactionDate`` is the payment's
    ``vnp_CreateDate``)."""
    body = {
        "vnp_RequestId": request_id,
        "vnp_Version": VERSION,
        "vnp_Command": "querydr",
        "vnp_TmnCode": tmn_code,
        "vnp_TxnRef": stored.reference,
        "vnp_OrderInfo": plain_text(f"Truy van giao dich {stored.reference}"),
        "vnp_TransactionDate": to_vnpay_time(stored.created_at),
        "vnp_CreateDate": to_vnpay_time(now),
        "vnp_IpAddr": ip_address,
    }
    return _signed(body, QUERY_FIELDS, secret)


def read_query_answer(answer: Mapping, stored: StoredPayment, secret: str) -> QueryReading:
    """What a querydr answer says of ``stored``. It settles something only when its checksum is right,
    it names ``stored`` and, for a payment, its amount is the stored one × 100."""
    if not isinstance(answer, Mapping) or not verify_values(answer, QUERY_ANSWER_FIELDS, secret):
        return QueryReading(QueryStatus.UNKNOWN, detail="bad checksum")
    return replace(_read_verified_answer(answer, stored), raw=without_signature(answer))


def without_signature(params: Mapping) -> dict:
    """``params`` as text, without the signature (what is kept in a payment's log)."""
    return {
        str(key): str(value) for key, value in params.items() if key not in (SECURE_HASH, SECURE_HASH_TYPE)
    }


def _read_verified_answer(answer: Mapping, stored: StoredPayment) -> QueryReading:
    code = str(answer.get("vnp_ResponseCode", ""))
    if code == API_NOT_FOUND:
        return QueryReading(QueryStatus.NOT_FOUND, code=code)
    if code != API_OK:
        return QueryReading(QueryStatus.UNKNOWN, code=code, detail=str(answer.get("vnp_Message", ""))[:200])
    if str(answer.get("vnp_TxnRef", "")) != stored.reference:
        return QueryReading(QueryStatus.UNKNOWN, code=code, detail="another reference")
    status = str(answer.get("vnp_TransactionStatus", ""))
    facts = GatewayFacts(
        transaction_no=str(answer.get("vnp_TransactionNo", ""))[:64],
        bank_code=str(answer.get("vnp_BankCode", ""))[:32],
        response_code=status,
        paid_at=from_vnpay_time(answer.get("vnp_PayDate")),
    )
    if status == TRANSACTION_SUCCESS:
        if str(answer.get("vnp_Amount", "")) != str(stored.amount * 100):
            return QueryReading(QueryStatus.UNKNOWN, code=code, facts=facts, detail="another amount")
        return QueryReading(QueryStatus.PAID, code=code, facts=facts)
    if status == TRANSACTION_UNFINISHED:
        return QueryReading(QueryStatus.UNFINISHED, code=code, facts=facts)
    if status in (TRANSACTION_ERROR, TRANSACTION_REVERSED):
        return QueryReading(QueryStatus.FAILED, code=code, facts=facts)
    # Refunds under way or refused, suspected fraud: for an officer to look at, not for us to settle.
    return QueryReading(QueryStatus.UNKNOWN, code=code, facts=facts, detail=f"transaction status {status}")


def query_answer(fields: dict, secret: str) -> dict:
    """A querydr answer with its checksum (what the gateway sends; the sandbox answers with it)."""
    body = {name: str(fields.get(name, "")) for name in QUERY_ANSWER_FIELDS}
    body.update({key: str(value) for key, value in fields.items() if key not in body})
    return _signed(body, QUERY_ANSWER_FIELDS, secret)


def refund_request(
    stored: StoredPayment,
    *,
    tmn_code: str,
    secret: str,
    request_id: str,
    transaction_no: str,
    amount: int,
    created_by: str,
    now: datetime,
    ip_address: str,
) -> dict:
    """The JSON body of a refund of ``amount`` VND of a paid payment (``02`` full, ``03`` partial)."""
    if amount > stored.amount:
        raise ValueError("A refund cannot exceed the payment.")
    body = {
        "vnp_RequestId": request_id,
        "vnp_Version": VERSION,
        "vnp_Command": "refund",
        "vnp_TmnCode": tmn_code,
        "vnp_TransactionType": FULL_REFUND if amount == stored.amount else PARTIAL_REFUND,
        "vnp_TxnRef": stored.reference,
        "vnp_Amount": vnd_to_vnp_amount(amount),
        "vnp_OrderInfo": plain_text(f"Hoan tien giao dich {stored.reference}"),
        "vnp_TransactionNo": transaction_no,
        "vnp_TransactionDate": to_vnpay_time(stored.created_at),
        "vnp_CreateBy": plain_text(created_by, 250),
        "vnp_CreateDate": to_vnpay_time(now),
        "vnp_IpAddr": ip_address,
    }
    return _signed(body, REFUND_FIELDS, secret)


#: The refund API's refusals, in words for the officer.
REFUND_REFUSALS = {
    API_NOT_FOUND: _("The gateway does not know this transaction."),
    API_DUPLICATE: _("The gateway already received this refund request."),
    API_BAD_CHECKSUM: _("The gateway refused the request's checksum (check the merchant secret)."),
}


def read_refund_answer(answer: Mapping, stored: StoredPayment, amount: int, secret: str) -> RefundReading:
    """What a refund answer says: accepted only when its checksum is right, its code is ``00`` and it
    names ``stored`` and the ``amount`` asked (VND; the answer's is × 100)."""
    if not isinstance(answer, Mapping) or not verify_values(answer, REFUND_ANSWER_FIELDS, secret):
        return RefundReading(False, detail="bad checksum")
    raw = without_signature(answer)
    code = str(answer.get("vnp_ResponseCode", ""))
    message = str(answer.get("vnp_Message", ""))[:200]
    if code != API_OK:
        return RefundReading(False, code=code, detail=message, raw=raw)
    if str(answer.get("vnp_TxnRef", "")) != stored.reference:
        return RefundReading(False, code=code, detail="another reference", raw=raw)
    if str(answer.get("vnp_Amount", "")) != str(amount * 100):
        return RefundReading(False, code=code, detail="another amount", raw=raw)
    return RefundReading(
        True, code=code, detail=message, transaction_no=str(answer.get("vnp_TransactionNo", ""))[:64], raw=raw
    )


def refund_answer(fields: dict, secret: str) -> dict:
    """A refund answer with its checksum (what the gateway sends; the sandbox answers with it)."""
    body = {name: str(fields.get(name, "")) for name in REFUND_ANSWER_FIELDS}
    body.update({key: str(value) for key, value in fields.items() if key not in body})
    return _signed(body, REFUND_ANSWER_FIELDS, secret)
