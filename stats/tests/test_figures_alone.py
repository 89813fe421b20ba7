"""Figures on data of their own (not the hand-built March of test_figures.py)."""

import pytest

from stats.domain.periods import Period, PeriodKind

pytestmark = pytest.mark.django_db

MARCH = Period.of(PeriodKind.MONTH, 2026, 3)


def test_the_catalog_by_service_level_and_administrative_level():
    from catalog.tests.factories import AgencyFactory, ProcedureFactory
    from stats.queries import service_level_figures

    agency = AgencyFactory()
    for service, administrative, count in (
        (4, "province", 3),
        (3, "province", 2),
        (2, "commune", 1),
        (4, "commune", 2),
    ):
        for _ in range(count):
            ProcedureFactory(service_level=service, administrative_level=administrative, agencies=[agency])
    figures = service_level_figures(MARCH)
    assert figures.by_level == {4: 5, 3: 2, 2: 1}
    assert figures.administrative_levels() == [("province", [0, 0, 2, 3], 5), ("commune", [0, 1, 0, 2], 3)]
    assert (figures.full_process, figures.partial, figures.online_services) == (5, 2, 7)
    assert str(figures.level_4_share) == "62,50 %" and str(figures.level_3_share) == "25,00 %"
    assert str(figures.used(4)) == "0,00 %"


def test_this_year_is_counted_to_today_so_a_dossier_due_next_week_is_within_its_deadline(client):
    from django.utils import timezone

    from stats.tests.conftest import receive
    from stats.tests.helpers import office

    place = office()
    receive(place, timezone.now())
    body = client.get(f"/api/v1/statistics/dossiers?period=year&year={timezone.localdate().year}").json()
    assert body["period"]["last"] == timezone.localdate().isoformat()
    assert (body["total"]["in_progress_within_deadline"], body["total"]["in_progress_past_deadline"]) == (
        1,
        0,
    )
