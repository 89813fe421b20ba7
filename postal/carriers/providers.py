"""The carriers that ship with Motcua (the national post's adapter is in :mod:`.vnpost`)."""

import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import (
    Carrier,
    CarrierError,
    OrderAccepted,
    carriers,
    vnpost,  # noqa: F401  (registers "vnpost")
)

#: Where the file carrier writes its orders, in the media storage.
ORDER_FOLDER = "postal/orders"


@carriers.register("file")
class FileCarrier(Carrier):
    """The default: one JSON file per order in the media storage (``postal/orders/``); the local order
    number is the tracking number. A repeated attempt rewrites the same file."""

    label = "JSON files in the media storage (development, or a post office that collects them)"
    fake = True

    def send_order(self, order, *, idempotency_key):
        name = f"{ORDER_FOLDER}/{order['order_number']}.json"
        body = json.dumps({**order, "idempotency_key": idempotency_key}, ensure_ascii=False, indent=2)
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(body.encode("utf-8")))
        return OrderAccepted(tracking_number=order["order_number"])


@carriers.register("failing")
class FailingCarrier(Carrier):
    """For tests and drills: a carrier that is down."""

    label = "A carrier that is down (tests, drills)"
    fake = True

    def send_order(self, order, *, idempotency_key):
        raise CarrierError("postal carrier unavailable")
