"""The officers' payment forms: a payment at the counter, a refund, the reconciliation's day."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validation import COMMENT_MAX

from .counter import COUNTER_METHODS
from .models import Method
from .refunds import REASON_MAX


class CounterPaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Paid by"), choices=[(m.value, m.label) for m in COUNTER_METHODS], initial=Method.CASH
    )
    amount = forms.IntegerField(label=_("Amount received (VND)"), min_value=1)
    card_slip = forms.CharField(
        label=_("Card slip reference (card payments)"), max_length=64, required=False, strip=True
    )


class RefundForm(forms.Form):
    payment = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.IntegerField(label=_("Amount to refund (VND)"), min_value=1)
    reason = forms.CharField(
        label=_("Reason for the refund"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReconciliationDayForm(forms.Form):
    ngay = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def day(self):
        if self.is_valid() and self.cleaned_data["ngay"]:
            return self.cleaned_data["ngay"]
        return timezone.localdate()


#: The choice exempting the dossier from all its fees.
ALL_FEES = "all"


class ExemptionForm(forms.Form):
    """An officer's exemption: which line (or all), and why."""

    fee = forms.ChoiceField(label=_("Exempt from"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The legal ground, e.g. the article granting the exemption; kept with the dossier."),
    )

    def __init__(self, *args, fees, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(line.fee_id), line.name) for line in fees.lines if not line.exempted]
        self.fields["fee"].choices = [(ALL_FEES, _("All the fees")), *choices]

    def fee_id(self) -> int | None:
        value = self.cleaned_data["fee"]
        return None if value == ALL_FEES else int(value)
