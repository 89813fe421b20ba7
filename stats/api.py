"""The public statistics API: the reporting form's figures of the province, per agency, sector,
procedure, level or channel, for any period. No personal data: counts only (like the national portal's
public statistics)."""

from ninja import Query, Router

from core.api_errors import ERRORS, domain_errors

from .queries import dossier_table
from .schemas import ReportOut, figures_out
from .selection import ReportQuery, select

router = Router(tags=["statistics"])


def report_out(table, selection) -> dict:
    period = selection.period
    return {
        "period": {
            "kind": period.kind.value,
            "first": period.first,
            "last": period.last,
            "label": str(period),
        },
        "group_by": selection.group_by.value,
        "rows": [
            {"key": row.code, "name": row.label, "figures": figures_out(row.figures)} for row in table.rows
        ],
        "total": figures_out(table.total),
    }


@router.get(
    "/statistics/dossiers",
    response={200: ReportOut, **ERRORS},
    summary="Dossier statistics (the national reporting form)",
    operation_id="dossier_statistics",
)
@domain_errors
def dossier_statistics(request, query: Query[ReportQuery]):
    """Received (carried over, new online and direct-or-postal), resolved (early, on time, late), in
    progress (within and past the deadline) and the other indicators, one row per ``group_by`` value
    and the total; read from the aggregates, whatever the period's length."""
    selection = select(query)
    return report_out(dossier_table(selection.period, selection.scope, selection.group_by), selection)
