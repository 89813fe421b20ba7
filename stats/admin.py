"""Service-level upgrade plans in the Django admin, where catalog officers keep the catalog.

Who may do what is Django's model permissions, granted by group as for the catalog: the catalog
officers' group adds and changes plans and their procedures; the province managers' group views them
(``catalog.demo.loader`` sets up both groups for the demo).
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .domain.plans import item_problems
from .models import UpgradePlan, UpgradePlanItem
from .plans import plan_progress


class PlanItemFormSet(BaseInlineFormSet):
    """Checks each procedure of the plan against the plan as submitted (its deadline and agency)."""

    def clean(self):
        super().clean()
        plan = self.instance
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            procedure = data.get("procedure")
            if procedure is None:
                continue
            problems = item_problems(
                adding=form.instance.pk is None,
                procedure_name=str(procedure),
                current_level=procedure.service_level,
                target_level=data.get("target_level"),
                due_date=data.get("due_date"),
                plan_deadline=plan.deadline,
                plan_agency_name=str(plan.agency) if plan.agency_id else None,
                performed_by_plan_agency=bool(plan.agency_id)
                and procedure.agencies.filter(pk=plan.agency_id).exists(),
            )
            for field, message in problems.items():
                form.add_error(field, message)


class UpgradePlanItemInline(admin.TabularInline):
    model = UpgradePlanItem
    formset = PlanItemFormSet
    extra = 1
    fields = ("procedure", "target_level", "due_date")
    autocomplete_fields = ("procedure",)


@admin.register(UpgradePlan)
class UpgradePlanAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "target_level", "target_share", "deadline")
    list_filter = ("target_level", "agency")
    list_select_related = ("agency",)
    search_fields = ("title",)
    autocomplete_fields = ("agency",)
    fields = ("title", "agency", "target_level", "target_share", "deadline", "progress")
    readonly_fields = ("progress",)
    inlines = [UpgradePlanItemInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("progress today"))
    def progress(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        progress = plan_progress(obj, timezone.localdate())
        lines = [
            (_("Procedures reached"), f"{progress.reached} / {progress.items_total}"),
            (_("Overdue"), progress.overdue),
            (_("Share at the target level now"), progress.current_share),
            (_("Share once every procedure is reached"), progress.projected_share),
        ]
        if progress.target_met is not None:
            lines.append((_("Target met"), _("Yes") if progress.target_met else _("Not yet")))
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", ((str(k), v) for k, v in lines))
        )
