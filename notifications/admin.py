from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dossiers.services import officer_dossiers

from . import services
from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "dossier",
        "event",
        "channel",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "channel", "event"]
    search_fields = ["dossier__code", "recipient"]
    list_select_related = ["dossier"]
    readonly_fields = [field.name for field in Notification._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        """The outbox's health above the list: the age of the oldest message waiting to be sent."""
        age = services.oldest_pending_age()
        if age is None:
            self.message_user(request, _("Outbox healthy: no message is waiting to be sent."), messages.INFO)
        else:
            minutes = age.total_seconds() / 60
            level = messages.WARNING if minutes > settings.MOTCUA_OUTBOX_MAX_AGE_MINUTES else messages.INFO
            self.message_user(
                request,
                _("The oldest message waiting to be sent has waited %(minutes).1f min.")
                % {"minutes": minutes},
                level,
            )
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        """Messages carry personal data: a non-superuser sees those of the dossiers the back office
        shows them (``officer_dossiers``: their agency's, never a draft's)."""
        notifications = super().get_queryset(request)
        if request.user.is_superuser:
            return notifications
        return notifications.filter(dossier__in=officer_dossiers(request.user).values("pk"))

    @admin.action(description=_("Send the selected notifications again"), permissions=["change"])
    def retry(self, request, queryset):
        count = services.retry(queryset)
        self.message_user(
            request,
            ngettext("%(count)s notification queued again.", "%(count)s notifications queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
