"""The sandbox: a fake VNPay served by the portal itself, for development and tests.

It behaves like the gateway, with the same protocol module (``payments.domain.vnpay``) and its own
terminal code and secret:

* its payment page (``/thanh-toan/sandbox/paymentv2/vpcpay.html``) refuses a request whose signature,
  version, command, terminal or amount is wrong, or that has expired, like VNPay;
* the person testing chooses the outcome (success, failure for an insufficient balance, cancellation)
  and what happens to the IPN (sent now, sent after MOTCUA_SANDBOX_IPN_DELAY_SECONDS, never sent);
* the browser goes back to ``vnp_ReturnUrl`` with the signed result, and the IPN, signed the same way,
  is a GET to the portal's ``/thanh-toan/sandbox/ipn/`` made by the background worker (as VNPay's own
  server would call it: from outside the citizen's request);
* its transaction API (``/thanh-toan/sandbox/merchant_webapi/api/transaction``) answers querydr with
  the checksums of the protocol, so reconciliation runs against it exactly as against VNPay.
"""

import logging
import secrets as random
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from .domain import vnpay
from .gateways import GatewayUnavailable
from .gateways import http as transport
from .models import SandboxTransaction

logger = logging.getLogger(__name__)

TMN_CODE = "SANDBOX1"
BANK_CODE = "NCB"

#: (vnp_ResponseCode, vnp_TransactionStatus) of each outcome the tester may choose.
RESULT_CODES = {
    SandboxTransaction.Outcome.SUCCESS: ("00", vnpay.TRANSACTION_SUCCESS),
    SandboxTransaction.Outcome.FAIL: ("51", vnpay.TRANSACTION_ERROR),
    SandboxTransaction.Outcome.CANCEL: ("24", vnpay.TRANSACTION_ERROR),
}


class SandboxRefusal(DomainError):
    """The sandbox refuses the payment request, as VNPay would."""


def secret() -> str:
    return settings.MOTCUA_SANDBOX_SECRET


def open_transaction(params: Mapping[str, str], *, now=None) -> SandboxTransaction:
    """The transaction a payment request opens (or the one it opened before: the page may be reloaded)."""
    now = now or timezone.now()
    params = {key: str(value) for key, value in params.items()}
    if not vnpay.verify(params, secret()):
        raise SandboxRefusal(_("Invalid signature: the payment request was not signed by the merchant."))
    if params.get("vnp_Version") != vnpay.VERSION or params.get("vnp_Command") != "pay":
        raise SandboxRefusal(_("The payment request is not of VNPay version 2.1.0."))
    if params.get("vnp_TmnCode") != TMN_CODE:
        raise SandboxRefusal(_("Unknown merchant terminal."))
    if (
        not params.get("vnp_Amount", "").isdigit()
        or int(params["vnp_Amount"]) <= 0
        or not params.get("vnp_TxnRef")
    ):
        raise SandboxRefusal(_("The payment request has no valid amount or reference."))
    expires = vnpay.from_vnpay_time(params.get("vnp_ExpireDate"))
    if expires is not None and expires < now:
        raise SandboxRefusal(_("The time allowed for the payment ran out."))
    request = vnpay.without_signature(params)
    found, _created = SandboxTransaction.objects.get_or_create(
        txn_ref=params["vnp_TxnRef"], defaults={"request": request}
    )
    if found.request != request:
        raise SandboxRefusal(_("This reference was already used for another payment."))
    return found


def callback_params(txn: SandboxTransaction) -> dict[str, str]:
    """The result as VNPay sends it to the return URL and the IPN, unsigned."""
    response, status = RESULT_CODES[txn.outcome]
    paid = txn.outcome == SandboxTransaction.Outcome.SUCCESS
    params = {
        "vnp_Amount": txn.request["vnp_Amount"],
        "vnp_BankCode": BANK_CODE if txn.outcome != SandboxTransaction.Outcome.CANCEL else "VNPAY",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": txn.request.get("vnp_OrderInfo", ""),
        "vnp_PayDate": txn.pay_date,
        "vnp_ResponseCode": response,
        "vnp_TmnCode": TMN_CODE,
        "vnp_TransactionNo": txn.transaction_no,
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": txn.txn_ref,
    }
    if paid:
        params["vnp_BankTranNo"] = f"{BANK_CODE}{txn.pay_date}"
    return params


