"""The indicators the provinces publish, each defined once, with its formula.

The dossier figures follow the national reporting form for the results of handling procedures (per
agency, per period): received (carried over + new, online and direct-or-postal), resolved (early, on
time, late), in progress (within and past the deadline). They are computed from sums of the measures of
``contributions`` over the period (``period``) and over everything before it (``before``), so that a
report reads aggregates only, never the dossiers.

Identity kept by every row: ``received_total = resolved_total + ended_unresolved + in_progress_total``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .contributions import Measure

#: The measures whose sums before the period give the dossiers still open when it starts.
FINISHING = (
    Measure.RESOLVED_EARLY,
    Measure.RESOLVED_ON_TIME,
    Measure.RESOLVED_LATE,
    Measure.REJECTED,
    Measure.WITHDRAWN,
    Measure.STOPPED,
)
STOCK_MEASURES = (Measure.RECEIVED, *FINISHING, Measure.OVERDUE_STARTED, Measure.OVERDUE_ENDED)


@dataclass(frozen=True)
class Rate:
    """``numerator / denominator`` as a share; ``None`` (shown "—") when nothing was counted."""

    numerator: int
    denominator: int

    @property
    def value(self) -> Decimal | None:
        if not self.denominator:
            return None
        return Decimal(self.numerator) / Decimal(self.denominator)

    @property
    def percent(self) -> Decimal | None:
        """Rounded to two decimals, half up, as the provinces print it (904 / 2,067 = 43.73 %)."""
        value = self.value
        return None if value is None else (value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def __str__(self) -> str:
        percent = self.percent
        return "—" if percent is None else f"{percent:.2f}".replace(".", ",") + " %"


@dataclass(frozen=True)
class DossierFigures:
    """The dossier indicators of one row of a report (an agency, a sector, a procedure, … or a total).

    ``period`` holds the sums of each measure over the period, plus ``received_online`` (the received
    ones of channel 2); ``before`` the sums of :data:`STOCK_MEASURES` over every day before it.
    """

    period: Mapping[str, int]
    before: Mapping[str, int]
    minutes_per_working_day: int = 480

    def _p(self, measure: Measure | str) -> int:
        return int(self.period.get(str(measure)) or 0)

    def _b(self, measure: Measure | str) -> int:
        return int(self.before.get(str(measure)) or 0)

    # Received -------------------------------------------------------------------------------------
    @property
    def carried_over(self) -> int:
        """Received before the period and not finished (resolved, rejected, withdrawn or stopped)
        before it: ``Σ received − Σ finishing`` over the days before the period."""
        return self._b(Measure.RECEIVED) - sum(self._b(measure) for measure in FINISHING)

    @property
    def received_new(self) -> int:
        """Received during the period, every channel."""
        return self._p(Measure.RECEIVED)

    @property
    def received_online(self) -> int:
        """Received during the period from online submissions (channel 2)."""
        return self._p("received_online")

    @property
    def received_direct_or_postal(self) -> int:
        """Received during the period at the counter or by post (channels 1 and 3)."""
        return self.received_new - self.received_online

    @property
    def received_total(self) -> int:
        """To handle in the period: ``carried_over + received_new``."""
        return self.carried_over + self.received_new

    # Resolved -------------------------------------------------------------------------------------
    @property
    def resolved_early(self) -> int:
        """Decided on a day before the appointment's day."""
        return self._p(Measure.RESOLVED_EARLY)

    @property
    def resolved_on_time(self) -> int:
        """Decided on the appointment's day, by its time."""
        return self._p(Measure.RESOLVED_ON_TIME)

    @property
    def resolved_late(self) -> int:
        """Decided after the appointment."""
        return self._p(Measure.RESOLVED_LATE)

    @property
    def resolved_total(self) -> int:
        """``resolved_early + resolved_on_time + resolved_late``."""
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def ended_unresolved(self) -> int:
        """Returned to the applicant or withdrawn without a result during the period: rejected after
        reception, withdrawn, or processing stopped."""
        return self.rejected + self.withdrawn + self.stopped

    # In progress ----------------------------------------------------------------------------------
    @property
    def in_progress_total(self) -> int:
        """Open at the end of the period: ``received_total − resolved_total − ended_unresolved``."""
        return self.received_total - self.resolved_total - self.ended_unresolved

    @property
    def in_progress_past_deadline(self) -> int:
        """Open at the end of the period with the appointment passed:
        ``Σ overdue_started − Σ overdue_ended`` up to the period's last day. Waiting states (a
        supplement or the fees awaited) are on this side only once their appointment has passed."""
        started = self._b(Measure.OVERDUE_STARTED) + self._p(Measure.OVERDUE_STARTED)
        ended = self._b(Measure.OVERDUE_ENDED) + self._p(Measure.OVERDUE_ENDED)
        return started - ended

    @property
    def in_progress_within_deadline(self) -> int:
        """Open at the end of the period, the appointment not passed (waiting states included):
        ``in_progress_total − in_progress_past_deadline``."""
        return self.in_progress_total - self.in_progress_past_deadline

    # Other counts ---------------------------------------------------------------------------------
    @property
    def rejected(self) -> int:
        """Received, then refused with a reason, during the period."""
        return self._p(Measure.REJECTED)

    @property
    def withdrawn(self) -> int:
        """Withdrawn at the applicant's request during the period."""
        return self._p(Measure.WITHDRAWN)

    @property
    def stopped(self) -> int:
        """Processing stopped during the period."""
        return self._p(Measure.STOPPED)

    @property
    def not_accepted(self) -> int:
        """Online submissions refused by the counter before reception during the period."""
        return self._p(Measure.NOT_ACCEPTED)

    @property
    def supplement_requests(self) -> int:
        """Supplement requests made during the period (each request once)."""
        return self._p(Measure.SUPPLEMENT_REQUESTS)

    @property
    def results_returned(self) -> int:
        """Results handed to the applicant during the period (counter, online or post)."""
        return self._p(Measure.RESULTS_RETURNED)

    @property
    def returned_by_post(self) -> int:
        """Results returned by public postal service (BCCI) during the period."""
        return self._p(Measure.RETURNED_BY_POST)

    @property
    def fees_paid(self) -> int:
        """Payments of the fees an agency asked for, during the period (online or at the counter)."""
        return self._p(Measure.FEES_PAID)

    @property
    def paid_online(self) -> int:
        """Fee payments made online during the period."""
        return self._p(Measure.PAID_ONLINE)

    @property
    def digitized(self) -> int:
        """Dossiers received during the period with at least one component digitized at the counter."""
        return self._p(Measure.DIGITIZED)

    @property
    def electronic_results(self) -> int:
        """Dossiers resolved during the period whose result is kept electronically."""
        return self._p(Measure.ELECTRONIC_RESULTS)

    # Rates ----------------------------------------------------------------------------------------
    @property
    def on_time_rate(self) -> Rate:
        """``(resolved_early + resolved_on_time) / resolved_total`` (e.g. 99.21 %)."""
        return Rate(self.resolved_early + self.resolved_on_time, self.resolved_total)

    @property
    def online_rate(self) -> Rate:
        """``received_online / received_new`` (e.g. 13,680 / 106,434 = 12.85 %)."""
        return Rate(self.received_online, self.received_new)

    @property
    def online_payment_rate(self) -> Rate:
        """``paid_online / fees_paid``."""
        return Rate(self.paid_online, self.fees_paid)

    @property
    def dossier_digitization_rate(self) -> Rate:
        """``digitized / received_new``."""
        return Rate(self.digitized, self.received_new)

    @property
    def result_digitization_rate(self) -> Rate:
        """``electronic_results / resolved_total`` (e.g. 52.78 %)."""
        return Rate(self.electronic_results, self.resolved_total)

    @property
    def average_processing_days(self) -> Decimal | None:
        """Working days from reception to decision, the clock's stops for a supplement left out, on
        average over the dossiers resolved in the period: ``Σ processing minutes / resolved_total /
        minutes of a working day``, to one decimal; ``None`` when none was resolved."""
        if not self.resolved_total:
            return None
        minutes = Decimal(self._p(Measure.PROCESSING_MINUTES))
        days = minutes / self.resolved_total / self.minutes_per_working_day
        return days.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ServiceLevelFigures:
    """The catalog's indicators for a set of procedures (a province, an agency).

    ``by_level`` counts the procedures per online service level (1–4); ``with_online_dossiers`` counts,
    per level, those of them that received at least one online dossier in the period.
    """

    by_level: Mapping[int, int]
    with_online_dossiers: Mapping[int, int]
    #: Administrative level (at which the procedure is performed) → service level → procedures.
    by_administrative_level: Mapping[str, Mapping[int, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_level.values())

    def count(self, level: int) -> int:
        return int(self.by_level.get(level, 0))

    @property
    def level_3_share(self) -> Rate:
        """Procedures at level 3 / all procedures."""
        return Rate(self.count(3), self.total)

    @property
    def level_4_share(self) -> Rate:
        """Procedures at level 4 / all procedures (e.g. 904 / 2,067 = 43.73 %)."""
        return Rate(self.count(4), self.total)

    @property
    def full_process(self) -> int:
        """Full-process online services (Decree 42/2022): the level-4 procedures."""
        return self.count(4)

    @property
    def partial(self) -> int:
        """Partial online services: the level-3 procedures."""
        return self.count(3)

    @property
    def online_services(self) -> int:
        """Procedures offered online (level 3 or 4)."""
        return self.partial + self.full_process

    def administrative_levels(self) -> list[tuple[str, list[int], int]]:
        """(administrative level, procedures at service levels 1–4, total) for a table."""
        return [
            (level, [int(counts.get(service, 0)) for service in (1, 2, 3, 4)], sum(counts.values()))
            for level, counts in self.by_administrative_level.items()
        ]

    def used(self, level: int) -> Rate:
        """Procedures of ``level`` that received an online dossier in the period / those deployed
        (e.g. 12 / 196 at level 4)."""
        return Rate(int(self.with_online_dossiers.get(level, 0)), self.count(level))
