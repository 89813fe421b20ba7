"""The reports' figures, read from the aggregates: one query per table, whatever the period's length."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import BooleanField, Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from catalog.constants import AdministrativeLevel, PublicationState
from catalog.models import Agency, Procedure, Sector
from dossiers.constants import Channel

from .domain.contributions import MEASURES, Measure
from .domain.indicators import STOCK_MEASURES, DossierFigures, ServiceLevelFigures
from .domain.periods import EPOCH, Period, cover
from .models import AgencyAggregate, Aggregate


class GroupBy(enum.StrEnum):
    """How a report's rows are cut."""

    AGENCY = "agency"
    LEVEL = "level"
    SECTOR = "sector"
    PROCEDURE = "procedure"
    CHANNEL = "channel"

    @property
    def label(self):
        return {
            GroupBy.AGENCY: _("Agency"),
            GroupBy.LEVEL: _("Administrative level"),
            GroupBy.SECTOR: _("Sector"),
            GroupBy.PROCEDURE: _("Procedure"),
            GroupBy.CHANNEL: _("Channel"),
        }[self]


_GROUP_FIELDS = {
    GroupBy.AGENCY: "agency_id",
    GroupBy.LEVEL: "agency__level",
    GroupBy.SECTOR: "procedure__sector_id",
    GroupBy.PROCEDURE: "procedure_id",
    GroupBy.CHANNEL: "channel",
}


@dataclass(frozen=True)
class Scope:
    """Which dossiers a report counts: ``agency_ids`` None means every agency of the province."""

    agency_ids: frozenset[int] | None = None
    level: str = ""
    sector_id: int | None = None
    procedure_id: int | None = None
    channel: int | None = None

    def aggregate_filter(self) -> Q:
        q = Q()
        if self.agency_ids is not None:
            q &= Q(agency_id__in=sorted(self.agency_ids))
        if self.level:
            q &= Q(agency__level=self.level)
        if self.sector_id is not None:
            q &= Q(procedure__sector_id=self.sector_id)
        if self.procedure_id is not None:
            q &= Q(procedure_id=self.procedure_id)
        if self.channel is not None:
            q &= Q(channel=self.channel)
        return q


@dataclass(frozen=True)
class Row:
    key: object
    label: str
    figures: DossierFigures
    code: str = ""


@dataclass(frozen=True)
class Table:
    group_by: GroupBy | None
    rows: list[Row]
    total: DossierFigures
    period: Period = field(compare=False, default=None)


def _spans_q(first: date, end: date) -> Q:
    q = Q(pk__in=[])
    for grain, low, high in cover(first, end):
        q |= Q(grain=grain.value, period_start__gte=low, period_start__lt=high)
    return q


def _sum(measure: str, condition: Q):
    return Coalesce(Sum(measure, filter=condition), Value(0), output_field=IntegerField())


def _figures_by(aggregates, period: Period, field_name: str | None) -> dict:
    """The figures of ``period`` per value of ``field_name`` (one key, None, without it), in one query.

    Each aggregate row is either in the period or before it: the query groups by that side too and
    sums each measure plainly, rather than summing each measure twice under a filter (27 conditions
    for every row; the year's report reads some 200,000 rows at 10 million dossiers)."""
    in_period = _spans_q(period.first, period.last + timedelta(days=1))
    before = _spans_q(EPOCH, period.first)
    side = Case(When(in_period, then=Value(True)), default=Value(False), output_field=BooleanField())
    sums = {f"s_{measure}": Coalesce(Sum(measure.value), Value(0)) for measure in MEASURES}
    sums["s_received_online"] = _sum(Measure.RECEIVED.value, Q(channel=Channel.ONLINE))
    fields = [field_name] if field_name else []
    rows = (
        aggregates.filter(in_period | before)
        .annotate(in_period=side)
        .values(*fields, "in_period")
        .annotate(**sums)
        .order_by()
    )
    found: dict = {}
    for values in rows:
        key = values[field_name] if field_name else None
        period_sums, before_sums = found.setdefault(key, ({}, {}))
        if values["in_period"]:
            period_sums.update({name[2:]: amount for name, amount in values.items() if name.startswith("s_")})
        else:
            before_sums.update({measure.value: values[f"s_{measure}"] for measure in STOCK_MEASURES})
    return {key: _zero_figures(period_sums, before_sums) for key, (period_sums, before_sums) in found.items()}