def finish(txn: SandboxTransaction, outcome: str, ipn: str, *, now=None) -> str:
    """Settle ``txn`` as the tester chose, plan its IPN, and return the address the browser goes back
    to (the signed result on ``vnp_ReturnUrl``). A transaction settled already keeps its result."""
    from .tasks import sandbox_send_ipn

    now = now or timezone.now()
    with transaction.atomic():
        txn = SandboxTransaction.objects.select_for_update().get(pk=txn.pk)
        if not txn.outcome:
            txn.outcome = SandboxTransaction.Outcome(outcome)
            txn.ipn = SandboxTransaction.Ipn(ipn)
            cancelled = txn.outcome == SandboxTransaction.Outcome.CANCEL
            txn.transaction_no = "0" if cancelled else f"{random.randbelow(10**8):08d}"
            txn.pay_date = vnpay.to_vnpay_time(now)
            txn.finished_at = now
            txn.save()
            if txn.ipn == SandboxTransaction.Ipn.NOW:
                sandbox_send_ipn.enqueue(txn.pk)
            elif txn.ipn == SandboxTransaction.Ipn.DELAY:
                delay = timedelta(seconds=settings.MOTCUA_SANDBOX_IPN_DELAY_SECONDS)
                sandbox_send_ipn.using(run_after=now + delay).enqueue(txn.pk)
    return f"{txn.request['vnp_ReturnUrl']}?{vnpay.signed_query(callback_params(txn), secret())}"


def ipn_url(txn: SandboxTransaction) -> str:
    """The merchant's IPN address with the signed result (VNPay's is registered with the merchant's
    account; the sandbox's merchant is this portal)."""
    path = reverse("payments:ipn", args=["sandbox"])
    return f"{settings.MOTCUA_PUBLIC_URL}{path}?{vnpay.signed_query(callback_params(txn), secret())}"


def send_ipn(txn: SandboxTransaction) -> str:
    """Call the merchant's IPN and keep its answer (or why it could not be reached)."""
    try:
        answer = transport.get(ipn_url(txn), timeout=10)
    except GatewayUnavailable as error:
        answer = f"unreachable: {error}"
        logger.warning("sandbox IPN of %s not delivered: %s", txn.txn_ref, error)
    SandboxTransaction.objects.filter(pk=txn.pk).update(ipn_answer=answer[:200])
    return answer


def _api_answer(request: Mapping, code: str, message: str, txn: SandboxTransaction | None = None) -> dict:
    fields = {
        "vnp_ResponseId": random.token_hex(16),
        "vnp_Command": str(request.get("vnp_Command", "")),
        "vnp_ResponseCode": code,
        "vnp_Message": message,
        "vnp_TmnCode": TMN_CODE,
        "vnp_TxnRef": str(request.get("vnp_TxnRef", "")),
    }
    if txn is not None:
        fields.update(
            {
                "vnp_Amount": txn.request["vnp_Amount"],
                "vnp_OrderInfo": txn.request.get("vnp_OrderInfo", ""),
                "vnp_TransactionType": "01",
            }
        )
        if txn.outcome:
            _response, status = RESULT_CODES[txn.outcome]
            fields.update(
                {
                    "vnp_BankCode": BANK_CODE,
                    "vnp_PayDate": txn.pay_date,
                    "vnp_TransactionNo": txn.transaction_no,
                    "vnp_TransactionStatus": status,
                }
            )
        else:
            fields["vnp_TransactionStatus"] = vnpay.TRANSACTION_UNFINISHED
    return vnpay.query_answer(fields, secret())


