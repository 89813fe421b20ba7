"""Upgrade plans' progress read from the catalog: scope, statuses, shares, and a constant number of
queries."""

from datetime import date
from decimal import Decimal

import pytest

from catalog.constants import PublicationState
from catalog.tests.factories import AgencyFactory, ProcedureFactory
from stats.domain.indicators import Rate
from stats.domain.plans import ItemStatus
from stats.models import UpgradePlan, UpgradePlanItem
from stats.plans import plan_progress, plans_progress

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


@pytest.fixture
def catalog():
    """Two agencies: justice performs 4 published procedures (levels 2, 3, 3, 4) and a draft one at level
    3; transport performs 2 (levels 3, 4); one procedure of level 4 is performed by both."""
    justice, transport = AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="Sở Giao thông vận tải")
    procedures = {
        "j2": ProcedureFactory(service_level=2, agencies=[justice]),
        "j3a": ProcedureFactory(service_level=3, agencies=[justice]),
        "j3b": ProcedureFactory(service_level=3, agencies=[justice]),
        "j3draft": ProcedureFactory(
            service_level=3, agencies=[justice], publication_state=PublicationState.DRAFT
        ),
        "t3": ProcedureFactory(service_level=3, agencies=[transport]),
        "both4": ProcedureFactory(service_level=4, agencies=[justice, transport]),
    }
    return justice, transport, procedures


def _plan(agency, items, *, target_share=None, deadline=date(2026, 12, 31), title="Kế hoạch"):
    plan = UpgradePlan.objects.create(
        title=title, agency=agency, target_level=4, target_share=target_share, deadline=deadline
    )
    for procedure, level, due in items:
        UpgradePlanItem.objects.create(plan=plan, procedure=procedure, target_level=level, due_date=due)
    return plan


def test_an_agency_plan_counts_its_published_procedures(catalog):
    justice, _transport, p = catalog
    plan = _plan(
        justice,
        [
            (p["j3a"], 4, date(2026, 6, 1)),  # overdue
            (p["j3b"], 4, date(2026, 9, 1)),  # pending
            (p["j3draft"], 4, date(2026, 9, 1)),  # not published: pending, outside the share
            (p["t3"], 4, date(2026, 9, 1)),  # another agency's: pending, outside the share
        ],
        target_share=Decimal("75"),
    )
    progress = plan_progress(plan, TODAY)
    assert [(item.item.procedure_id, item.status, item.in_scope) for item in progress.items] == [
        (p["j3a"].pk, ItemStatus.OVERDUE, True),
        (p["j3b"].pk, ItemStatus.PENDING, True),
        (p["j3draft"].pk, ItemStatus.PENDING, False),
        (p["t3"].pk, ItemStatus.PENDING, False),
    ]
    assert (progress.items_total, progress.reached, progress.overdue, progress.pending) == (4, 0, 1, 3)
    # Justice's published procedures: j2, j3a, j3b, both4; one at level 4 now, three once raised.
    assert progress.current_share == Rate(1, 4)
    assert progress.projected_share == Rate(3, 4)
    assert progress.target_met is False
    assert progress.projected_target_met is True


def test_a_province_wide_plan_sees_a_procedure_reached_live(catalog):
    _justice, _transport, p = catalog
    plan = _plan(
        None, [(p["t3"], 4, date(2026, 5, 1)), (p["j3a"], 4, date(2026, 7, 1))], target_share=Decimal("50")
    )
    progress = plan_progress(plan, TODAY)
    # Every published procedure: j2, j3a, j3b, t3, both4 (5); one at level 4.
    assert (progress.reached, progress.overdue, progress.current_share) == (0, 1, Rate(1, 5))
    assert progress.projected_share == Rate(3, 5)
    p["t3"].service_level = 4
    p["t3"].save()
    progress = plan_progress(plan, TODAY)
    assert [item.status for item in progress.items] == [ItemStatus.REACHED, ItemStatus.PENDING]
    assert (progress.reached, progress.overdue) == (1, 0)
    assert progress.current_share == Rate(2, 5)
    assert progress.projected_share == Rate(3, 5)
    assert progress.target_met is False and progress.projected_target_met is True


def test_plans_progress_lists_every_plan_or_those_of_the_agencies(catalog):
    justice, transport, p = catalog
    province = _plan(None, [(p["j3a"], 4, date(2026, 7, 1))], deadline=date(2026, 12, 1), title="Tỉnh")
    first = _plan(justice, [(p["j3b"], 4, date(2026, 7, 1))], deadline=date(2026, 8, 1), title="Tư pháp")
    second = _plan(transport, [(p["t3"], 4, date(2026, 7, 1))], deadline=date(2026, 9, 1), title="GTVT")
    assert [progress.plan for progress in plans_progress(TODAY)] == [first, second, province]
    assert [progress.plan for progress in plans_progress(TODAY, agency_ids=[transport.pk])] == [second]
    assert plans_progress(TODAY, agency_ids=[]) == []
    transport_progress = plans_progress(TODAY, agency_ids={transport.pk})[0]
    assert (transport_progress.current_share, transport_progress.projected_share) == (Rate(1, 2), Rate(2, 2))


def test_plans_progress_takes_a_constant_number_of_queries(catalog, django_assert_num_queries):
    justice, transport, p = catalog
    _plan(None, [(p["j3a"], 4, date(2026, 7, 1))])
    _plan(justice, [(p["j3b"], 4, date(2026, 7, 1))])
    # plans, items with their procedures, the province's levels, the agencies' levels, their procedures
    with django_assert_num_queries(5):
        assert len(plans_progress(TODAY)) == 2
    for number in range(6):
        agency = justice if number % 2 else transport
        _plan(agency, [(p["t3"], 4, date(2026, 7, 1)), (p["j2"], 3, date(2026, 8, 1))], title=str(number))
        _plan(None, [(p["j3a"], 4, date(2026, 7, 1))], title=f"Tỉnh {number}")
    with django_assert_num_queries(5):
        progress = plans_progress(TODAY)
    assert len(progress) == 14
    assert sum(plan.items_total for plan in progress) == 2 + 6 * 3


def test_the_statistics_pages_show_the_plans_progress(client):
    from datetime import date

    from catalog.tests.factories import AgencyFactory, ProcedureFactory
    from core.roles import Role
    from dossiers.tests.factories import OfficerFactory
    from stats.models import UpgradePlan, UpgradePlanItem

    agency = AgencyFactory()
    procedure = ProcedureFactory(service_level=3, agencies=[agency])
    ProcedureFactory(service_level=4, agencies=[agency])
    plan = UpgradePlan.objects.create(
        title="Nâng mức độ 4 năm 2027", target_level=4, target_share=80, deadline=date(2027, 8, 31)
    )
    UpgradePlanItem.objects.create(plan=plan, procedure=procedure, target_level=4, due_date=date(2027, 6, 30))
    page = client.get("/thong-ke/").content.decode()
    assert "Nâng mức độ 4 năm 2027" in page and "50,00 %" in page and "100,00 %" in page
    client.force_login(OfficerFactory(role=Role.PROVINCE_MANAGER, agency=agency))
    assert "Nâng mức độ 4 năm 2027" in client.get("/can-bo/thong-ke/").content.decode()
