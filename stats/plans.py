"""The upgrade plans' progress, live: the plans and their items read from the database and the catalog's
current levels, the arithmetic left to ``domain.plans``. A constant number of queries for any number of
plans."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from catalog.constants import PublicationState
from catalog.models import Procedure

from .domain.indicators import Rate
from .domain.plans import ItemFacts, ItemStatus, PlanFigures, plan_figures
from .models import UpgradePlan, UpgradePlanItem

_PROCEDURE_AGENCIES = Procedure.agencies.through


@dataclass(frozen=True)
class ItemProgress:
    item: UpgradePlanItem  # with its procedure
    status: ItemStatus
    in_scope: bool


@dataclass(frozen=True)
class PlanProgress:
    """One plan's progress on ``today``: its items with their status, and its figures."""

    plan: UpgradePlan
    items: tuple[ItemProgress, ...]
    figures: PlanFigures

    @property
    def items_total(self) -> int:
        return self.figures.items_total

    @property
    def reached(self) -> int:
        return self.figures.reached

    @property
    def overdue(self) -> int:
        return self.figures.overdue

    @property
    def pending(self) -> int:
        return self.figures.pending

    @property
    def current_share(self) -> Rate:
        return self.figures.current_share

    @property
    def projected_share(self) -> Rate:
        return self.figures.projected_share

    @property
    def target_met(self) -> bool | None:
        return self.figures.target_met

    @property
    def projected_target_met(self) -> bool | None:
        return self.figures.projected_target_met


def plan_progress(plan: UpgradePlan, today: date) -> PlanProgress:
    """The progress of one plan on ``today``."""
    return _progress([plan], today)[0]


def plans_progress(today: date, agency_ids: Iterable[int] | None = None) -> list[PlanProgress]:
    """The progress of every plan (``agency_ids`` None), or of the plans of those agencies (a
    province-wide plan belongs to none), by deadline."""
    plans = UpgradePlan.objects.select_related("agency").order_by("deadline", "pk")
    if agency_ids is not None:
        plans = plans.filter(agency_id__in=sorted(agency_ids))
    return _progress(list(plans), today)


def _progress(plans: list[UpgradePlan], today: date) -> list[PlanProgress]:
    if not plans:
        return []
    items = defaultdict(list)
    for item in (
        UpgradePlanItem.objects.filter(plan_id__in=[plan.pk for plan in plans])
        .select_related("procedure")
        .order_by("due_date", "pk")
    ):
        items[item.plan_id].append(item)
    agency_ids = sorted({plan.agency_id for plan in plans if plan.agency_id is not None})
    province_levels = _province_levels() if any(plan.agency_id is None for plan in plans) else {}
    agency_levels = _agency_levels(agency_ids)
    performed = _performed_by(agency_ids, {item.procedure_id for plan in plans for item in items[plan.pk]})
    progress = []
    for plan in plans:
        levels = province_levels if plan.agency_id is None else agency_levels.get(plan.agency_id, {})
        scoped = [_in_scope(plan, item.procedure, performed) for item in items[plan.pk]]
        figures = plan_figures(
            levels,
            [
                ItemFacts(item.procedure.service_level, item.target_level, item.due_date, in_scope)
                for item, in_scope in zip(items[plan.pk], scoped, strict=True)
            ],
            target_level=plan.target_level,
            target_share=plan.target_share,
            today=today,
        )
        progress.append(
            PlanProgress(
                plan=plan,
                items=tuple(
                    ItemProgress(item, status, in_scope)
                    for item, status, in_scope in zip(items[plan.pk], figures.statuses, scoped, strict=True)
                ),
                figures=figures,
            )
        )
    return progress


def _in_scope(plan: UpgradePlan, procedure: Procedure, performed: set[tuple[int, int]]) -> bool:
    if procedure.publication_state != PublicationState.PUBLISHED:
        return False
    return plan.agency_id is None or (procedure.pk, plan.agency_id) in performed


def _province_levels() -> dict[int, int]:
    """Published procedures per service level, in the province."""
    return dict(
        Procedure.objects.published()
        .values("service_level")
        .annotate(n=Count("pk"))
        .values_list("service_level", "n")
    )


def _agency_levels(agency_ids: list[int]) -> dict[int, dict[int, int]]:
    """Published procedures per service level, for each of the agencies (one query)."""
    if not agency_ids:
        return {}
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        _PROCEDURE_AGENCIES.objects.filter(
            agency_id__in=agency_ids, procedure__publication_state=PublicationState.PUBLISHED
        )
        .values("agency_id", "procedure__service_level")
        .annotate(n=Count("procedure_id"))
        .values_list("agency_id", "procedure__service_level", "n")
    )
    for agency_id, level, count in rows:
        levels[agency_id][level] = count
    return levels


def _performed_by(agency_ids: list[int], procedure_ids: set[int]) -> set[tuple[int, int]]:
    """The (procedure, agency) pairs among these that the catalog links (one query)."""
    if not agency_ids or not procedure_ids:
        return set()
    return set(
        _PROCEDURE_AGENCIES.objects.filter(
            agency_id__in=agency_ids, procedure_id__in=sorted(procedure_ids)
        ).values_list("procedure_id", "agency_id")
    )
