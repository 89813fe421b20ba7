from django.contrib import admin

from core.outbox_admin import DELIVERY_COLUMNS, OutboxMessageAdmin
from dossiers.services import officer_dossiers

from .models import CarrierOrder, Shipment, ShipmentEvent


def _of_officer(queryset, request, dossier_path: str):
    """Addresses are personal data: a non-superuser sees those of the dossiers the back office shows
    them (``officer_dossiers``)."""
    if request.user.is_superuser:
        return queryset
    return queryset.filter(**{f"{dossier_path}__in": officer_dossiers(request.user).values("pk")})


class ShipmentEventInline(admin.TabularInline):
    model = ShipmentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["state", "at", "source", "note", "raw", "recorded_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["order_number", "tracking_number", "dossier", "carrier", "state", "created_at"]
    list_filter = ["state", "carrier"]
    search_fields = ["order_number", "tracking_number", "dossier__code"]
    list_select_related = ["dossier"]
    inlines = [ShipmentEventInline]

    def get_readonly_fields(self, request, obj=None):
        # States change through postal.services only (with their events and the dossier's return).
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return _of_officer(super().get_queryset(request), request, "dossier")


@admin.register(CarrierOrder)
class CarrierOrderAdmin(OutboxMessageAdmin):
    list_display = ["created_at", "shipment", *DELIVERY_COLUMNS]
    search_fields = ["shipment__order_number", "shipment__dossier__code"]
    list_select_related = ["shipment"]

    def get_queryset(self, request):
        return _of_officer(super().get_queryset(request), request, "shipment__dossier")
