"""The indicators' arithmetic, on the provinces' own published figures (no database)."""

from decimal import Decimal

from stats.domain.indicators import DossierFigures, Rate, ServiceLevelFigures


def test_rates_round_as_the_provinces_print_them():
    assert Rate(904, 2067).percent == Decimal("43.73")
    assert str(Rate(13680, 106434)) == "12,85 %"
    assert str(Rate(0, 0)) == "—" and Rate(0, 0).percent is None
    assert Rate(1, 8).percent == Decimal("12.50")


def test_the_reporting_form_from_sums():
    figures = DossierFigures(
        period={
            "received": 10,
            "received_online": 4,
            "resolved_early": 3,
            "resolved_on_time": 2,
            "resolved_late": 1,
            "rejected": 1,
            "withdrawn": 1,
            "stopped": 0,
            "overdue_started": 2,
            "overdue_ended": 1,
            "processing_minutes": 6 * 480 * 3,
        },
        before={
            "received": 20,
            "resolved_early": 10,
            "resolved_on_time": 4,
            "resolved_late": 1,
            "rejected": 1,
            "withdrawn": 0,
            "stopped": 0,
            "overdue_started": 3,
            "overdue_ended": 2,
        },
    )
    assert figures.carried_over == 4
    assert (figures.received_total, figures.received_direct_or_postal) == (14, 6)
    assert (figures.resolved_total, figures.ended_unresolved, figures.in_progress_total) == (6, 2, 6)
    assert (figures.in_progress_past_deadline, figures.in_progress_within_deadline) == (2, 4)
    assert figures.on_time_rate.percent == Decimal("83.33")
    assert figures.average_processing_days == Decimal("3.0")


def test_the_services_that_received_online_dossiers():
    services = ServiceLevelFigures(by_level={3: 385, 4: 196, 2: 100}, with_online_dossiers={3: 11, 4: 12})
    assert (services.used(3).numerator, services.used(3).denominator) == (11, 385)
    assert str(services.used(4)) == "6,12 %"
    assert services.online_services == 581
