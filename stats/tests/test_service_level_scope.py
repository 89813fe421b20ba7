"""The catalog's figures narrowed by a report's scope: the agencies and their level are one condition on
the same agency, and the per-agency table follows the scope's level and sector."""

import pytest

from catalog.constants import AdministrativeLevel
from catalog.models import Procedure
from catalog.tests.factories import AgencyFactory, ProcedureFactory, SectorFactory
from stats.domain.periods import Period, PeriodKind
from stats.queries import Scope, service_level_figures, service_levels_by_agency

pytestmark = pytest.mark.django_db
MARCH = Period.of(PeriodKind.MONTH, 2026, 3)


@pytest.fixture
def catalog():
    department = AgencyFactory(name="Sở Tư pháp")
    commune = AgencyFactory(name="UBND xã Hạ Long", level=AdministrativeLevel.COMMUNE)
    land = SectorFactory(name="Đất đai")
    ProcedureFactory(agencies=[department, commune], service_level=3, sector=land)  # both perform it
    ProcedureFactory(agencies=[department], service_level=4)
    ProcedureFactory(agencies=[commune], service_level=4, sector=land, code="1.009999")
    return department, commune, land


def test_a_departments_procedures_at_commune_level_are_none(catalog):
    department, commune, _ = catalog
    assert service_level_figures(MARCH, Scope(agency_ids=frozenset({department.pk}))).by_level == {3: 1, 4: 1}
    # the shared procedure has an agency in the scope and an agency at commune level, but not one agency
    # that is both
    both = Scope(agency_ids=frozenset({department.pk}), level=AdministrativeLevel.COMMUNE)
    assert service_level_figures(MARCH, both).by_level == {}
    communes = Scope(agency_ids=frozenset({department.pk, commune.pk}), level=AdministrativeLevel.COMMUNE)
    assert service_level_figures(MARCH, communes).by_level == {3: 1, 4: 1}


def test_a_procedures_report_counts_that_procedure_only(catalog):
    procedure = Procedure.objects.get(code="1.009999")
    assert service_level_figures(MARCH, Scope()).by_level == {3: 1, 4: 2}
    assert service_level_figures(MARCH, Scope(procedure_id=procedure.pk)).by_level == {4: 1}


def test_the_per_agency_service_table_follows_the_scopes_level_and_sector(catalog):
    department, commune, land = catalog

    def table(**scope):
        return [
            (row.agency.name, dict(row.figures.by_level)) for row in service_levels_by_agency(MARCH, **scope)
        ]

    assert table() == [("Sở Tư pháp", {3: 1, 4: 1}), ("UBND xã Hạ Long", {3: 1, 4: 1})]
    assert table(level=AdministrativeLevel.COMMUNE) == [("UBND xã Hạ Long", {3: 1, 4: 1})]
    assert table(sector_id=land.pk) == [("Sở Tư pháp", {3: 1}), ("UBND xã Hạ Long", {3: 1, 4: 1})]
    assert table(agency_ids=frozenset({department.pk}), sector_id=land.pk) == [("Sở Tư pháp", {3: 1})]
