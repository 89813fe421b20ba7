"""Refunds of paid online payments through the gateway's refund API (VNPay's ``refund`` command).

:func:`refund_payment` sends back all or part of what is left of a paid payment, with a reason, on the
word of a leader or manager of the dossier's agency (a refund sends public money back: it is decided
above the counter, by those who answer for the agency's accounts). It holds the payment's row lock while
the gateway is asked: a refund is rare and made by hand, and the lock is what keeps two clicks (or two
officers) from refunding the same money twice; the gateway also refuses a repeated request id (``94``).
Only the gateway's ``00`` for our reference and amount changes the payment: its refunded amount grows,
its state becomes refunded (all of it) or partially refunded, with its log row. A refusal, an unreachable
gateway, a counter payment (refunded at the counter, outside the portal) change nothing and say why.
The dossier itself does not change (a refund is about the money, not the procedure).
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from dossiers.domain.lifecycle import Actor
from dossiers.services import actor_for

from .domain.states import REFUNDABLE, PaymentState
from .domain.vnpay import REFUND_REFUSALS
from .gateways import GatewayUnavailable, gateway_named
from .models import Method, Payment, PaymentEvent

logger = logging.getLogger(__name__)

REFUNDING_ACTORS = frozenset({Actor.LEADER, Actor.MANAGER})
REASON_MAX = 500


class RefundRefused(DomainError):
    """The refund was not made; nothing changed."""


def may_refund(user, payment: Payment) -> bool:
    """Whether ``user`` is one who may refund ``payment`` (not whether something is left to refund)."""
    try:
        return actor_for(user, payment.dossier) in REFUNDING_ACTORS
    except DomainError:
        return False


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _check(payment: Payment, officer, amount: int, reason: str) -> None:
    if actor_for(officer, payment.dossier) not in REFUNDING_ACTORS:
        raise RefundRefused(_("Only a leader or a manager of the dossier's agency refunds a payment."))
    if payment.method != Method.ONLINE:
        raise RefundRefused(
            _("A payment made at the counter is refunded at the counter, not through a payment gateway.")
        )
    if payment.state not in REFUNDABLE:
        raise RefundRefused(
            _("Only a paid payment can be refunded (this one is: %(state)s)."),
            {"state": PaymentState(payment.state).label},
        )
    if not reason:
        raise RefundRefused(_("Give the reason for the refund."))
    if amount <= 0 or amount > payment.refundable_amount:
        raise RefundRefused(
            _("The amount to refund must be between 1 and %(left)s VND (what is left of the payment)."),
            {"left": _vnd(payment.refundable_amount)},
        )


def refund_payment(
    payment: Payment, officer, *, amount: int, reason: str, now: datetime | None = None
) -> Payment:
    """Refund ``amount`` VND of ``payment`` through its gateway, as ``officer``, for ``reason``.

    Raises DossierNotFound for an officer who may not see the dossier, RefundRefused otherwise when
    nothing was refunded (the message says why: the rules, or the gateway's answer)."""
    now = (now or timezone.now()).replace(microsecond=0)
    reason = " ".join(str(reason).split())[:REASON_MAX]
    with transaction.atomic():
        locked = Payment.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=payment.pk)
        _check(locked, officer, amount, reason)
        gateway = gateway_named(locked.gateway)
        if gateway is None or not gateway.refunds:
            raise RefundRefused(_("The gateway of this payment does not take refunds."))
        try:
            reading = gateway.refund(
                locked.stored(),
                transaction_no=locked.gateway_transaction_no,
                amount=amount,
                created_by=str(officer),
                now=now,
            )
        except GatewayUnavailable as error:
            logger.warning("refund of %s: the gateway could not be reached: %s", locked.txn_ref, error)
            raise RefundRefused(_("The payment gateway could not be reached: try again later.")) from error
        if not reading.accepted:
            logger.warning("refund of %s refused: %s %s", locked.txn_ref, reading.code, reading.detail)
            raise RefundRefused(
                _("The payment gateway refused the refund (%(code)s): %(reason)s"),
                {
                    "code": reading.code or "?",
                    "reason": REFUND_REFUSALS.get(reading.code, reading.detail or _("no reason given")),
                },
            )
        previous = locked.state
        locked.refunded_amount += amount
        locked.state = (
            PaymentState.REFUNDED
            if locked.refunded_amount == locked.amount
            else PaymentState.PARTIALLY_REFUNDED
        )
        locked.save(update_fields=["refunded_amount", "state", "updated_at"])
        PaymentEvent.objects.create(
            payment=locked,
            from_state=previous,
            to_state=locked.state,
            source=PaymentEvent.Source.OFFICER,
            params={"refund_amount": amount, **reading.raw},
            note=reason,
            by=officer,
            at=now,
        )
    return locked
