"""The dossiers behind a figure of a report: each candidate dossier's own contribution (its tally) is
summed over the period exactly as the aggregates are, and kept when the figure counts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from dossiers.models import Dossier

from .domain.contributions import Contribution, sums_over
from .domain.indicators import DossierFigures
from .queries import Scope
from .selection import Selection

#: At most this many dossiers are listed behind one figure (the newest first); the page says so.
LIST_LIMIT = 500


@dataclass(frozen=True)
class Behind:
    dossiers: list
    total: int
    truncated: bool


def _start_of(day) -> datetime:
    """Midnight of ``day`` in the province's time (the reports' days are Asia/Ho_Chi_Minh days)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _candidates(scope: Scope, selection: Selection):
    """Every dossier that may count in the period: received (or refused) before its end, and open, or
    changed or due from a day before its start on (a dossier finished and untouched before the period
    adds nothing to it)."""
    period = selection.period
    end = _start_of(period.last + timedelta(days=1))
    since = _start_of(period.first - timedelta(days=1))
    dossiers = Dossier.objects.exclude(state="draft").filter(
        Q(received_at__lt=end) | Q(received_at__isnull=True, closed_at__lt=end)
    )
    dossiers = dossiers.filter(
        Q(closed_at__isnull=True) | Q(updated_at__gte=since) | Q(appointment_at__gte=since)
    )
    if scope.agency_ids is not None:
        dossiers = dossiers.filter(agency_id__in=sorted(scope.agency_ids))
    if scope.level:
        dossiers = dossiers.filter(agency__level=scope.level)
    if scope.sector_id is not None:
        dossiers = dossiers.filter(procedure__sector_id=scope.sector_id)
    if scope.procedure_id is not None:
        dossiers = dossiers.filter(procedure_id=scope.procedure_id)
    if scope.channel is not None:
        dossiers = dossiers.filter(channel=scope.channel)
    return dossiers


def counted_in(counted: dict, figure: str, selection: Selection) -> int:
    """How much one dossier's tally adds to ``figure`` over the selection's period."""
    contribution = Contribution.from_json(counted)
    if contribution is None:
        return 0
    period, before = sums_over(contribution, selection.period.first, selection.period.last)
    return getattr(DossierFigures(period=period, before=before), figure)


def dossiers_behind(figure: str, selection: Selection, *, limit: int = LIST_LIMIT) -> Behind:
    """The dossiers ``figure`` counts for the selection, newest reception first (at most ``limit``)."""
    from .models import DossierTally

    candidates = _candidates(selection.scope, selection).values_list("pk", flat=True)
    tallies = DossierTally.objects.filter(dossier_id__in=candidates).values_list("dossier_id", "counted")
    counted = [
        dossier_id for dossier_id, tally in tallies.iterator() if counted_in(tally, figure, selection) > 0
    ]
    listed = (
        Dossier.objects.filter(pk__in=counted)
        .select_related("procedure", "agency")
        .order_by("-received_at", "-pk")[:limit]
    )
    return Behind(dossiers=list(listed), total=len(counted), truncated=len(counted) > limit)
