"""The national post's (VNPost, BCCI) order API, as public one-stop systems call it.

What is public (``/work/shared/integrations.md``): an order carries ``CustomerCode``, ``OrderNumber``,
``CODAmount``, the sender's and the receiver's name, phone, address and province/district/ward codes, and
optionally the item's weight and content. What is not, and is assumed here (a province adapts it with a
subclass named by dotted path in MOTCUA_POSTAL_CARRIER):

* the order is a JSON POST to MOTCUA_VNPOST_ORDER_URL, authenticated by the token in a ``h-token``
  header, with our idempotency key in ``Idempotency-Key``;
* the answer is JSON with the item code the post tracks the parcel by (``ItemCode``), and a 2xx status;
  anything else is a refusal, retried by the outbox;
* today's units have no district: ``SenderDistrictId`` and ``ReceiverDistrictId`` are sent empty;
* its tracking webhook (signed like every carrier's, :mod:`postal.webhook`) posts
  ``{"OrderNumber", "ItemCode", "StatusCode", "StatusDate" ("dd/MM/yyyy HH:mm:ss", Việt Nam time),
  "StatusName", "Note"}``, with the post's own status codes read by :data:`STATUS_CODES`. A report in
  Motcua's own shape (``{"order_number", "state", …}``) is still accepted.
"""

import json
import urllib.error
import urllib.request
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from postal.domain import ShipmentState

from . import Carrier, CarrierError, OrderAccepted, TrackingUpdate, carriers

TIMEOUT_SECONDS = 15

#: The post's status codes and our tracking state for each (None: acknowledged, nothing recorded).
#: Assumption (integrations.md is silent on the webhook): the codes of the post's public order-tracking
#: API as one-stop systems read them; a province whose post sends others overrides this table in a
#: subclass. A failed delivery attempt and a return under way leave the state as it is (the post tries
#: again; "returned to the sender" is recorded when the parcel is back at the agency).
STATUS_CODES: dict[str, ShipmentState | None] = {
    "10": None,  # order registered (our "shipment created")
    "20": ShipmentState.HANDED_TO_POST,  # item accepted at the post office
    "30": ShipmentState.IN_TRANSIT,  # on its way between offices
    "40": ShipmentState.IN_TRANSIT,  # arrived at the delivering office
    "50": ShipmentState.IN_TRANSIT,  # out for delivery
    "60": None,  # delivery attempt failed: the post tries again
    "70": ShipmentState.DELIVERED,  # delivered to the receiver
    "80": None,  # return to the sender under way
    "90": ShipmentState.RETURNED_TO_SENDER,  # returned to the sender
}
STATUS_DATE_FORMAT = "%d/%m/%Y %H:%M:%S"


def tracking_state(code) -> ShipmentState | None:
    """Our state for the post's status ``code``; ValueError for a code the table does not know (the
    webhook answers 400, and the post's operator sees it)."""
    code = str(code).strip()
    if code not in STATUS_CODES:
        raise ValueError(f"unknown VNPost status code {code!r}")
    return STATUS_CODES[code]


def status_date(value) -> datetime | None:
    """``StatusDate`` as an aware time: "dd/MM/yyyy HH:mm:ss" in Việt Nam time (TIME_ZONE)."""
    if not value:
        return None
    return timezone.make_aware(datetime.strptime(str(value).strip(), STATUS_DATE_FORMAT))


def _party(prefix: str, block: dict) -> dict:
    return {
        f"{prefix}Fullname": block.get("name", ""),
        f"{prefix}Tel": block.get("phone", ""),
        f"{prefix}Address": block.get("address", ""),
        f"{prefix}ProvinceId": str(block.get("province_code") or ""),
        f"{prefix}DistrictId": "",
        f"{prefix}WardId": str(block.get("ward_code") or ""),
    }


def vnpost_order(order: dict, customer_code: str) -> dict:
    """Our neutral order (``postal.orders.order_for``) in the national post's fields."""
    return {
        "CustomerCode": customer_code,
        "OrderNumber": order["order_number"],
        "CODAmount": int(order["cod_amount"]),
        **_party("Sender", order["sender"]),
        **_party("Receiver", order["receiver"]),
        "Weight": int(order.get("weight_grams") or 0),
        "Content": order.get("content", ""),
    }


@carriers.register("vnpost")
class VnpostCarrier(Carrier):
    label = "The national post's order API (VNPost, BCCI)"

    def send_order(self, order, *, idempotency_key):
        url = settings.MOTCUA_VNPOST_ORDER_URL
        if not url:
            raise CarrierError("MOTCUA_VNPOST_ORDER_URL is not set")
        body = json.dumps(vnpost_order(order, settings.MOTCUA_VNPOST_CUSTOMER_CODE), ensure_ascii=False)
        request = urllib.request.Request(  # noqa: S310 -- the URL is the operator's setting
            url,
            data=body.encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "h-token": settings.MOTCUA_VNPOST_TOKEN,
                "Idempotency-Key": idempotency_key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                answer = json.loads(response.read().decode("utf-8") or "{}")
        except urllib.error.HTTPError as error:
            raise CarrierError(f"the post refused the order: HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise CarrierError(f"the post could not be reached: {error}") from error
        item_code = str(answer.get("ItemCode") or "").strip()
        if not item_code:
            raise CarrierError(f"the post's answer has no ItemCode: {answer!r}"[:500])
        return OrderAccepted(tracking_number=item_code)

    def tracking_update(self, payload):
        if "StatusCode" not in payload:
            return super().tracking_update(payload)
        note = str(payload.get("Note") or payload.get("StatusName") or "")
        return TrackingUpdate(
            order_number=str(payload["OrderNumber"]),
            state=tracking_state(payload["StatusCode"]),
            at=status_date(payload.get("StatusDate")),
            note=note[:500],
        )
