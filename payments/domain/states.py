"""A payment's states and the moves between them.

==================  ===============================  ===========================================
state               meaning                          moves to
==================  ===============================  ===========================================
pending             sent to the gateway, no answer   paid, failed (the gateway's word), expired
expired             no answer after its expiry       paid, failed: the gateway's word overrides
paid                the gateway (or the counter)     partially refunded, refunded
                    received the money
partially_refunded  part of the money went back      partially refunded (another part), refunded
failed              the gateway said it failed       — (a new attempt is a new payment)
refunded            all the money went back          —
==================  ===============================  ===========================================

An expired payment still accepts the gateway's confirmation: a citizen who paid at the last second,
whose confirmation came late, has paid, and the dossier must show it.
"""

import enum

from django.utils.translation import gettext_lazy as _


class PaymentState(enum.StrEnum):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"

    @property
    def label(self):
        return _LABELS[self]


_LABELS = {
    PaymentState.PENDING: _("Waiting for the gateway's confirmation"),
    PaymentState.PAID: _("Paid"),
    PaymentState.FAILED: _("Not paid"),
    PaymentState.EXPIRED: _("Expired"),
    PaymentState.REFUNDED: _("Refunded"),
    PaymentState.PARTIALLY_REFUNDED: _("Partially refunded"),
}

MOVES: dict[PaymentState, frozenset[PaymentState]] = {
    PaymentState.PENDING: frozenset({PaymentState.PAID, PaymentState.FAILED, PaymentState.EXPIRED}),
    PaymentState.EXPIRED: frozenset({PaymentState.PAID, PaymentState.FAILED}),
    PaymentState.PAID: frozenset({PaymentState.PARTIALLY_REFUNDED, PaymentState.REFUNDED}),
    PaymentState.PARTIALLY_REFUNDED: frozenset({PaymentState.PARTIALLY_REFUNDED, PaymentState.REFUNDED}),
    PaymentState.FAILED: frozenset(),
    PaymentState.REFUNDED: frozenset(),
}

#: The states in which the gateway's word about the payment is still awaited (and accepted).
AWAITING_GATEWAY = frozenset({PaymentState.PENDING, PaymentState.EXPIRED})
#: The states of a payment whose money was received (all or part of it may have gone back since).
MONEY_RECEIVED = frozenset({PaymentState.PAID, PaymentState.PARTIALLY_REFUNDED, PaymentState.REFUNDED})
#: The states from which (more of) the money can still be refunded.
REFUNDABLE = frozenset({PaymentState.PAID, PaymentState.PARTIALLY_REFUNDED})


def can_move(current: str, target: str) -> bool:
    return PaymentState(target) in MOVES[PaymentState(current)]