def _zero_figures(period: dict | None = None, before: dict | None = None) -> DossierFigures:
    """Figures with every sum there, 0 unless given."""
    return DossierFigures(
        period={**dict.fromkeys((*(m.value for m in MEASURES), "received_online"), 0), **(period or {})},
        before={**dict.fromkeys((m.value for m in STOCK_MEASURES), 0), **(before or {})},
    )


def _figures(values: dict) -> DossierFigures:
    period = {name[2:]: amount for name, amount in values.items() if name.startswith("p_")}
    before = {name[2:]: amount for name, amount in values.items() if name.startswith("b_")}
    return DossierFigures(period=period, before=before)


def _added(figures: Iterable[DossierFigures]) -> DossierFigures:
    period, before = defaultdict(int), defaultdict(int)
    for each in figures:
        for name, amount in each.period.items():
            period[name] += amount
        for name, amount in each.before.items():
            before[name] += amount
    return DossierFigures(period=dict(period), before=dict(before))


def _names(group_by: GroupBy, keys: list) -> dict:
    """Each row's (name, code): the code is the agency's, sector's or procedure's, else the key."""
    if group_by == GroupBy.AGENCY:
        return {
            pk: (name, code)
            for pk, name, code in Agency.objects.filter(pk__in=keys).values_list("pk", "name", "code")
        }
    if group_by == GroupBy.PROCEDURE:
        found = Procedure.objects.filter(pk__in=keys).values_list("pk", "name", "code")
        return {pk: (f"{code} – {name}", code) for pk, name, code in found}
    if group_by == GroupBy.SECTOR:
        return {
            pk: (name, code)
            for pk, name, code in Sector.objects.filter(pk__in=keys).values_list("pk", "name", "code")
        }
    if group_by == GroupBy.LEVEL:
        return {level.value: (str(level.label), level.value) for level in AdministrativeLevel}
    return {channel.value: (str(channel.label), str(channel.value)) for channel in Channel}


_LEVEL_ORDER = [level.value for level in AdministrativeLevel]


def _aggregates(scope: Scope, group_by: GroupBy | None = None):
    """The aggregate rows a report reads: the agencies' (every procedure together) unless the report is
    about sectors or procedures."""
    by_procedure = group_by in (GroupBy.SECTOR, GroupBy.PROCEDURE) or (
        scope.sector_id is not None or scope.procedure_id is not None
    )
    return (Aggregate if by_procedure else AgencyAggregate).objects.filter(scope.aggregate_filter())


def dossier_table(period: Period, scope: Scope = Scope(), group_by: GroupBy | None = GroupBy.AGENCY) -> Table:
    """The reporting form's figures for ``period``, one row per ``group_by`` value (and the total):
    one query over the aggregates (plus one for the rows' names)."""
    aggregates = _aggregates(scope, group_by)
    if group_by is None:
        total = _figures_by(aggregates, period, None).get(None) or _zero_figures()
        return Table(group_by=None, rows=[], total=total, period=period)
    field_name = _GROUP_FIELDS[group_by]
    grouped = sorted(_figures_by(aggregates, period, field_name).items())
    keys = [key for key, _figures in grouped]
    names = _names(group_by, keys) if keys else {}
    rows = []
    for key, figures in grouped:
        name, code = names.get(key, (str(key), str(key)))
        rows.append(Row(key, name, figures, code=code))
    if group_by == GroupBy.LEVEL:
        rows.sort(key=lambda row: _LEVEL_ORDER.index(row.key) if row.key in _LEVEL_ORDER else 99)
    elif group_by != GroupBy.CHANNEL:
        rows.sort(key=lambda row: row.label)
    return Table(group_by=group_by, rows=rows, total=_added(row.figures for row in rows), period=period)


@dataclass(frozen=True)
class MonthFigures:
    month: date
    figures: DossierFigures


def monthly_series(period: Period, scope: Scope = Scope()) -> list[MonthFigures]:
    """The period's flows (received, resolved, …) month by month, for the charts; one query."""
    from django.db.models import Case, DateField, When

    months = period.months()
    whens = []
    condition = Q(pk__in=[])
    for month in months:
        following = (month + timedelta(days=32)).replace(day=1)
        spans = _spans_q(max(month, period.first), min(following, period.last + timedelta(days=1)))
        whens.append(When(spans, then=Value(month)))
        condition |= spans
    month_of = Case(*whens, output_field=DateField())
    measures = {f"p_{measure}": Coalesce(Sum(measure.value), Value(0)) for measure in MEASURES}
    measures["p_received_online"] = _sum(Measure.RECEIVED.value, Q(channel=Channel.ONLINE))
    rows = (
        _aggregates(scope)
        .filter(condition)
        .annotate(month=month_of)
        .values("month")
        .annotate(**measures)
        .order_by("month")
    )
    found = {values.pop("month"): _figures(values) for values in rows}
    empty = DossierFigures(period={}, before={})
    return [MonthFigures(month, found.get(month, empty)) for month in months]


