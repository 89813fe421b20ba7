"""The national sandbox: a fake of the National Public Service Portal's payment platform, served by the
portal itself for development and tests (MOTCUA_PAYMENT_GATEWAY=national-sandbox; never in production).

It speaks the platform's protocol with the same module (``payments.domain.national``), its own partner
code and key:

* its API (``/thanh-toan/national-sandbox/api/``) takes INIT, refusing a message whose authentication
  code, partner, payment kind, amount or receipt block is wrong (the fee lines must add up to
  ``SoTien``), and answers with the address of its payment page; it answers the status query
  (``TrangThaiGD`` 1, 3 or 4) and GET_BILL (a small PDF receipt) from what it remembers;
* its payment page (``/thanh-toan/national-sandbox/pay/<reference>/``) shows the receipt block and lets
  the person testing choose the outcome (success, failure, cancellation) and what happens to the
  callback (sent now, later, never);
* the browser goes back to the return address with the signed result, and the callback, signed the same
  way, is a JSON POST to ``/thanh-toan/national-sandbox/callback/`` made by the background worker.

Its memory of a transaction is a :class:`~payments.models.SandboxTransaction`, as for the VNPay sandbox
(``request`` holds the INIT message).
"""

import logging
import secrets as random
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from fpdf import FPDF

from .domain import national
from .domain.vnpay import plain_text, to_vnpay_time
from .gateways import GatewayUnavailable
from .gateways import http as transport
from .models import SandboxTransaction

logger = logging.getLogger(__name__)

GATEWAY_ID = "national-sandbox"
PARTNER_CODE = "MOTCUA_SANDBOX"
BANK_CODE = "NCB"

#: ``MaLoi`` the platform reports in its callback for each outcome the tester may choose
#: (*Assumption*: any code but ``00`` is "not paid"; these two are the sandbox's own).
RESULT_CODES = {
    SandboxTransaction.Outcome.SUCCESS: national.OK,
    SandboxTransaction.Outcome.FAIL: "51",
    SandboxTransaction.Outcome.CANCEL: "24",
}
STATUS_OF = {
    SandboxTransaction.Outcome.SUCCESS: national.STATUS_PAID,
    SandboxTransaction.Outcome.FAIL: national.STATUS_FAILED,
    SandboxTransaction.Outcome.CANCEL: national.STATUS_FAILED,
}


def config() -> national.NationalConfig:
    return national.NationalConfig(
        partner_code=PARTNER_CODE,
        secret=settings.MOTCUA_NATIONAL_SANDBOX_SECRET,
        beneficiary_account="0000000000",
        beneficiary_bank=BANK_CODE,
        beneficiary_name="KHO BAC NHA NUOC (SANDBOX)",
    )


def api_url() -> str:
    return settings.MOTCUA_PUBLIC_URL + reverse("payments:national_sandbox_api")


# --- The API ---------------------------------------------------------------------------------------


def _init_answer(message: Mapping, code: str, description: str, url: str = "") -> dict:
    answer = {
        "MaLoi": code,
        "MoTaLoi": description,
        "MaDoiTac": PARTNER_CODE,
        "MaThamChieu": str(message.get("MaThamChieu", "")),
        "UrlThanhToan": url,
    }
    return national.signed(answer, national.INIT_ANSWER_FIELDS, config().secret)


def _init_refusal(message: Mapping) -> str:
    """Why the platform refuses an INIT message ("" when it takes it)."""
    if not national.verify(message, national.INIT_FIELDS, config().secret):
        return "Sai ma xac thuc"
    if message.get("MaDoiTac") != PARTNER_CODE:
        return "Sai ma doi tac"
    if message.get("LoaiHinhThanhToan") != "PAY" or message.get("MaTienTe") != "VND":
        return "Loai hinh thanh toan khong ho tro"
    amount = message.get("SoTien")
    if (
        not isinstance(amount, int)
        or isinstance(amount, bool)
        or amount <= 0
        or not message.get("MaThamChieu")
    ):
        return "So tien hoac ma tham chieu khong hop le"
    receipt = message.get("ThongTinBienLai")
    if not isinstance(receipt, Mapping) or receipt.get("MaDichVu") != national.SERVICE_FEES:
        return "Thieu thong tin bien lai"
    lines = receipt.get("PhiLePhi")
    if not isinstance(lines, list) or not lines or not receipt.get("MaHoSo") or not receipt.get("MaTTHC"):
        return "Thieu thong tin bien lai"
    try:
        if sum(int(line["SoTien"]) for line in lines) != amount:
            return "Tong phi le phi khong khop so tien"
        if any(line["LoaiPhiLePhi"] not in (national.KIND_FEE, national.KIND_CHARGE) for line in lines):
            return "Loai phi le phi khong hop le"
    except (KeyError, TypeError, ValueError):
        return "Thieu thong tin bien lai"
    return ""


