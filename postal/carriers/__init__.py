"""Postal carriers: outside parties behind the plugin registry (``core.plugins``).

The carrier is chosen by MOTCUA_POSTAL_CARRIER: ``file`` (the default: orders written as JSON files
through Django's storage, nobody reached), ``vnpost`` (the national post's order API, see
:mod:`postal.carriers.vnpost`), ``failing`` (tests and drills), or the dotted path of a province's own
:class:`Carrier` subclass.

An order is handed over by the outbox (``postal.models.CarrierOrder``), so it commits with the
officer's action and is retried; ``idempotency_key`` is the same for every attempt of one order.
"""

from dataclasses import dataclass
from datetime import datetime

from core.plugins import Plugin, Registry


class CarrierError(Exception):
    """The carrier refused the order or could not be reached; the outbox tries again later."""


@dataclass(frozen=True)
class OrderAccepted:
    """The carrier's answer to an order: the number it tracks the item by (printed as the barcode)."""

    tracking_number: str


@dataclass(frozen=True)
class TrackingUpdate:
    """One tracking report of a carrier's webhook, in our words."""

    order_number: str
    #: One of our tracking states, or None for a carrier's status that moves nothing of ours (an order
    #: registered, a failed delivery attempt): the webhook acknowledges it and records nothing.
    state: str | None
    at: datetime | None
    note: str = ""


class Carrier(Plugin):
    """Hands one order to the carrier; reads its webhook's reports."""

    def send_order(self, order: dict, *, idempotency_key: str) -> OrderAccepted:  # pragma: no cover
        """Send ``order`` (the neutral shape of ``postal.orders.order_for``); raise
        :class:`CarrierError` when it is refused or the carrier is unreachable."""
        raise NotImplementedError

    def tracking_update(self, payload: dict) -> TrackingUpdate:
        """The report in a webhook's (already authenticated) JSON body. The default reads Motcua's own
        shape ``{"order_number", "state", "at" (ISO 8601), "note"}``; a carrier with its own status codes
        overrides it."""
        from django.utils import timezone
        from django.utils.dateparse import parse_datetime

        at = parse_datetime(str(payload["at"])) if payload.get("at") else None
        if payload.get("at") and at is None:
            raise ValueError(f"not a date and time: {payload['at']!r}")
        if at is not None and timezone.is_naive(at):
            at = timezone.make_aware(at)  # the province's time (TIME_ZONE, Asia/Ho_Chi_Minh)
        return TrackingUpdate(
            order_number=str(payload["order_number"]),
            state=str(payload["state"]),
            at=at,
            note=str(payload.get("note", ""))[:500],
        )


carriers: Registry[Carrier] = Registry(
    "postal carrier", Carrier, setting="MOTCUA_POSTAL_CARRIER", providers="postal.carriers.providers"
)


def get_carrier(name: str | None = None) -> Carrier:
    """The carrier registered as ``name``, else the one the settings chose."""
    return carriers.provider_class(name)() if name else carriers.configured()
