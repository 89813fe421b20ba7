"""The National Public Service Portal's payment platform (Nền tảng thanh toán của Cổng Dịch vụ công
quốc gia): the INIT message with its receipt block, the callback's verification and its answer, the
status query and GET_BILL, as plain functions (no Django ORM, no network).

The protocol (``/work/shared/integrations.md`` is our specification; what it leaves open is decided
here, each decision marked *Assumption*):

* **INIT.** The fields of :data:`INIT_FIELDS`, in that order, then the receipt block
  ``ThongTinBienLai`` (:func:`receipt_block`) and ``MaXacThuc``. *Assumption:* INIT is a JSON POST from
  our server to the platform's API (MOTCUA_NATIONAL_PAYMENT_URL), answered by
  ``{MaLoi, MoTaLoi, MaDoiTac, MaThamChieu, UrlThanhToan, MaXacThuc}`` (:data:`INIT_ANSWER_FIELDS`),
  ``UrlThanhToan`` being the page the citizen's browser is sent to. The callback and return addresses
  are registered with the platform for the partner, as VNPay's IPN address is.
* **MaXacThuc** (every message): SHA-256 of the message's signed fields joined with ``|`` in order,
  the secret key appended last as one more ``|``-joined value (``f1|f2|…|fn|key``), lowercase hex,
  compared without regard to case. The receipt block is not covered (the specification signs the
  INIT fields only): it travels over TLS, server to server.
* **Amounts** (``SoTien``) are whole VND, not × 100 (*Assumption*).
* **Callback.** The platform's server-to-server POST (JSON) when a payment ends, carrying ``MaLoi``
  (``00``: paid; anything else: not paid) and ``MaGiaoDich`` (the platform's transaction number).
  *Assumption:* its MaXacThuc covers :data:`CALLBACK_FIELDS` in that order. The browser's return
  carries the same signed fields, for display only (:func:`read_return`).
* **Callback answer** ``{MaLoi, MoTaLoi, MaDoiTac, MaThamChieu, ThoiGianGD, MaXacThuc}``, its
  MaXacThuc over the five other fields in that order (*Assumption*). ``MaLoi`` is ``00`` (accepted)
  or ``99`` (any other error), the only two codes the platform knows; ``MoTaLoi`` says which error
  (:class:`CallbackError`) for the people reading the platform's logs. *Decision:* a repeat of a
  callback already recorded with the same outcome is answered ``00`` ("already recorded") and changes
  nothing, so the platform stops sending it; a callback contradicting what was recorded is ``99``.
* **Status query** (:func:`query_request`, ``LoaiBanTin=QUERY`` *Assumption*), answered with
  ``TrangThaiGD``: ``1`` paid, ``3`` pending, ``4`` failed; its MaXacThuc over
  :data:`QUERY_ANSWER_FIELDS`. ``MaLoi`` ``01`` in the answer means the platform does not know the
  reference (*Assumption*).
* **GET_BILL** fetches the platform's e-receipt of a paid transaction (:func:`bill_request`); the
  answer carries the PDF in base64 (``NoiDungBienLai``), its MaXacThuc over
  :data:`BILL_ANSWER_FIELDS` with the SHA-256 of the PDF in place of the PDF (*Assumption*).
"""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .gateway import (
    CallbackDecision,
    GatewayFacts,
    Outcome,
    PaymentOrder,
    PaymentSubject,
    QueryReading,
    QueryStatus,
    ReturnReading,
    StoredPayment,
)
from .states import AWAITING_GATEWAY, PaymentState
from .vnpay import from_vnpay_time, plain_text, to_vnpay_time

DEFAULT_VERSION = "1.0.6"
AUTH_CODE = "MaXacThuc"
#: ``MaDichVu`` of a payment of fees and charges (phí, lệ phí).
SERVICE_FEES = "2"
#: ``LoaiPhiLePhi``: a fee (phí) or a charge (lệ phí).
KIND_FEE = 1
KIND_CHARGE = 2

