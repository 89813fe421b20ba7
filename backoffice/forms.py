from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Agency, Procedure
from documents.uploads import check_scan
from dossiers.constants import ApplicantType, Channel, ResultDelivery
from dossiers.domain.lifecycle import State
from dossiers.queries import Due
from dossiers.services import (
    ComponentReceived,
    InboxScope,
    missing_required_components,
    reception_tracking_number,
)

SCAN_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleScanField(forms.FileField):
    """Several scans of one component; each is checked by its content (PDF, JPEG or PNG)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": SCAN_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleScanField, self).clean(f, initial) for f in files if f]
        errors = []
        for uploaded in files:
            try:
                check_scan(uploaded)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class ReceptionForm(forms.Form):
    """A walk-in or postal dossier typed in at the counter, with the procedure's component checklist."""

    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.none())
    channel = forms.TypedChoiceField(
        label=_("How it was received"),
        coerce=int,
        choices=[(Channel.DIRECT, Channel.DIRECT.label), (Channel.POSTAL, Channel.POSTAL.label)],
    )
    tracking_number = forms.CharField(
        label=_("Postal item number"),
        max_length=40,
        required=False,
        help_text=_("For a dossier received by post: the number on its envelope, e.g. EE123456785VN."),
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
    result_delivery = forms.ChoiceField(
        label=_("How the applicant gets the result"), choices=ResultDelivery.choices
    )
    comment = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_names = list(self.fields)
        procedures = Procedure.objects.published().filter(agencies=agency).order_by("name")
        self.fields["procedure"].queryset = procedures
        self.chosen_procedure = self._chosen(procedures)
        self.components = (
            list(self.chosen_procedure.components.order_by("position", "id")) if self.chosen_procedure else []
        )
        for component in self.components:
            self.fields[f"component_{component.pk}"] = forms.BooleanField(
                label=component.name, required=False
            )
            self.fields[f"scans_{component.pk}"] = MultipleScanField(
                label=_("Scans of “%(name)s” (PDF, JPEG or PNG; several allowed)") % {"name": component.name}
            )

    def _chosen(self, procedures):
        value = self.data.get(self.add_prefix("procedure")) if self.is_bound else None
        value = value or self.initial.get("procedure")
        try:
            return procedures.filter(pk=int(getattr(value, "pk", value))).first() if value else None
        except (TypeError, ValueError):
            return None

    @property
    def base_fields_bound(self):
        return [self[name] for name in self.base_names]

    @property
    def component_rows(self):
        """(component, tick box, scans) for the template's checklist."""
        return [(c, self[f"component_{c.pk}"], self[f"scans_{c.pk}"]) for c in self.components]

    def clean(self):
        data = super().clean()
        if data.get("channel") is not None:
            number, problem = reception_tracking_number(data["channel"], data.get("tracking_number", ""))
            if problem:
                self.add_error("tracking_number", problem)
            else:
                data["tracking_number"] = number
        procedure = data.get("procedure")
        if procedure is None or procedure != self.chosen_procedure:
            return data
        ticked = [c.pk for c in self.components if data.get(f"component_{c.pk}")]
        for component in missing_required_components(procedure, ticked):
            self.add_error(
                f"component_{component.pk}",
                _("“%(name)s” is required: tick it once you have checked it.") % {"name": component.name},
            )
        for component in self.components:
            if data.get(f"scans_{component.pk}") and component.pk not in ticked:
                self.add_error(
                    f"component_{component.pk}",
                    _("You attached scans of “%(name)s”: tick it as received.") % {"name": component.name},
                )
        return data

    def received_components(self) -> list[ComponentReceived]:
        data = self.cleaned_data
        return [
            ComponentReceived(c, data.get(f"scans_{c.pk}") or [])
            for c in self.components
            if data.get(f"component_{c.pk}")
        ]


class InboxFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(InboxScope.MINE, _("Waiting for me")), (InboxScope.ALL, _("All dossiers of the agency"))],
    )
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
        choices=[("", _("All")), (Due.SOON, _("Due within 1 working day")), (Due.OVERDUE, _("Overdue"))],
    )
    late = forms.BooleanField(label=_("Late only (resolved late or past the appointment)"), required=False)

    field_order = ["scope", "q", "state", "procedure", "channel", "due", "late"]

    def __init__(self, *args, agency, show_scope=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_scope:  # a manager's inbox is the whole agency's
            del self.fields["scope"]
        # The procedures the agency performs, by code (the API's ``procedure`` parameter): one query.
        procedures = Procedure.objects.filter(agencies=agency).order_by("code").values_list("code", "name")
        self.fields["procedure"] = forms.ChoiceField(
            label=_("Procedure"),
            required=False,
            choices=[("", _("All")), *((code, f"{code} – {name}") for code, name in procedures)],
        )
        self.order_fields(self.field_order)


class ApologyForm(forms.Form):
    new_appointment = forms.DateTimeField(
        label=_("New appointment"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 2}))


OTHER_ITEMS = 3


class SupplementItemsForm(forms.Form):
    """What is missing: the procedure's components ticked, and/or other items typed, each with a reason."""

    def __init__(self, *args, components, **kwargs):
        super().__init__(*args, **kwargs)
        self.components = list(components)
        for component in self.components:
            self.fields[f"missing_{component.pk}"] = forms.BooleanField(label=component.name, required=False)
            self.fields[f"reason_{component.pk}"] = forms.CharField(
                label=_("Why “%(name)s” is missing") % {"name": component.name},
                required=False,
                max_length=500,
            )
        for n in range(OTHER_ITEMS):
            number = {"number": n + 1}
            self.fields[f"other_name_{n}"] = forms.CharField(
                label=_("Other missing item %(number)s") % number, required=False, max_length=500
            )
            self.fields[f"other_reason_{n}"] = forms.CharField(
                label=_("Why other item %(number)s is needed") % number, required=False, max_length=500
            )

    @property
    def component_rows(self):
        return [(c, self[f"missing_{c.pk}"], self[f"reason_{c.pk}"]) for c in self.components]

    @property
    def other_rows(self):
        return [(self[f"other_name_{n}"], self[f"other_reason_{n}"]) for n in range(OTHER_ITEMS)]

    def items(self) -> list[dict]:
        """The missing items as the service takes them (it refuses an empty list)."""
        if not self.is_valid():
            return []
        data = self.cleaned_data
        items = [
            {"name": c.name, "reason": data[f"reason_{c.pk}"]}
            for c in self.components
            if data[f"missing_{c.pk}"]
        ]
        items += [
            {"name": data[f"other_name_{n}"], "reason": data[f"other_reason_{n}"]}
            for n in range(OTHER_ITEMS)
            if data[f"other_name_{n}"].strip() or data[f"other_reason_{n}"].strip()
        ]
        return items


class InterAgencyForm(forms.Form):
    consulted_agency = forms.ModelChoiceField(
        label=_("Agency to consult"), queryset=Agency.objects.none(), empty_label=_("Choose an agency")
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consulted_agency"].queryset = Agency.objects.exclude(pk=dossier.agency_id).order_by(
            "name"
        )


def _month_start() -> date:
    return timezone.localdate().replace(day=1)


class TrackingBookForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        initial=_month_start,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
