"""Forms of the online submission pages.

They only render the inputs and keep what was typed: every rule is checked by ``dossiers.submission``
(the same rules as the API), whose errors are put back beside the fields here.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import eforms
from core.address_fields import (  # noqa: F401  (re-exported: the submission views use them)
    ADDRESS_PARTS,
    AddressGroup,
    add_address_fields,
    address_initial,
    address_value,
    province_choices,
    ward_choices,
)
from dossiers.constants import ResultDelivery
from dossiers.services import Applicant


def eform_name(key: str) -> str:
    return f"eform_{key}"


_APPLICANT_FIELDS = ("applicant_name", "applicant_id_number", "applicant_phone", "applicant_email")


class DraftDetailsForm(forms.Form):
    """The applicant's details and the procedure's e-form."""

    applicant_name = forms.CharField(label=_("Full name"), required=False)
    applicant_id_number = forms.CharField(
        label=_("Personal ID number (12 digits)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    applicant_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    applicant_email = forms.CharField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, dossier, fields, **kwargs):
        self.dossier, self.eform_fields = dossier, list(fields)
        kwargs.setdefault("initial", self._initial(dossier))
        super().__init__(*args, **kwargs)
        if dossier.applicant_type == 2:
            self.fields["applicant_name"].label = _("Name of the organization")
            self.fields["applicant_id_number"].label = _("Tax code")
        add_address_fields(self, "applicant")
        for form_field in self.eform_fields:
            name = eform_name(form_field.key)
            if form_field.kind == "address":
                add_address_fields(self, name)
                continue
            self.fields[name] = _eform_input(form_field)
            self.fields[name].optional = not form_field.required

    def _initial(self, dossier) -> dict:
        initial = {name: getattr(dossier, name) for name in _APPLICANT_FIELDS}
        initial.update(
            address_initial(
                "applicant",
                {
                    "province_code": dossier.applicant_province_code,
                    "ward_code": dossier.applicant_ward_code,
                    "street": dossier.applicant_street,
                },
            )
        )
        answers = dossier.form_data or {}
        for form_field in self.eform_fields:
            value = answers.get(form_field.key)
            if form_field.kind == "address":
                fallback = {"province_code": dossier.applicant_province_code}
                initial.update(address_initial(eform_name(form_field.key), value or fallback))
            else:
                initial[eform_name(form_field.key)] = eforms.input_value(form_field, value)
        return initial

    # ── what the page shows ─────────────────────────────────────────────────────────────────────────
    def applicant_rows(self):
        return [self[name] for name in _APPLICANT_FIELDS]

    def applicant_address(self):
        return AddressGroup(self, "applicant", _("Address"), required=False)

    def eform_rows(self):
        rows = []
        for form_field in self.eform_fields:
            name = eform_name(form_field.key)
            if form_field.kind == "address":
                rows.append(
                    AddressGroup(
                        self,
                        name,
                        form_field.label,
                        required=form_field.required,
                        help_text=form_field.help_text,
                    )
                )
            else:
                rows.append(self[name])
        return rows

    # ── what is saved ───────────────────────────────────────────────────────────────────────────────
    def applicant(self) -> Applicant:
        data = self.data
        address = address_value(data, "applicant")
        return Applicant(
            name=data.get("applicant_name", ""),
            id_number=data.get("applicant_id_number", ""),
            applicant_type=self.dossier.applicant_type,
            phone=data.get("applicant_phone", ""),
            email=data.get("applicant_email", ""),
            street=address["street"],
            province_code=address["province_code"],
            ward_code=address["ward_code"],
        )

    def form_data(self) -> dict:
        answers = {}
        for form_field in self.eform_fields:
            name = eform_name(form_field.key)
            if form_field.kind == "address":
                answers[form_field.key] = address_value(self.data, name)
            else:
                answers[form_field.key] = self.data.get(name, "")
        return answers

    def field_name_for(self, key: str) -> str | None:
        """The form field a submission error (a key of ``SubmissionInvalid.errors``) is about."""
        keys = {form_field.key: form_field for form_field in self.eform_fields}
        if key in keys:
            name = eform_name(key)
            return f"{name}_ward" if keys[key].kind == "address" else name
        if key in ("applicant_ward_code", "applicant_province_code"):
            return "applicant_ward"
        return key if key in self.fields else None

    def add_domain_errors(self, errors: dict[str, list[str]]):
        """Put ``SubmissionInvalid.errors`` beside the fields they are about."""
        for key, messages in errors.items():
            target = self.field_name_for(key)
            for message in messages:
                self.add_error(target, message)


def _eform_input(form_field):
    common = {"label": form_field.label, "required": False, "help_text": form_field.help_text}
    kind = form_field.kind
    if kind == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == "choice":
        # A CharField: the choice is checked by the e-form rules, whose message is shown instead.
        options = [(c, c) for c in form_field.choices or []]
        if len(options) <= 3:
            return forms.CharField(widget=forms.RadioSelect(choices=options), **common)
        return forms.CharField(widget=forms.Select(choices=[("", _("Choose")), *options]), **common)
    attrs = {}
    if kind == "date":
        attrs = {"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"}
    elif kind == "number":
        attrs = {"inputmode": "decimal", "autocomplete": "off"}
    elif kind == "personal_id":
        attrs = {"inputmode": "numeric", "autocomplete": "off"}
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


class DeliveryForm(forms.Form):
    """How the applicant wants the result, and the postal address when by post."""

    result_delivery = forms.CharField(
        label=_("How do you want to receive the result?"), required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, dossier, options, structured_address=None, **kwargs):
        self.dossier = dossier
        initial = {"result_delivery": dossier.result_delivery}
        initial.update(
            address_initial(
                "delivery",
                structured_address
                or {
                    "province_code": dossier.applicant_province_code,
                    "ward_code": dossier.applicant_ward_code,
                    "street": dossier.applicant_street,
                },
            )
        )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        labels = dict(ResultDelivery.choices)
        self.fields["result_delivery"].widget.choices = [(value, labels[value]) for value in options]
        add_address_fields(self, "delivery")

    def address(self):
        return AddressGroup(self, "delivery", _("Postal address for the result"), required=True)

    def values(self) -> tuple[str, dict]:
        choice = self.data.get("result_delivery", "")
        address = address_value(self.data, "delivery") if choice == ResultDelivery.POST else {}
        return choice, address

    def add_domain_errors(self, errors: dict[str, list[str]]):
        for key, messages in errors.items():
            target = {"result_delivery": "result_delivery", "delivery_address": "delivery_ward"}.get(key)
            for message in messages:
                self.add_error(target, message)
