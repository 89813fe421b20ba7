"""What a statistics page shows, whoever serves it (the managers' dashboard, the public page): the
period asked for, the reporting form's table with its rows' links one level down, the catalog's service
levels and the monthly charts. The views only choose whose agencies and which links."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.constants import AdministrativeLevel
from core.errors import Invalid
from dossiers.constants import Channel

from .charts import MonthlyCharts
from .domain.periods import PeriodKind
from .plans import plans_progress
from .queries import GroupBy, dossier_table, monthly_series, service_level_figures, service_levels_by_agency
from .selection import ReportQuery, Selection, query_string, read_query, select
from .tables import OTHER_FIGURES, PAGE_COLUMNS, header_rows

#: One level down from a row: the filter it sets and the cut shown next.
_DOWN = {
    GroupBy.AGENCY: ("agency", GroupBy.PROCEDURE),
    GroupBy.LEVEL: ("level", GroupBy.AGENCY),
    GroupBy.SECTOR: ("sector", GroupBy.PROCEDURE),
    GroupBy.PROCEDURE: ("procedure", GroupBy.CHANNEL),
    GroupBy.CHANNEL: ("channel", None),
}


#: The labels of the query's fields, for the error summary's links (the form's ids are ``id_<name>``).
FIELD_LABELS = {
    "period": _("Period"),
    "year": _("Year"),
    "number": _("Month, quarter or half"),
    "first": _("From"),
    "last": _("To"),
    "group_by": _("One row per"),
    "agency": _("Agency"),
    "level": _("Administrative level"),
    "sector": _("Sector"),
    "procedure": _("Procedure"),
    "channel": _("Channel"),
}


def _error_links(problems: dict) -> list[dict]:
    return [
        {"href": f"#id_{name}", "label": FIELD_LABELS.get(name, name), "message": message}
        for name, messages in problems.items()
        for message in messages
    ]


@dataclass(frozen=True)
class RowLinks:
    row: object
    #: The query of the row's own report one level down (None: the last level).
    down: str | None
    #: The query of the row's slice, for the dossiers behind its figures.
    slice: str


def _row_links(query: ReportQuery, table) -> list[RowLinks]:
    parameter, next_cut = _DOWN[table.group_by]
    links = []
    for row in table.rows:
        value = row.key if table.group_by == GroupBy.CHANNEL else row.code
        if table.group_by == GroupBy.LEVEL:
            value = row.key
        down = query_string(query, **{parameter: value, "group_by": next_cut}) if next_cut else None
        links.append(RowLinks(row, down, query_string(query, **{parameter: value})))
    return links


def _breadcrumbs(query: ReportQuery, selection: Selection) -> list[tuple[str, str]]:
    """(label, query) from the whole scope down to the current slice."""
    crumbs = [
        (
            str(_("All agencies")),
            query_string(
                query, agency="", procedure="", sector="", level=None, channel=None, group_by=GroupBy.AGENCY
            ),
        )
    ]
    if selection.agency is not None:
        crumbs.append(
            (
                selection.agency.name,
                query_string(query, procedure="", channel=None, group_by=GroupBy.PROCEDURE),
            )
        )
    if selection.sector is not None:
        crumbs.append(
            (
                selection.sector.name,
                query_string(query, procedure="", channel=None, group_by=GroupBy.PROCEDURE),
            )
        )
    if selection.procedure is not None:
        crumbs.append((selection.procedure.name, query_string(query, channel=None, group_by=GroupBy.CHANNEL)))
    return crumbs


def report_context(params, *, allowed_agencies: frozenset[int] | None) -> dict:
    """The context of a statistics page for the query string ``params``; problems with the query are
    named (and the default used instead), never an error page."""
    query, problems = read_query(params)
    try:
        selection = select(query, allowed_agencies=allowed_agencies)
    except Invalid as error:
        for name, messages in error.errors.items():
            problems.setdefault(name, []).extend(messages)
        query = ReportQuery(group_by=query.group_by)
        selection = select(query, allowed_agencies=allowed_agencies)
    table = dossier_table(selection.period, selection.scope, selection.group_by)
    months = monthly_series(selection.period, selection.scope)
    agencies = selection.scope.agency_ids
    return {
        "query": query,
        "problems": problems,
        "error_links": _error_links(problems),
        "selection": selection,
        "period": selection.period,
        "table": table,
        "rows": _row_links(query, table),
        "columns": PAGE_COLUMNS,
        "header_rows": header_rows(PAGE_COLUMNS),
        "other_figures": OTHER_FIGURES,
        "service_levels": service_level_figures(selection.period, selection.scope),
        "service_levels_by_agency": service_levels_by_agency(selection.period, agencies)
        if selection.agency is None and selection.procedure is None
        else [],
        "months": months,
        "charts": MonthlyCharts.of(months),
        "breadcrumbs": _breadcrumbs(query, selection),
        "plans": plans_progress(timezone.localdate(), agencies),
        "query_string": query_string(query),
        "choices": {
            "periods": [(kind.value, kind.label) for kind in PeriodKind],
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "numbers": list(range(1, 13)),
            "group_by": [(cut.value, cut.label) for cut in GroupBy],
            "levels": [(level.value, level.label) for level in AdministrativeLevel],
            "channels": [(channel.value, channel.label) for channel in Channel],
        },
    }
