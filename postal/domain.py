"""A shipment's tracking states and the moves between them: a plain module, no database.

The states only go forward: created → handed to the post → in transit → delivered or returned to the
sender. A carrier may skip a state (a parcel scanned "delivered" without an "in transit" scan), so any
later state is allowed from an earlier one; delivered and returned to sender are final. The same state
twice is not a move but a repeat (a replayed webhook), which changes nothing.
"""

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShipmentState(models.TextChoices):
    CREATED = "created", _("Shipment created")
    HANDED_TO_POST = "handed_to_post", _("Handed to the post")
    IN_TRANSIT = "in_transit", _("In transit")
    DELIVERED = "delivered", _("Delivered")
    RETURNED_TO_SENDER = "returned_to_sender", _("Returned to the sender")


_RANK = {
    ShipmentState.CREATED: 0,
    ShipmentState.HANDED_TO_POST: 1,
    ShipmentState.IN_TRANSIT: 2,
    ShipmentState.DELIVERED: 3,
    ShipmentState.RETURNED_TO_SENDER: 3,
}
FINAL_STATES = frozenset({ShipmentState.DELIVERED, ShipmentState.RETURNED_TO_SENDER})
#: The states a carrier or an officer reports (a shipment is created by ``create_shipment`` only).
TRACKING_STATES = tuple(state for state in ShipmentState if state != ShipmentState.CREATED)


class Move(enum.Enum):
    FORWARD = "forward"  # a new state: recorded
    REPEAT = "repeat"  # this state was already recorded: nothing changes
    REFUSED = "refused"  # backwards, or after a final state


def move(current: str, new: str, *, seen: frozenset[str] = frozenset()) -> Move:
    """What reporting ``new`` does to a shipment in ``current`` that has already been in ``seen``."""
    current, new = ShipmentState(current), ShipmentState(new)
    if new == current or new in seen:
        return Move.REPEAT
    if current in FINAL_STATES or new == ShipmentState.CREATED or _RANK[new] <= _RANK[current]:
        return Move.REFUSED
    return Move.FORWARD


def next_states(current: str) -> list[ShipmentState]:
    """The states an officer may record next (the choices of the tracking form)."""
    return [state for state in TRACKING_STATES if move(current, state) is Move.FORWARD]
