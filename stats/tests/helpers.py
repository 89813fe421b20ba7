"""Building blocks of the statistics' tests: an agency with its officers, and the aggregates as data."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from catalog.tests.factories import AgencyFactory, procedure_with_details
from core.roles import Role
from dossiers.domain.errors import DomainError
from dossiers.tests.factories import OfficerFactory
from stats.models import MEASURE_FIELDS, Aggregate, DossierTally

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=9, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@dataclass
class Office:
    agency: object
    procedure: object
    counter: object
    specialist: object
    leader: object
    manager: object

    @property
    def officers(self):
        return [self.counter, self.specialist, self.leader, self.manager]


def office(**agency) -> Office:
    agency = AgencyFactory(**agency)
    procedure = procedure_with_details(agencies=[agency])
    people = {
        role: OfficerFactory(role=role, agency=agency)
        for role in (Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER, Role.MANAGER)
    }
    return Office(
        agency,
        procedure,
        people[Role.COUNTER_OFFICER],
        people[Role.SPECIALIST],
        people[Role.LEADER],
        people[Role.MANAGER],
    )


def aggregates() -> dict:
    """Every aggregate row with a non-zero measure, as plain data."""
    rows = {}
    for row in Aggregate.objects.values(
        "grain", "period_start", "agency_id", "procedure_id", "channel", *MEASURE_FIELDS
    ):
        key = (
            row.pop("grain"),
            row.pop("period_start"),
            row.pop("agency_id"),
            row.pop("procedure_id"),
            row.pop("channel"),
        )
        counts = {name: amount for name, amount in row.items() if amount}
        if counts:
            rows[key] = counts
    return rows


def tallies() -> dict:
    return {
        tally.dossier_id: tally.counted for tally in DossierTally.objects.all() if tally.counted.get("days")
    }


def try_action(dossier, user, action, **options):
    """Take ``action`` if it is allowed; returns whether it was."""
    from dossiers.services import perform

    try:
        perform(dossier, user, action, **options)
    except DomainError:
        return False
    return True
