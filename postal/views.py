"""The carrier's webhook: thin; the signature is checked in :mod:`.webhook`, the report read by the
carrier plugin and recorded by :func:`.services.record_tracking`."""

import json
import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dossiers.domain.errors import DomainError

from .carriers import get_carrier
from .models import ShipmentEvent
from .services import record_tracking, shipment_by_order_number
from .webhook import SIGNATURE_HEADER, signature_valid

logger = logging.getLogger(__name__)


@csrf_exempt  # a server-to-server call, authenticated by its signature
@require_POST
def carrier_webhook(request):
    body = request.body
    if not signature_valid(body, request.headers.get(SIGNATURE_HEADER)):
        logger.warning("postal webhook: bad signature from %s", request.META.get("REMOTE_ADDR"))
        return JsonResponse({"ok": False, "error": "bad signature"}, status=403)
    try:
        payload = json.loads(body.decode("utf-8"))
        if not isinstance(payload, dict):
            raise ValueError("a report is a JSON object")
        update = get_carrier().tracking_update(payload)
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"ok": False, "error": "malformed report"}, status=400)
    shipment = shipment_by_order_number(update.order_number)
    if shipment is None:
        return JsonResponse({"ok": False, "error": "unknown order"}, status=404)
    if update.state is None:  # a status of the carrier's that moves nothing of ours
        return JsonResponse({"ok": True, "changed": False, "state": shipment.state})
    try:
        recorded = record_tracking(
            shipment,
            update.state,
            at=update.at,
            source=ShipmentEvent.Source.CARRIER,
            note=update.note,
            raw=payload,
        )
    except DomainError as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=409)
    return JsonResponse({"ok": True, "changed": recorded.changed, "state": recorded.shipment.state})