#: The INIT message's fields, in the order they are signed.
INIT_FIELDS = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "MaThietBi",
    "NgonNgu",
    "MaTienTe",
    "MaNganHang",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
)
INIT_ANSWER_FIELDS = ("MaLoi", "MoTaLoi", "MaDoiTac", "MaThamChieu", "UrlThanhToan")
CALLBACK_FIELDS = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaLoi",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
)
CALLBACK_ANSWER_FIELDS = ("MaLoi", "MoTaLoi", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
QUERY_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
QUERY_ANSWER_FIELDS = (
    "MaLoi",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "TrangThaiGD",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
)
BILL_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "MaGiaoDich", "ThoiGianGD")
BILL_ANSWER_FIELDS = ("MaLoi", "MaDoiTac", "MaThamChieu", "MaGiaoDich", "NoiDungBienLai")

OK = "00"
ERROR = "99"
#: ``MaLoi`` of a status answer for a reference the platform never saw (see the module's assumption).
NOT_FOUND = "01"

#: ``TrangThaiGD`` of the status query.
STATUS_PAID = "1"
STATUS_PENDING = "3"
STATUS_FAILED = "4"


class CallbackError:
    """``MoTaLoi`` of each answer to a callback (read by the platform's operators, not by citizens, so
    not translated). ``MaLoi`` is ``00`` for the first two, ``99`` for the others."""

    ACCEPTED = "Thanh cong"
    ALREADY_RECORDED = "Giao dich da duoc ghi nhan truoc do"
    BAD_AUTH_CODE = "Sai ma xac thuc"
    UNKNOWN_PARTNER = "Sai ma doi tac"
    UNKNOWN_REFERENCE = "Khong tim thay ma tham chieu"
    WRONG_AMOUNT = "So tien khong khop"
    CONTRADICTS_RECORD = "Trang thai giao dich mau thuan voi ban ghi"
    UNREADABLE = "Ban tin khong hop le"


@dataclass(frozen=True)
class NationalConfig:
    """The partner's account at the platform (the environment's MOTCUA_NATIONAL_PAYMENT_*)."""

    partner_code: str  # MaDoiTac
    secret: str
    beneficiary_account: str  # the agency's account the fees are paid into
    beneficiary_bank: str = ""
    beneficiary_name: str = ""
    version: str = DEFAULT_VERSION
    channel_code: str = "1"  # MaKenhThanhToan; *Assumption:* 1 is the web portal
    device_code: str = "1"  # MaThietBi; *Assumption:* 1 is a computer's browser
    bank_code: str = ""  # MaNganHang; empty: the citizen chooses on the platform's page


# --- The authentication code -----------------------------------------------------------------------


def auth_code(values: Iterable, secret: str) -> str:
    """``MaXacThuc``: SHA-256 of the values joined with ``|``, the secret key appended last."""
    if not secret:
        raise ValueError("The payment platform's secret key is not configured.")
    joined = "|".join([*(str(value) for value in values), secret])
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def signed(message: dict, fields: Iterable[str], secret: str) -> dict:
    """``message`` with its ``MaXacThuc`` over ``fields`` (in that order)."""
    message[AUTH_CODE] = auth_code((message.get(name, "") for name in fields), secret)
    return message


def verify(message: Mapping, fields: Iterable[str], secret: str) -> bool:
    """Whether ``message`` carries the right ``MaXacThuc`` for its ``fields`` (constant time)."""
    given = str(message.get(AUTH_CODE) or "").strip().lower()
    if not given or not secret:
        return False
    expected = auth_code((message.get(name, "") for name in fields), secret)
    # Compared as bytes: hmac.compare_digest refuses non-ASCII text, which a forged value may carry.
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def without_auth_code(message: Mapping) -> dict:
    return {str(key): value for key, value in message.items() if key != AUTH_CODE}


# --- INIT ------------------------------------------------------------------------------------------


def fee_kind(name: str) -> int:
    """``LoaiPhiLePhi`` of a catalog fee line, decided from its name: ``2`` (lệ phí) when the name
    begins with "lệ phí", ``1`` (phí) otherwise. The catalog keeps no kind; a fee's legal name begins
    with its kind (the Law on Fees and Charges, 97/2015/QH13, names each "phí …" or "lệ phí …")."""
    return KIND_CHARGE if plain_text(name).lower().startswith("le phi") else KIND_FEE


