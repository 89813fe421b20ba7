"""What a report is asked for (period, slice, rows), read from the query string of a page or of the API:
one schema validates both, so the dashboard, the public page, the exports and the API agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import ValidationError

from catalog.constants import AdministrativeLevel
from catalog.models import Agency, Procedure, Sector
from core.api_errors import problem_message
from core.errors import Invalid

from .domain.periods import Period, PeriodKind
from .queries import GroupBy, Scope

#: The most days a range may span (ten years): any report, never a runaway one.
MAX_RANGE_DAYS = 3660
#: The days a report may ask about: those of the years it may name.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


class ReportQuery(Schema):
    """Query parameters of a statistics report; every one optional."""

    period: PeriodKind = Field(PeriodKind.YEAR, description="month, quarter, half, year or range.")
    year: int | None = Field(None, ge=2000, le=2100, description="The year (default: this year).")
    number: int | None = Field(
        None,
        ge=1,
        le=12,
        description="The month (1–12), quarter (1–4) or half (1–2); default: the current one.",
    )
    first: date | None = Field(
        None, ge=EARLIEST, le=LATEST, description="First day of a range (period=range), e.g. 2026-03-01."
    )
    last: date | None = Field(
        None, ge=EARLIEST, le=LATEST, description="Last day of a range (period=range), included."
    )
    group_by: GroupBy = Field(
        GroupBy.AGENCY, description="The rows: agency, level, sector, procedure, channel."
    )
    agency: str = Field("", max_length=20, description="Only this agency (its code).")
    level: AdministrativeLevel | None = Field(None, description="Only agencies of this administrative level.")
    sector: str = Field("", max_length=32, description="Only this sector (its code).")
    procedure: str = Field("", max_length=40, description="Only this procedure (its code).")
    channel: int | None = Field(
        None, ge=1, le=3, description="Only this channel: 1 direct, 2 online, 3 post."
    )


@dataclass(frozen=True)
class Selection:
    period: Period
    scope: Scope
    group_by: GroupBy
    agency: Agency | None = None
    sector: Sector | None = None
    procedure: Procedure | None = None


def _period(query: ReportQuery, today: date) -> Period:
    year = query.year or today.year
    if query.period == PeriodKind.RANGE:
        if query.first is None or query.last is None:
            missing = "first" if query.first is None else "last"
            raise Invalid({missing: [_("Required.")]}, _("Give the first and the last day of the range."))
        if query.last < query.first:
            raise Invalid({"last": [_("On or after the first day.")]}, _("The range ends before it starts."))
        if (query.last - query.first).days > MAX_RANGE_DAYS:
            raise Invalid(
                {"last": [_("At most ten years after the first day.")]}, _("The range is too long.")
            )
        return Period(query.first, query.last)
    if query.period == PeriodKind.YEAR:
        return Period.of(PeriodKind.YEAR, year)
    current = Period.containing(query.period, today)
    number = query.number or (current.number if year == today.year else 1)
    try:
        return Period.of(query.period, year, number)
    except ValueError:
        raise Invalid(
            {"number": [_("Out of range for this period.")]}, _("There is no such month, quarter or half.")
        ) from None


def _one(model, code: str, field: str):
    if not code:
        return None
    found = model.objects.filter(code=code).first()
    if found is None:
        raise Invalid({field: [_("Unknown code.")]}, _("Nothing has the code %(code)s.") % {"code": code})
    return found


def select(query: ReportQuery, *, allowed_agencies: frozenset[int] | None = None, today: date | None = None):
    """The period and slice ``query`` asks for, within ``allowed_agencies`` (None: every agency).
    Raises ``Invalid`` (422, each field named) for what cannot be read."""
    today = today or timezone.localdate()
    period = _period(query, today).until(today)
    agency = _one(Agency, query.agency, "agency")
    sector = _one(Sector, query.sector, "sector")
    procedure = _one(Procedure, query.procedure, "procedure")
    agency_ids = allowed_agencies
    if agency is not None:
        if allowed_agencies is not None and agency.pk not in allowed_agencies:
            raise Invalid(
                {"agency": [_("Unknown code.")]}, _("Nothing has the code %(code)s.") % {"code": query.agency}
            )
        agency_ids = frozenset({agency.pk})
    scope = Scope(
        agency_ids=agency_ids,
        level=query.level.value if query.level else "",
        sector_id=sector.pk if sector else None,
        procedure_id=procedure.pk if procedure else None,
        channel=query.channel,
    )
    return Selection(period, scope, query.group_by, agency, sector, procedure)


def read_query(params) -> tuple[ReportQuery, dict[str, list[str]]]:
    """A page's query string as a :class:`ReportQuery`; what cannot be read is left at its default and
    named in the returned problems (a page shows them; it never fails)."""
    values = {
        name: value for name, value in params.items() if name in ReportQuery.model_fields and value != ""
    }
    try:
        return ReportQuery.model_validate(values), {}
    except ValidationError as error:
        problems: dict[str, list[str]] = {}
        for item in error.errors():
            name = str(item["loc"][0]) if item.get("loc") else "__all__"
            problems.setdefault(name, []).append(problem_message(item))
            values.pop(name, None)
        return ReportQuery.model_validate(values), problems


def query_string(query: ReportQuery, **changes) -> str:
    """``query`` with ``changes`` as a URL query string, leaving out what is at its default (for the
    links of a report: a row's drill-down, the exports, the other cuts)."""
    from urllib.parse import urlencode

    values = query.model_dump()
    values.update(changes)
    defaults = ReportQuery().model_dump()
    params = {}
    for name, value in values.items():
        if value in (None, "") or value == defaults.get(name) and name not in changes:
            continue
        params[name] = (
            value.value
            if hasattr(value, "value")
            else value.isoformat()
            if isinstance(value, date)
            else value
        )
    return urlencode(params)
