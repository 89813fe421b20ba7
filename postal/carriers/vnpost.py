"""The national post's (VNPost, BCCI) order API, as public one-stop systems call it.

What is public (``/work/shared/integrations.md``): an order carries ``CustomerCode``, ``OrderNumber``,
``CODAmount``, the sender's and the receiver's name, phone, address and province/district/ward codes, and
optionally the item's weight and content. What is not, and is assumed here (a province adapts it with a
subclass named by dotted path in MOTCUA_POSTAL_CARRIER):

* the order is a JSON POST to MOTCUA_VNPOST_ORDER_URL, authenticated by the token in a ``h-token``
  header, with our idempotency key in ``Idempotency-Key``;
* the answer is JSON with the item code the post tracks the parcel by (``ItemCode``), and a 2xx status;
  anything else is a refusal, retried by the outbox;
* today's units have no district: ``SenderDistrictId`` and ``ReceiverDistrictId`` are sent empty.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings

from . import Carrier, CarrierError, OrderAccepted, carriers

TIMEOUT_SECONDS = 15


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
