"""The catalog filter form: every field optional, invalid values reported and then ignored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.constants import AdministrativeLevel
from catalog.models import Agency, Sector
from catalog.queries import ProcedureFilters
from catalog.service_levels import LEVELS, service_level

# Administrative levels in the order a citizen expects them (not the alphabetical order of the codes).
LEVEL_ORDER = [
    AdministrativeLevel.PROVINCE,
    AdministrativeLevel.DISTRICT,
    AdministrativeLevel.COMMUNE,
    AdministrativeLevel.CENTRAL,
]


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or code"),
        required=False,
        max_length=200,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": _("e.g. giấy phép lái xe")}
        ),
    )
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    level = forms.TypedChoiceField(
        label=_("Online service level"), required=False, coerce=int, empty_value=None
    )
    administrative_level = forms.ChoiceField(label=_("Administrative level"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_choice = ("", _("All"))
        agencies = list(Agency.objects.filter(is_active=True).order_by("name_folded", "name"))
        groups = []
        for level in LEVEL_ORDER:
            members = [(a.code, a.name) for a in agencies if a.level == level]
            if members:
                groups.append((level.label, members))
        self.fields["agency"].choices = [any_choice, *groups]
        self.fields["sector"].choices = [
            any_choice,
            *Sector.objects.order_by("name_folded", "name").values_list("code", "name"),
        ]
        self.fields["level"].choices = [
            any_choice,
            *((n, f"{service_level(n).label} – {service_level(n).online_kind_label}") for n in LEVELS),
        ]
        self.fields["administrative_level"].choices = [
            any_choice,
            *((level.value, level.label) for level in LEVEL_ORDER),
        ]

    MORE = ("agency", "sector", "level", "administrative_level")

    def more_fields(self):
        """The filters beyond the search box (folded away on small screens)."""
        return [self[name] for name in self.MORE]

    @property
    def more_filters_used(self) -> bool:
        return any(self.data.get(name) for name in self.MORE)

    def filters(self) -> ProcedureFilters:
        """The filters from the values that validated; invalid ones are left out."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return ProcedureFilters(
            search=data.get("q") or "",
            agency=data.get("agency") or "",
            sector=data.get("sector") or "",
            level=data.get("level"),
            administrative_level=data.get("administrative_level") or "",
        )

    @property
    def is_filtered(self) -> bool:
        filters = self.filters()
        return any(
            [filters.search, filters.agency, filters.sector, filters.level, filters.administrative_level]
        )
