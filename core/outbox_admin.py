"""The admin of every kind of outbox message: pending and failed ones with their last error, the
outbox's health above the list, and an action to send again."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox

DELIVERY_COLUMNS = ["status", "attempts", "next_attempt_at", "last_error"]


class OutboxMessageAdmin(admin.ModelAdmin):
    """Subclass it for a concrete :class:`core.outbox.OutboxMessage`, adding the kind's own columns."""

    list_filter = ["status"]
    actions = ["retry"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        """The outbox's health above the list: the age of the oldest message waiting to be sent."""
        report = outbox.health([self.model])
        if report.oldest_pending_age is None:
            self.message_user(request, _("Outbox healthy: no message is waiting to be sent."), messages.INFO)
        else:
            minutes = report.oldest_pending_age.total_seconds() / 60
            too_old = report.too_old(settings.MOTCUA_OUTBOX_MAX_AGE_MINUTES)
            level = messages.WARNING if too_old else messages.INFO
            self.message_user(
                request,
                _("The oldest message waiting to be sent has waited %(minutes).1f min.")
                % {"minutes": minutes},
                level,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Send the selected messages again"), permissions=["change"])
    def retry(self, request, queryset):
        count = outbox.retry(queryset)
        self.message_user(
            request,
            ngettext("%(count)s message queued again.", "%(count)s messages queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
