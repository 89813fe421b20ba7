"""Migration 0004 fills the waiting role of dossiers that existed before it."""

import pytest

from core.roles import Role
from dossiers.domain.lifecycle import Action
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.migrating import after_migrating

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("dossiers", "0003_drafts_and_consultation")]
AFTER = [("dossiers", "0004_role_inbox_and_received_components")]


def test_existing_dossiers_get_their_waiting_role():
    counter = OfficerFactory()
    received = received_dossier(counter)
    at_specialist = received_dossier(counter, received.procedure)
    perform(at_specialist, counter, Action.ASSIGN)
    perform(at_specialist, counter, Action.FORWARD)
    approved = received_dossier(counter, received.procedure)
    for action in (Action.ASSIGN, Action.FORWARD):
        perform(approved, counter, action)
    perform(approved, OfficerFactory(agency=counter.agency, role=Role.SPECIALIST), Action.FORWARD)
    perform(approved, OfficerFactory(agency=counter.agency, role=Role.LEADER), Action.APPROVE)
    rejected = received_dossier(counter, received.procedure)
    perform(rejected, counter, Action.REJECT, comment="Lý do")
    roles = after_migrating(
        BEFORE,
        AFTER,
        lambda apps: dict(apps.get_model("dossiers", "Dossier").objects.values_list("pk", "current_role")),
    )
    assert roles == {
        received.pk: "counter_officer",
        at_specialist.pk: "specialist",
        approved.pk: "leader",
        rejected.pk: "",
    }
