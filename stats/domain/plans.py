"""Service-level upgrade plans: where each procedure of a plan stands, and the plan's share of procedures
at its level, now and once every procedure of it is raised. Plain functions of plain values;
``stats.plans`` reads those values from the catalog.

A plan names procedures, each with the level it is to reach (``target_level``) by a date
(``due_date``), within a scope: the published procedures its agency performs, or every published
procedure of the province for a province-wide plan. It may aim for a share of that scope at the plan's
level (``target_share``, in %, such as 30 % at level 4).

* An item is **reached** when its procedure's current level is at or above the item's target level,
  **overdue** when it is not reached and its due date is before today, **pending** otherwise.
* The **current share** is the procedures of the scope at the plan's level or above / all procedures
  of the scope (a level-4 procedure counts in a plan to reach level 3).
* The **projected share** adds the items that would lift a procedure of the scope to the plan's level
  or above: a procedure now below the plan's level, whose item's target is at or above it.
* The target is **met** when the share, not rounded, is at least the target share.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .indicators import Rate


class ItemStatus(enum.StrEnum):
    REACHED = "reached"
    OVERDUE = "overdue"
    PENDING = "pending"

    @property
    def label(self):
        return {
            ItemStatus.REACHED: _("Reached"),
            ItemStatus.OVERDUE: _("Overdue"),
            ItemStatus.PENDING: _("Under way"),
        }[self]


def item_status(current_level: int, target_level: int, due_date: date, today: date) -> ItemStatus:
    """Where one procedure of a plan stands on ``today``."""
    if current_level >= target_level:
        return ItemStatus.REACHED
    if due_date < today:
        return ItemStatus.OVERDUE
    return ItemStatus.PENDING


@dataclass(frozen=True)
class ItemFacts:
    """What the figures read of one item of a plan."""

    current_level: int
    target_level: int
    due_date: date
    #: Whether its procedure is in the plan's scope (published, and performed by the plan's agency).
    in_scope: bool = True


def share_meets(share: Rate, target_share: Decimal | None) -> bool | None:
    """Whether ``share`` reaches ``target_share`` (in %), compared exactly; None without a target, False
    when the scope holds no procedure."""
    if target_share is None:
        return None
    if not share.denominator:
        return False
    return Decimal(share.numerator) * 100 >= Decimal(target_share) * share.denominator


@dataclass(frozen=True)
class PlanFigures:
    """A plan's progress on one day (see the module's docstring for each figure)."""

    statuses: tuple[ItemStatus, ...]  # one per item, in the items' order
    current_share: Rate
    projected_share: Rate
    target_share: Decimal | None

    @property
    def items_total(self) -> int:
        return len(self.statuses)

    @property
    def reached(self) -> int:
        return self.statuses.count(ItemStatus.REACHED)

    @property
    def overdue(self) -> int:
        return self.statuses.count(ItemStatus.OVERDUE)

    @property
    def pending(self) -> int:
        return self.statuses.count(ItemStatus.PENDING)

    @property
    def items_reached(self) -> Rate:
        """Items reached / items of the plan."""
        return Rate(self.reached, self.items_total)

    @property
    def target_met(self) -> bool | None:
        return share_meets(self.current_share, self.target_share)

    @property
    def projected_target_met(self) -> bool | None:
        """Whether the target is met once every item is reached."""
        return share_meets(self.projected_share, self.target_share)


def plan_figures(
    levels_in_scope: Mapping[int, int],
    items: Sequence[ItemFacts],
    *,
    target_level: int,
    target_share: Decimal | None,
    today: date,
) -> PlanFigures:
    """The figures of a plan aiming at ``target_level``: ``levels_in_scope`` counts the procedures of
    its scope per current service level."""
    total = sum(levels_in_scope.values())
    at_level = sum(count for level, count in levels_in_scope.items() if level >= target_level)
    raised = sum(
        1 for item in items if item.in_scope and item.current_level < target_level <= item.target_level
    )
    return PlanFigures(
        statuses=tuple(
            item_status(item.current_level, item.target_level, item.due_date, today) for item in items
        ),
        current_share=Rate(at_level, total),
        projected_share=Rate(at_level + raised, total),
        target_share=target_share,
    )


# ── what a catalog officer may record ───────────────────────────────────────────────────────────────


def item_problems(
    *,
    adding: bool,
    procedure_name: str,
    current_level: int,
    target_level: int | None,
    due_date: date | None,
    plan_deadline: date | None,
    plan_agency_name: str | None,
    performed_by_plan_agency: bool,
) -> dict[str, str]:
    """Why an item of a plan cannot be recorded, per field (empty: it can).

    * a new item must raise its procedure: its target level above the procedure's current level (an
      item recorded earlier may since have been reached, and stays);
    * its due date is not after the plan's deadline;
    * in an agency's plan, the procedure is one the agency performs.
    """
    problems: dict[str, str] = {}
    if adding and target_level is not None and target_level <= current_level:
        problems["target_level"] = _(
            "“%(procedure)s” is at level %(current)s already: the target level must be above it."
        ) % {"procedure": procedure_name, "current": current_level}
    if due_date is not None and plan_deadline is not None and due_date > plan_deadline:
        problems["due_date"] = _("The due date cannot be after the plan’s deadline, %(deadline)s.") % {
            "deadline": f"{plan_deadline:%d/%m/%Y}"
        }
    if plan_agency_name is not None and not performed_by_plan_agency:
        problems["procedure"] = _(
            "%(agency)s does not perform “%(procedure)s”: choose one of its procedures, or leave the "
            "plan’s agency empty for a province-wide plan."
        ) % {"agency": plan_agency_name, "procedure": procedure_name}
    return problems
