"""The shipments API's shapes (officers' and citizens' routes share them)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from core.validation import Text

from .domain import TRACKING_STATES
from .services import AMOUNT_MAX

TrackingState = Literal[tuple(state.value for state in TRACKING_STATES)]


class ShipmentEventOut(Schema):
    state: str = Field(description="created, handed_to_post, in_transit, delivered, returned_to_sender")
    state_label: str
    at: datetime
    source: str = Field(description="carrier (its webhook) or officer")
    note: str


class ShipmentParty(Schema):
    name: str
    phone: str
    address: str
    province_code: int | None
    ward_code: int | None


class ShipmentOut(Schema):
    id: int
    order_number: str = Field(description="Ours, sent to the carrier")
    tracking_number: str = Field(description="The carrier's item number; '' until it accepted the order")
    carrier: str
    state: str
    state_label: str
    receiver: ShipmentParty
    postal_fee: int = Field(description="VND")
    cod_amount: int = Field(description="VND collected by the post on delivery")
    created_at: datetime
    events: list[ShipmentEventOut] = Field(description="The tracking states, oldest first")


class ShipmentIn(Schema):
    cod_amount: int | None = Field(
        None, ge=0, le=AMOUNT_MAX, description="VND collected on delivery; the tariff's postal fee if omitted"
    )
    postal_fee: int | None = Field(None, ge=0, le=AMOUNT_MAX, description="VND; the tariff's if omitted")


class TrackingIn(Schema):
    state: TrackingState = Field(description="handed_to_post, in_transit, delivered or returned_to_sender")
    note: Text(500) = ""


def shipment_out(shipment) -> dict:
    """``shipment`` with its events (prefetched or not) as :class:`ShipmentOut`."""
    receiver = shipment.receiver or {}
    return {
        "id": shipment.pk,
        "order_number": shipment.order_number,
        "tracking_number": shipment.tracking_number,
        "carrier": shipment.carrier,
        "state": shipment.state,
        "state_label": str(shipment.get_state_display()),
        "receiver": {
            "name": receiver.get("name", ""),
            "phone": receiver.get("phone", ""),
            "address": receiver.get("address", ""),
            "province_code": receiver.get("province_code"),
            "ward_code": receiver.get("ward_code"),
        },
        "postal_fee": shipment.postal_fee,
        "cod_amount": shipment.cod_amount,
        "created_at": shipment.created_at,
        "events": [
            {
                "state": event.state,
                "state_label": str(event.get_state_display()),
                "at": event.at,
                "source": event.source,
                "note": event.note,
            }
            for event in shipment.events.all()
        ],
    }


def shipments_out(dossier) -> list[dict]:
    return [
        shipment_out(s) for s in dossier.shipments.prefetch_related("events").order_by("created_at", "id")
    ]
