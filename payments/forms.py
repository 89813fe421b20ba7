from django import forms
from django.utils.translation import gettext_lazy as _

from core.validation import COMMENT_MAX

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