def open_transaction(message: Mapping) -> dict:
    """INIT: remember the transaction and answer with the payment page (the same answer for the same
    message sent again; an error for a reference already used by another message)."""
    refusal = _init_refusal(message)
    if refusal:
        return _init_answer(message, national.ERROR, refusal)
    request = national.without_auth_code(message)
    found, _created = SandboxTransaction.objects.get_or_create(
        txn_ref=message["MaThamChieu"], defaults={"request": request}
    )
    if found.request != request:
        return _init_answer(message, national.ERROR, "Ma tham chieu da duoc su dung")
    url = settings.MOTCUA_PUBLIC_URL + reverse("payments:national_sandbox_pay", args=[found.txn_ref])
    return _init_answer(message, national.OK, "Thanh cong", url)


def _query_answer(message: Mapping) -> dict:
    fields = {"MaDoiTac": PARTNER_CODE, "MaThamChieu": str(message.get("MaThamChieu", ""))}
    if not national.verify(message, national.QUERY_FIELDS, config().secret):
        return national.query_answer(
            {**fields, "MaLoi": national.ERROR, "MoTaLoi": "Sai ma xac thuc"}, config()
        )
    txn = SandboxTransaction.objects.filter(txn_ref=fields["MaThamChieu"]).first()
    if txn is None:
        return national.query_answer(
            {**fields, "MaLoi": national.NOT_FOUND, "MoTaLoi": "Khong tim thay"}, config()
        )
    fields.update({"MaLoi": national.OK, "MoTaLoi": "Thanh cong", "SoTien": txn.request["SoTien"]})
    if txn.outcome:
        fields.update(
            {
                "TrangThaiGD": STATUS_OF[txn.outcome],
                "MaGiaoDich": txn.transaction_no,
                "MaNganHang": BANK_CODE,
                "ThoiGianGD": txn.pay_date,
            }
        )
    else:
        fields["TrangThaiGD"] = national.STATUS_PENDING
    return national.query_answer(fields, config())


