from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Motcua"),
            {"fields": ("role", "agency", "phone", "personal_id", "tax_code", "contact_confirmed_at")},
        ),
    )
    list_display = ("username", "email", "first_name", "last_name", "role", "agency", "is_staff")
    list_filter = ("role", "is_staff", "is_active")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `manage.py create_api_token` (the secret is shown once) and revoked here."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    fields = ("user", "name", "prefix", "expires_at", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
