"""The citizen's view of the post (/api/v1/me/dossiers/{id}/shipments): where their result is."""

from ninja import Router, Status

from accounts.api_auth import API_AUTH
from core.api_errors import ErrorBody, domain_errors
from dossiers.submission import own_dossier
from postal.schemas import ShipmentOut, shipments_out

router = Router(tags=["shipments"], auth=API_AUTH)


@router.get(
    "/me/dossiers/{dossier_id}/shipments",
    response={200: list[ShipmentOut], 404: ErrorBody},
    summary="My dossier's shipments",
    operation_id="list_my_shipments",
)
@domain_errors
def list_my_shipments(request, dossier_id: int):
    """The shipments of the dossier's result by post, each with its tracking states (the timeline's)."""
    return Status(200, shipments_out(own_dossier(request.user, dossier_id)))