def receipt_block(subject: PaymentSubject, config: NationalConfig) -> dict:
    """``ThongTinBienLai``: what the platform prints on its e-receipt."""
    return {
        "MaDichVu": SERVICE_FEES,
        "MaTTHC": subject.procedure_code,
        "MaDonVi": subject.agency_code,
        "MaHoSo": subject.dossier_code,
        "TKThuHuong": config.beneficiary_account,
        "MaNHThuHuong": config.beneficiary_bank,
        "TenTKThuHuong": config.beneficiary_name,
        "PhiLePhi": [
            {
                "LoaiPhiLePhi": fee_kind(line.name),
                "MaPhiLePhi": line.code,
                "TenPhiLePhi": line.name,
                "SoTien": line.amount,
            }
            for line in subject.lines
        ],
        "HoTenNguoiNop": subject.payer_name,
        "SoCMNDNguoiNop": subject.payer_id_number,
        "DiaChiNguoiNop": subject.payer_address,
    }


def init_message(order: PaymentOrder, config: NationalConfig) -> dict:
    """The INIT message of ``order`` (which must say what it pays for: its ``subject``), signed."""
    if isinstance(order.amount, bool) or not isinstance(order.amount, int) or order.amount <= 0:
        raise ValueError(f"A payment is a positive whole number of VND, not {order.amount!r}.")
    if order.subject is None:
        raise ValueError("The national payment platform needs the dossier, procedure and fee lines.")
    if sum(line.amount for line in order.subject.lines) != order.amount:
        raise ValueError("The fee lines do not add up to the amount.")
    message = {
        "LoaiBanTin": "INIT",
        "PhienBan": config.version,
        "MaDoiTac": config.partner_code,
        "MaThamChieu": order.reference,
        "SoTien": order.amount,
        "LoaiHinhThanhToan": "PAY",
        "MaKenhThanhToan": config.channel_code,
        "MaThietBi": config.device_code,
        "NgonNgu": "vi-VN",
        "MaTienTe": "VND",
        "MaNganHang": config.bank_code,
        "ThongTinGiaoDich": order.description,
        "ThoiGianGD": to_vnpay_time(order.created_at),
        "Ip": order.ip_address or "127.0.0.1",
        "ThongTinBienLai": receipt_block(order.subject, config),
    }
    return signed(message, INIT_FIELDS, config.secret)


class InitRefused(Exception):
    """The platform did not give a payment page (its answer is unsigned, unreadable or an error)."""


def read_init_answer(answer: Mapping, reference: str, config: NationalConfig) -> str:
    """The payment page's address from the platform's answer to INIT; raises InitRefused."""
    if not isinstance(answer, Mapping) or not verify(answer, INIT_ANSWER_FIELDS, config.secret):
        raise InitRefused("unsigned or unreadable answer")
    if str(answer.get("MaLoi")) != OK:
        raise InitRefused(f"{answer.get('MaLoi')}: {str(answer.get('MoTaLoi', ''))[:200]}")
    if str(answer.get("MaThamChieu")) != reference:
        raise InitRefused("answer about another reference")
    url = str(answer.get("UrlThanhToan", ""))
    if not url.startswith(("https://", "http://")):
        raise InitRefused("no payment page")
    return url


# --- The callback ----------------------------------------------------------------------------------


def callback_answer(code: str, description: str, reference: str, config: NationalConfig, now: datetime):
    """The signed answer to a callback."""
    answer = {
        "MaLoi": code,
        "MoTaLoi": description,
        "MaDoiTac": config.partner_code,
        "MaThamChieu": reference,
        "ThoiGianGD": to_vnpay_time(now),
    }
    return signed(answer, CALLBACK_ANSWER_FIELDS, config.secret)


def _facts(message: Mapping) -> GatewayFacts:
    return GatewayFacts(
        transaction_no=str(message.get("MaGiaoDich", ""))[:64],
        bank_code=str(message.get("MaNganHang", ""))[:32],
        response_code=str(message.get("MaLoi", ""))[:8],
        paid_at=from_vnpay_time(str(message.get("ThoiGianGD", ""))),
    )


