"""The payments API's shapes."""

from datetime import datetime

from ninja import Field, Schema


class PaymentFeeLine(Schema):
    name: str
    amount: int = Field(description="VND")


class PaymentOut(Schema):
    id: int
    reference: str = Field(description="Our reference at the gateway (VNPay's vnp_TxnRef)")
    state: str = Field(description="pending, paid, failed, expired or refunded")
    state_label: str
    amount: int = Field(description="VND")
    fee_lines: list[PaymentFeeLine] = Field(description="The fees paid, as computed when it started")
    gateway: str
    gateway_transaction_no: str = Field(description="The gateway's transaction number; '' until known")
    bank_code: str
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None
    e_receipt_url: str | None = Field(
        None, description="Where the e-receipt (biên lai điện tử) is downloaded, once issued; else null"
    )


class MyPayments(Schema):
    offered: bool = Field(description="Whether the fees can be paid online now (POST …/payments)")
    amount_due: int | None = Field(description="VND due online now; null when nothing can be paid online")
    fee_lines: list[PaymentFeeLine] = Field(description="The fees due online now")
    continue_url: str | None = Field(description="The gateway page of the payment still pending, if any")
    items: list[PaymentOut] = Field(description="The dossier's payments, newest first")


class PaymentStarted(Schema):
    payment: PaymentOut
    redirect_url: str = Field(description="The gateway's payment page: send the citizen's browser there")


def payment_out(payment, *, e_receipt_url: str | None = None) -> dict:
    return {
        "id": payment.pk,
        "reference": payment.txn_ref,
        "state": payment.state,
        "state_label": str(payment.state_label),
        "amount": payment.amount,
        "fee_lines": [{"name": line["name"], "amount": line["amount"]} for line in payment.fee_lines],
        "gateway": payment.gateway,
        "gateway_transaction_no": payment.gateway_transaction_no,
        "bank_code": payment.bank_code,
        "created_at": payment.created_at,
        "expires_at": payment.expires_at,
        "paid_at": payment.paid_at,
        "e_receipt_url": e_receipt_url,
    }
