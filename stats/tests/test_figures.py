"""Every indicator and every slice, on a hand-built province whose figures are worked out by hand.

March 2026 in two agencies (working hours 07:30–11:30, 13:00–17:00; the procedure takes 5 working days):

=====  ======  =======  ==============  ===========================================================
code   agency  channel  received        what happens
=====  ======  =======  ==============  ===========================================================
a0     A       direct   Mon 05/01 09:00 resolved Wed 07/01 (early): before March entirely
a1     A       direct   Mon 23/02 09:00 due Mon 02/03 09:00; resolved 02/03 08:00 (on time); returned
                                        by post Tue 03/03
a2     A       online   Mon 02/03 09:00 due 09/03; resolved Thu 05/03 10:00 (early) with a result file;
                                        returned at the counter Fri 06/03; fees paid online on 03/03
a3     A       postal   Tue 03/03 09:00 due 10/03 09:00; still with the specialist at the end of March
                                        (past its deadline); two components digitized at reception
a4     A       direct   Wed 04/03 09:00 rejected 04/03 10:00
a5     A       direct   Wed 01/04 09:00 after March
b1     B       online   Mon 16/03 09:00 supplement asked Tue 17/03 09:00, given Wed 18/03 09:00;
                                        resolved Tue 31/03 16:00 (late)
b2     B       direct   Mon 30/03 09:00 in progress, due 06/04 (within the deadline)
b3     B       direct   Fri 20/03 09:00 withdrawn 20/03 10:00
b4     B       direct   Tue 10/03 09:00 processing stopped Wed 11/03 09:00
b5     B       online   submitted 12/03, not accepted by the counter Thu 12/03 10:00
=====  ======  =======  ==============  ===========================================================
"""

from decimal import Decimal

import pytest

from catalog.constants import AdministrativeLevel
from dossiers.constants import Channel
from stats.domain.periods import Period, PeriodKind
from stats.queries import GroupBy, Scope, dossier_table
from stats.tests.helpers import at

pytestmark = pytest.mark.django_db

MARCH = Period.of(PeriodKind.MONTH, 2026, 3)


def figures_of(table):
    return {row.label: row.figures for row in table.rows}


def form(figures):
    """The reporting form's columns."""
    return (
        figures.received_total,
        figures.carried_over,
        figures.received_online,
        figures.received_direct_or_postal,
        figures.resolved_total,
        figures.resolved_early,
        figures.resolved_on_time,
        figures.resolved_late,
        figures.in_progress_total,
        figures.in_progress_within_deadline,
        figures.in_progress_past_deadline,
    )


def test_the_province_in_march(province):
    total = dossier_table(MARCH, group_by=None).total
    assert form(total) == (8, 1, 2, 5, 3, 1, 1, 1, 2, 1, 1)
    assert total.received_new == 7
    assert (total.rejected, total.withdrawn, total.stopped, total.ended_unresolved) == (1, 1, 1, 3)
    assert total.not_accepted == 1
    assert total.supplement_requests == 1
    assert (total.results_returned, total.returned_by_post) == (2, 1)
    assert (total.fees_paid, total.paid_online, str(total.online_payment_rate)) == (1, 1, "100,00 %")
    assert total.digitized == 1 and str(total.dossier_digitization_rate) == "14,29 %"
    assert total.electronic_results == 1 and str(total.result_digitization_rate) == "33,33 %"
    assert total.on_time_rate.percent == Decimal("66.67")
    assert total.online_rate.percent == Decimal("28.57")
    assert total.received_total == total.resolved_total + total.ended_unresolved + total.in_progress_total


def test_the_average_processing_time_leaves_the_supplement_out(province):
    # a1: 23/02 09:00 → 02/03 08:00 = 6.5 h + 4 × 8 h + 0.5 h = 39 h; a2: 02/03 09:00 → 05/03 10:00 =
    # 6.5 + 8 + 8 + 2.5 = 25 h; b1: 16/03 09:00 → 31/03 16:00 = 6.5 + 10 × 8 + 7 = 93.5 h, less the
    # supplement's 8 h (17/03 09:00 → 18/03 09:00) = 85.5 h. (39 + 25 + 85.5) / 3 / 8 = 6.23 days.
    assert dossier_table(MARCH, group_by=None).total.average_processing_days == Decimal("6.2")


