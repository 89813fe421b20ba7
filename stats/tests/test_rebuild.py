"""rebuild_stats writes exactly every dossier's contribution added up: the aggregates ``add_up`` gives and
the incremental tally keeps, the tallies ``contribution`` gives, whatever the batch size (run on SQLite
and on PostgreSQL)."""

from datetime import date

import pytest

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.clock import province_calendar
from dossiers.constants import Channel, ResultDelivery
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierFile, ProcessLogEntry
from dossiers.services import Applicant, Reception, perform, receive_at_counter
from stats.domain.contributions import add_up, contribution
from stats.models import AgencyAggregate, Aggregate, DossierTally
from stats.rebuild import Rebuilt, rebuild
from stats.tally import facts_of
from stats.tests.helpers import aggregates, by_agency, office, tallies
from stats.tests.helpers import at as moment

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    """A moment of March 2026 (2 March 2026 is a Monday)."""
    return moment(2026, 3, day, hour, minute)


def receive(place, now, **reception):
    applicant = Applicant(name="Trần Văn Bình", id_number="022301004567", phone="0912345678")
    reception = Reception(procedure=place.procedure, applicant=applicant, **reception)
    return receive_at_counter(place.counter, reception, now=now)


def add_file(dossier, kind, digitized=False):
    DossierFile.objects.create(
        dossier=dossier,
        kind=kind,
        file=f"dossiers/test-{dossier.pk}-{kind}.pdf",
        original_name="scan.pdf",
        content_type="application/pdf",
        size=1000,
        digitized=digitized,
    )


def through_the_process(place, dossier, decided_at, returned_at):
    perform(dossier, place.counter, Action.ASSIGN, now=dossier.received_at)
    perform(dossier, place.counter, Action.FORWARD, now=dossier.received_at)
    perform(dossier, place.specialist, Action.FORWARD, now=decided_at)
    perform(dossier, place.leader, Action.APPROVE, comment="Đồng ý", now=decided_at)
    perform(dossier, place.specialist, Action.ISSUE_RESULT, now=decided_at)
    perform(dossier, place.counter, Action.RETURN_RESULT, now=returned_at)


@pytest.fixture
def dossiers():
    """Five dossiers of one procedure (5 working days): resolved early with a digitized component,
    returned by post; resolved late with its result as a file and the fees paid online; rejected;
    awaiting a supplement; received by post and withdrawn."""
    place = office()
    early = receive(place, at(2, 8), result_delivery=ResultDelivery.POST, delivery_address="Số 1 Lê Lợi")
    add_file(early, DossierFile.Kind.COMPONENT, digitized=True)
    through_the_process(place, early, decided_at=at(4, 14), returned_at=at(5, 9))
    late = receive(place, at(2, 9))
    add_file(late, DossierFile.Kind.RESULT)
    ProcessLogEntry.objects.create(
        dossier=late, at=at(3, 10), action=Action.PAY_FEES, actor_role=Role.CITIZEN, to_state="in_progress"
    )
    through_the_process(place, late, decided_at=at(10, 10), returned_at=at(11, 9))
    rejected = receive(place, at(3, 10))
    perform(rejected, place.counter, Action.REJECT, comment="Không thuộc thẩm quyền", now=at(3, 11))
    waiting = receive(place, at(4, 8))
    perform(waiting, place.counter, Action.ASSIGN, now=at(4, 8))
    perform(waiting, place.counter, Action.FORWARD, now=at(4, 9))
    perform(
        waiting,
        place.specialist,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": "CCCD"}],
        now=at(4, 10),
    )
    withdrawn = receive(place, at(5, 8), channel=Channel.POSTAL)
    perform(withdrawn, place.counter, Action.WITHDRAW, comment="Người nộp rút hồ sơ", now=at(6, 9))
    return [early, late, rejected, waiting, withdrawn]


def test_the_rebuild_gives_what_the_incremental_tally_keeps(dossiers):
    kept_aggregates, kept_tallies = aggregates(), tallies()
    assert len(kept_tallies) == 5

    rebuilt = rebuild(batch=2)

    assert rebuilt.dossiers == 5
    assert rebuilt.aggregates == Aggregate.objects.count() == len(kept_aggregates)
    assert aggregates() == kept_aggregates
    assert aggregates(AgencyAggregate) == by_agency(kept_aggregates)
    assert tallies() == kept_tallies


