"""Migration 0006 fills who took each existing hand-off over, as the services record it since."""

import pytest

from core.roles import Role
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, ProcessLogEntry
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.migrating import after_migrating

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("dossiers", "0005_rename_current_role_to_inbox_role")]
AFTER = [("dossiers", "0006_log_to_officer_and_new_appointment")]


def test_existing_hand_offs_get_their_receiver():
    counter = OfficerFactory()
    specialist = OfficerFactory(agency=counter.agency, role=Role.SPECIALIST)
    leader = OfficerFactory(agency=counter.agency, role=Role.LEADER)
    walked = received_dossier(counter)
    for user, action in [
        (counter, Action.ASSIGN),
        (counter, Action.FORWARD),
        (specialist, Action.FORWARD),
        (leader, Action.APPROVE),
    ]:
        perform(Dossier.objects.get(pk=walked.pk), user, action)
    waiting = received_dossier(counter, walked.procedure)
    perform(waiting, counter, Action.ASSIGN)
    recorded = dict(ProcessLogEntry.objects.values_list("pk", "to_officer_id"))
    assert any(recorded.values()) and None in recorded.values()  # some taken over, one still waiting
    filled = after_migrating(
        BEFORE,
        AFTER,
        lambda apps: dict(
            apps.get_model("dossiers", "ProcessLogEntry").objects.values_list("pk", "to_officer_id")
        ),
    )
    assert filled == recorded