def receipt_pdf(txn: SandboxTransaction) -> bytes:
    """The sandbox's e-receipt: a one-page PDF with the receipt block (plain letters: a fake)."""
    receipt = txn.request["ThongTinBienLai"]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    rows = [
        "BIEN LAI THU PHI, LE PHI (SANDBOX)",
        f"Ma tham chieu: {txn.txn_ref}  Ma giao dich: {txn.transaction_no}",
        f"Ho so: {receipt['MaHoSo']}  TTHC: {receipt['MaTTHC']}  Don vi: {receipt['MaDonVi']}",
        f"Nguoi nop: {plain_text(receipt.get('HoTenNguoiNop', ''))}",
        *(f"- {plain_text(line['TenPhiLePhi'])}: {line['SoTien']} VND" for line in receipt["PhiLePhi"]),
        f"Tong: {txn.request['SoTien']} VND",
    ]
    for row in rows:
        pdf.cell(0, 6, row, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _bill_answer(message: Mapping) -> dict:
    fields = {"MaDoiTac": PARTNER_CODE, "MaThamChieu": str(message.get("MaThamChieu", ""))}
    if not national.verify(message, national.BILL_FIELDS, config().secret):
        return national.bill_answer(
            {**fields, "MaLoi": national.ERROR, "MoTaLoi": "Sai ma xac thuc"}, b"", config()
        )
    txn = SandboxTransaction.objects.filter(
        txn_ref=fields["MaThamChieu"], outcome=SandboxTransaction.Outcome.SUCCESS
    ).first()
    if txn is None or txn.transaction_no != message.get("MaGiaoDich"):
        return national.bill_answer(
            {**fields, "MaLoi": national.ERROR, "MoTaLoi": "Khong co bien lai"}, b"", config()
        )
    fields.update({"MaLoi": national.OK, "MoTaLoi": "Thanh cong", "MaGiaoDich": txn.transaction_no})
    return national.bill_answer(fields, receipt_pdf(txn), config())


def answer_api(message) -> dict:
    """The platform's API: INIT, QUERY, GET_BILL."""
    if not isinstance(message, Mapping):
        return _init_answer({}, national.ERROR, "Ban tin khong hop le")
    kind = message.get("LoaiBanTin")
    if kind == "INIT":
        return open_transaction(message)
    if kind == "QUERY":
        return _query_answer(message)
    if kind == "GET_BILL":
        return _bill_answer(message)
    return _init_answer(message, national.ERROR, "Loai ban tin khong ho tro")


# --- The payment page's outcome, the return and the callback ---------------------------------------


def callback_message(txn: SandboxTransaction) -> dict:
    """The signed result, as the callback and the browser's return carry it."""
    return national.callback_message(
        {
            "LoaiBanTin": "CALLBACK",
            "PhienBan": txn.request.get("PhienBan", national.DEFAULT_VERSION),
            "MaDoiTac": PARTNER_CODE,
            "MaThamChieu": txn.txn_ref,
            "SoTien": txn.request["SoTien"],
            "MaLoi": RESULT_CODES[txn.outcome],
            "MaGiaoDich": txn.transaction_no,
            "MaNganHang": BANK_CODE if txn.outcome != SandboxTransaction.Outcome.CANCEL else "",
            "ThoiGianGD": txn.pay_date,
        },
        config(),
    )


def finish(txn: SandboxTransaction, outcome: str, callback: str, *, now=None) -> str:
    """Settle ``txn`` as the tester chose, plan its callback, and return the address the browser goes
    back to. A transaction settled already keeps its result."""
    now = now or timezone.now()
    with transaction.atomic():
        txn = SandboxTransaction.objects.select_for_update().get(pk=txn.pk)
        if not txn.outcome:
            txn.outcome = SandboxTransaction.Outcome(outcome)
            txn.ipn = SandboxTransaction.Ipn(callback)
            txn.transaction_no = f"DVC{random.randbelow(10**10):010d}"
            txn.pay_date = to_vnpay_time(now)
            txn.finished_at = now
            txn.save()
            if txn.ipn == SandboxTransaction.Ipn.NOW:
                send_callback_task.enqueue(txn.pk)
            elif txn.ipn == SandboxTransaction.Ipn.DELAY:
                delay = timedelta(seconds=settings.MOTCUA_SANDBOX_IPN_DELAY_SECONDS)
                send_callback_task.using(run_after=now + delay).enqueue(txn.pk)
    back = settings.MOTCUA_PUBLIC_URL + reverse("payments:return", args=[GATEWAY_ID])
    return f"{back}?{urlencode(callback_message(txn))}"


def send_callback(txn: SandboxTransaction) -> str:
    """POST the signed result to the portal's callback and keep its answer's MaLoi (or the error)."""
    url = settings.MOTCUA_PUBLIC_URL + reverse("payments:national_callback", args=[GATEWAY_ID])
    try:
        answer = transport.post_json(url, callback_message(txn), timeout=10)
        kept = f"{answer.get('MaLoi')} {answer.get('MoTaLoi')}"
        if not national.verify(answer, national.CALLBACK_ANSWER_FIELDS, config().secret):
            kept += " (unsigned answer)"
    except (GatewayUnavailable, AttributeError) as error:
        kept = f"unreachable: {error}"
        logger.warning("national sandbox callback of %s not delivered: %s", txn.txn_ref, error)
    SandboxTransaction.objects.filter(pk=txn.pk).update(ipn_answer=kept[:200])
    return kept


@task(priority=10)
def send_callback_task(transaction_id: int) -> str:
    txn = SandboxTransaction.objects.filter(pk=transaction_id).first()
    return send_callback(txn) if txn is not None else ""
