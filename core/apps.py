from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import plugins  # noqa: F401  (registers the start-up check of configured providers)
        from .middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="motcua-start-idle-clock")
