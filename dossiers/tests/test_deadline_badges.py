"""The inbox badges (computed in Python on a fetched page) agree with the filters (SQL) on every case."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from dossiers.models import Dossier
from dossiers.queries import Due, deadline_of, due_soon_q, overdue_q
from dossiers.tests.factories import received_dossier

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
SOON_UNTIL = NOW + timedelta(hours=8)
MOMENTS = {
    "none": None,
    "long past": NOW - timedelta(days=3),
    "just past": NOW - timedelta(minutes=1),
    "now": NOW,
    "soon": NOW + timedelta(hours=2),
    "window end": SOON_UNTIL,
    "later": NOW + timedelta(days=3),
}
PAUSES = {
    "running": None,
    "paused long ago": NOW - timedelta(days=5),
    "paused just now": NOW - timedelta(seconds=30),
}
STATES = ["in_progress", "awaiting_supplement", "approved", "returned", "rejected"]


def test_every_combination_gets_the_badge_the_filters_give():
    template = received_dossier()
    cases = list(itertools.product(STATES, MOMENTS, MOMENTS, PAUSES))
    rows = []
    for n, (state, step, appointment, pause) in enumerate(cases):
        rows.append(
            Dossier(
                procedure_id=template.procedure_id,
                agency_id=template.agency_id,
                channel=template.channel,
                code=f"{template.code[:-4]}{n + 1000:04d}-x",
                state=state,
                step_due_at=MOMENTS[step],
                appointment_at=MOMENTS[appointment],
                paused_at=PAUSES[pause],
            )
        )
    Dossier.objects.bulk_create(rows)
    generated = Dossier.objects.filter(code__endswith="-x")
    overdue = set(generated.filter(overdue_q(NOW)).values_list("pk", flat=True))
    soon = set(generated.filter(due_soon_q(NOW, SOON_UNTIL)).values_list("pk", flat=True))
    assert overdue and soon  # the cases do cover both
    for dossier in generated:
        expected = Due.OVERDUE if dossier.pk in overdue else Due.SOON if dossier.pk in soon else ""
        case = (dossier.state, dossier.step_due_at, dossier.appointment_at, dossier.paused_at)
        assert deadline_of(dossier, now=NOW, soon_until=SOON_UNTIL) == expected, case
