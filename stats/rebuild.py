"""``manage.py rebuild_stats``: the aggregates counted again from every dossier, from scratch."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from dossiers.clock import province_calendar
from dossiers.models import Dossier

from .domain.contributions import add_up, contribution
from .models import Aggregate, DossierTally
from .tally import dossier_rows, facts_from_rows, grouped, payment_rows, supplement_rows

BATCH = 5000


@dataclass(frozen=True)
class Rebuilt:
    dossiers: int
    aggregates: int


def rebuild(batch: int = BATCH) -> Rebuilt:
    """Replace every aggregate and tally by those counted from the dossiers as they are now, in one
    transaction (reports read the old figures until it commits). Dossiers are read in batches of
    ``batch`` by primary key; the sums are kept in memory (a few rows per agency, procedure, channel and
    day)."""
    calendar = province_calendar()
    totals: dict = defaultdict(lambda: defaultdict(int))
    dossiers = 0
    with transaction.atomic():
        DossierTally.objects.all().delete()
        Aggregate.objects.all().delete()
        last = 0
        while True:
            ids = list(
                Dossier.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]
            )
            if not ids:
                break
            span = {"dossier_id__gte": ids[0], "dossier_id__lte": ids[-1]}
            rows = dossier_rows(Dossier.objects.filter(pk__gte=ids[0], pk__lte=ids[-1]))
            facts = facts_from_rows(rows, grouped(supplement_rows(span)), grouped(payment_rows(span)))
            tallies, counted = [], []
            for dossier_id, dossier_facts in facts:
                counts = contribution(dossier_facts, calendar)
                if counts:
                    counted.append(counts)
                    tallies.append(DossierTally(dossier_id=dossier_id, counted=counts.to_json()))
            DossierTally.objects.bulk_create(tallies, batch_size=batch)
            for key, amounts in add_up(counted).items():
                for measure, amount in amounts.items():
                    totals[key][measure] += amount
            dossiers += len(ids)
            last = ids[-1]
        Aggregate.objects.bulk_create(
            (
                Aggregate(
                    grain=grain.value,
                    period_start=start,
                    agency_id=agency_id,
                    procedure_id=procedure_id,
                    channel=channel,
                    **amounts,
                )
                for (grain, start, agency_id, procedure_id, channel), amounts in totals.items()
            ),
            batch_size=batch,
        )
    return Rebuilt(dossiers=dossiers, aggregates=len(totals))
