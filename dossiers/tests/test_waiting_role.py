"""Whose inbox a dossier waits in: the pure rule and the stored column kept up to date by the services."""

import pytest

from core.roles import Role
from dossiers.domain.inbox import waiting_role
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import InboxScope, inbox_dossiers, perform

ROLES = ["counter_officer", "specialist", "leader"]


@pytest.mark.parametrize(
    ("state", "step", "roles", "expected"),
    [
        ("submitted", None, None, "counter_officer"),
        ("received", None, None, "counter_officer"),
        ("awaiting_supplement", 1, None, "counter_officer"),
        ("result_issued", None, None, "counter_officer"),
        ("in_progress", 1, ROLES, "specialist"),
        ("in_progress", 2, ROLES, "leader"),
        ("in_progress", 1, None, None),
        ("approved", None, ROLES, "leader"),
        ("inter_agency", 1, ROLES, ""),
        ("draft", None, None, ""),
        ("returned", None, None, ""),
        ("rejected", None, ROLES, ""),
    ],
)
def test_waiting_role(state, step, roles, expected):
    assert waiting_role(state, step, roles) == expected


@pytest.mark.django_db
def test_services_keep_the_role_up_to_date_and_inboxes_filter_on_it():
    from dossiers.tests.factories import OfficerFactory, received_dossier

    counter = OfficerFactory()
    agency = counter.agency
    specialist = OfficerFactory(agency=agency, role=Role.SPECIALIST)
    leader = OfficerFactory(agency=agency, role=Role.LEADER)
    manager = OfficerFactory(agency=agency, role=Role.MANAGER)
    dossier = received_dossier(counter)
    assert dossier.inbox_role == "counter_officer"
    perform(dossier, counter, Action.ASSIGN)  # step 1 is the counter's
    assert Dossier.objects.get().inbox_role == "counter_officer"
    perform(dossier, counter, Action.FORWARD)
    assert Dossier.objects.get().inbox_role == "specialist"
    assert list(inbox_dossiers(specialist)) == [dossier]
    assert list(inbox_dossiers(leader)) == []
    assert list(inbox_dossiers(counter)) == []
    assert list(inbox_dossiers(counter, InboxScope.ALL)) == [dossier]
    assert list(inbox_dossiers(manager)) == [dossier]
    perform(dossier, specialist, Action.FORWARD)
    assert list(inbox_dossiers(leader)) == [dossier]
    perform(dossier, leader, Action.APPROVE)
    perform(dossier, leader, Action.ISSUE_RESULT)
    assert list(inbox_dossiers(counter)) == [dossier]
    perform(dossier, counter, Action.RETURN_RESULT)
    assert Dossier.objects.get().inbox_role == ""
    other = OfficerFactory(role=Role.SPECIALIST)
    assert list(inbox_dossiers(other, InboxScope.ALL)) == []


@pytest.mark.django_db
def test_a_dossier_saved_as_submitted_waits_for_the_counter():
    from catalog.tests.factories import procedure_with_details
    from dossiers.constants import Channel
    from dossiers.tests.factories import OfficerFactory

    counter = OfficerFactory()
    draft = Dossier.objects.create(
        procedure=procedure_with_details(agencies=[counter.agency]),
        agency=counter.agency,
        channel=Channel.ONLINE,
        applicant_name="Trần Văn An",
        applicant_id_number="001085123456",
    )
    assert draft.inbox_role == ""
    draft.state = "submitted"
    draft.code = f"{counter.agency.code}-260302-0001"
    draft.save()
    assert list(inbox_dossiers(counter)) == [draft]
