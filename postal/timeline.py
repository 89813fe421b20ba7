"""The shipment's tracking states on the applicant's timeline (``dossiers.timeline``), in date order."""

from django.utils.translation import gettext as _

from dossiers.timeline import TimelineEvent

from .domain import ShipmentState
from .models import ShipmentEvent


def _sentence(state: str, number: str) -> str:
    sentences = {
        ShipmentState.CREATED: _("The result is being sent by post (shipment %(number)s)"),
        ShipmentState.HANDED_TO_POST: _("The result was handed to the post (shipment %(number)s)"),
        ShipmentState.IN_TRANSIT: _("The result is on its way by post (shipment %(number)s)"),
        ShipmentState.DELIVERED: _("The post delivered the result (shipment %(number)s)"),
        ShipmentState.RETURNED_TO_SENDER: _(
            "The post could not deliver the result and returned it to the agency (shipment %(number)s)"
        ),
    }
    return sentences[ShipmentState(state)] % {"number": number}


def with_tracking(dossier, events: list[TimelineEvent]) -> list[TimelineEvent]:
    """``events`` (the dossier's public timeline) with its shipments' tracking states among them."""
    tracking = [
        TimelineEvent(
            at=event.at,
            action=f"postal_{event.state}",
            text=_sentence(event.state, event.shipment.barcode_number),
            detail=event.note if event.state == ShipmentState.RETURNED_TO_SENDER else "",
        )
        for event in ShipmentEvent.objects.filter(shipment__dossier=dossier).select_related("shipment")
    ]
    if not tracking:
        return events
    # Tracking first at the same instant: "delivered" comes before the return it caused.
    return sorted([*tracking, *events], key=lambda event: event.at)
