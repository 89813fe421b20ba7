"""A small province with a few dossiers of February and March 2026, driven through the real actions
(the statistics' tally counts each of them as it happens).

Agencies and their published procedures (service level in brackets):

* Sở Tư pháp: the shared procedure (4), its own (3) and one at level 2;
* Sở Xây dựng: the shared procedure (4) and its own (4);
* UBND xã Hạ Long (commune): one procedure (4), no dossiers.

Dossiers (5 working days each; 2 March 2026 is a Monday):

=  ==========  =======  ==========================  ============================================
#  agency      channel  received                    what happened
=  ==========  =======  ==========================  ============================================
1  Tư pháp     counter  Mon 2 Mar 08:00 (shared)    approved Wed 4 Mar: early (due Mon 9 Mar)
2  Tư pháp     online   Tue 3 Mar 09:00 (shared)    approved Tue 10 Mar 08:30: on time (due 09:00)
3  Tư pháp     online   Wed 4 Mar 09:00 (own, L3)   approved Thu 12 Mar: late (due Wed 11 Mar)
4  Tư pháp     counter  Thu 26 Feb 08:00 (own, L3)  open: carried over, past its deadline (5 Mar)
5  Xây dựng    counter  Mon 30 Mar 08:00 (own)      open, within its deadline (Mon 6 Apr)
6  Xây dựng    counter  Mon 2 Mar 09:00 (shared)    approved Thu 12 Mar: late (due Mon 9 Mar)
7  Xây dựng    counter  Thu 5 Mar 08:00 (own)       processing stopped Fri 6 Mar
=  ==========  =======  ==========================  ============================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from catalog.constants import AdministrativeLevel
from catalog.tests.factories import AgencyFactory, ProcedureFactory, procedure_with_details
from core.roles import Role
from dossiers.constants import Channel
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import allocate_code, appointment_for, perform, province_calendar
from dossiers.tests.factories import OfficerFactory, received_dossier

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=HANOI)


@dataclass
class Staff:
    counter: object
    specialist: object
    leader: object


def staff(agency) -> Staff:
    return Staff(
        OfficerFactory(agency=agency, role=Role.COUNTER_OFFICER),
        OfficerFactory(agency=agency, role=Role.SPECIALIST),
        OfficerFactory(agency=agency, role=Role.LEADER),
    )


def submitted_online(people: Staff, procedure, submitted_at, received_at) -> Dossier:
    """A dossier submitted on the portal and received by the counter."""
    agency = people.counter.agency
    appointment = appointment_for(procedure, submitted_at, province_calendar())
    dossier = Dossier.objects.create(
        code=allocate_code(agency, submitted_at),
        procedure=procedure,
        agency=agency,
        channel=Channel.ONLINE,
        state=State.SUBMITTED,
        applicant_name="Trần Văn An",
        applicant_id_number="001085123456",
        submitted_at=submitted_at,
        appointment_at=appointment,
        original_appointment_at=appointment,
    )
    perform(dossier, people.counter, Action.RECEIVE, now=received_at)
    return dossier


def approve(dossier, people: Staff, assigned_at, forwarded_at, approved_at) -> None:
    """Through the three steps: the counter's, the specialist's, the leader's decision."""
    perform(dossier, people.counter, Action.ASSIGN, now=assigned_at)
    perform(dossier, people.counter, Action.FORWARD, now=assigned_at)
    perform(dossier, people.specialist, Action.FORWARD, now=forwarded_at)
    perform(dossier, people.leader, Action.APPROVE, now=approved_at)


@dataclass
class Province:
    justice: object
    construction: object
    commune: object


def build_province() -> Province:
    justice = AgencyFactory(name="Sở Tư pháp")
    construction = AgencyFactory(name="Sở Xây dựng")
    commune = AgencyFactory(name="UBND xã Hạ Long", level=AdministrativeLevel.COMMUNE)
    shared = procedure_with_details(agencies=[justice, construction], service_level=4)
    justice_own = procedure_with_details(agencies=[justice], service_level=3)
    ProcedureFactory(agencies=[justice], service_level=2)
    construction_own = procedure_with_details(agencies=[construction], service_level=4)
    ProcedureFactory(agencies=[commune], service_level=4)
    at_justice, at_construction = staff(justice), staff(construction)

    first = received_dossier(at_justice.counter, shared, now=at(3, 2, 8))
    approve(first, at_justice, at(3, 2, 8, 30), at(3, 3, 9), at(3, 4, 10))
    second = submitted_online(at_justice, shared, at(3, 3, 9), at(3, 3, 9, 30))
    approve(second, at_justice, at(3, 3, 10), at(3, 9, 9), at(3, 10, 8, 30))
    third = submitted_online(at_justice, justice_own, at(3, 4, 9), at(3, 4, 10))
    approve(third, at_justice, at(3, 4, 10, 30), at(3, 11, 8), at(3, 12, 9))
    received_dossier(at_justice.counter, justice_own, now=at(2, 26, 8))

    received_dossier(at_construction.counter, construction_own, now=at(3, 30, 8))
    sixth = received_dossier(at_construction.counter, shared, now=at(3, 2, 9))
    approve(sixth, at_construction, at(3, 2, 9, 30), at(3, 11, 9), at(3, 12, 10))
    seventh = received_dossier(at_construction.counter, construction_own, now=at(3, 5, 8))
    perform(
        seventh,
        at_construction.leader,
        Action.STOP_PROCESSING,
        comment="Người nộp đề nghị dừng",
        now=at(3, 6, 9),
    )
    return Province(justice=justice, construction=construction, commune=commune)
