"""The dossier lifecycle, checked against a specification written out independently below."""

import itertools

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.domain.lifecycle import (
    DRAFT,
    NATIONAL_STATUS,
    Action,
    Actor,
    DossierStatus,
    NationalStatus,
    State,
    TransitionRefused,
    allowed_actions,
    is_approval_step,
    transition,
)

S, A = State, Action
APPLICANT, COUNTER, SPECIALIST, LEADER, MANAGER, SYSTEM = (
    Actor.APPLICANT,
    Actor.COUNTER_OFFICER,
    Actor.SPECIALIST,
    Actor.LEADER,
    Actor.MANAGER,
    Actor.SYSTEM,
)
STEPS = 3  # a typical internal process: counter → specialist review → leader approval

# (state, action) → who may do it. Every pair missing here must be refused.
SPEC = {
    (S.DRAFT, A.SUBMIT): {APPLICANT},
    (S.DRAFT, A.RECEIVE): {COUNTER},
    (S.SUBMITTED, A.RECEIVE): {COUNTER},
    (S.SUBMITTED, A.REQUEST_SUPPLEMENT): {COUNTER},
    (S.SUBMITTED, A.REJECT): {COUNTER},
    (S.SUBMITTED, A.WITHDRAW): {APPLICANT, COUNTER},
    (S.RECEIVED, A.ASSIGN): {COUNTER, MANAGER},
    (S.RECEIVED, A.REQUEST_SUPPLEMENT): {COUNTER},
    (S.RECEIVED, A.REQUEST_FEES): {COUNTER},
    (S.RECEIVED, A.REJECT): {COUNTER},
    (S.RECEIVED, A.WITHDRAW): {APPLICANT, COUNTER},
    (S.RECEIVED, A.STOP_PROCESSING): {LEADER, MANAGER},
    (S.IN_PROGRESS, A.FORWARD): {COUNTER, SPECIALIST, LEADER, MANAGER},
    (S.IN_PROGRESS, A.SEND_BACK): {SPECIALIST, LEADER, MANAGER},
    (S.IN_PROGRESS, A.APPROVE): {LEADER},
    (S.IN_PROGRESS, A.REQUEST_SUPPLEMENT): {SPECIALIST, LEADER},
    (S.IN_PROGRESS, A.REQUEST_FEES): {SPECIALIST, LEADER},
    (S.IN_PROGRESS, A.SEND_INTER_AGENCY): {SPECIALIST, LEADER},
    (S.IN_PROGRESS, A.REJECT): {LEADER},
    (S.IN_PROGRESS, A.WITHDRAW): {APPLICANT, COUNTER},
    (S.IN_PROGRESS, A.STOP_PROCESSING): {LEADER, MANAGER},
    (S.AWAITING_SUPPLEMENT, A.SUPPLEMENT): {APPLICANT, COUNTER},
    (S.AWAITING_SUPPLEMENT, A.REJECT): {LEADER},
    (S.AWAITING_SUPPLEMENT, A.WITHDRAW): {APPLICANT, COUNTER},
    (S.AWAITING_SUPPLEMENT, A.STOP_PROCESSING): {LEADER, MANAGER},
    (S.AWAITING_FEES, A.PAY_FEES): {APPLICANT, COUNTER, SYSTEM},
    (S.AWAITING_FEES, A.WITHDRAW): {APPLICANT, COUNTER},
    (S.AWAITING_FEES, A.STOP_PROCESSING): {LEADER, MANAGER},
    (S.INTER_AGENCY, A.RETURN_FROM_INTER_AGENCY): {SPECIALIST, SYSTEM},
    (S.INTER_AGENCY, A.WITHDRAW): {APPLICANT, COUNTER},
    (S.INTER_AGENCY, A.STOP_PROCESSING): {LEADER, MANAGER},
    (S.APPROVED, A.ISSUE_RESULT): {SPECIALIST, LEADER, SYSTEM},
    (S.RESULT_ISSUED, A.RETURN_RESULT): {COUNTER, SYSTEM},
}

