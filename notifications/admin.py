from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "dossier", "event", "channel", "recipient", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "event"]
    search_fields = ["dossier__code", "recipient"]
    list_select_related = ["dossier"]
    readonly_fields = [field.name for field in Notification._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected notifications again"), permissions=["change"])
    def retry(self, request, queryset):
        count = services.retry(queryset)
        self.message_user(
            request,
            ngettext("%(count)s notification queued again.", "%(count)s notifications queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
