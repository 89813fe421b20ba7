"""The moves of a shipment's tracking states (no database)."""

import pytest

from postal.domain import Move, ShipmentState, move, next_states

S = ShipmentState


@pytest.mark.parametrize(
    ("current", "new", "expected"),
    [
        (S.CREATED, S.HANDED_TO_POST, Move.FORWARD),
        (S.CREATED, S.DELIVERED, Move.FORWARD),  # a carrier may skip scans
        (S.HANDED_TO_POST, S.IN_TRANSIT, Move.FORWARD),
        (S.IN_TRANSIT, S.RETURNED_TO_SENDER, Move.FORWARD),
        (S.IN_TRANSIT, S.IN_TRANSIT, Move.REPEAT),
        (S.IN_TRANSIT, S.HANDED_TO_POST, Move.REFUSED),
        (S.DELIVERED, S.RETURNED_TO_SENDER, Move.REFUSED),
        (S.RETURNED_TO_SENDER, S.DELIVERED, Move.REFUSED),
        (S.HANDED_TO_POST, S.CREATED, Move.REFUSED),
    ],
)
def test_states_only_go_forward(current, new, expected):
    assert move(current, new) is expected


def test_an_older_state_already_recorded_is_a_repeat_not_a_refusal():
    seen = frozenset({S.CREATED, S.HANDED_TO_POST, S.DELIVERED})
    assert move(S.DELIVERED, S.HANDED_TO_POST, seen=seen) is Move.REPEAT
    assert move(S.DELIVERED, S.IN_TRANSIT, seen=seen) is Move.REFUSED


def test_the_officer_is_offered_only_the_states_ahead():
    assert next_states(S.CREATED) == [S.HANDED_TO_POST, S.IN_TRANSIT, S.DELIVERED, S.RETURNED_TO_SENDER]
    assert next_states(S.IN_TRANSIT) == [S.DELIVERED, S.RETURNED_TO_SENDER]
    assert next_states(S.DELIVERED) == []


def test_a_carrier_that_does_not_exist_stops_start_up(settings):
    from core.plugins import check_configured_providers
    from postal.carriers import carriers

    assert carriers.ids() == ["failing", "file", "vnpost"]
    settings.MOTCUA_POSTAL_CARRIER = "buu-dien-xyz"
    problems = [problem for problem in check_configured_providers() if "MOTCUA_POSTAL_CARRIER" in problem.msg]
    assert len(problems) == 1
    assert problems[0].id == "motcua.E001"
    assert "failing, file, vnpost" in problems[0].hint
