from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "postal"
    verbose_name = _("Postal delivery")

    def ready(self):
        from . import carriers  # noqa: F401  (the carriers' registry, for the start-up check)
