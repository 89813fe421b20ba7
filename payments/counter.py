"""Fees paid at the counter (cash or card), recorded by the counter officer of the dossier's agency.

One service, :func:`record_counter_payment`: under the dossier's row lock it checks who records it
(the counter officer of the dossier's agency, nobody else), the dossier's state (awaiting fees), that no
online payment of it is waiting for the gateway's word (the applicant may be paying right now), and that
the amount collected is exactly the fees due (``fees.fees_for``, computed here). It then writes the paid
payment and its log row, and takes the dossier's ``pay_fees`` as that officer, in one transaction: the
dossier proceeds exactly as after an online payment. The e-receipt follows at once (``receipts``).
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from dossiers.domain.lifecycle import Action, Actor, State
from dossiers.models import Dossier
from dossiers.services import actor_for, perform

from .domain.states import PaymentState
from .fees import fees_for
from .models import Method, Payment, PaymentEvent
from .receipts import issue_receipt, plan_receipt

logger = logging.getLogger(__name__)

#: The payments' "gateway" of money taken at the counter (no gateway is ever asked about it).
COUNTER = "counter"
COUNTER_METHODS = (Method.CASH, Method.CARD)


class CounterPaymentRefused(DomainError):
    """The counter payment was not recorded; nothing changed."""


def record_counter_payment(
    dossier: Dossier,
    officer,
    *,
    method: str,
    amount: int,
    card_slip: str = "",
    now: datetime | None = None,
) -> Payment:
    """Record ``amount`` VND of ``dossier``'s fees received at the counter by ``officer`` (cash or
    card), and move the dossier on. Raises DossierNotFound for an officer who may not see the dossier,
    CounterPaymentRefused when it cannot be recorded (nothing changed)."""
    from .services import _new_reference  # one way of making references, for every payment

    now = (now or timezone.now()).replace(microsecond=0)
    if method not in COUNTER_METHODS:
        raise CounterPaymentRefused(_("Choose cash or card."))
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=dossier.pk)
        )
        if actor_for(officer, locked) != Actor.COUNTER_OFFICER:
            raise CounterPaymentRefused(
                _("Only a counter officer of the dossier's agency records a payment at the counter.")
            )
        if locked.state != State.AWAITING_FEES:
            raise CounterPaymentRefused(_("The dossier is not awaiting the payment of fees."))
        pending = locked.payments.filter(state=PaymentState.PENDING).first()
        if pending is not None:
            raise CounterPaymentRefused(
                _(
                    "An online payment of this dossier (%(reference)s) is waiting for the gateway's "
                    "confirmation: wait for it before taking money at the counter."
                ),
                {"reference": pending.txn_ref},
            )
        fees = fees_for(locked)
        if fees.total <= 0:
            raise CounterPaymentRefused(_("There is nothing to pay for this dossier."))
        if amount != fees.total:
            raise CounterPaymentRefused(
                _("The amount received must be the fees due: %(due)s VND."),
                {"due": f"{fees.total:,}".replace(",", ".")},
            )
        payment = Payment.objects.create(
            dossier=locked,
            amount=fees.total,
            fee_lines=[line.as_json() for line in fees.lines],
            gateway=COUNTER,
            method=method,
            card_slip=card_slip.strip()[:64] if method == Method.CARD else "",
            txn_ref=_new_reference(now),
            state=PaymentState.PAID,
            started_by=officer,
            created_at=now,
            expires_at=now,
            paid_at=now,
        )
        PaymentEvent.objects.create(
            payment=payment,
            from_state="",
            to_state=PaymentState.PAID,
            source=PaymentEvent.Source.OFFICER,
            params={"method": method, "card_slip": payment.card_slip, "fee_lines": payment.fee_lines},
            by=officer,
            at=now,
        )
        comment = f"{Method(method).label} {payment.txn_ref} {payment.card_slip}".strip()
        perform(locked, officer, Action.PAY_FEES, comment=comment, now=now)
        plan_receipt(payment)  # the fallback, should the issue below fail
    try:
        issue_receipt(payment.pk, now=now)
    except DomainError as error:  # the payment stands; the planned task issues the receipt later
        logger.warning("receipt of counter payment %s not issued now: %s", payment.txn_ref, error)
    return payment
