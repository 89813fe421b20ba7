from django.contrib import admin

from core.outbox_admin import DELIVERY_COLUMNS, OutboxMessageAdmin
from dossiers.services import officer_dossiers

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(OutboxMessageAdmin):
    list_display = ["created_at", "dossier", "event", "channel", "recipient", *DELIVERY_COLUMNS]
    list_filter = ["status", "channel", "event"]
    search_fields = ["dossier__code", "recipient"]
    list_select_related = ["dossier"]

    def get_queryset(self, request):
        """Messages carry personal data: a non-superuser sees those of the dossiers the back office
        shows them (``officer_dossiers``: their agency's, never a draft's)."""
        notifications = super().get_queryset(request)
        if request.user.is_superuser:
            return notifications
        return notifications.filter(dossier__in=officer_dossiers(request.user).values("pk"))
