"""The columns of the reports, in the national reporting form's order: one list for the pages, the
exports and the drill-down, so that every table shows the same figures under the same headings."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    figure: str  # a DossierFigures attribute
    label: object
    #: Whether the dossiers behind the figure can be listed (counts only; rates cannot).
    drillable: bool = True


@dataclass(frozen=True)
class ColumnGroup:
    label: object
    columns: tuple[Column, ...]


REPORTING_FORM = (
    ColumnGroup(
        _("Received"),
        (
            Column("received_total", _("Total")),
            Column("carried_over", _("Carried over")),
            Column("received_online", _("Online")),
            Column("received_direct_or_postal", _("Direct or by post")),
        ),
    ),
    ColumnGroup(
        _("Resolved"),
        (
            Column("resolved_total", _("Total")),
            Column("resolved_early", _("Early")),
            Column("resolved_on_time", _("On time")),
            Column("resolved_late", _("Late")),
        ),
    ),
    ColumnGroup(
        _("In progress"),
        (
            Column("in_progress_total", _("Total")),
            Column("in_progress_within_deadline", _("Within the deadline")),
            Column("in_progress_past_deadline", _("Past the deadline")),
        ),
    ),
    ColumnGroup(
        _("Rates"),
        (
            Column("on_time_rate", _("On time"), drillable=False),
            Column("online_rate", _("Online"), drillable=False),
        ),
    ),
)

#: The other indicators of a report, each a line of the "other figures" list.
OTHER_FIGURES = (
    Column("ended_unresolved", _("Returned or withdrawn without a result")),
    Column("rejected", _("Rejected after reception")),
    Column("withdrawn", _("Withdrawn")),
    Column("stopped", _("Processing stopped")),
    Column("not_accepted", _("Online submissions not accepted")),
    Column("supplement_requests", _("Supplement requests")),
    Column("results_returned", _("Results returned")),
    Column("returned_by_post", _("Results returned by post")),
    Column("fees_paid", _("Fee payments")),
    Column("paid_online", _("Fees paid online")),
    Column("online_payment_rate", _("Online payment rate"), drillable=False),
    Column("digitized", _("Dossiers with digitized components")),
    Column("dossier_digitization_rate", _("Digitization rate of dossiers"), drillable=False),
    Column("electronic_results", _("Electronic results")),
    Column("result_digitization_rate", _("Digitization rate of results"), drillable=False),
    Column("average_processing_days", _("Average processing time (working days)"), drillable=False),
)

DRILLABLE = frozenset(
    column.figure
    for column in (*(c for group in REPORTING_FORM for c in group.columns), *OTHER_FIGURES)
    if column.drillable
)


def column_label(figure: str):
    for column in (*(c for group in REPORTING_FORM for c in group.columns), *OTHER_FIGURES):
        if column.figure == figure:
            return column.label
    raise KeyError(figure)
