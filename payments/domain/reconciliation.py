"""The daily reconciliation's verdict on one payment: our record against the gateway's answer to the
transaction query (querydr), in plain values (no ORM, no network).

=====================  =======================================================================
verdict                when
=====================  =======================================================================
ok                     both say the same: paid with the same amount, or not paid on either side
paid_here_not_there    we hold it paid (or refunded), the gateway says it failed or never finished
paid_there_not_here    the gateway says paid, we do not (a lost IPN: reconciliation will settle it)
amount_differs         both say paid, with different amounts
unknown_at_gateway     the gateway never heard of a payment we hold paid, failed or refunded
still_pending          ours waits for the gateway's word, and the gateway has none to give yet
not_checked            the gateway could not be asked, or its answer could not be trusted
=====================  =======================================================================
"""

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .gateway import QueryReading, QueryStatus
from .states import AWAITING_GATEWAY, MONEY_RECEIVED


class Verdict(enum.StrEnum):
    OK = "ok"
    PAID_HERE_NOT_THERE = "paid_here_not_there"
    PAID_THERE_NOT_HERE = "paid_there_not_here"
    AMOUNT_DIFFERS = "amount_differs"
    UNKNOWN_AT_GATEWAY = "unknown_at_gateway"
    STILL_PENDING = "still_pending"
    NOT_CHECKED = "not_checked"

    @property
    def label(self):
        return _LABELS[self]

    @property
    def is_mismatch(self) -> bool:
        return self is not Verdict.OK


_LABELS = {
    Verdict.OK: _("Matches"),
    Verdict.PAID_HERE_NOT_THERE: _("Paid here, not at the gateway"),
    Verdict.PAID_THERE_NOT_HERE: _("Paid at the gateway, not here"),
    Verdict.AMOUNT_DIFFERS: _("The amounts differ"),
    Verdict.UNKNOWN_AT_GATEWAY: _("Unknown at the gateway"),
    Verdict.STILL_PENDING: _("Still pending"),
    Verdict.NOT_CHECKED: _("Not checked (the gateway did not answer)"),
}


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    #: What the gateway says was paid (VND), when it says so; None otherwise.
    gateway_amount: int | None = None
    gateway_status: str = ""


def _gateway_amount(reading: QueryReading) -> int | None:
    raw = str(reading.raw.get("vnp_Amount", ""))
    return int(raw) // 100 if raw.isdigit() else None


def compare(state: str, amount: int, reading: QueryReading | None) -> Comparison:
    """The verdict on a payment of ``amount`` VND in ``state`` (ours), given the gateway's ``reading``
    (None: the gateway could not be reached)."""
    if reading is None:
        return Comparison(Verdict.NOT_CHECKED)
    status = str(reading.status)
    gateway_amount = _gateway_amount(reading)
    received = state in MONEY_RECEIVED
    if reading.status is QueryStatus.UNKNOWN and reading.detail == "another amount":
        # The answer verified and says paid, but not our amount (read_query_answer refuses to settle it).
        return Comparison(Verdict.AMOUNT_DIFFERS, gateway_amount, "paid")
    if reading.status is QueryStatus.UNKNOWN:
        return Comparison(Verdict.NOT_CHECKED, gateway_amount, status)
    if reading.status is QueryStatus.PAID:
        if gateway_amount is not None and gateway_amount != amount:
            return Comparison(Verdict.AMOUNT_DIFFERS, gateway_amount, status)
        return Comparison(Verdict.OK if received else Verdict.PAID_THERE_NOT_HERE, gateway_amount, status)
    if reading.status is QueryStatus.NOT_FOUND:
        if state in AWAITING_GATEWAY:  # the citizen never reached the gateway
            return Comparison(Verdict.STILL_PENDING if state == "pending" else Verdict.OK, None, status)
        return Comparison(Verdict.UNKNOWN_AT_GATEWAY, None, status)
    # Failed or unfinished at the gateway.
    if received:
        return Comparison(Verdict.PAID_HERE_NOT_THERE, gateway_amount, status)
    if state == "pending":
        return Comparison(Verdict.STILL_PENDING, gateway_amount, status)
    return Comparison(Verdict.OK, gateway_amount, status)
