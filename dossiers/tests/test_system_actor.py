"""The portal acting by itself (``SYSTEM``): the lifecycle's "system" actor, through ``perform``."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, Actor, State, TransitionRefused
from dossiers.models import Dossier
from dossiers.services import SYSTEM, DossierNotFound, actor_for, apologize_and_extend, perform

from .factories import received_dossier

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # 09:00 in Việt Nam, a Thursday


@pytest.fixture
def awaiting_fees(counter, procedure):
    dossier = received_dossier(officer=counter, procedure=procedure, now=NOW)
    return perform(dossier, counter, Action.REQUEST_FEES, now=NOW)


def test_the_system_records_the_payment_of_fees_and_the_dossier_goes_back_where_it_was(awaiting_fees):
    assert awaiting_fees.state == State.AWAITING_FEES

    paid = perform(awaiting_fees, SYSTEM, Action.PAY_FEES, comment="VNPay 14012345", now=NOW)

    assert (paid.state, paid.resume_state) == (State.RECEIVED, "")
    entry = paid.log.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.actor_role) == ("pay_fees", None, "system")
    assert (entry.from_state, entry.to_state, entry.comment) == (
        "awaiting_fees",
        "received",
        "VNPay 14012345",
    )


def test_the_system_may_only_take_the_system_s_actions(awaiting_fees):
    with pytest.raises(TransitionRefused) as refused:
        perform(awaiting_fees, SYSTEM, Action.WITHDRAW, comment="không", now=NOW)
    assert refused.value.reason == "actor"
    with pytest.raises(DomainError):
        apologize_and_extend(awaiting_fees, SYSTEM, reason="trễ", new_appointment=NOW, now=NOW)
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.AWAITING_FEES


def test_the_system_never_acts_on_a_draft_and_an_anonymous_visitor_is_not_the_system(awaiting_fees):
    assert actor_for(SYSTEM, awaiting_fees) == Actor.SYSTEM
    with pytest.raises(DossierNotFound):
        perform(awaiting_fees, AnonymousUser(), Action.PAY_FEES, now=NOW)
    awaiting_fees.state = State.DRAFT
    with pytest.raises(DossierNotFound):
        actor_for(SYSTEM, awaiting_fees)
