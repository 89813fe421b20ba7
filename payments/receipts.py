"""The e-receipt of a payment (biên lai thu phí, lệ phí điện tử): numbered, rendered, sealed, kept.

* **When.** Once per payment whose money was received, by :func:`issue_receipt`. An online payment's
  receipt is issued by a task planned in the transaction that confirms the payment (the IPN's or
  reconciliation's), not inside it: the gateway's confirmation must never wait for, or fail with, the
  agency's signer (an unreachable signing service would otherwise leave a paid dossier unpaid, and a
  slow one hold the payment's row lock while the gateway waits for its answer). The task row is written
  in the confirming transaction (the task queue is a database outbox), so a confirmed payment always
  has its receipt planned. A counter payment's receipt is issued right after the payment is recorded
  (the officer hands it over), the task as its fallback. The download views issue it too if it is not
  there yet: :func:`issue_receipt` is idempotent under the payment's row lock.
* **Number.** Per collecting agency and year, without gaps: the counter row's upsert locks it until
  the issuing transaction ends, and a failed issue gives its number back (as dossier codes do).
  *Assumption:* the form number is Circular 32/2025/TT-BTC's "01BLP0-001" and the series ``MC-<yy>E``
  (MC for the one-stop shop, E for electronic); a province registering other ones changes
  :data:`FORM_NUMBER` / :func:`series_for`.
* **Seal.** The collecting agency signs it with a *visible* signature block carrying a QR code to the
  verification page: a receipt is a financial document that is printed and filed by accountants and
  other agencies, and the printed copy must show who sealed it and let anyone check it, which an
  invisible signature cannot do on paper.
* **Where.** A :class:`~dossiers.models.DossierFile` of kind ``fee_receipt``, linked from the payment:
  the dossier's files are already stored, served by authorized views and verified by public id.
"""

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from documents.forms.data import Applicant
from documents.forms.fee_receipt import FeeReceiptData, FeeReceiptLine, render_fee_receipt
from dossiers.actions.files import files_removed_on_failure
from dossiers.answers import applicant_address
from dossiers.documents import agency_header, store_document
from dossiers.domain.calendar import to_local
from dossiers.models import Dossier, DossierFile
from dossiers.signing import sign_document

from .domain.states import MONEY_RECEIVED
from .models import Method, Payment

FORM_NUMBER = "01BLP0-001"
NUMBER_DIGITS = 7
SIGNING_REASON = "Đóng dấu biên lai thu phí, lệ phí"

#: How each method is printed on the receipt (Vietnamese, whatever the language of the request).
METHOD_LABELS = {
    Method.CASH: "Tiền mặt tại Bộ phận Một cửa",
    Method.CARD: "Thẻ ngân hàng tại Bộ phận Một cửa",
}
GATEWAY_LABELS = {
    "vnpay": "VNPay",
    "sandbox": "cổng thử nghiệm (sandbox)",
    "national": "Nền tảng thanh toán của Cổng Dịch vụ công quốc gia",
    "national-sandbox": "nền tảng thanh toán thử nghiệm (sandbox)",
}

_NEXT_NUMBER_SQL = """
INSERT INTO payments_receiptcounter (agency_id, year, last_number) VALUES (%s, %s, 1)
ON CONFLICT (agency_id, year) DO UPDATE SET last_number = payments_receiptcounter.last_number + 1
RETURNING last_number
"""


class ReceiptRefused(DomainError):
    """No receipt for this payment (its money was not received)."""


def series_for(year: int) -> str:
    return f"MC-{year % 100:02d}E"


def allocate_number(agency, year: int) -> int:
    """The next receipt number of ``agency`` in ``year``; must run in the transaction that issues it."""
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_NUMBER_SQL, [agency.pk, year])
        (number,) = cursor.fetchone()
    return number


def method_label(payment: Payment) -> str:
    if payment.method == Method.ONLINE:
        return f"Thanh toán trực tuyến qua {GATEWAY_LABELS.get(payment.gateway, payment.gateway)}"
    return METHOD_LABELS[Method(payment.method)]


