from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Procedure
from dossiers.constants import ApplicantType, Channel, ResultDelivery
from dossiers.domain.lifecycle import State


class ReceptionForm(forms.Form):
    """A walk-in or postal dossier typed in at the counter."""

    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.none())
    channel = forms.TypedChoiceField(
        label=_("Received"),
        coerce=int,
        choices=[(Channel.DIRECT, Channel.DIRECT.label), (Channel.POSTAL, Channel.POSTAL.label)],
    )
    applicant_type = forms.TypedChoiceField(
        label=_("Applicant type"), coerce=int, choices=ApplicantType.choices
    )
    applicant_name = forms.CharField(label=_("Applicant's full name"), max_length=255)
    id_number = forms.RegexField(
        label=_("Personal ID (12 digits) or tax code"),
        regex=r"^\d{10}(-\d{3})?$|^\d{12}$",
        error_messages={"invalid": _("Enter a 12-digit personal ID or a 10-digit tax code.")},
    )
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?\d{9,12}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number of 9 to 12 digits.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    street = forms.CharField(label=_("Address"), max_length=255, required=False)
    result_delivery = forms.ChoiceField(label=_("Result returned"), choices=ResultDelivery.choices)
    comment = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = (
            Procedure.objects.published().filter(agencies=agency).order_by("name")
        )


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Code, applicant name or personal ID"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All"))] + [(s.value, s.label) for s in State]
    )
    channel = forms.TypedChoiceField(
        label=_("Channel"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All")), *Channel.choices],
    )
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[("", _("All")), ("soon", _("Due within 1 working day")), ("overdue", _("Overdue"))],
    )


class ApologyForm(forms.Form):
    new_appointment = forms.DateTimeField(
        label=_("New appointment"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 2}))
