"""A process that goes on after the leader's approval: the counter's "return the result" step starts at
the approval, has its own due time, and is finished (early, on time or late) when the result is returned."""

from decimal import Decimal

import pytest

from catalog.tests.factories import ProcessStepFactory, procedure_with_details
from core.roles import Role, StepRole
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db


def test_the_return_step_runs_from_the_approval_to_the_return(counter):
    procedure = procedure_with_details(agencies=[counter.agency])
    ProcessStepFactory(
        procedure=procedure,
        position=4,
        name="Trả kết quả",
        role=StepRole.COUNTER_OFFICER,
        budget=Decimal("0.5"),
    )
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency)
    dossier = received_dossier(officer=counter, procedure=procedure)

    def act(user, action):
        return perform(Dossier.objects.get(pk=dossier.pk), user, action)

    act(counter, Action.ASSIGN)
    act(counter, Action.FORWARD)
    act(specialist, Action.FORWARD)
    approved = act(leader, Action.APPROVE)  # at the leader's step, the third of four
    returning = approved.steps.get(index=3)
    assert approved.state == "approved" and returning.started_at is not None and returning.done_at is None
    assert approved.step_due_at == returning.due_at
    act(leader, Action.ISSUE_RESULT)
    returned = act(counter, Action.RETURN_RESULT)
    returning.refresh_from_db()
    assert returned.state == "returned" and returning.done_at is not None
    assert returning.timeliness in {"early", "on_time"}
    entry = returned.log.order_by("-at", "-id").first()
    assert (entry.action, entry.step_name, entry.timeliness) == (
        "return_result",
        "Trả kết quả",
        returning.timeliness,
    )
