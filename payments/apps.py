from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from dossiers import fee_facts

        from . import checks, gateways  # noqa: F401  (the gateways' registry and its start-up checks)
        from .fees import fees_for, fees_unpaid

        # The dossiers ask: the receipt's fee lines; before processing, whether fees due at submission
        # are paid.
        fee_facts.register(fee_facts.FeeFacts(unpaid=fees_unpaid, lines=fees_for))
