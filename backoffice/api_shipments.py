"""The officers' shipments API (/api/v1/dossiers/{code}/shipments…): the same rules as the dossier page's
postal panel (backoffice.postal), from postal.services. Another agency's dossier is a 404."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from accounts.api_auth import API_AUTH
from core.api_errors import ERRORS, ErrorBody, domain_errors
from dossiers.domain.errors import Forbidden
from postal.models import ShipmentEvent
from postal.schemas import ShipmentIn, ShipmentOut, TrackingIn, shipment_out, shipments_out
from postal.services import create_shipment, record_tracking

from .access import may_open
from .api import _visible

router = Router(tags=["shipments"], auth=API_AUTH)


def _may(request, view_name: str) -> None:
    """The roles of the page's view (backoffice.access.VIEW_ROLES), else 403."""
    if not may_open(request.user, view_name):
        raise Forbidden(_("Only a one-stop counter officer of the agency sends results by post."))


@router.get(
    "/dossiers/{code}/shipments",
    response={200: list[ShipmentOut], 404: ErrorBody},
    summary="A dossier's shipments",
    operation_id="list_shipments",
)
@domain_errors
def list_shipments(request, code: str):
    """The shipments of the dossier's result by post, each with its tracking states, oldest first."""
    return Status(200, shipments_out(_visible(request, code)))


@router.post(
    "/dossiers/{code}/shipments",
    response={201: ShipmentOut, **ERRORS},
    summary="Send the result by post",
    operation_id="create_shipment",
)
@domain_errors
def create(request, code: str, body: ShipmentIn):
    """The counter officer creates the shipment of an issued result the applicant chose to receive by
    post; its order goes to the configured carrier. The amounts left out are the tariff's postal fee,
    collected on delivery. 409 when the result is not issued, not by post, has no address, or is
    already on its way."""
    dossier = _visible(request, code)
    _may(request, "shipment")
    shipment = create_shipment(dossier, request.user, cod_amount=body.cod_amount, postal_fee=body.postal_fee)
    return Status(201, shipment_out(shipment))


@router.post(
    "/dossiers/{code}/shipments/{shipment_id}/tracking",
    response={200: ShipmentOut, **ERRORS},
    summary="Record a tracking state",
    operation_id="record_shipment_tracking",
)
@domain_errors
def track(request, code: str, shipment_id: int, body: TrackingIn):
    """Record by hand where the parcel is (the carrier's webhook does it otherwise). A state already
    recorded changes nothing; a move backwards is a 409. "delivered" returns the result."""
    dossier = _visible(request, code)
    _may(request, "shipment_track")
    shipment = get_object_or_404(dossier.shipments, pk=shipment_id)
    recorded = record_tracking(
        shipment, body.state, source=ShipmentEvent.Source.OFFICER, note=body.note, user=request.user
    )
    return Status(200, shipment_out(recorded.shipment))
