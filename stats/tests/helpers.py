"""Building blocks of the statistics' tests: an agency with its officers, and the aggregates as data."""

from collections import defaultdict
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


def aggregates(model=Aggregate) -> dict:
    """Every aggregate row with a non-zero measure, as plain data (of ``AgencyAggregate``: the agencies')."""
    keys = ("grain", "period_start", "agency_id", "procedure_id", "channel")
    keys = tuple(key for key in keys if key != "procedure_id" or model is Aggregate)
    rows = {}
    for row in model.objects.values(*keys, *MEASURE_FIELDS):
        key = tuple(row.pop(name) for name in keys)
        counts = {name: amount for name, amount in row.items() if amount}
        if counts:
            rows[key] = counts
    return rows


def by_agency(rows: dict) -> dict:
    """:func:`aggregates` with the procedures added together: what the agencies' rows must hold."""
    added = defaultdict(lambda: defaultdict(int))
    for (grain, start, agency_id, _procedure_id, channel), counts in rows.items():
        for name, amount in counts.items():
            added[(grain, start, agency_id, channel)][name] += amount
    return {
        key: {n: a for n, a in counts.items() if a} for key, counts in added.items() if any(counts.values())
    }


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
