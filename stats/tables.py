"""The per-agency tables of the reports, defined once for every way they are shown (the spreadsheet,
the CSV file, the PDF report): their lines, their columns with the column groups of their headings, and
the headline figures.

Two layouts:

* :data:`AGENCY_COLUMNS` — the table the provinces publish per agency: online services deployed at
  levels 3 and 4 and how many of them received online dossiers in the period, dossiers received (online,
  at the counter or by post), resolved (early, on time, late), the on-time and online rates, and those
  in progress within and past the deadline;
* :data:`FORM_COLUMNS` — the national reporting form for the results of handling procedures: received
  (total; carried over; new, online and direct-and-postal), resolved (total; early; on time; late), in
  progress (total; within; past the deadline).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.templatetags.motcua import format_decimal

from .domain.indicators import DossierFigures, Rate, ServiceLevelFigures
from .domain.periods import Period
from .queries import (
    GroupBy,
    Scope,
    Table,
    dossier_table,
    service_level_figures,
    service_levels_by_agency,
)
from .wording import format_count

#: Every agency of the province, every sector, procedure and channel.
WHOLE_PROVINCE = Scope()
_NO_DOSSIERS = DossierFigures(period={}, before={})
_NO_SERVICES = ServiceLevelFigures(by_level={}, with_online_dossiers={})


@dataclass(frozen=True)
class AgencyLine:
    """One line of a per-agency table; ``agency_id`` is ``None`` on the total line."""

    agency_id: int | None
    label: str
    figures: DossierFigures
    services: ServiceLevelFigures


@dataclass(frozen=True)
class AgencyReport:
    """The per-agency lines of a period and scope, their total, and the dossier table they come from."""

    period: Period
    scope: Scope
    lines: list[AgencyLine]
    total: AgencyLine
    table: Table


def agency_report(period: Period, scope: Scope = WHOLE_PROVINCE) -> AgencyReport:
    """A line per agency that has dossiers in the report (:func:`~stats.queries.dossier_table`, per
    agency) or published procedures (:func:`~stats.queries.service_levels_by_agency`), by name, as the
    dossier table orders them; the total line counts each procedure once, however many agencies
    perform it (:func:`~stats.queries.service_level_figures`). Five queries."""
    table = dossier_table(period, scope, group_by=GroupBy.AGENCY)
    services = {
        row.agency.pk: row
        for row in service_levels_by_agency(
            period, scope.agency_ids, level=scope.level, sector_id=scope.sector_id
        )
    }
    lines = {row.key: AgencyLine(row.key, row.label, row.figures, _NO_SERVICES) for row in table.rows}
    for agency_id, row in services.items():
        line = lines.get(agency_id)
        if line is None:
            lines[agency_id] = AgencyLine(agency_id, row.agency.name, _NO_DOSSIERS, row.figures)
        else:
            lines[agency_id] = AgencyLine(agency_id, line.label, line.figures, row.figures)
    total = AgencyLine(None, gettext("Grand total"), table.total, service_level_figures(period, scope))
    ordered = sorted(lines.values(), key=lambda line: line.label)
    return AgencyReport(period=period, scope=scope, lines=ordered, total=total, table=table)


class Kind(enum.Enum):
    """What a column holds, which decides how each format writes it."""

    NUMBER = "number"  # the line's number (STT), empty on the total line
    TEXT = "text"
    COUNT = "count"
    RATE = "rate"


@dataclass(frozen=True)
class Column:
    """A column: its heading under its groups (outermost first), what it reads of a line, its width in
    characters (the spreadsheet's; the PDF takes them as proportions)."""

    heading: str
    value: Callable[[AgencyLine], object]
    kind: Kind = Kind.COUNT
    groups: tuple[str, ...] = ()
    width: float = 11

    @property
    def figure(self) -> str:
        """The :class:`~stats.domain.indicators.DossierFigures` attribute shown, if it is one."""
        return self.value.name if isinstance(self.value, _Figure) else ""

    @property
    def drillable(self) -> bool:
        """Whether the dossiers behind the column's counts can be listed (a dossier count)."""
        return self.kind == Kind.COUNT and bool(self.figure)


@dataclass(frozen=True)
class _Figure:
    """Reads one indicator of a line's dossier figures; its ``name`` lets a page list the dossiers
    behind a count."""

    name: str

    def __call__(self, line) -> object:
        return getattr(line.figures, self.name)


def _figure(name: str) -> _Figure:
    return _Figure(name)


def _deployed(level: int) -> Callable[[AgencyLine], int]:
    return lambda line: line.services.count(level)


def _used(level: int) -> Callable[[AgencyLine], int]:
    return lambda line: line.services.used(level).numerator


RECEIVED = _("Dossiers received")
RESOLVED = _("Dossiers resolved")
IN_PROGRESS = _("Dossiers in progress")
NEWLY_RECEIVED = _("Newly received")

_NUMBER = Column(_("No."), lambda line: None, Kind.NUMBER, width=6)
_AGENCY = Column(_("Agency name"), lambda line: line.label, Kind.TEXT, width=38)
_EARLY = Column(_("Early"), _figure("resolved_early"), groups=(RESOLVED,))
_ON_TIME = Column(_("On time"), _figure("resolved_on_time"), groups=(RESOLVED,))
_LATE = Column(_("Late"), _figure("resolved_late"), groups=(RESOLVED,))
_WITHIN = Column(_("Within the deadline"), _figure("in_progress_within_deadline"), groups=(IN_PROGRESS,))
_PAST = Column(_("Past the deadline"), _figure("in_progress_past_deadline"), groups=(IN_PROGRESS,))


def _service_columns(level: int, group: str) -> list[Column]:
    return [
        Column(_("Deployed"), _deployed(level), groups=(group,)),
        Column(_("With online dossiers"), _used(level), groups=(group,), width=13),
    ]


AGENCY_COLUMNS: tuple[Column, ...] = (
    _NUMBER,
    _AGENCY,
    *_service_columns(3, _("Online services at level 3")),
    *_service_columns(4, _("Online services at level 4")),
    Column(_("Online"), _figure("received_online"), groups=(RECEIVED,)),
    Column(_("Direct and postal"), _figure("received_direct_or_postal"), groups=(RECEIVED,), width=13),
    _EARLY,
    _ON_TIME,
    _LATE,
    Column(_("On-time rate"), _figure("on_time_rate"), Kind.RATE, width=12),
    Column(_("Online rate"), _figure("online_rate"), Kind.RATE, width=12),
    _WITHIN,
    _PAST,
)

FORM_COLUMNS: tuple[Column, ...] = (
    _NUMBER,
    _AGENCY,
    Column(_("Total"), _figure("received_total"), groups=(RECEIVED,)),
    Column(_("Carried over from the previous period"), _figure("carried_over"), groups=(RECEIVED,), width=14),
    Column(_("Online"), _figure("received_online"), groups=(RECEIVED, NEWLY_RECEIVED)),
    Column(
        _("Direct and postal"),
        _figure("received_direct_or_postal"),
        groups=(RECEIVED, NEWLY_RECEIVED),
        width=13,
    ),
    Column(_("Total"), _figure("resolved_total"), groups=(RESOLVED,)),
    _EARLY,
    _ON_TIME,
    _LATE,
    Column(_("Total"), _figure("in_progress_total"), groups=(IN_PROGRESS,)),
    _WITHIN,
    _PAST,
)


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a table's heading: at ``row`` (0-based) and ``column``, spanning ``rows`` × ``columns``."""

    row: int
    column: int
    text: str
    rows: int = 1
    columns: int = 1


def heading_depth(columns: Sequence[Column]) -> int:
    return max(len(column.groups) for column in columns) + 1


def header_cells(columns: Sequence[Column]) -> list[HeaderCell]:
    """The heading of ``columns``, row by row: a group spans the neighbouring columns under it; a
    heading with fewer groups above it than others spans the rows down to the last."""
    depth = heading_depth(columns)
    cells = []
    for level in range(depth):
        index = 0
        while index < len(columns):
            column = columns[index]
            if level < len(column.groups):
                under = [str(group) for group in column.groups[: level + 1]]
                span = 1
                while (
                    index + span < len(columns)
                    and [str(group) for group in columns[index + span].groups[: level + 1]] == under
                ):
                    span += 1
                cells.append(HeaderCell(level, index, str(column.groups[level]), columns=span))
                index += span
                continue
            if level == len(column.groups):
                cells.append(HeaderCell(level, index, str(column.heading), rows=depth - level))
            index += 1
    return cells


def flat_heading(column: Column) -> str:
    """The heading as one line, its groups first (for a CSV file): "Dossiers resolved – Early"."""
    heading = " – ".join(str(part) for part in (*column.groups, column.heading))
    return f"{heading} (%)" if column.kind == Kind.RATE else heading


def rate_fraction(rate: Rate) -> Decimal | None:
    """The rate as the spreadsheets keep a percentage (0.9921 for 99,21 %), rounded as the reports
    print it; ``None`` when nothing was counted."""
    percent = rate.percent
    return None if percent is None else percent / 100


def cell_text(column: Column, line: AgencyLine, number: int | None) -> str:
    """What a printed table shows in the cell: counts grouped, rates as the reports print them."""
    if column.kind == Kind.NUMBER:
        return "" if number is None else str(number)
    value = column.value(line)
    if column.kind == Kind.RATE:
        return str(value)
    if column.kind == Kind.COUNT:
        return format_count(value)
    return str(value)


def headline_figures(report: AgencyReport) -> list[tuple[str, str]]:
    """The figures a report opens with, as (label, printed value), for the report's whole scope."""
    figures, services = report.total.figures, report.total.services
    average = figures.average_processing_days

    def used(level: int) -> str:
        rate = services.used(level)
        return f"{format_count(rate.numerator)} / {format_count(rate.denominator)} ({rate})"

    def share(level: int, rate: Rate) -> str:
        return f"{format_count(services.count(level))} / {format_count(services.total)} ({rate})"

    return [
        (gettext("Dossiers received"), format_count(figures.received_total)),
        (gettext("Carried over from the previous period"), format_count(figures.carried_over)),
        (gettext("Newly received online"), format_count(figures.received_online)),
        (
            gettext("Newly received at the counter or by post"),
            format_count(figures.received_direct_or_postal),
        ),
        (gettext("Dossiers resolved"), format_count(figures.resolved_total)),
        (
            gettext("Resolved early or on time"),
            format_count(figures.resolved_early + figures.resolved_on_time),
        ),
        (gettext("Resolved late"), format_count(figures.resolved_late)),
        (gettext("On-time rate"), str(figures.on_time_rate)),
        (gettext("Online rate"), str(figures.online_rate)),
        (gettext("Dossiers in progress"), format_count(figures.in_progress_total)),
        (gettext("In progress past the deadline"), format_count(figures.in_progress_past_deadline)),
        (gettext("Dossier digitization rate"), str(figures.dossier_digitization_rate)),
        (gettext("Result digitization rate"), str(figures.result_digitization_rate)),
        (gettext("Results returned by post"), format_count(figures.returned_by_post)),
        (
            gettext("Average processing time (working days)"),
            "—" if average is None else format_decimal(average),
        ),
        (gettext("Procedures at level 3"), share(3, services.level_3_share)),
        (gettext("Procedures at level 4"), share(4, services.level_4_share)),
        (gettext("Level 3 services with online dossiers"), used(3)),
        (gettext("Level 4 services with online dossiers"), used(4)),
    ]


#: The dashboard's and the public page's table: the reporting form's columns (after the agency's
#: name), then its two rates.
PAGE_COLUMNS: tuple[Column, ...] = (
    *FORM_COLUMNS[2:],
    Column(_("On-time rate"), _figure("on_time_rate"), Kind.RATE),
    Column(_("Online rate"), _figure("online_rate"), Kind.RATE),
)


def _other(heading, name: str, kind: Kind = Kind.COUNT) -> Column:
    return Column(heading, _figure(name), kind)


#: The report's other indicators, each a line of the pages' "other figures" list.
OTHER_FIGURES: tuple[Column, ...] = (
    _other(_("Returned or withdrawn without a result"), "ended_unresolved"),
    _other(_("Rejected after reception"), "rejected"),
    _other(_("Withdrawn"), "withdrawn"),
    _other(_("Processing stopped"), "stopped"),
    _other(_("Online submissions not accepted"), "not_accepted"),
    _other(_("Supplement requests"), "supplement_requests"),
    _other(_("Results returned"), "results_returned"),
    _other(_("Results returned by post"), "returned_by_post"),
    _other(_("Fee payments"), "fees_paid"),
    _other(_("Fees paid online"), "paid_online"),
    _other(_("Online payment rate"), "online_payment_rate", Kind.RATE),
    _other(_("Dossiers with digitized components"), "digitized"),
    _other(_("Digitization rate of dossiers"), "dossier_digitization_rate", Kind.RATE),
    _other(_("Electronic results"), "electronic_results"),
    _other(_("Digitization rate of results"), "result_digitization_rate", Kind.RATE),
    _other(_("Average processing time (working days)"), "average_processing_days", Kind.RATE),
)

#: The figures whose dossiers a page lists, with the heading that names them there.
DRILLABLE: dict[str, object] = {
    column.figure: " – ".join(str(part) for part in (*column.groups, column.heading))
    for column in (*FORM_COLUMNS, *OTHER_FIGURES)
    if column.drillable
}


def header_rows(columns: Sequence[Column]) -> list[list[HeaderCell]]:
    """:func:`header_cells` row by row, for an HTML table's heading."""
    rows: list[list[HeaderCell]] = [[] for _ in range(heading_depth(columns))]
    for cell in header_cells(columns):
        rows[cell.row].append(cell)
    return rows
