"""A specialist forwards the dossier to the leader with a proposed decision; the leader sees it."""

import pytest
from django.urls import reverse

from core.roles import Role
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import pending_proposal, perform
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_specialist(counter, procedure):
    dossier = received_dossier(officer=counter, procedure=procedure)
    perform(dossier, counter, Action.ASSIGN)
    perform(Dossier.objects.get(pk=dossier.pk), counter, Action.FORWARD)  # to the specialist's step
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency)
    return Dossier.objects.get(pk=dossier.pk), specialist, leader


def log_of(dossier):
    return list(dossier.log.order_by("at", "id"))


def test_the_proposal_reaches_the_leader_with_its_reasoning(client, at_specialist):
    dossier, specialist, leader = at_specialist
    perform(dossier, specialist, Action.FORWARD, proposal="approve", comment="Hồ sơ đầy đủ, hợp lệ")
    dossier.refresh_from_db()
    proposal = pending_proposal(dossier, log_of(dossier))
    assert (proposal.proposal, proposal.comment, proposal.actor) == (
        "approve",
        "Hồ sơ đầy đủ, hợp lệ",
        specialist,
    )
    client.force_login(leader)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert "notice--proposal" in page and "Hồ sơ đầy đủ, hợp lệ" in page


def test_once_the_leader_sends_it_back_the_proposal_is_no_longer_pending(at_specialist):
    dossier, specialist, leader = at_specialist
    perform(dossier, specialist, Action.FORWARD, proposal="approve")
    perform(Dossier.objects.get(pk=dossier.pk), leader, Action.SEND_BACK, comment="Xem lại")
    dossier.refresh_from_db()
    assert pending_proposal(dossier, log_of(dossier)) is None


def test_a_proposed_refusal_needs_its_reason_and_changes_nothing_without(at_specialist):
    dossier, specialist, _leader = at_specialist
    entries = dossier.log.count()
    with pytest.raises(DomainError):
        perform(dossier, specialist, Action.FORWARD, proposal="reject")
    with pytest.raises(DomainError):
        perform(dossier, specialist, Action.FORWARD, proposal="maybe", comment="?")
    assert (
        dossier.log.count() == entries and Dossier.objects.get(pk=dossier.pk).step_index == dossier.step_index
    )


def test_only_the_specialists_forward_to_the_leader_carries_a_proposal(counter, procedure):
    dossier = received_dossier(officer=counter, procedure=procedure)
    perform(dossier, counter, Action.ASSIGN)
    with pytest.raises(DomainError):  # the counter forwarding to the specialist's step
        perform(Dossier.objects.get(pk=dossier.pk), counter, Action.FORWARD, proposal="approve")


def test_the_forward_form_offers_the_proposal_to_the_specialist_only(client, at_specialist):
    dossier, specialist, leader = at_specialist
    client.force_login(specialist)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert 'name="proposal" value="approve"' in page and 'name="proposal" value="reject"' in page
    response = client.post(
        reverse("backoffice:action", args=[dossier.code, "forward"]),
        {"proposal": "reject", "comment": "Không đủ điều kiện"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert pending_proposal(dossier, log_of(dossier)).proposal == "reject"


def test_the_api_takes_and_shows_the_proposal(client, at_specialist):
    from dossiers.tests.test_api import bearer

    dossier, specialist, _leader = at_specialist
    response = client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/forward",
        {"proposal": "approve", "comment": "Đủ điều kiện"},
        "application/json",
        **bearer(specialist),
    )
    assert response.status_code == 200, response.content
    assert response.json()["log"][-1]["proposal"] == "approve"
