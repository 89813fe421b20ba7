from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Motcua"), {"fields": ("role", "agency", "phone", "personal_id", "tax_code")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "role", "agency", "is_staff")
    list_filter = ("role", "is_staff", "is_active")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
