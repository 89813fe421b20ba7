"""Inter-agency hand-off: the consulted agency sees the dossier, answers, and the log records both units."""

import pytest

from catalog.tests.factories import AgencyFactory
from core.roles import Role
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, State, TransitionRefused
from dossiers.models import Dossier
from dossiers.services import (
    DossierNotFound,
    actions_for,
    actor_for,
    consulted_dossiers,
    perform,
    visible_dossiers,
)
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_specialist():
    counter = OfficerFactory()
    dossier = received_dossier(counter)
    perform(dossier, counter, Action.ASSIGN)
    perform(dossier, counter, Action.FORWARD)
    return Dossier.objects.get(pk=dossier.pk)


def test_hand_off_needs_another_agency(at_specialist):
    specialist = OfficerFactory(agency=at_specialist.agency, role=Role.SPECIALIST)
    for agency in (None, at_specialist.agency):
        with pytest.raises(DomainError):
            perform(at_specialist, specialist, Action.SEND_INTER_AGENCY, consulted_agency=agency)
    dossier = Dossier.objects.get()
    assert dossier.state == State.IN_PROGRESS
    assert dossier.consulted_agency is None
    assert dossier.log.count() == 3


def test_consulted_agency_sees_answers_and_the_log_records_units(at_specialist):
    home = OfficerFactory(agency=at_specialist.agency, role=Role.SPECIALIST)
    police = AgencyFactory(name="Công an tỉnh")
    answering = OfficerFactory(agency=police, role=Role.SPECIALIST)
    police_leader = OfficerFactory(agency=police, role=Role.LEADER)
    police_counter = OfficerFactory(agency=police, role=Role.COUNTER_OFFICER)
    stranger = OfficerFactory(role=Role.SPECIALIST)
    assert not visible_dossiers(answering).exists()

    perform(at_specialist, home, Action.SEND_INTER_AGENCY, consulted_agency=police, comment="Xác minh")
    dossier = Dossier.objects.get()
    assert dossier.state == State.INTER_AGENCY
    assert dossier.consulted_agency == police
    sent = dossier.log.last()
    assert (sent.from_unit, sent.to_unit) == ("Phòng chuyên môn", "Công an tỉnh")

    assert list(visible_dossiers(answering)) == [dossier]
    assert list(consulted_dossiers(police_leader)) == [dossier]
    assert not visible_dossiers(police_counter).exists()
    assert not consulted_dossiers(stranger).exists()
    with pytest.raises(DossierNotFound):
        actor_for(police_counter, dossier)
    assert actions_for(police_leader, dossier, list(dossier.steps.all())) == (
        Action.RETURN_FROM_INTER_AGENCY,
    )
    with pytest.raises(DomainError):
        perform(dossier, police_leader, Action.STOP_PROCESSING, comment="Không")
    with pytest.raises(DomainError):
        perform(dossier, answering, Action.RETURN_FROM_INTER_AGENCY, comment="  ")
    assert Dossier.objects.get().state == State.INTER_AGENCY

    perform(dossier, answering, Action.RETURN_FROM_INTER_AGENCY, comment="Không có án tích")
    dossier = Dossier.objects.get()
    assert dossier.state == State.IN_PROGRESS
    assert dossier.step_index == 1
    assert dossier.consulted_agency is None
    assert dossier.inbox_role == "specialist"
    returned = dossier.log.last()
    assert (returned.from_unit, returned.to_unit) == ("Công an tỉnh", "Phòng chuyên môn")
    assert returned.comment == "Không có án tích"
    assert returned.actor == answering
    assert not visible_dossiers(answering).exists()
    with pytest.raises(DossierNotFound):
        perform(dossier, answering, Action.RETURN_FROM_INTER_AGENCY, comment="Lại")


def test_home_specialist_can_record_the_answer_without_comment_rules(at_specialist):
    home = OfficerFactory(agency=at_specialist.agency, role=Role.SPECIALIST)
    police = AgencyFactory()
    perform(at_specialist, home, Action.SEND_INTER_AGENCY, consulted_agency=police)
    perform(at_specialist, home, Action.RETURN_FROM_INTER_AGENCY)
    assert Dossier.objects.get().consulted_agency is None
    with pytest.raises(TransitionRefused):
        perform(at_specialist, home, Action.RETURN_FROM_INTER_AGENCY)
