"""Paying a dossier's fees online: start, the gateway's notification (IPN), the return, reconciliation.

The rules:

* **Fees are computed here, on the server** (``fees.fees_for``); the amount sent to the gateway and
  checked in its answers is the one stored with the payment when it started.
* **One live payment per dossier** (a database constraint too): while one waits for the gateway's
  word, another cannot start, so two tabs cannot charge twice.
* **The IPN is the source of truth**; the browser's return only shows the result. An IPN is handled
  under a row lock on the payment (``select_for_update``): two identical IPNs at once record one
  payment, the second is answered "already confirmed". A refused IPN changes nothing.
* **Reconciliation** asks the gateway (querydr) about payments still pending after
  MOTCUA_PAYMENT_RECONCILE_AFTER_MINUTES, and settles them exactly as an IPN would: a lost IPN never
  leaves a paid dossier unpaid.
* **Every change writes its** :class:`~payments.models.PaymentEvent` in its transaction; a confirmed
  payment of a dossier awaiting fees takes the dossier's ``pay_fees`` action as the system, in the
  same transaction, so the dossier proceeds.
"""

import logging
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from catalog.constants import PaymentTiming
from core.addresses import format_address
from core.errors import DomainError
from dossiers.domain.lifecycle import Action, Actor, State
from dossiers.models import Dossier
from dossiers.services import SYSTEM, actor_for, perform

from .domain.gateway import (
    GatewayFacts,
    Outcome,
    PaymentOrder,
    PaymentSubject,
    QueryStatus,
    ReturnReading,
    SubjectLine,
)
from .domain.states import AWAITING_GATEWAY, PaymentState, can_move
from .fees import Fees, fees_for
from .gateways import GatewayUnavailable, configured_gateway, gateway_named
from .models import Payment, PaymentEvent
from .receipts import plan_receipt

logger = logging.getLogger(__name__)

#: A payment the gateway says it never finished is called expired only this long after its expiry, so
#: that a citizen paying at the last second is not overtaken by reconciliation.
EXPIRY_GRACE = timedelta(minutes=15)
#: At most this many payments are asked about in one reconciliation run (the next run takes the rest).
RECONCILE_BATCH = 200

__all__ = [
    "Fees",
    "PaymentPending",
    "PaymentRefused",
    "StartedPayment",
    "fees_due_now",
    "fees_for",
    "handle_ipn",
    "handle_return",
    "online_payment_offered",
    "payment_panel",
    "reconcile_payment",
    "reconcile_pending",
    "start_payment",
]


class PaymentRefused(DomainError):
    """The payment cannot start now; nothing changed."""


class PaymentPending(PaymentRefused):
    """An earlier payment of the dossier still waits for the gateway's word."""

    def __init__(self, payment: Payment):
        super().__init__(
            _(
                "Your payment started at %(time)s is still waiting for the gateway's confirmation. "
                "You can continue it, or try again in a few minutes."
            ),
            {"time": f"{timezone.localtime(payment.created_at):%H:%M %d/%m/%Y}"},
        )
        self.payment = payment


@dataclass(frozen=True)
class StartedPayment:
    payment: Payment
    redirect_url: str


def online_payment_offered(dossier: Dossier) -> bool:
    """Whether the applicant may pay ``dossier``'s fees online now: they are due now (requested, or
    taken at submission), its procedure is at level 4, and something is due."""
    return _may_pay_online(dossier) and fees_for(dossier).total > 0


#: Where a dossier of a procedure paying at submission is paid: right after submitting, or at reception.
_AT_SUBMISSION_STATES = frozenset({State.SUBMITTED, State.RECEIVED})


def fees_due_now(dossier: Dossier) -> bool:
    """Whether ``dossier``'s fees are to be paid now: the officer requested them (awaiting fees), or the
    procedure takes them at submission and the dossier, at reception, has no standing payment."""
    timing = dossier.procedure.payment_timing
    if timing == PaymentTiming.NONE:
        return False
    if dossier.state == State.AWAITING_FEES:
        return True
    return (
        timing == PaymentTiming.AT_SUBMISSION
        and dossier.state in _AT_SUBMISSION_STATES
        and not dossier.payments.filter(state=PaymentState.PAID).exists()
    )


