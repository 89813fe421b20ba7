from django.contrib import admin

from .models import CalendarDay, Dossier, DossierFile, ProcessLogEntry, ReceivedComponent
from .services import officer_dossiers


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """The province's extra days off and make-up working days, on top of the national holidays."""

    list_display = ("date", "kind", "note")
    list_filter = ("kind",)
    date_hierarchy = "date"


class ProcessLogInline(admin.TabularInline):
    model = ProcessLogEntry
    extra = 0
    can_delete = False
    fields = (
        "at",
        "action",
        "actor",
        "from_state",
        "to_state",
        "step_name",
        "step_due_at",
        "timeliness",
        "comment",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReceivedComponentInline(_ReadOnlyInline):
    model = ReceivedComponent
    fields = readonly_fields = ("name", "originals", "copies")


class DossierFileInline(_ReadOnlyInline):
    model = DossierFile
    fields = readonly_fields = (
        "kind",
        "component",
        "file",
        "size",
        "digitized",
        "uploaded_by",
        "uploaded_at",
    )


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-only view for system administrators; officers work in the back office, not here."""

    list_display = ("code", "procedure", "agency", "state", "channel", "received_at", "appointment_at")
    list_filter = ("state", "inbox_role", "channel", "agency")
    list_select_related = ("procedure", "agency")
    search_fields = ("code", "applicant_name_folded", "applicant_id_number")
    inlines = [ReceivedComponentInline, DossierFileInline, ProcessLogInline]

    def get_queryset(self, request):
        """A superuser sees every dossier; any other staff member only what the back office shows
        them (never a draft, never another agency's): the one rule of ``officer_dossiers``."""
        dossiers = super().get_queryset(request)
        if request.user.is_superuser:
            return dossiers
        return dossiers.filter(pk__in=officer_dossiers(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
