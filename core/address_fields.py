"""The address question of the forms (province, commune or ward, street: today's two-tier units), shared
by the online submission pages and the citizen's account page. The ward list follows the province with
htmx (``portal:wards``), or on a second submit without JavaScript."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.addresses import provinces, wards_of
from core.text import fold

ADDRESS_PARTS = ("province", "ward", "street")


def province_choices():
    ordered = sorted(provinces().values(), key=lambda p: fold(p.name))
    return [("", _("Choose the province or city")), *((str(int(p.code)), p.name) for p in ordered)]


def ward_choices(province_code) -> list[tuple[str, str]]:
    try:
        code = int(province_code)
    except (TypeError, ValueError):
        return [("", _("Choose the province first"))]
    wards = sorted(wards_of(code), key=lambda w: fold(w.name))
    return [("", _("Choose the commune or ward")), *((str(int(w.code)), w.name) for w in wards)]


def _code(value):
    value = (value or "").strip() if isinstance(value, str) else value
    return int(value) if value not in (None, "") and str(value).isdigit() else (value or None)


class AddressGroup:
    """Three inputs (province, commune or ward, street) shown together as one question."""

    def __init__(
        self, form, prefix: str, legend, *, required: bool, help_text: str = "", error_key: str = ""
    ):
        self.form, self.prefix, self.legend, self.required, self.help_text = (
            form,
            prefix,
            legend,
            required,
            help_text,
        )
        self.error_key = error_key or prefix

    @property
    def province(self):
        return self.form[f"{self.prefix}_province"]

    @property
    def ward(self):
        return self.form[f"{self.prefix}_ward"]

    @property
    def street(self):
        return self.form[f"{self.prefix}_street"]

    @property
    def errors(self):
        return [e for part in ADDRESS_PARTS for e in self.form[f"{self.prefix}_{part}"].errors]

    @property
    def is_address(self):
        return True


def add_address_fields(form, prefix: str, *, street_label=None):
    data_province = form.data.get(f"{prefix}_province") if form.is_bound else None
    if data_province is None:
        data_province = form.initial.get(f"{prefix}_province")
    form.fields[f"{prefix}_province"] = forms.CharField(
        label=_("Province or city"),
        required=False,
        widget=forms.Select(choices=province_choices(), attrs={"autocomplete": "off"}),
    )
    form.fields[f"{prefix}_ward"] = forms.CharField(
        label=_("Commune or ward"), required=False, widget=forms.Select(choices=ward_choices(data_province))
    )
    form.fields[f"{prefix}_street"] = forms.CharField(
        label=street_label or _("House number, street, village"), required=False
    )
    province = form.fields[f"{prefix}_province"]
    province.widget.attrs.update(
        {
            "hx-get": reverse("portal:wards"),
            "hx-trigger": "change",
            "hx-target": f"#id_{prefix}_ward",
            "hx-swap": "innerHTML",
        }
    )
    # Said by the page's polite live region once the list has changed (static/js/motcua.js).
    form.fields[f"{prefix}_ward"].widget.attrs["data-announce"] = _(
        "The list of communes and wards now shows those of the chosen province."
    )


def address_value(data, prefix: str) -> dict:
    return {
        "province_code": _code(data.get(f"{prefix}_province")),
        "ward_code": _code(data.get(f"{prefix}_ward")),
        "street": (data.get(f"{prefix}_street") or "").strip(),
    }


def address_initial(prefix: str, value) -> dict:
    value = value or {}
    return {
        f"{prefix}_province": str(value.get("province_code") or ""),
        f"{prefix}_ward": str(value.get("ward_code") or ""),
        f"{prefix}_street": value.get("street") or "",
    }