def _may_pay_online(dossier: Dossier) -> bool:
    return (
        dossier.procedure.level.allows_online_payment
        and fees_due_now(dossier)
        and configured_gateway().ready()
    )


@dataclass(frozen=True)
class PaymentPanel:
    """What the citizen's dossier page shows of the fees: the button, the payment waiting for the
    gateway, and the payments so far (newest first)."""

    offered: bool
    fees: Fees
    pending: Payment | None
    payments: list
    can_continue: bool


def payment_panel(dossier: Dossier, *, now: datetime | None = None) -> PaymentPanel:
    now = now or timezone.now()
    payments = list(dossier.payments.order_by("-created_at", "-id"))
    pending = next((p for p in payments if p.state == PaymentState.PENDING), None)
    fees = fees_for(dossier)
    return PaymentPanel(
        offered=fees.total > 0 and _may_pay_online(dossier),
        fees=fees,
        pending=pending,
        payments=payments,
        can_continue=pending is not None and pending.expires_at > now,
    )


def _new_reference(now: datetime) -> str:
    # The Vietnamese date, then 40 random bits: unique for ever (the column is unique), not guessable.
    return f"{timezone.localtime(now):%y%m%d}{secrets.token_hex(5).upper()}"


def _event(payment, from_state, source, now, *, params=None, note="") -> PaymentEvent:
    return PaymentEvent.objects.create(
        payment=payment,
        from_state=from_state,
        to_state=payment.state,
        source=source,
        params=params or {},
        note=note,
        at=now,
    )


def _subject(dossier: Dossier, fees: Fees) -> PaymentSubject:
    """What the payment pays for, for the gateways that print a receipt (the national platform)."""
    return PaymentSubject(
        dossier_code=dossier.code or "",
        procedure_code=dossier.procedure.code,
        agency_code=dossier.agency.code,
        payer_name=dossier.applicant_name,
        payer_id_number=dossier.applicant_id_number,
        payer_address=format_address(
            dossier.applicant_street, dossier.applicant_province_code, dossier.applicant_ward_code
        ),
        # What is charged: an exempted line is left out, so that the lines add up to the amount.
        lines=tuple(
            SubjectLine(str(line.fee_id or ""), line.name, line.due) for line in fees.lines if line.due
        ),
    )


def start_payment(
    dossier: Dossier, user, *, ip_address: str = "", locale: str = "vn", now: datetime | None = None
) -> StartedPayment:
    """Start paying ``dossier``'s fees through the configured gateway, as its applicant ``user``: the
    payment (pending) and the address to send the browser to.

    Raises DossierNotFound for a dossier that is not ``user``'s, PaymentPending while an earlier
    payment waits for the gateway, and PaymentRefused when online payment is not possible now.
    """
    now = (now or timezone.now()).replace(microsecond=0)
    gateway = configured_gateway()
    with transaction.atomic():
        # The dossier's lock serializes two starts of one dossier (a double click, two tabs).
        locked = (
            Dossier.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=dossier.pk)
        )
        if actor_for(user, locked) != Actor.APPLICANT:
            raise PaymentRefused(_("Only the applicant pays the fees online."))
        if not fees_due_now(locked):
            raise PaymentRefused(_("The dossier is not awaiting the payment of fees."))
        if not (locked.procedure.level.allows_online_payment and gateway.ready()):
            raise PaymentRefused(
                _("The fees of this procedure are paid at the counter (online payment is at level 4).")
            )
        fees = fees_for(locked)
        if fees.total <= 0:
            raise PaymentRefused(_("There is nothing to pay online for this dossier."))
        pending = locked.payments.filter(state=PaymentState.PENDING).first()
        if pending is not None:
            raise PaymentPending(pending)
        payment = Payment.objects.create(
            dossier=locked,
            amount=fees.total,
            fee_lines=[line.as_json() for line in fees.lines],
            gateway=gateway.id,
            txn_ref=_new_reference(now),
            started_by=user,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.MOTCUA_PAYMENT_EXPIRE_MINUTES),
        )
        order = PaymentOrder(
            reference=payment.txn_ref,
            amount=payment.amount,
            description=f"Thanh toan phi, le phi ho so {locked.code}",
            created_at=payment.created_at,
            expires_at=payment.expires_at,
            return_url=settings.MOTCUA_PUBLIC_URL + reverse("payments:return", args=[gateway.id]),
            ip_address=ip_address,
            locale=locale,
            subject=_subject(locked, fees),
        )
        payment.redirect_url = gateway.payment_url(order)
        payment.save(update_fields=["redirect_url"])
        _event(payment, "", PaymentEvent.Source.CITIZEN, now, params={"fee_lines": payment.fee_lines})
    return StartedPayment(payment, payment.redirect_url)


