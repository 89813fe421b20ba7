"""The public portal: home, the procedure catalog, procedure pages."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from catalog.constants import AdministrativeLevel, PublicationState
from catalog.models import FORM_TEMPLATE_FOLDER, Agency, FormTemplate, Procedure, Sector
from catalog.queries import find_procedures, note_result_count, procedure_detail_queryset
from catalog.service_levels import LEVELS, service_level
from core.downloads import safe_filename, stored_file_response
from documents.uploads import EXTENSIONS, check_document
from dossiers.queries import most_used_procedures

from .forms import LEVEL_ORDER, ProcedureFilterForm

PAGE_SIZE = 20
AGENCY_GROUP_LABELS = {
    AdministrativeLevel.PROVINCE: _("Province departments and agencies"),
    AdministrativeLevel.DISTRICT: _("District People's Committees (before July 2025)"),
    AdministrativeLevel.COMMUNE: _("Commune and ward People's Committees"),
    AdministrativeLevel.CENTRAL: _("Central agencies"),
}
PUBLISHED = Q(procedures__publication_state=PublicationState.PUBLISHED)


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@require_safe
def home(request):
    sectors = [
        sector
        for sector in Sector.objects.annotate(procedure_count=Count("procedures", filter=PUBLISHED)).order_by(
            "name_folded", "name"
        )
        if sector.procedure_count
    ]
    agencies = list(
        Agency.objects.filter(is_active=True)
        .annotate(procedure_count=Count("procedures", filter=PUBLISHED))
        .order_by("name_folded", "name")
    )
    agency_groups = []
    for level in LEVEL_ORDER:
        members = [agency for agency in agencies if agency.level == level]
        if members:
            agency_groups.append({"level": level, "label": AGENCY_GROUP_LABELS[level], "agencies": members})

    per_level = dict(
        Procedure.objects.published()
        .order_by()
        .values("service_level")
        .annotate(count=Count("id"))
        .values_list("service_level", "count")
    )
    total = sum(per_level.values())
    levels = [{"level": service_level(n), "count": per_level.get(n, 0)} for n in LEVELS]
    partial, full_process = per_level.get(3, 0), per_level.get(4, 0)
    stats = {
        "total": total,
        "online": partial + full_process,
        "partial": partial,
        "full_process": full_process,
        "online_share": _percent(partial + full_process, total),
        "full_process_share": _percent(full_process, total),
    }
    return render(
        request,
        "portal/home.html",
        {
            "most_used": most_used_procedures(Procedure.objects.published(), now=timezone.now()),
            "sectors": sectors,
            "agency_groups": agency_groups,
            "levels": levels,
            "stats": stats,
        },
    )


@require_safe
def procedure_list(request):
    form = ProcedureFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    paginator = Paginator(find_procedures(filters), PAGE_SIZE)
    # get_page() turns "abc" into the first page and 999 into the last one.
    page = paginator.get_page(request.GET.get("page"))
    note_result_count(filters, paginator.count)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "paginator": paginator,
        "query_string": query.urlencode(),
        "bad_page": _bad_page(request.GET.get("page"), page),
    }
    context["page_range"] = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    template = "portal/procedure_list.html"
    if request.htmx and not request.htmx.boosted and request.htmx.target == "results":
        template = "portal/_results.html"
        context["partial"] = True
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _bad_page(raw: str | None, page) -> bool:
    """True when the page asked for was not a page that exists (we show another one instead)."""
    if raw in (None, ""):
        return False
    return str(page.number) != raw.strip()


@require_safe
@require_safe
def form_template_download(request, form_id):
    """A published procedure's form template, for anyone: checked by content again as it leaves (an
    imported catalog may name any stored file), and always as an attachment."""
    form = get_object_or_404(
        FormTemplate.objects.filter(procedure__in=Procedure.objects.published()).exclude(file=""), pk=form_id
    )
    if not form.file.name.startswith(f"{FORM_TEMPLATE_FOLDER}/"):
        raise Http404
    try:
        with form.file.open("rb") as stored:
            checked = check_document(stored)
    except (ValidationError, OSError) as error:
        raise Http404 from error
    name = safe_filename(form.code or form.name, EXTENSIONS[checked.content_type], fallback="mau-don")
    return stored_file_response(form.file, filename=name, content_type=checked.content_type)


def procedure_detail(request, code):
    procedure = get_object_or_404(procedure_detail_queryset(), code=code)
    return render(
        request,
        "portal/procedure_detail.html",
        {
            "procedure": procedure,
            "level": procedure.level,
            "agencies": list(procedure.agencies.all()),
            "fees": list(procedure.fees.all()),
            "components": list(procedure.components.all()),
            "form_templates": list(procedure.form_templates.all()),
            "steps": list(procedure.steps.all()),
        },
    )