# Every shape a status can take with a 3-step process.
STATUSES = [
    DRAFT,
    DossierStatus(S.SUBMITTED),
    DossierStatus(S.RECEIVED),
    *(DossierStatus.in_progress(step) for step in range(STEPS)),
    DossierStatus(S.AWAITING_SUPPLEMENT, resume_state=S.SUBMITTED),
    DossierStatus(S.AWAITING_SUPPLEMENT, resume_state=S.RECEIVED),
    *(DossierStatus(S.AWAITING_SUPPLEMENT, step, S.IN_PROGRESS) for step in range(STEPS)),
    DossierStatus(S.AWAITING_FEES, resume_state=S.RECEIVED),
    *(DossierStatus(S.AWAITING_FEES, step, S.IN_PROGRESS) for step in range(STEPS)),
    *(DossierStatus(S.INTER_AGENCY, step, S.IN_PROGRESS) for step in range(STEPS)),
    DossierStatus(S.APPROVED),
    DossierStatus(S.RESULT_ISSUED),
    DossierStatus(S.RETURNED),
    DossierStatus(S.REJECTED),
    DossierStatus(S.WITHDRAWN),
    DossierStatus(S.PROCESSING_STOPPED),
]


def expected_target(status, action):
    """The specification of where an allowed action leads (None: refused by a step rule)."""
    step, last = status.step, STEPS - 1
    simple = {
        A.SUBMIT: S.SUBMITTED,
        A.RECEIVE: S.RECEIVED,
        A.APPROVE: S.APPROVED,
        A.ISSUE_RESULT: S.RESULT_ISSUED,
        A.RETURN_RESULT: S.RETURNED,
        A.REJECT: S.REJECTED,
        A.WITHDRAW: S.WITHDRAWN,
        A.STOP_PROCESSING: S.PROCESSING_STOPPED,
    }
    if action is A.APPROVE and step != last:
        return None
    if action in simple:
        return DossierStatus(simple[action])
    if action is A.ASSIGN:
        return DossierStatus.in_progress(0)
    if action is A.FORWARD:
        return None if step == last else DossierStatus.in_progress(step + 1)
    if action is A.SEND_BACK:
        return None if step == 0 else DossierStatus.in_progress(step - 1)
    if action is A.REQUEST_SUPPLEMENT:
        return DossierStatus(S.AWAITING_SUPPLEMENT, step, status.state)
    if action is A.REQUEST_FEES:
        return DossierStatus(S.AWAITING_FEES, step, status.state)
    if action is A.SEND_INTER_AGENCY:
        return DossierStatus(S.INTER_AGENCY, step, S.IN_PROGRESS)
    if action in (A.SUPPLEMENT, A.PAY_FEES, A.RETURN_FROM_INTER_AGENCY):
        return DossierStatus(status.resume_state, step)
    raise AssertionError(action)


def test_every_state_has_a_representative_status():
    assert {status.state for status in STATUSES} == set(State)


@pytest.mark.parametrize(
    ("state", "action"),
    [pair for pair in itertools.product(State, Action) if pair not in SPEC],
    ids=lambda value: value.value,
)
def test_every_pair_not_allowed_is_refused_and_changes_nothing(state, action):
    for status in (status for status in STATUSES if status.state is state):
        before = DossierStatus(status.state, status.step, status.resume_state)
        for actor in Actor:
            with pytest.raises(TransitionRefused) as refusal:
                transition(status, action, actor, STEPS)
            assert refusal.value.reason == "state"
            assert refusal.value.status is status
            assert status == before and hash(status) == hash(before)


@pytest.mark.parametrize(("state", "action"), list(SPEC), ids=lambda value: value.value)
def test_allowed_pairs_check_the_actor_and_the_step(state, action):
    for status in (status for status in STATUSES if status.state is state):
        target = expected_target(status, action)
        for actor in Actor:
            if actor not in SPEC[state, action]:
                with pytest.raises(TransitionRefused) as refusal:
                    transition(status, action, actor, STEPS)
                assert refusal.value.reason == "actor"
            elif target is None:
                with pytest.raises(TransitionRefused) as refusal:
                    transition(status, action, actor, STEPS)
                assert refusal.value.reason in {"last_step", "first_step", "not_last_step"}
            else:
                assert transition(status, action, actor, STEPS) == target


