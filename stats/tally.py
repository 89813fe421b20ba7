"""The aggregates kept up to date as dossiers change: in the transaction of the change, only the
difference between what the dossier added before and what it adds now (``domain.contributions``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from dossiers.clock import province_calendar
from dossiers.constants import ResultDelivery
from dossiers.domain.calendar import WorkingCalendar
from dossiers.domain.lifecycle import Action, Actor
from dossiers.models import Dossier, DossierFile, ProcessLogEntry, SupplementRequest

from .domain.contributions import AggregateKey, Contribution, DossierFacts, Grain, contribution, difference
from .models import AgencyAggregate, Aggregate, DossierTally

#: Who pays "online": the applicant on the portal, or the gateway's callback (not the counter's cash).
_ONLINE_PAYERS = (Actor.APPLICANT.value, Actor.SYSTEM.value)


#: The moments the statistics read of a dossier (the 6th to 9th columns of :func:`dossier_rows`).
MOMENTS = ("received_at", "appointment_at", "decided_at", "closed_at")


def dossier_rows(dossiers, moment=str):
    """The dossier columns the statistics read (one query, for one dossier or for all); ``moment`` gives
    what to select for each of :data:`MOMENTS` (the rebuild reads numbers rather than datetimes)."""
    return dossiers.values_list(
        "pk", "agency_id", "procedure_id", "channel", "state", *map(moment, MOMENTS), "result_delivery"
    )


def file_flags(dossiers: dict) -> tuple[set[int], set[int]]:
    """Of the dossiers ``dossiers`` names (as :func:`supplement_rows`), the ids of those with a component
    digitized at the counter and of those with a result file (one query, by the files' dossier index:
    a correlated ``EXISTS`` per dossier would have PostgreSQL hash the whole file table for every batch
    of a rebuild)."""
    digitized, results = set(), set()
    files = DossierFile.objects.filter(**dossiers).filter(
        Q(kind=DossierFile.Kind.COMPONENT, digitized=True) | Q(kind=DossierFile.Kind.RESULT)
    )
    for dossier_id, kind in files.values_list("dossier_id", "kind"):
        (results if kind == DossierFile.Kind.RESULT else digitized).add(dossier_id)
    return digitized, results


def supplement_rows(dossiers: dict):
    """``dossiers``: the lookups of the dossiers to read (``{"dossier_id__in": ids}`` or a pk range)."""
    return (
        SupplementRequest.objects.filter(**dossiers)
        .order_by("dossier_id", "requested_at", "pk")
        .values_list("dossier_id", "requested_at", "answered_at")
    )


def payment_rows(dossiers: dict):
    """(dossier id, when, whether online) of each recorded payment of fees."""
    payments = ProcessLogEntry.objects.filter(action=Action.PAY_FEES.value, **dossiers)
    for dossier_id, paid_at, role in payments.order_by("dossier_id", "at", "pk").values_list(
        "dossier_id", "at", "actor_role"
    ):
        yield dossier_id, paid_at, role in _ONLINE_PAYERS


def facts_from_rows(
    rows: Iterable[tuple], supplements: dict, payments: dict, files: tuple[set[int], set[int]]
) -> Iterator[tuple[int, DossierFacts]]:
    """``rows`` of :func:`dossier_rows` with their supplement requests, payments and :func:`file_flags`."""
    digitized, results = files
    for (
        pk,
        agency_id,
        procedure_id,
        channel,
        state,
        received_at,
        appointment_at,
        decided_at,
        closed_at,
        delivery,
    ) in rows:
        yield (
            pk,
            DossierFacts(
                agency_id=agency_id,
                procedure_id=procedure_id,
                channel=channel,
                state=state,
                received_at=received_at,
                appointment_at=appointment_at,
                decided_at=decided_at,
                closed_at=closed_at,
                result_by_post=delivery == ResultDelivery.POST,
                has_digitized_component=pk in digitized,
                has_result_file=pk in results,
                supplement_requests=tuple(supplements.get(pk, ())),
                payments=tuple(payments.get(pk, ())),
            ),
        )


def grouped(rows) -> dict[int, list]:
    grouped = defaultdict(list)
    for dossier_id, *values in rows:
        grouped[dossier_id].append(values[0] if len(values) == 1 else tuple(values))
    return grouped


def facts_of(dossier_ids: list[int]) -> dict[int, DossierFacts]:
    """The facts of the given dossiers, in four queries."""
    rows = dossier_rows(Dossier.objects.filter(pk__in=dossier_ids))
    among = {"dossier_id__in": dossier_ids}
    supplements = grouped(supplement_rows(among))
    payments = grouped(payment_rows(among))
    return dict(facts_from_rows(rows, supplements, payments, file_flags(among)))


def add_to_aggregates(changes: dict[AggregateKey, dict[str, int]]) -> None:
    """Add ``changes`` to the aggregate rows and to their agencies' (the procedures added together),
    creating the missing ones; in key order, the procedures' rows first, so that two transactions
    changing the same rows take their locks in one order and cannot deadlock."""
    by_agency: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (grain, start, agency_id, procedure_id, channel), amounts in sorted(changes.items()):
        _add(
            Aggregate, grain, start, amounts, agency_id=agency_id, procedure_id=procedure_id, channel=channel
        )
        for measure, amount in amounts.items():
            by_agency[(grain, start, agency_id, channel)][measure] += amount
    for (grain, start, agency_id, channel), amounts in sorted(by_agency.items()):
        _add(AgencyAggregate, grain, start, amounts, agency_id=agency_id, channel=channel)


def _add(model, grain: Grain, start, amounts: dict[str, int], **key) -> None:
    key.update(grain=grain.value, period_start=start)
    amounts = {measure: amount for measure, amount in amounts.items() if amount}
    if not amounts:
        return
    increments = {measure: F(measure) + amount for measure, amount in amounts.items()}
    if model.objects.filter(**key).update(**increments):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **amounts)
    except IntegrityError:  # another transaction created it meanwhile: add to theirs
        model.objects.filter(**key).update(**increments)


def refresh(dossier_ids: list[int], calendar: WorkingCalendar | None = None) -> None:
    """Count the given dossiers as they are now: add the difference to the aggregates and keep what
    each now adds. Runs in the caller's transaction (the dossier change's)."""
    calendar = calendar or province_calendar()
    facts = facts_of(dossier_ids)
    tallies = {tally.dossier_id: tally for tally in DossierTally.objects.filter(dossier_id__in=dossier_ids)}
    changes: dict[AggregateKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for dossier_id in sorted(dossier_ids):
        tally = tallies.get(dossier_id)
        old = Contribution.from_json(tally.counted) if tally else None
        new = contribution(facts[dossier_id], calendar) if dossier_id in facts else None
        if old == new or (not old and not new):
            continue
        for key, amounts in difference(old, new).items():
            for measure, amount in amounts.items():
                changes[key][measure] += amount
        if tally is None:
            DossierTally.objects.create(dossier_id=dossier_id, counted=new.to_json())
        else:
            DossierTally.objects.filter(pk=dossier_id).update(counted=new.to_json() if new else {})
    add_to_aggregates({key: dict(amounts) for key, amounts in changes.items() if any(amounts.values())})


def count_change(event) -> None:
    """Subscriber of ``DossierChanged``: the dossier is counted again in the change's transaction."""
    refresh([event.dossier_id])
