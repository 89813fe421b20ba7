"""Every action not allowed from a state is refused by the service and changes nothing in the database:
the dossier row, its log, steps, files and queued notifications stay exactly as they were."""

import pytest
from django.forms.models import model_to_dict

from core.roles import Role
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_lifecycle import SPEC, STATUSES
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def snapshot(dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    return (
        model_to_dict(dossier),
        list(dossier.log.values_list("pk", flat=True)),
        list(dossier.steps.values("index", "started_at", "due_at", "done_at", "timeliness")),
        list(dossier.files.values_list("pk", flat=True)),
        Notification.objects.filter(dossier=dossier).count(),
    )


@pytest.mark.parametrize("status", STATUSES, ids=lambda status: f"{status.state.value}-{status.step}")
def test_actions_not_allowed_from_a_state_change_nothing(status):
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    manager = OfficerFactory(role=Role.MANAGER, agency=counter.agency)  # refused for the state, not access
    dossier = received_dossier(counter)
    Dossier.objects.filter(pk=dossier.pk).update(
        state=status.state.value,
        step_index=status.step,
        resume_state=status.resume_state.value if status.resume_state else "",
    )
    refused = [action for action in Action if (status.state, action) not in SPEC]
    assert refused
    before = snapshot(dossier)
    needs = {"comment": "lý do", "supplement_items": [{"name": "x", "reason": "y"}]}  # not missing input
    for action in refused:
        with pytest.raises(DomainError):
            perform(dossier, manager, action, **needs)
        assert snapshot(dossier) == before, action


def test_every_state_is_covered():
    assert {status.state for status in STATUSES} == set(State)