def test_allowed_actions_agree_with_transition():
    for status, actor in itertools.product(STATUSES, Actor):
        expected = tuple(
            action
            for action in Action
            if actor in SPEC.get((status.state, action), ()) and expected_target(status, action) is not None
        )
        assert allowed_actions(status, actor, STEPS) == expected


def test_happy_path_and_its_national_codes():
    status, codes = DRAFT, [None]
    path = [
        (A.SUBMIT, APPLICANT),
        (A.RECEIVE, COUNTER),
        (A.ASSIGN, MANAGER),
        (A.FORWARD, COUNTER),
        (A.FORWARD, SPECIALIST),
        (A.APPROVE, LEADER),
        (A.ISSUE_RESULT, SYSTEM),
        (A.RETURN_RESULT, COUNTER),
    ]
    for action, actor in path:
        status = transition(status, action, actor, STEPS)
        codes.append(status.national_status)
    assert status == DossierStatus(S.RETURNED)
    assert codes == [None, 1, 2, 4, 4, 4, 9, 9, 10]
    assert allowed_actions(status, COUNTER, STEPS) == ()


def test_counter_reception_of_a_walk_in_dossier():
    assert transition(DRAFT, "receive", "counter_officer", STEPS) == DossierStatus(S.RECEIVED)


def test_side_paths_keep_the_step_and_reach_every_national_code():
    reached = set()
    at_review = DossierStatus.in_progress(1)

    waiting = transition(at_review, A.REQUEST_SUPPLEMENT, SPECIALIST, STEPS)
    assert waiting == DossierStatus(S.AWAITING_SUPPLEMENT, 1, S.IN_PROGRESS)
    assert waiting.state.pauses_clock
    reached.add(waiting.national_status)
    assert transition(waiting, A.SUPPLEMENT, APPLICANT, STEPS) == at_review

    fees = transition(at_review, A.REQUEST_FEES, LEADER, STEPS)
    reached.add(fees.national_status)
    assert not fees.state.pauses_clock
    assert transition(fees, A.PAY_FEES, SYSTEM, STEPS) == at_review

    away = transition(at_review, A.SEND_INTER_AGENCY, SPECIALIST, STEPS)
    reached.add(away.national_status)
    assert transition(away, A.RETURN_FROM_INTER_AGENCY, SYSTEM, STEPS) == at_review

    assert transition(at_review, A.SEND_BACK, LEADER, STEPS) == DossierStatus.in_progress(0)

    submitted = DossierStatus(S.SUBMITTED)
    before_reception = transition(submitted, A.REQUEST_SUPPLEMENT, COUNTER, STEPS)
    assert transition(before_reception, A.SUPPLEMENT, COUNTER, STEPS) == submitted
    received = DossierStatus(S.RECEIVED)
    assert (
        transition(transition(received, A.REQUEST_FEES, COUNTER, STEPS), A.PAY_FEES, APPLICANT, STEPS)
        == received
    )

    for action, actor in [(A.REJECT, COUNTER), (A.WITHDRAW, APPLICANT), (A.STOP_PROCESSING, MANAGER)]:
        ended = transition(received, action, actor, STEPS)
        assert ended.state.is_final
        reached.add(ended.national_status)
    assert reached == {3, 4, 5, 6, 7, 8}


def test_national_codes_cover_1_to_10():
    assert set(NATIONAL_STATUS) == set(State)
    assert {code for code in NATIONAL_STATUS.values() if code is not None} == set(range(1, 11))
    assert NATIONAL_STATUS[S.DRAFT] is None
    assert S.REJECTED.national_status is NationalStatus.NOT_ACCEPTED
    assert S.WITHDRAWN.national_status == 7
    assert S.PROCESSING_STOPPED.national_status == 8
    assert DossierStatus(S.INTER_AGENCY, 0, S.IN_PROGRESS).national_status == 4
    with translation.override("en"):
        assert [str(code.label) for code in NationalStatus][:3] == [
            "Newly registered",
            "Received",
            "Not accepted",
        ]