def service_level_figures(period: Period, scope: Scope = Scope()) -> ServiceLevelFigures:
    """The catalog's indicators for the published procedures the scope's agencies perform (all of them
    for the province) and which of them received an online dossier in the period."""
    procedures = Procedure.objects.filter(publication_state=PublicationState.PUBLISHED)
    performed_by = {}  # one filter() call: the same agency is in the scope's agencies and at its level
    if scope.agency_ids is not None:
        performed_by["agencies__in"] = sorted(scope.agency_ids)
    if scope.level:
        performed_by["agencies__level"] = scope.level
    if performed_by:
        procedures = procedures.filter(**performed_by)
    if scope.sector_id is not None:
        procedures = procedures.filter(sector_id=scope.sector_id)
    if scope.procedure_id is not None:
        procedures = procedures.filter(pk=scope.procedure_id)
    by_level: dict[int, int] = defaultdict(int)
    by_administrative_level: dict[str, dict[int, int]] = defaultdict(dict)
    for administrative_level, level, n in (
        procedures.values("administrative_level", "service_level")
        .annotate(n=Count("pk", distinct=True))
        .values_list("administrative_level", "service_level", "n")
    ):
        by_level[level] += n
        by_administrative_level[administrative_level][level] = n
    used = (
        Aggregate.objects.filter(
            _spans_q(period.first, period.last + timedelta(days=1))
            & scope.aggregate_filter()
            & Q(
                channel=Channel.ONLINE,
                received__gt=0,
                procedure__publication_state=PublicationState.PUBLISHED,
            )
        )
        .values("procedure__service_level")
        .annotate(n=Count("procedure_id", distinct=True))
        .values_list("procedure__service_level", "n")
    )
    return ServiceLevelFigures(
        by_level=dict(by_level),
        with_online_dossiers=dict(used),
        by_administrative_level={
            level: by_administrative_level[level]
            for level in _LEVEL_ORDER
            if level in by_administrative_level
        },
    )


@dataclass(frozen=True)
class AgencyServiceRow:
    agency: Agency
    figures: ServiceLevelFigures


def service_levels_by_agency(
    period: Period, agency_ids: frozenset[int] | None = None, *, level: str = "", sector_id: int | None = None
) -> list[AgencyServiceRow]:
    """Per agency: its published procedures per level and those that received online dossiers in the
    period (the provinces' "11 / 385 at level 3, 12 / 196 at level 4" table); two queries, plus the
    agencies. ``level`` keeps the agencies of one administrative level, ``sector_id`` the procedures of
    one sector (a report's :class:`Scope`)."""
    links = Procedure.agencies.through.objects.filter(procedure__publication_state=PublicationState.PUBLISHED)
    used = Aggregate.objects.filter(
        _spans_q(period.first, period.last + timedelta(days=1))
        & Q(channel=Channel.ONLINE, received__gt=0, procedure__publication_state=PublicationState.PUBLISHED)
    )
    agencies = Agency.objects.filter(is_active=True)
    if level:
        agencies = agencies.filter(level=level)
    if sector_id is not None:
        links = links.filter(procedure__sector_id=sector_id)
        used = used.filter(procedure__sector_id=sector_id)
    if agency_ids is not None:
        links = links.filter(agency_id__in=sorted(agency_ids))
        used = used.filter(agency_id__in=sorted(agency_ids))
        agencies = agencies.filter(pk__in=sorted(agency_ids))
    by_level, with_online = defaultdict(dict), defaultdict(dict)
    for agency_id, level, n in (
        links.values("agency_id", "procedure__service_level")
        .annotate(n=Count("procedure_id", distinct=True))
        .values_list("agency_id", "procedure__service_level", "n")
    ):
        by_level[agency_id][level] = n
    for agency_id, level, n in (
        used.values("agency_id", "procedure__service_level")
        .annotate(n=Count("procedure_id", distinct=True))
        .values_list("agency_id", "procedure__service_level", "n")
    ):
        with_online[agency_id][level] = n
    return [
        AgencyServiceRow(agency, ServiceLevelFigures(by_level[agency.pk], with_online[agency.pk]))
        for agency in agencies.order_by("name")
        if agency.pk in by_level
    ]
