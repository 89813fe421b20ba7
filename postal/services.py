"""Postal delivery of a dossier's result: creating the shipment, recording where it is.

Each change runs in one transaction with its :class:`ShipmentEvent` (and, for "delivered", with the
dossier's return, ``perform(…, Action.RETURN_RESULT)``): a refusal changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import outbox
from dossiers.constants import ResultDelivery
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, Actor, State
from dossiers.models import Dossier
from dossiers.services import SYSTEM, actor_for, perform

from .carriers import carriers
from .domain import Move, ShipmentState, move
from .models import CarrierOrder, Shipment, ShipmentEvent
from .orders import order_for, receiver_block, sender_block
from .tariff import postal_fee as postal_fee_quote

AMOUNT_MAX = 1_000_000_000  # VND: anything above is a typing error


def _check_counter_officer(user, dossier) -> None:
    """Only the counter officers of the dossier's agency hand results to the post (another agency's
    officer does not see the dossier at all: DossierNotFound)."""
    if actor_for(user, dossier) != Actor.COUNTER_OFFICER:
        raise DomainError(_("Only a one-stop counter officer of the agency sends results by post."))


def _check_amount(value: int, label) -> int:
    if not isinstance(value, int) or value < 0 or value > AMOUNT_MAX:
        raise DomainError(_("%(field)s must be a whole number of đồng, 0 or more."), {"field": label})
    return value


def open_shipment(dossier) -> Shipment | None:
    """The dossier's shipment still on its way or delivered (not returned to the sender), if any."""
    return dossier.shipments.exclude(state=ShipmentState.RETURNED_TO_SENDER).first()


def may_create_shipment(user, dossier) -> bool:
    """Whether the dossier page offers ``user`` to create a shipment now."""
    try:
        _check_creatable(user, dossier)
    except DomainError:
        return False
    return True


def _check_creatable(user, dossier) -> None:
    _check_counter_officer(user, dossier)
    if dossier.result_delivery != ResultDelivery.POST:
        raise DomainError(_("The applicant did not choose to receive the result by post."))
    if dossier.state != State.RESULT_ISSUED:
        raise DomainError(_("A shipment is created once the result is issued and before it is returned."))
    if not receiver_block(dossier)["address"]:
        raise DomainError(_("The dossier has no delivery address: the post cannot deliver the result."))
    if open_shipment(dossier) is not None:
        raise DomainError(_("The result is already on its way by post."))


def shipment_amounts(dossier) -> dict[str, int]:
    """The amounts a new shipment of ``dossier`` carries unless the officer changes them: the postal fee
    of the tariff (``postal.tariff``), collected by the post on delivery (cash on delivery)."""
    fee = postal_fee_quote(dossier) or 0
    return {"postal_fee": fee, "cod_amount": fee}


def create_shipment(
    dossier, officer, *, cod_amount: int | None = None, postal_fee: int | None = None, now=None
) -> Shipment:
    """Create the shipment of ``dossier``'s result and queue its order to the configured carrier, in one
    transaction. The amounts not given are the tariff's (:func:`shipment_amounts`). Raises
    DossierNotFound for an officer who may not see the dossier, DomainError when the result is not
    issued, not delivered by post, has no address or is already on its way."""
    now = now or timezone.now()
    for value, label in ((cod_amount, _("The cash-on-delivery amount")), (postal_fee, _("The postal fee"))):
        if value is not None:
            _check_amount(value, label)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("agency").get(pk=dossier.pk)
        _check_creatable(officer, locked)
        quoted = shipment_amounts(locked)
        cod_amount = quoted["cod_amount"] if cod_amount is None else cod_amount
        postal_fee = quoted["postal_fee"] if postal_fee is None else postal_fee
        number = locked.shipments.count() + 1
        shipment = Shipment.objects.create(
            dossier=locked,
            carrier=carriers.configured_name(),
            order_number=f"MC{locked.pk:08d}{number:02d}",
            sender=sender_block(locked.agency),
            receiver=receiver_block(locked),
            cod_amount=cod_amount,
            postal_fee=postal_fee,
            created_by=officer,
        )
        ShipmentEvent.objects.create(
            shipment=shipment,
            state=ShipmentState.CREATED,
            at=now,
            source=ShipmentEvent.Source.OFFICER,
            recorded_by=officer,
        )
        outbox.enqueue(
            CarrierOrder(
                shipment=shipment, payload=order_for(shipment), ordering_key=f"shipment:{shipment.pk}"
            ),
            now=now,
        )
    return shipment


@dataclass(frozen=True)
class Recorded:
    shipment: Shipment
    #: False when the state had already been recorded (a replay): nothing changed.
    changed: bool


def record_tracking(
    shipment: Shipment,
    state: str,
    *,
    at: datetime | None = None,
    source: str = ShipmentEvent.Source.OFFICER,
    note: str = "",
    raw=None,
    user=None,
) -> Recorded:
    """Record that ``shipment`` is now in ``state`` (reported by the carrier's webhook, or by ``user``, a
    counter officer of the dossier's agency). "Delivered" returns the result: the dossier closes as
    returned, in the same transaction, as the officer or (for the carrier) the system.

    A state already recorded changes nothing (``changed=False``); a move backwards or after a final
    state raises DomainError.
    """
    now = timezone.now()
    at = min(at or now, now)  # a carrier's clock ahead of ours does not date an event in the future
    try:
        state = ShipmentState(state)
    except ValueError as error:
        raise DomainError(_("“%(state)s” is not a tracking state."), {"state": state}) from error
    with transaction.atomic():
        locked = Shipment.objects.select_for_update().select_related("dossier").get(pk=shipment.pk)
        officer = source == ShipmentEvent.Source.OFFICER
        if officer and user is None:
            raise ValueError("a state entered by hand names its officer (user=)")
        if officer:
            _check_counter_officer(user, locked.dossier)
        seen = frozenset(locked.events.values_list("state", flat=True))
        verdict = move(locked.state, state, seen=seen)
        if verdict is Move.REPEAT:
            return Recorded(locked, changed=False)
        if verdict is Move.REFUSED:
            raise DomainError(
                _("The shipment is “%(current)s”: it cannot become “%(new)s”."),
                {"current": locked.get_state_display(), "new": state.label},
            )
        locked.state = state
        locked.save(update_fields=["state", "updated_at"])
        ShipmentEvent.objects.create(
            shipment=locked,
            state=state,
            at=at,
            source=source,
            note=note.strip()[:500],
            raw=raw,
            recorded_by=user if officer else None,
        )
        if state == ShipmentState.DELIVERED and locked.dossier.state == State.RESULT_ISSUED:
            perform(
                locked.dossier,
                user if officer else SYSTEM,
                Action.RETURN_RESULT,
                comment=str(_("Delivered by post, %(number)s") % {"number": locked.barcode_number}),
                now=at,
            )
    return Recorded(locked, changed=True)


def shipment_by_order_number(order_number: str) -> Shipment | None:
    return Shipment.objects.filter(order_number=order_number).first()
