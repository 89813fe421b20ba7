"""The rules of upgrade plans, on plain values (no database)."""

from datetime import date
from decimal import Decimal

import pytest

from stats.domain.indicators import Rate
from stats.domain.plans import ItemFacts, ItemStatus, item_problems, item_status, plan_figures, share_meets

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("current", "target", "due", "expected"),
    [
        (4, 4, date(2026, 1, 1), ItemStatus.REACHED),  # reached, even long after its due date
        (4, 3, date(2026, 9, 1), ItemStatus.REACHED),  # above the target counts as reached
        (3, 4, date(2026, 6, 14), ItemStatus.OVERDUE),  # due yesterday
        (3, 4, TODAY, ItemStatus.PENDING),  # due today: not overdue yet
        (2, 4, date(2026, 12, 31), ItemStatus.PENDING),
    ],
)
def test_item_status(current, target, due, expected):
    assert item_status(current, target, due, TODAY) is expected


def test_share_meets_compares_exactly_not_the_rounded_percent():
    assert share_meets(Rate(3, 10), Decimal("30")) is True
    assert share_meets(Rate(2999, 10000), Decimal("30")) is False  # 29.99 %
    assert share_meets(Rate(1, 3), Decimal("33.34")) is False  # 33.333… % rounds to 33.33
    assert share_meets(Rate(1, 3), Decimal("33.33")) is True
    assert share_meets(Rate(0, 0), Decimal("0")) is False  # nothing in scope: no target is met
    assert share_meets(Rate(5, 10), None) is None  # no target


def test_plan_figures_count_items_and_project_the_share():
    # The scope: 20 procedures, 2 at level 1, 3 at level 2, 6 at level 3, 9 at level 4.
    levels = {1: 2, 2: 3, 3: 6, 4: 9}
    items = [
        ItemFacts(current_level=3, target_level=4, due_date=date(2026, 5, 1)),  # overdue, would count
        ItemFacts(current_level=3, target_level=4, due_date=date(2026, 8, 1)),  # pending, would count
        ItemFacts(current_level=4, target_level=4, due_date=date(2026, 5, 1)),  # reached: counted now
        ItemFacts(current_level=2, target_level=3, due_date=date(2026, 7, 1)),  # to level 3: not at 4
        ItemFacts(current_level=1, target_level=4, due_date=date(2026, 7, 1), in_scope=False),  # unpublished
    ]
    figures = plan_figures(levels, items, target_level=4, target_share=Decimal("50"), today=TODAY)
    assert figures.statuses == (
        ItemStatus.OVERDUE,
        ItemStatus.PENDING,
        ItemStatus.REACHED,
        ItemStatus.PENDING,
        ItemStatus.PENDING,
    )
    assert (figures.items_total, figures.reached, figures.overdue, figures.pending) == (5, 1, 1, 3)
    assert figures.items_reached == Rate(1, 5)
    assert figures.current_share == Rate(9, 20)  # 45 %
    assert figures.projected_share == Rate(11, 20)  # 55 %: the two level-3 procedures raised
    assert str(figures.current_share) == "45,00 %"
    assert figures.target_met is False
    assert figures.projected_target_met is True


def test_a_plan_to_level_3_counts_level_4_procedures_in_its_share():
    levels = {2: 5, 3: 3, 4: 2}
    items = [ItemFacts(2, 3, date(2026, 7, 1)), ItemFacts(2, 4, date(2026, 7, 1))]
    figures = plan_figures(levels, items, target_level=3, target_share=None, today=TODAY)
    assert figures.current_share == Rate(5, 10)
    assert figures.projected_share == Rate(7, 10)
    assert figures.target_met is None and figures.projected_target_met is None


def test_an_empty_plan_has_no_share():
    figures = plan_figures({}, [], target_level=4, target_share=Decimal("30"), today=TODAY)
    assert (figures.items_total, figures.reached, figures.overdue) == (0, 0, 0)
    assert figures.current_share == Rate(0, 0) and str(figures.current_share) == "—"
    assert figures.target_met is False


def _problems(**values):
    arguments = {
        "adding": True,
        "procedure_name": "1.003658 – Đăng ký phương tiện",
        "current_level": 3,
        "target_level": 4,
        "due_date": date(2026, 9, 1),
        "plan_deadline": date(2026, 12, 31),
        "plan_agency_name": None,
        "performed_by_plan_agency": False,
    }
    arguments.update(values)
    return item_problems(**arguments)


def test_a_valid_item_has_no_problem():
    assert _problems() == {}
    assert _problems(plan_agency_name="Sở Giao thông vận tải", performed_by_plan_agency=True) == {}
    assert _problems(due_date=date(2026, 12, 31)) == {}  # on the deadline itself


def test_a_new_item_must_raise_its_procedure(english):
    problems = _problems(current_level=4, target_level=4)
    assert problems == {
        "target_level": "“1.003658 – Đăng ký phương tiện” is at level 4 already: "
        "the target level must be above it."
    }
    assert _problems(current_level=4, target_level=3).keys() == {"target_level"}
    # An item recorded earlier whose procedure has since been raised stays valid: it is reached.
    assert _problems(adding=False, current_level=4, target_level=4) == {}


def test_due_date_within_the_deadline_and_procedure_of_the_agency(english):
    problems = _problems(
        due_date=date(2027, 1, 1), plan_agency_name="Sở Tư pháp", performed_by_plan_agency=False
    )
    assert problems == {
        "due_date": "The due date cannot be after the plan’s deadline, 31/12/2026.",
        "procedure": "Sở Tư pháp does not perform “1.003658 – Đăng ký phương tiện”: choose one of its "
        "procedures, or leave the plan’s agency empty for a province-wide plan.",
    }