def test_march_per_agency_level_sector_procedure_and_channel(province):
    a, b = province
    by_agency = figures_of(dossier_table(MARCH, group_by=GroupBy.AGENCY))
    assert form(by_agency["Sở Tư pháp"]) == (4, 1, 1, 2, 2, 1, 1, 0, 1, 0, 1)
    assert form(by_agency["UBND xã An Bình"]) == (4, 0, 1, 3, 1, 0, 0, 1, 1, 1, 0)
    assert by_agency["UBND xã An Bình"].ended_unresolved == 2
    by_level = {row.key: row.figures for row in dossier_table(MARCH, group_by=GroupBy.LEVEL).rows}
    assert form(by_level[AdministrativeLevel.PROVINCE]) == form(by_agency["Sở Tư pháp"])
    assert form(by_level[AdministrativeLevel.COMMUNE]) == form(by_agency["UBND xã An Bình"])
    by_sector = figures_of(dossier_table(MARCH, group_by=GroupBy.SECTOR))
    assert form(by_sector["Hộ tịch"]) == form(by_agency["Sở Tư pháp"])
    assert form(by_sector["Chứng thực"]) == form(by_agency["UBND xã An Bình"])
    by_procedure = {row.key: row.figures for row in dossier_table(MARCH, group_by=GroupBy.PROCEDURE).rows}
    assert form(by_procedure[a.procedure.pk]) == form(by_agency["Sở Tư pháp"])
    assert form(by_procedure[b.procedure.pk]) == form(by_agency["UBND xã An Bình"])
    channels = {row.key: row.figures for row in dossier_table(MARCH, group_by=GroupBy.CHANNEL).rows}
    assert form(channels[Channel.DIRECT]) == (5, 1, 0, 4, 1, 0, 1, 0, 1, 1, 0)
    assert form(channels[Channel.ONLINE]) == (2, 0, 2, 0, 2, 1, 0, 1, 0, 0, 0)
    assert form(channels[Channel.POSTAL]) == (1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1)


def test_a_scope_counts_only_its_dossiers(province):
    a, b = province
    only_a = dossier_table(MARCH, Scope(agency_ids=frozenset({a.agency.pk})), group_by=None).total
    assert form(only_a) == (4, 1, 1, 2, 2, 1, 1, 0, 1, 0, 1)
    communes = dossier_table(MARCH, Scope(level=AdministrativeLevel.COMMUNE), group_by=None).total
    assert form(communes) == (4, 0, 1, 3, 1, 0, 0, 1, 1, 1, 0)
    online_b = dossier_table(
        MARCH, Scope(procedure_id=b.procedure.pk, channel=Channel.ONLINE), group_by=None
    ).total
    assert form(online_b) == (1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0)


def test_other_periods(province):
    february = dossier_table(Period.of(PeriodKind.MONTH, 2026, 2), group_by=None).total
    assert form(february) == (1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0)
    quarter = dossier_table(Period.of(PeriodKind.QUARTER, 2026, 1), group_by=None).total
    assert form(quarter) == (9, 0, 2, 7, 4, 2, 1, 1, 2, 1, 1)
    half = dossier_table(Period.of(PeriodKind.HALF, 2026, 1), group_by=None).total
    # a5 (received 01/04, due 08/04) and b2 (due 06/04) are past their deadline by 30/06, with a3.
    assert form(half) == (10, 0, 2, 8, 4, 2, 1, 1, 3, 0, 3)
    year = dossier_table(Period.of(PeriodKind.YEAR, 2026), group_by=None).total
    assert form(year) == form(half)
    days = dossier_table(Period(at(2026, 3, 2).date(), at(2026, 3, 4).date()), group_by=None).total
    # 02/03–04/03: a1 carried over and resolved on time; a2, a3, a4 received; a4 rejected.
    assert form(days) == (4, 1, 1, 2, 1, 0, 1, 0, 2, 2, 0)
    assert days.rejected == 1


def test_the_dossiers_behind_each_figure_are_as_many_as_it_counts(province):
    from stats.drill import dossiers_behind
    from stats.selection import Selection
    from stats.tables import DRILLABLE

    for period in (
        MARCH,
        Period.of(PeriodKind.QUARTER, 2026, 1),
        Period(at(2026, 3, 2).date(), at(2026, 3, 4).date()),
    ):
        table = dossier_table(period, group_by=GroupBy.AGENCY)
        for row in table.rows:
            selection = Selection(period, Scope(agency_ids=frozenset({row.key})), GroupBy.AGENCY)
            for figure in DRILLABLE:
                behind = dossiers_behind(figure, selection)
                expected = getattr(row.figures, figure)
                # A dossier counts once in each figure except the supplement requests (one per request).
                assert len(behind.dossiers) == expected or figure == "supplement_requests", (
                    period,
                    row.label,
                    figure,
                )


def test_the_late_dossier_behind_the_figure(province):
    from stats.drill import dossiers_behind
    from stats.selection import Selection

    late = dossiers_behind("resolved_late", Selection(MARCH, Scope(), GroupBy.AGENCY))
    assert [dossier.agency.name for dossier in late.dossiers] == ["UBND xã An Bình"]
    past = dossiers_behind("in_progress_past_deadline", Selection(MARCH, Scope(), GroupBy.AGENCY))
    assert [dossier.channel for dossier in past.dossiers] == [Channel.POSTAL]
