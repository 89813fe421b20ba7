"""Migration 0004 adds up the aggregates already counted into the agencies' rows."""

import pytest

from catalog.tests.factories import procedure_with_details
from dossiers.constants import Channel
from dossiers.domain.lifecycle import Action
from dossiers.services import Applicant, Reception, perform, receive_at_counter
from dossiers.tests.migrating import after_migrating
from stats.models import AgencyAggregate
from stats.tests.helpers import aggregates, at, by_agency, office

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("stats", "0003_agency_aggregates")]
AFTER = [("stats", "0004_agency_aggregates_from_aggregates")]


def test_the_agencies_rows_are_the_aggregates_added_up():
    place = office()
    other = procedure_with_details(agencies=[place.agency])
    applicant = Applicant(name="Trần Văn Bình", id_number="022088003456", phone="0903111222")
    for procedure, channel, hour in ((place.procedure, Channel.DIRECT, 8), (other, Channel.DIRECT, 9)):
        reception = Reception(procedure=procedure, applicant=applicant, channel=channel)
        dossier = receive_at_counter(place.counter, reception, now=at(2026, 3, 2, hour))
    perform(dossier, place.counter, Action.REJECT, comment="Không thuộc thẩm quyền", now=at(2026, 3, 3, 10))
    counted = aggregates()
    # Two procedures, one day and channel: the agency has one row where the procedures have two.
    assert len(by_agency(counted)) < len(counted)
    AgencyAggregate.objects.all().delete()  # as in a database counted before there were agencies' rows

    added = after_migrating(
        BEFORE, AFTER, lambda apps: aggregates(apps.get_model("stats", "AgencyAggregate"))
    )

    assert added == by_agency(counted) == aggregates(AgencyAggregate)
    assert added[("y", at(2026, 1, 1).date(), place.agency.pk, Channel.DIRECT)] == {
        "received": 2,
        "rejected": 1,
        "overdue_started": 1,  # the first one, still open on its appointment day (9 March)
    }