def test_the_rebuild_adds_up_every_contribution(dossiers):
    calendar = province_calendar()
    counted = {pk: contribution(facts, calendar) for pk, facts in facts_of([d.pk for d in dossiers]).items()}

    rebuild(batch=3)

    expected = {
        (grain.value, start, agency, procedure, channel): amounts
        for (grain, start, agency, procedure, channel), amounts in add_up(counted.values()).items()
    }
    assert aggregates() == expected
    assert tallies() == {pk: counted.to_json() for pk, counted in counted.items()}
    # One procedure: the agency's rows are the procedure's.
    assert aggregates(AgencyAggregate) == {
        (grain, start, agency, channel): amounts
        for (grain, start, agency, _p, channel), amounts in expected.items()
    }
    agency, procedure = dossiers[0].agency_id, dossiers[0].procedure_id
    direct = expected[("y", date(2026, 1, 1), agency, procedure, Channel.DIRECT)]
    postal = expected[("y", date(2026, 1, 1), agency, procedure, Channel.POSTAL)]
    assert direct == {
        "received": 4,
        "resolved_early": 1,
        "resolved_late": 1,
        # Office time: Mon 08:00 to Wed 14:00 (20.5 h), and Mon 09:00 to the next Tuesday 10:00 (49 h).
        "processing_minutes": (20.5 + 49) * 60,
        "rejected": 1,
        "overdue_started": 2,  # the late one, and the one awaiting a supplement (appointment 11 March)
        "overdue_ended": 1,
        "supplement_requests": 1,
        "digitized": 1,
        "electronic_results": 1,
        "results_returned": 2,
        "returned_by_post": 1,
        "fees_paid": 1,
        "paid_online": 1,
    }
    assert postal == {"received": 1, "withdrawn": 1}
    # Days and months add up to the year: received Monday 2 March (2), Tuesday 3, Wednesday 4, Thursday 5.
    march = expected[("m", date(2026, 3, 1), agency, procedure, Channel.DIRECT)]
    assert march == direct
    assert expected[("d", date(2026, 3, 2), agency, procedure, Channel.DIRECT)]["received"] == 2


def test_the_batch_size_changes_nothing(dossiers):
    rebuild(batch=1)
    one_by_one = aggregates(), tallies()
    rebuild(batch=1000)
    assert (aggregates(), tallies()) == one_by_one


def test_the_rebuild_replaces_what_was_there(dossiers):
    other = procedure_with_details(agencies=[dossiers[0].agency])
    stale = {"grain": "d", "period_start": date(2020, 1, 1), "agency": dossiers[0].agency, "channel": 1}
    Aggregate.objects.create(**stale, procedure=other, received=9)
    AgencyAggregate.objects.create(**stale, received=9)
    DossierTally.objects.filter(dossier=dossiers[2]).update(counted={"key": [1, 1, 1], "days": {}})

    rebuild()

    assert not Aggregate.objects.filter(procedure=other).exists()
    assert not AgencyAggregate.objects.filter(period_start=date(2020, 1, 1)).exists()
    assert DossierTally.objects.get(dossier=dossiers[2]).counted["key"] == [
        dossiers[2].agency_id,
        dossiers[2].procedure_id,
        Channel.DIRECT,
    ]


def test_the_facts_see_digitized_components_and_result_files(dossiers):
    early, late, rejected, *_ = dossiers
    add_file(rejected, DossierFile.Kind.COMPONENT, digitized=False)  # scanned online: not digitized
    facts = facts_of([early.pk, late.pk, rejected.pk])
    assert [(facts[d.pk].has_digitized_component, facts[d.pk].has_result_file) for d in dossiers[:3]] == [
        (True, False),
        (False, True),
        (False, False),
    ]


def test_no_dossier_no_aggregate():
    assert rebuild() == Rebuilt(dossiers=0, aggregates=0)
    assert not Aggregate.objects.exists()
    assert not Dossier.objects.exists()