def callback_decision(
    message: Mapping, stored: StoredPayment | None, config: NationalConfig, now: datetime
) -> CallbackDecision:
    """The answer to a callback and what to do, checks in this order (each failure answered ``99``
    with its ``MoTaLoi``, changing nothing):

    1. the authentication code, before anything is looked at;
    2. the partner code (a callback meant for another partner);
    3. the payment (``stored`` is None, or another reference);
    4. the amount, ``SoTien`` against the stored VND;
    5. the state: a payment settled already is answered ``00`` when the callback says what was
       recorded (a repeat), ``99`` when it contradicts it;
    6. then ``00`` with the outcome: paid when ``MaLoi`` is ``00``, failed otherwise.
    """
    reference = str(message.get("MaThamChieu", "")) if isinstance(message, Mapping) else ""

    def answer(code, description, outcome=Outcome.NOTHING, facts=None):
        return CallbackDecision(
            code=code,
            answer=callback_answer(code, description, reference, config, now),
            outcome=outcome,
            facts=facts or GatewayFacts(),
        )

    try:
        if not verify(message, CALLBACK_FIELDS, config.secret):
            return answer(ERROR, CallbackError.BAD_AUTH_CODE)
        if str(message.get("MaDoiTac", "")) != config.partner_code:
            return answer(ERROR, CallbackError.UNKNOWN_PARTNER)
        if stored is None or reference != stored.reference:
            return answer(ERROR, CallbackError.UNKNOWN_REFERENCE)
        if str(message.get("SoTien", "")).strip() != str(stored.amount):
            return answer(ERROR, CallbackError.WRONG_AMOUNT)
        paid = str(message.get("MaLoi", "")) == OK
        if stored.state not in AWAITING_GATEWAY:
            recorded = PaymentState.PAID if paid else PaymentState.FAILED
            if stored.state == recorded:
                return answer(OK, CallbackError.ALREADY_RECORDED)
            return answer(ERROR, CallbackError.CONTRADICTS_RECORD)
        return answer(OK, CallbackError.ACCEPTED, Outcome.PAID if paid else Outcome.FAILED, _facts(message))
    except (TypeError, ValueError, AttributeError):
        return answer(ERROR, CallbackError.UNREADABLE)


def error_answer(message: Mapping, config: NationalConfig, now: datetime) -> dict:
    """``99`` for a callback that could not be handled at all (the platform will send it again)."""
    reference = str(message.get("MaThamChieu", "")) if isinstance(message, Mapping) else ""
    return callback_answer(ERROR, CallbackError.UNREADABLE, reference, config, now)


def read_return(params: Mapping, config: NationalConfig) -> ReturnReading:
    """What the browser's return says (shown to the citizen; it changes nothing)."""
    if not verify(params, CALLBACK_FIELDS, config.secret):
        return ReturnReading(verified=False)
    paid = str(params.get("MaLoi", "")) == OK
    return ReturnReading(
        verified=True,
        reference=str(params.get("MaThamChieu", "")),
        gateway_says_paid=paid,
        # VNPay's "00" reads the same ("the payment succeeded"); the platform's other codes are not
        # VNPay's, so they are not shown as if they were.
        response_code=OK if paid else "",
    )


def callback_message(fields: Mapping, config: NationalConfig) -> dict:
    """A callback as the platform sends it, signed (the fake platform sends these)."""
    message = {name: str(fields.get(name, "")) for name in CALLBACK_FIELDS}
    message.update({key: str(value) for key, value in fields.items() if key not in message})
    return signed(message, CALLBACK_FIELDS, config.secret)


# --- Status query ----------------------------------------------------------------------------------


def query_request(stored: StoredPayment, config: NationalConfig, now: datetime) -> dict:
    message = {
        "LoaiBanTin": "QUERY",
        "PhienBan": config.version,
        "MaDoiTac": config.partner_code,
        "MaThamChieu": stored.reference,
        "ThoiGianGD": to_vnpay_time(now),
    }
    return signed(message, QUERY_FIELDS, config.secret)


