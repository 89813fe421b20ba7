from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from accounts import confirmation

        from . import receivers, sms  # sms: the SMS senders' registry

        receivers.connect()
        # Accounts sits below notifications: its confirmation codes reach phones through this.
        confirmation.use_sms_transport(sms.send_contact_code)