def test_single_step_process_is_approved_at_once():
    status = transition(DossierStatus(S.RECEIVED), A.ASSIGN, COUNTER, 1)
    assert allowed_actions(status, LEADER, 1) == (
        A.APPROVE,
        A.REQUEST_SUPPLEMENT,
        A.REQUEST_FEES,
        A.SEND_INTER_AGENCY,
        A.REJECT,
        A.STOP_PROCESSING,
    )
    assert transition(status, A.APPROVE, LEADER, 1) == DossierStatus(S.APPROVED)


def test_no_steps_cannot_be_assigned():
    with pytest.raises(TransitionRefused) as refusal:
        transition(DossierStatus(S.RECEIVED), A.ASSIGN, MANAGER, 0)
    assert refusal.value.reason == "no_steps"


def test_step_roles_limit_forward_and_send_back():
    roles = ["counter_officer", "specialist", "leader"]
    first = DossierStatus.in_progress(0)
    assert transition(first, A.FORWARD, COUNTER, 3, step_roles=roles) == DossierStatus.in_progress(1)
    with pytest.raises(TransitionRefused) as refusal:
        transition(first, A.FORWARD, SPECIALIST, 3, step_roles=roles)
    assert refusal.value.reason == "step_role"
    with translation.override("en"):
        assert str(refusal.value) == (
            "Cannot “Forward to the next step” as specialist: "
            "step 1 is handled by the one-stop counter officer."
        )
    review = DossierStatus.in_progress(1)
    assert transition(review, A.SEND_BACK, SPECIALIST, 3, step_roles=roles) == first
    assert allowed_actions(review, LEADER, 3, step_roles=roles) == (
        A.REQUEST_SUPPLEMENT,
        A.REQUEST_FEES,
        A.SEND_INTER_AGENCY,
        A.REJECT,
        A.STOP_PROCESSING,
    )
    with pytest.raises(ValueError, match="one role per step"):
        transition(first, A.FORWARD, COUNTER, 3, step_roles=roles[:2])


def test_refusal_messages_name_the_action_and_the_state_in_words():
    with translation.override("en"):
        with pytest.raises(TransitionRefused) as refusal:
            transition(DRAFT, A.APPROVE, LEADER, STEPS)
        assert str(refusal.value) == "Cannot “Approve”: the dossier’s status is “Draft”."

        with pytest.raises(TransitionRefused) as refusal:
            transition(DossierStatus.in_progress(1), A.APPROVE, LEADER, STEPS)
        assert refusal.value.message == (
            "Cannot “Approve”: the dossier is at “In progress, step 2 of 3”; approval comes at the last step."
        )

        with pytest.raises(TransitionRefused) as refusal:
            transition(DossierStatus(S.RECEIVED), A.ASSIGN, APPLICANT, STEPS)
        assert str(refusal.value) == (
            "Cannot “Assign for processing” as applicant while the status is “Received”: "
            "only one-stop counter officer, manager may do it."
        )

        with pytest.raises(TransitionRefused) as refusal:
            transition(DossierStatus.in_progress(2), A.FORWARD, LEADER, STEPS)
        assert "last step" in str(refusal.value)
        with pytest.raises(TransitionRefused) as refusal:
            transition(DossierStatus.in_progress(0), A.SEND_BACK, LEADER, STEPS)
        assert "first step" in str(refusal.value)


def test_messages_are_translated_when_shown():
    with pytest.raises(TransitionRefused) as refusal:
        transition(DRAFT, A.APPROVE, LEADER, STEPS)
    assert refusal.value.template is not None
    assert refusal.value.params["action"] == A.APPROVE.label