def _payer(dossier: Dossier) -> Applicant:
    identifier = dossier.applicant_id_number
    is_citizen = len(identifier) == 12
    return Applicant(
        name=dossier.applicant_name,
        personal_id=identifier if is_citizen else "",
        tax_code="" if is_citizen else identifier,
        address=applicant_address(dossier) or dossier.applicant_street,
    )


def receipt_data(payment: Payment, *, series: str, number: str, issued_at: datetime) -> FeeReceiptData:
    dossier = payment.dossier
    collector = payment.started_by if payment.method != Method.ONLINE else None
    return FeeReceiptData(
        header=agency_header(dossier.agency),
        form_number=FORM_NUMBER,
        series=series,
        number=number,
        issued_at=issued_at,
        payer=_payer(dossier),
        dossier_code=dossier.code or "",
        procedure_name=dossier.procedure.name,
        lines=[FeeReceiptLine(line["name"], int(line["amount"])) for line in payment.fee_lines],
        payment_method=method_label(payment),
        reference=payment.txn_ref,
        transaction_no=payment.gateway_transaction_no or payment.card_slip,
        paid_at=payment.paid_at,
        collector=str(collector) if collector is not None else "",
    )


def issue_receipt(payment_id: int, *, now: datetime | None = None) -> DossierFile:
    """The payment's e-receipt: the one issued already, or a new one numbered, sealed and kept with the
    dossier. Raises ReceiptRefused for a payment whose money was not received, and DocumentNotSigned
    (nothing kept, the number given back) when the agency cannot sign now."""
    now = (now or timezone.now()).replace(microsecond=0)
    with files_removed_on_failure() as written, transaction.atomic():
        payment = (
            Payment.objects.select_for_update(of=("self",))
            .select_related("dossier__agency__parent", "dossier__procedure", "started_by")
            .get(pk=payment_id)
        )
        # The receipt's id, not a joined receipt: after waiting for the lock, PostgreSQL reads the
        # payment's new row but joins it as of the query's start, when the other issue's receipt
        # did not exist yet.
        if payment.receipt_id is not None:
            return DossierFile.objects.get(pk=payment.receipt_id)
        if payment.state not in MONEY_RECEIVED:
            raise ReceiptRefused(_("A receipt is issued only for a payment that was received."))
        dossier = payment.dossier
        year = to_local(payment.paid_at or now).year
        series = series_for(year)
        number = f"{allocate_number(dossier.agency, year):0{NUMBER_DIGITS}d}"
        pdf = render_fee_receipt(receipt_data(payment, series=series, number=number, issued_at=now))
        sealed, fields = sign_document(pdf, dossier.agency, now, reason=SIGNING_REASON, visible=True)
        stored = store_document(
            dossier,
            DossierFile.Kind.FEE_RECEIPT,
            sealed,
            f"{dossier.code or dossier.pk}-bien-lai-{series}-{number}.pdf",
            written=written,
            **fields,
        )
        payment.receipt = stored
        payment.receipt_number = f"{series} {number}"
        payment.save(update_fields=["receipt", "receipt_number", "updated_at"])
    return stored


#: At most this many missing receipts are issued by one periodic run (the next run takes the rest).
MISSING_BATCH = 50


def issue_missing(*, now: datetime | None = None) -> dict[str, int]:
    """Issue the receipts still missing of payments received (their task failed: the signer was down),
    oldest first, as the periodic reconciliation's second step; returns how many were issued or not."""
    issued = failed = 0
    missing = (
        Payment.objects.filter(state__in=MONEY_RECEIVED, receipt__isnull=True)
        .order_by("paid_at", "pk")
        .values_list("pk", flat=True)[:MISSING_BATCH]
    )
    for payment_id in list(missing):
        try:
            issue_receipt(payment_id, now=now)
            issued += 1
        except DomainError:
            failed += 1
    counts = {"receipts_issued": issued, "receipts_failed": failed}
    return {name: count for name, count in counts.items() if count}


def plan_receipt(payment: Payment) -> None:
    """Plan the receipt's issue by the worker, in the caller's transaction (the outbox)."""
    from .tasks import issue_fee_receipt

    issue_fee_receipt.enqueue(payment.pk)