def read_query_answer(answer: Mapping, stored: StoredPayment, config: NationalConfig) -> QueryReading:
    """What a status answer says of ``stored``. It settles something only when its authentication code
    is right, it names ``stored`` and, for a payment, its amount is the stored one."""
    if not isinstance(answer, Mapping) or not verify(answer, QUERY_ANSWER_FIELDS, config.secret):
        return QueryReading(QueryStatus.UNKNOWN, detail="bad authentication code")
    raw = {key: str(value) for key, value in without_auth_code(answer).items()}
    code = str(answer.get("MaLoi", ""))
    if code == NOT_FOUND:
        return QueryReading(QueryStatus.NOT_FOUND, code=code, raw=raw)
    if code != OK:
        return QueryReading(
            QueryStatus.UNKNOWN, code=code, detail=str(answer.get("MoTaLoi", ""))[:200], raw=raw
        )
    if str(answer.get("MaThamChieu", "")) != stored.reference:
        return QueryReading(QueryStatus.UNKNOWN, code=code, detail="another reference", raw=raw)
    status = str(answer.get("TrangThaiGD", ""))
    facts = GatewayFacts(
        transaction_no=str(answer.get("MaGiaoDich", ""))[:64],
        bank_code=str(answer.get("MaNganHang", ""))[:32],
        response_code=status,
        paid_at=from_vnpay_time(str(answer.get("ThoiGianGD", ""))),
    )
    if status == STATUS_PAID:
        if str(answer.get("SoTien", "")) != str(stored.amount):
            return QueryReading(QueryStatus.UNKNOWN, code=code, facts=facts, detail="another amount", raw=raw)
        return QueryReading(QueryStatus.PAID, code=code, facts=facts, raw=raw)
    if status == STATUS_PENDING:
        return QueryReading(QueryStatus.UNFINISHED, code=code, facts=facts, raw=raw)
    if status == STATUS_FAILED:
        return QueryReading(QueryStatus.FAILED, code=code, facts=facts, raw=raw)
    return QueryReading(QueryStatus.UNKNOWN, code=code, facts=facts, detail=f"TrangThaiGD {status}", raw=raw)


def query_answer(fields: Mapping, config: NationalConfig) -> dict:
    """A status answer, signed (the fake platform answers with these)."""
    message = {name: str(fields.get(name, "")) for name in QUERY_ANSWER_FIELDS}
    message.update({key: str(value) for key, value in fields.items() if key not in message})
    return signed(message, QUERY_ANSWER_FIELDS, config.secret)


# --- GET_BILL --------------------------------------------------------------------------------------


def bill_request(reference: str, transaction_no: str, config: NationalConfig, now: datetime) -> dict:
    message = {
        "LoaiBanTin": "GET_BILL",
        "PhienBan": config.version,
        "MaDoiTac": config.partner_code,
        "MaThamChieu": reference,
        "MaGiaoDich": transaction_no,
        "ThoiGianGD": to_vnpay_time(now),
    }
    return signed(message, BILL_FIELDS, config.secret)


def _bill_values(message: Mapping) -> list[str]:
    # The PDF is signed through its SHA-256, not as its base64 text (see the module's assumption).
    content = str(message.get("NoiDungBienLai", ""))
    digest = hashlib.sha256(content.encode("ascii", "replace")).hexdigest()
    return [digest if name == "NoiDungBienLai" else str(message.get(name, "")) for name in BILL_ANSWER_FIELDS]


def bill_answer(fields: Mapping, pdf: bytes, config: NationalConfig) -> dict:
    """A GET_BILL answer carrying ``pdf``, signed (the fake platform answers with these)."""
    message = {name: str(fields.get(name, "")) for name in BILL_ANSWER_FIELDS if name != "NoiDungBienLai"}
    message["NoiDungBienLai"] = base64.b64encode(pdf).decode("ascii") if pdf else ""
    message[AUTH_CODE] = auth_code(_bill_values(message), config.secret)
    return message


class BillUnavailable(Exception):
    """The platform gave no e-receipt (unsigned answer, an error, another reference, not a PDF)."""


def read_bill_answer(answer: Mapping, reference: str, config: NationalConfig) -> bytes:
    """The e-receipt's PDF from a GET_BILL answer; raises BillUnavailable."""
    if not isinstance(answer, Mapping) or not answer.get(AUTH_CODE):
        raise BillUnavailable("unsigned or unreadable answer")
    given = str(answer[AUTH_CODE]).strip().lower().encode("utf-8")
    if not hmac.compare_digest(given, auth_code(_bill_values(answer), config.secret).encode("utf-8")):
        raise BillUnavailable("bad authentication code")
    if str(answer.get("MaLoi")) != OK:
        raise BillUnavailable(f"{answer.get('MaLoi')}: {str(answer.get('MoTaLoi', ''))[:200]}")
    if str(answer.get("MaThamChieu")) != reference:
        raise BillUnavailable("answer about another reference")
    try:
        pdf = base64.b64decode(str(answer.get("NoiDungBienLai", "")), validate=True)
    except (binascii.Error, ValueError) as error:
        raise BillUnavailable("the receipt is not base64") from error
    if not pdf.startswith(b"%PDF-"):
        raise BillUnavailable("the receipt is not a PDF")
    return pdf
