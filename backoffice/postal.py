"""The postal delivery on the officer's dossier page: create the shipment, print its label, record a
tracking state by hand. Thin views: the rules are in postal.services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import generated_file_response
from dossiers.constants import ResultDelivery
from dossiers.domain.errors import DomainError
from postal.domain import next_states
from postal.forms import ShipmentForm, TrackingForm
from postal.label import label_pdf
from postal.models import ShipmentEvent
from postal.services import create_shipment, may_create_shipment, record_tracking, shipment_amounts
from postal.tariff import postal_fee

from .access import may_open, role_required
from .pages import form_errors_as_messages, visible_dossier


def postal_context(user, dossier) -> dict:
    """What the dossier page shows of the post: the shipments with their events, and the forms."""
    if dossier.result_delivery != ResultDelivery.POST and not dossier.shipments.exists():
        return {"postal": None}
    shipments = list(dossier.shipments.prefetch_related("events"))
    may_track = may_open(user, "shipment_track")
    for shipment in shipments:
        shipment.tracking_form = (
            TrackingForm(shipment=shipment) if may_track and next_states(shipment.state) else None
        )
    return {
        "postal": {
            "fee": postal_fee(dossier),
            "shipments": shipments,
            "create_form": (
                ShipmentForm(initial=shipment_amounts(dossier))
                if may_create_shipment(user, dossier)
                else None
            ),
        }
    }


@require_POST
@role_required("shipment")
def shipment_create(request, code):
    dossier = visible_dossier(request, code)
    form = ShipmentForm(request.POST)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("backoffice:dossier", code=code)
    try:
        shipment = create_shipment(dossier, request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Shipment %(number)s created: print its label.") % {"number": shipment.order_number}
        )
    return redirect("backoffice:dossier", code=code)


@require_POST
@role_required("shipment_track")
def shipment_track(request, code, shipment_id):
    dossier = visible_dossier(request, code)
    shipment = get_object_or_404(dossier.shipments, pk=shipment_id)
    form = TrackingForm(request.POST, shipment=shipment)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("backoffice:dossier", code=code)
    try:
        record_tracking(
            shipment,
            form.cleaned_data["state"],
            source=ShipmentEvent.Source.OFFICER,
            note=form.cleaned_data["note"],
            user=request.user,
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Tracking state recorded."))
    return redirect("backoffice:dossier", code=code)


@role_required("shipment_label")
def shipment_label(request, code, shipment_id):
    dossier = visible_dossier(request, code)
    shipment = get_object_or_404(dossier.shipments.select_related("dossier"), pk=shipment_id)
    return generated_file_response(
        label_pdf(shipment),
        filename=f"nhan-buu-gui-{shipment.order_number}.pdf",
        content_type="application/pdf",
    )