def test_bad_inputs_are_programming_errors():
    with pytest.raises(ValueError):
        transition(DRAFT, "fly", APPLICANT, STEPS)
    with pytest.raises(ValueError):
        transition(DRAFT, A.SUBMIT, "catalog_officer", STEPS)
    with pytest.raises(ValueError, match="step index 3"):
        transition(DossierStatus.in_progress(3), A.FORWARD, SPECIALIST, STEPS)
    with pytest.raises(ValueError):
        transition(DRAFT, A.SUBMIT, APPLICANT, -1)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((S.IN_PROGRESS,), ValueError),
        ((S.IN_PROGRESS, -1), ValueError),
        ((S.IN_PROGRESS, True), TypeError),
        ((S.RECEIVED, 0), ValueError),
        ((S.RECEIVED, None, S.IN_PROGRESS), ValueError),
        ((S.AWAITING_SUPPLEMENT,), ValueError),
        ((S.AWAITING_SUPPLEMENT, None, S.IN_PROGRESS), ValueError),
        ((S.AWAITING_SUPPLEMENT, 1, S.RECEIVED), ValueError),
        ((S.AWAITING_FEES, None, S.SUBMITTED), ValueError),
        ((S.INTER_AGENCY, None, S.RECEIVED), ValueError),
        (("nonsense",), ValueError),
    ],
)
def test_inconsistent_statuses_are_refused(args, error):
    with pytest.raises(error):
        DossierStatus(*args)


def test_status_values_and_labels():
    assert DossierStatus("in_progress", 0) == DossierStatus.in_progress(0)
    with translation.override("en"):
        assert DossierStatus.in_progress(0).describe() == "In progress, step 1"
        assert DossierStatus(S.AWAITING_FEES, resume_state=S.RECEIVED).describe() == (
            "Awaiting fees (financial obligation)"
        )
        assert all(str(state.label) for state in State)
        assert all(str(action.label) for action in Action)
        assert str(APPLICANT.label) == "applicant"


def test_actor_values_match_the_account_roles():
    from core.roles import Role

    assert {actor.value for actor in Actor} - {"system"} <= {role.value for role in Role}
    assert Actor(Role.CITIZEN) is APPLICANT


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(1, 5),
    st.lists(st.tuples(st.sampled_from(list(Action)), st.sampled_from(list(Actor))), max_size=40),
)
def test_random_walks_keep_statuses_consistent(step_count, moves):
    status = DRAFT
    for action, actor in moves:
        allowed = allowed_actions(status, actor, step_count)
        try:
            after = transition(status, action, actor, step_count)
        except TransitionRefused:
            assert action not in allowed
            continue
        assert action in allowed
        assert after.step is None or 0 <= after.step < step_count
        assert not status.state.is_final
        status = after


# A process that goes on after the leader's approval (the counter returns the result).
RETURN_STEP_ROLES = ["counter_officer", "specialist", "leader", "counter_officer"]


def test_the_leader_approves_at_the_leaders_step_when_a_return_step_follows():
    at_leader = DossierStatus.in_progress(2)
    assert transition(at_leader, A.APPROVE, LEADER, 4, step_roles=RETURN_STEP_ROLES) == DossierStatus(
        S.APPROVED
    )
    assert is_approval_step(2, 4, RETURN_STEP_ROLES) and not is_approval_step(3, 4, RETURN_STEP_ROLES)
    assert is_approval_step(3, 4) and not is_approval_step(2, 4)  # roles unknown: the last step


def test_the_leader_cannot_skip_the_approval_by_forwarding():
    with translation.override("en"):
        with pytest.raises(TransitionRefused) as refusal:
            transition(DossierStatus.in_progress(2), A.FORWARD, LEADER, 4, step_roles=RETURN_STEP_ROLES)
        assert str(refusal.value) == (
            "Cannot “Forward to the next step”: the leader approves the dossier at this step."
        )


def test_approval_before_the_leaders_step_names_it():
    with translation.override("en"):
        with pytest.raises(TransitionRefused) as refusal:
            transition(DossierStatus.in_progress(1), A.APPROVE, LEADER, 4, step_roles=RETURN_STEP_ROLES)
        assert str(refusal.value).endswith("approval comes at the leader’s step.")