def _note(message, params=None) -> str:
    """A note for the officers reading the payment's log, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % {key: str(value) for key, value in (params or {}).items()}


def _dossier_proceeds(payment: Payment, now: datetime) -> str:
    """Take the dossier's ``pay_fees`` as the system when it awaits fees; otherwise say why not (the
    officers see it in the payment's log: money came for a dossier no longer waiting for it)."""
    dossier = Dossier.objects.select_related("procedure").get(pk=payment.dossier_id)
    at_submission = dossier.procedure.payment_timing == PaymentTiming.AT_SUBMISSION
    if at_submission and dossier.state in _AT_SUBMISSION_STATES:
        return ""  # paid at submission, as the procedure asks: the dossier may now be assigned
    if dossier.state != State.AWAITING_FEES:
        return _note(
            gettext_noop(
                "Paid while the dossier was no longer awaiting fees (%(state)s): "
                "check it and refund if needed."
            ),
            {"state": State(dossier.state).label},
        )
    comment = f"{payment.gateway} {payment.txn_ref} {payment.gateway_transaction_no}".strip()
    try:
        perform(dossier, SYSTEM, Action.PAY_FEES, comment=comment, now=now)
    except DomainError as error:  # the dossier changed meanwhile: the payment stands, the log says why
        return _note(
            gettext_noop("Paid, but the dossier could not proceed: %(reason)s"), {"reason": error.message}
        )
    return ""


def _settle(payment: Payment, outcome: Outcome, facts: GatewayFacts, source, params, now) -> bool:
    """Mark the locked ``payment`` paid or failed on the gateway's word, with its event; a paid
    payment moves its dossier on. Returns whether anything changed."""
    target = PaymentState.PAID if outcome is Outcome.PAID else PaymentState.FAILED
    previous = payment.state
    if not can_move(previous, target):
        return False
    payment.state = target
    payment.gateway_transaction_no = facts.transaction_no or payment.gateway_transaction_no
    payment.bank_code = facts.bank_code or payment.bank_code
    payment.gateway_response_code = facts.response_code or payment.gateway_response_code
    if target == PaymentState.PAID:
        payment.paid_at = facts.paid_at or now
    payment.save()
    note = _dossier_proceeds(payment, now) if target == PaymentState.PAID else ""
    _event(payment, previous, source, now, params=params, note=note)
    if target == PaymentState.PAID:
        plan_receipt(payment)
    return True


def handle_ipn(gateway_id: str, params, *, now: datetime | None = None) -> dict:
    """Handle the gateway's notification about one payment and return the answer it expects.

    Idempotent: under the payment's row lock, a repeat finds the payment settled and is answered
    "already confirmed"; a refused notification (bad signature, unknown reference, wrong amount)
    changes nothing. Raises LookupError for a gateway whose callbacks are not accepted.
    """
    gateway = gateway_named(gateway_id)
    if gateway is None:
        raise LookupError(gateway_id)
    now = now or timezone.now()
    params = {str(key): str(value) for key, value in params.items()}
    reference = gateway.reference(params)
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update().filter(txn_ref=reference, gateway=gateway.id).first()
            if reference
            else None
        )
        decision = gateway.decide_callback(params, payment.stored() if payment else None)
        if decision.accepted:
            _settle(
                payment,
                decision.outcome,
                decision.facts,
                PaymentEvent.Source.IPN,
                gateway.loggable(params),
                now,
            )
        else:
            logger.warning("%s IPN for %r answered %s, nothing changed", gateway.id, reference, decision.code)
    return decision.answer


