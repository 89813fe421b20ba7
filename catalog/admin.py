from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.time_units import TimeUnit

from .models import (
    Agency,
    DossierComponent,
    Fee,
    FormField,
    FormTemplate,
    Procedure,
    ProcedureChange,
    ProcessStep,
    ResultTemplate,
    SearchMiss,
    Sector,
    Synonym,
)
from .rules import step_budget_error


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("code", "name", "name_folded")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name", "name_folded")


class StepBudgetFormSet(BaseInlineFormSet):
    """Refuses steps whose budgets do not add up to the procedure's processing time."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        budgets = [
            form.cleaned_data["budget"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("budget")
        ]
        processing_time = self.instance.processing_time
        if processing_time is None:
            return
        unit = str(TimeUnit(self.instance.processing_time_unit or TimeUnit.DAY).label)
        error = step_budget_error(processing_time, budgets, unit)
        if error:
            raise ValidationError(error)


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class FormTemplateInline(admin.TabularInline):
    model = FormTemplate
    extra = 0


class DossierComponentInline(admin.TabularInline):
    model = DossierComponent
    extra = 0
    # Earlier results the applicant may take from their document wallet instead of uploading this one.
    autocomplete_fields = ("accepts_results_of",)


class FormFieldInline(admin.TabularInline):
    model = FormField
    extra = 0
    fields = ("order", "key", "label", "kind", "required", "choices", "help_text")


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    formset = StepBudgetFormSet
    extra = 0


class ResultTemplateInline(admin.StackedInline):
    """The result the handling specialist drafts from (one per procedure)."""

    model = ResultTemplate
    extra = 0
    max_num = 1
    fields = ("layout", "title", "subject", "body", "signer_title")


class ProcedureChangeInline(admin.TabularInline):
    model = ProcedureChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "from_state", "to_state", "summary")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sector", "administrative_level", "service_level", "publication_state")
    list_filter = ("publication_state", "service_level", "administrative_level", "sector")
    search_fields = ("code", "name", "search_text")
    list_select_related = ("sector",)
    autocomplete_fields = ("sector", "agencies")
    inlines = [
        FeeInline,
        FormTemplateInline,
        DossierComponentInline,
        FormFieldInline,
        ProcessStepInline,
        ResultTemplateInline,
        ProcedureChangeInline,
    ]
    actions = ["publish", "suspend"]

    def get_urls(self):
        from .admin_transfer import transfer_urls

        # Before the model admin's catch-all "<path:object_id>/", which would take "import/".
        return transfer_urls(self.admin_site) + super().get_urls()

    def save_model(self, request, obj, form, change):
        previous_state = ""
        if change:
            previous_state = (
                Procedure.objects.filter(pk=obj.pk).values_list("publication_state", flat=True).first() or ""
            )
        super().save_model(request, obj, form, change)
        changed = ", ".join(form.changed_data) if change else _("created")
        ProcedureChange.objects.create(
            procedure=obj,
            changed_by=request.user,
            from_state=previous_state if previous_state != obj.publication_state else "",
            to_state=obj.publication_state if previous_state != obj.publication_state else "",
            summary=_("Changed: %(fields)s") % {"fields": changed} if change else _("Created"),
        )

    def _set_state(self, request, queryset, state):
        for procedure in queryset:
            if procedure.publication_state == state:
                continue
            ProcedureChange.objects.create(
                procedure=procedure,
                changed_by=request.user,
                from_state=procedure.publication_state,
                to_state=state,
                summary=_("Publication state changed"),
            )
            procedure.publication_state = state
            procedure.save(update_fields=["publication_state", "updated_at"])

    @admin.action(description=gettext_lazy("Publish the selected procedures"))
    def publish(self, request, queryset):
        self._set_state(request, queryset, "published")

    @admin.action(description=gettext_lazy("Suspend the selected procedures"))
    def suspend(self, request, queryset):
        self._set_state(request, queryset, "suspended")


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ("phrase", "expansion")
    search_fields = ("phrase", "phrase_folded", "expansion", "expansion_folded")
    fields = ("phrase", "expansion")


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """What the public searched for in vain, most frequent first: read-only; delete a row once acted on."""

    list_display = ("example", "count", "last_seen", "first_seen")
    search_fields = ("example", "query_folded")
    date_hierarchy = "last_seen"
    fields = ("example", "query_folded", "count", "first_seen", "last_seen")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
