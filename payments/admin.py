from django.contrib import admin

from dossiers.services import officer_dossiers

from .models import FeeExemption, Payment, PaymentEvent


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ("at", "from_state", "to_state", "source", "note", "params")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read-only: a payment changes only on the gateway's word (``payments.services``)."""

    list_display = (
        "txn_ref",
        "dossier",
        "amount",
        "state",
        "gateway",
        "gateway_transaction_no",
        "created_at",
        "paid_at",
    )
    list_filter = ("state", "gateway")
    list_select_related = ("dossier",)
    search_fields = ("txn_ref", "gateway_transaction_no", "dossier__code")
    date_hierarchy = "created_at"
    inlines = [PaymentEventInline]
    exclude = ("redirect_url",)

    def get_queryset(self, request):
        """A superuser sees every payment; other staff only those of the dossiers they may see."""
        payments = super().get_queryset(request)
        if request.user.is_superuser:
            return payments
        return payments.filter(dossier__in=officer_dossiers(request.user).values("pk"))

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name != "redirect_url"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeeExemption)
class FeeExemptionAdmin(admin.ModelAdmin):
    """Read-only: an exemption is set on the officer's dossier page (``payments.exemptions``), with its
    process-log row."""

    list_display = ("dossier", "whole", "fee_name", "reason", "by", "at")
    list_select_related = ("dossier", "by")
    search_fields = ("dossier__code", "fee_name", "reason")

    def get_queryset(self, request):
        exemptions = super().get_queryset(request)
        if request.user.is_superuser:
            return exemptions
        return exemptions.filter(dossier__in=officer_dossiers(request.user).values("pk"))

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
