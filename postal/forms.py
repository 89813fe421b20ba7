from django import forms
from django.utils.translation import gettext_lazy as _

from .domain import ShipmentState, next_states
from .services import AMOUNT_MAX


class ShipmentForm(forms.Form):
    cod_amount = forms.IntegerField(
        label=_("Cash on delivery (VND)"),
        min_value=0,
        max_value=AMOUNT_MAX,
        initial=0,
        help_text=_("Collected by the post from the applicant on delivery; 0 when nothing is collected."),
    )
    postal_fee = forms.IntegerField(label=_("Postal fee (VND)"), min_value=0, max_value=AMOUNT_MAX, initial=0)


class TrackingForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, shipment, **kwargs):
        kwargs.setdefault("auto_id", f"id_shipment{shipment.pk}_%s")  # one form per shipment on the page
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (state.value, ShipmentState(state).label) for state in next_states(shipment.state)
        ]
