"""The counter receives a dossier submitted online: its clock runs from the submission."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from catalog.tests.factories import procedure_with_details
from dossiers.constants import Channel
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import appointment_for, perform, province_calendar
from dossiers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_receiving_a_submitted_dossier_plans_its_steps_from_the_submission():
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    submitted_at = datetime(2026, 3, 2, 9, 0, tzinfo=HANOI)  # a Monday
    appointment = appointment_for(procedure, submitted_at, province_calendar())
    dossier = Dossier.objects.create(
        code=f"{officer.agency.code}-260302-0001",
        procedure=procedure,
        agency=officer.agency,
        channel=Channel.ONLINE,
        state=State.SUBMITTED,
        applicant_name="Trần Văn An",
        applicant_id_number="001085123456",
        submitted_at=submitted_at,
        appointment_at=appointment,
        original_appointment_at=appointment,
    )
    received_at = datetime(2026, 3, 3, 8, 0, tzinfo=HANOI)
    perform(dossier, officer, Action.RECEIVE, now=received_at)
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    assert dossier.received_at == received_at and dossier.received_by == officer
    assert dossier.appointment_at == appointment  # the promise made at submission stands
    steps = list(dossier.steps.all())
    assert len(steps) == procedure.steps.count()
    assert steps[-1].planned_due_at == appointment
    assert dossier.log.get().action == Action.RECEIVE
