"""The managers' statistics: an agency's manager sees their agency, a province manager every agency;
drill-down from the province to an agency, a procedure and the dossiers behind a figure; the exports."""

from django.http import Http404
from django.shortcuts import render

from core.downloads import generated_file_response
from core.roles import Role
from stats import exports
from stats.drill import dossiers_behind
from stats.pages import report_context
from stats.tables import DRILLABLE

from .access import role_required


def allowed_agencies(user) -> frozenset[int] | None:
    """Every agency for a province manager; the manager's own otherwise."""
    return None if user.role == Role.PROVINCE_MANAGER else frozenset({user.agency_id})


def statistics_context(request) -> dict:
    return report_context(request.GET, allowed_agencies=allowed_agencies(request.user))


@role_required("statistics")
def dashboard(request):
    context = statistics_context(request)
    context["is_province_manager"] = request.user.role == Role.PROVINCE_MANAGER
    return render(request, "backoffice/statistics.html", context)


@role_required("statistics_dossiers")
def dossiers(request):
    """The dossiers behind one count of the dashboard (``figure``), for the same period and slice."""
    figure = request.GET.get("figure", "")
    if figure not in DRILLABLE:
        raise Http404
    context = statistics_context(request)
    context["figure"] = figure
    context["figure_label"] = DRILLABLE[figure]
    context["behind"] = dossiers_behind(figure, context["selection"])
    # Officers open the dossiers of their own agency; a province manager sees codes and dates only.
    context["own_agency"] = request.user.agency_id if request.user.role == Role.MANAGER else None
    return render(request, "backoffice/statistics_dossiers.html", context)


EXPORTS = {
    "xlsx": (exports.agency_table_xlsx, exports.XLSX_CONTENT_TYPE),
    "csv": (exports.agency_table_csv, exports.CSV_CONTENT_TYPE),
    "pdf": (exports.monthly_report_pdf, exports.PDF_CONTENT_TYPE),
}


@role_required("statistics_export")
def export(request, kind):
    """The dashboard's tables as Excel, CSV or a PDF report, for the same period and slice."""
    if kind not in EXPORTS:
        raise Http404
    selection = statistics_context(request)["selection"]
    function, content_type = EXPORTS[kind]
    content = function(selection.period, selection.scope)
    if isinstance(content, str):
        content = content.encode("utf-8")
    name = f"thong-ke-{selection.period.first:%Y%m%d}-{selection.period.last:%Y%m%d}.{kind}"
    return generated_file_response(content, filename=name, content_type=content_type)
