from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Statistics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.events import subscribe
        from dossiers.events import DossierChanged

        from .tally import count_change

        subscribe(DossierChanged, count_change)