@dataclass(frozen=True)
class ReturnResult:
    """What the return page shows: the gateway's word as the browser brought it, and our payment."""

    reading: ReturnReading
    payment: Payment | None

    @property
    def state(self) -> str:
        """ "paid", "failed", "pending" (still confirming) or "unverified" (nothing can be said)."""
        if self.payment is None:
            return "unverified"
        if self.payment.state == PaymentState.PAID:
            return "paid"
        if self.payment.state in AWAITING_GATEWAY:
            return "pending"
        return "failed"


def handle_return(gateway_id: str, params) -> ReturnResult:
    """Read the browser's return from the gateway. It never marks a payment paid (only the IPN and
    reconciliation do); it only finds what to show. Raises LookupError for an unknown gateway."""
    gateway = gateway_named(gateway_id)
    if gateway is None:
        raise LookupError(gateway_id)
    reading = gateway.read_return({str(key): str(value) for key, value in params.items()})
    payment = None
    if reading.verified and reading.reference:
        payment = (
            Payment.objects.select_related("dossier")
            .filter(txn_ref=reading.reference, gateway=gateway.id)
            .first()
        )
    return ReturnResult(reading, payment)


def reconcile_payment(payment_id: int, *, now: datetime | None = None) -> str:
    """Ask the gateway about one pending payment and settle it as an IPN would. Returns what happened:
    "paid", "failed", "expired", "waiting" (not finished yet), "unknown" (an answer that settles
    nothing), "unreachable", "skipped" (its gateway's word no longer counts) or "settled" (the IPN
    came first)."""
    now = now or timezone.now()
    payment = Payment.objects.get(pk=payment_id)
    if payment.state != PaymentState.PENDING:
        return "settled"
    gateway = gateway_named(payment.gateway)
    if gateway is None:  # a fake gateway's payment, once the fake is no longer configured
        return "skipped"
    try:
        # Outside the transaction: no row stays locked while the gateway is asked.
        reading = gateway.query(payment.stored(), now=now)
    except GatewayUnavailable as error:
        logger.warning("reconciliation of %s: the gateway could not be reached: %s", payment.txn_ref, error)
        return "unreachable"
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment_id)
        if locked.state != PaymentState.PENDING:
            return "settled"
        source = PaymentEvent.Source.RECONCILIATION
        if reading.status in (QueryStatus.PAID, QueryStatus.FAILED):
            outcome = Outcome.PAID if reading.status is QueryStatus.PAID else Outcome.FAILED
            _settle(locked, outcome, reading.facts, source, reading.raw, now)
            return str(reading.status)
        if reading.status in (QueryStatus.UNFINISHED, QueryStatus.NOT_FOUND):
            if now < locked.expires_at + EXPIRY_GRACE:
                return "waiting"
            locked.state = PaymentState.EXPIRED
            locked.save(update_fields=["state", "updated_at"])
            _event(locked, PaymentState.PENDING, source, now, params=reading.raw)
            return "expired"
    logger.warning(
        "reconciliation of %s settled nothing: %s %s", payment.txn_ref, reading.code, reading.detail
    )
    return "unknown"


def reconcile_pending(now: datetime | None = None) -> dict[str, int]:
    """Reconcile every payment pending longer than MOTCUA_PAYMENT_RECONCILE_AFTER_MINUTES, oldest
    first; returns how many ended how."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.MOTCUA_PAYMENT_RECONCILE_AFTER_MINUTES)
    due = (
        Payment.objects.filter(state=PaymentState.PENDING, created_at__lte=cutoff)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:RECONCILE_BATCH]
    )
    return dict(Counter(reconcile_payment(pk, now=now) for pk in list(due)))