def _refund_answer(request: Mapping, code: str, message: str, txn: SandboxTransaction | None = None) -> dict:
    fields = {
        "vnp_ResponseId": random.token_hex(16),
        "vnp_Command": "refund",
        "vnp_ResponseCode": code,
        "vnp_Message": message,
        "vnp_TmnCode": TMN_CODE,
        "vnp_TxnRef": str(request.get("vnp_TxnRef", "")),
        "vnp_Amount": str(request.get("vnp_Amount", "")),
        "vnp_TransactionType": str(request.get("vnp_TransactionType", "")),
    }
    if txn is not None and code == vnpay.API_OK:
        fields.update(
            {
                "vnp_BankCode": BANK_CODE,
                "vnp_PayDate": txn.pay_date,
                "vnp_TransactionNo": f"{random.randbelow(10**8):08d}",
                "vnp_TransactionStatus": "05",  # the refund is being processed by the bank
                "vnp_OrderInfo": str(request.get("vnp_OrderInfo", "")),
            }
        )
    return vnpay.refund_answer(fields, secret())


def answer_refund(request: Mapping) -> dict:
    """The refund API, as VNPay answers it: checksum, merchant, a paid transaction, its transaction
    number, an amount within what is left (a full refund of all of it, a partial one of less), and a
    request id never seen before (``94`` otherwise)."""
    if not vnpay.verify_values(request, vnpay.REFUND_FIELDS, secret()):
        return _refund_answer(request, vnpay.API_BAD_CHECKSUM, "Invalid Checksum")
    if request.get("vnp_TmnCode") != TMN_CODE:
        return _refund_answer(request, "99", "Unknown merchant")
    with transaction.atomic():
        txn = (
            SandboxTransaction.objects.select_for_update()
            .filter(txn_ref=str(request.get("vnp_TxnRef", "")))
            .first()
        )
        if txn is None or txn.outcome != SandboxTransaction.Outcome.SUCCESS:
            return _refund_answer(request, vnpay.API_NOT_FOUND, "Transaction not found")
        if str(request.get("vnp_RequestId", "")) in txn.refund_request_ids:
            return _refund_answer(request, vnpay.API_DUPLICATE, "Duplicate request")
        amount = str(request.get("vnp_Amount", ""))
        left = int(txn.request["vnp_Amount"]) - txn.refunded
        full = request.get("vnp_TransactionType") == vnpay.FULL_REFUND
        if (
            request.get("vnp_TransactionNo") != txn.transaction_no
            or not amount.isdigit()
            or not 0 < int(amount) <= left
            or full != (int(amount) == int(txn.request["vnp_Amount"]))
        ):
            return _refund_answer(request, "99", "Invalid refund amount or transaction")
        txn.refunded += int(amount)
        txn.refund_request_ids = [*txn.refund_request_ids, str(request.get("vnp_RequestId", ""))]
        txn.save(update_fields=["refunded", "refund_request_ids"])
    return _refund_answer(request, vnpay.API_OK, "Success", txn)


def answer_api(request: Mapping) -> dict:
    """The transaction API: querydr and refund."""
    if not isinstance(request, Mapping):
        return _api_answer({}, "99", "Invalid request")
    if request.get("vnp_Command") == "refund":
        return answer_refund(request)
    if request.get("vnp_Command") != "querydr":
        return _api_answer(request, "99", "Unknown command")
    if not vnpay.verify_values(request, vnpay.QUERY_FIELDS, secret()):
        return _api_answer(request, "97", "Invalid Checksum")
    if request.get("vnp_TmnCode") != TMN_CODE:
        return _api_answer(request, "99", "Unknown merchant")
    txn = SandboxTransaction.objects.filter(txn_ref=str(request.get("vnp_TxnRef", ""))).first()
    if txn is None:
        return _api_answer(request, vnpay.API_NOT_FOUND, "Transaction not found")
    return _api_answer(request, vnpay.API_OK, "Success", txn)
