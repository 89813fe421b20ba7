"""Whose inbox a dossier waits in: the role that has to act on it next.

The back office stores this on the dossier (``Dossier.inbox_role``, indexed) so that each officer's
default inbox is one index range: a specialist's or leader's shows the dossiers waiting at a step of the
internal process whose role is theirs, the counter officer's those waiting for the counter.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lifecycle import State

COUNTER_OFFICER = "counter_officer"

#: States in which the dossier waits for the one-stop counter: to be received, supplemented, paid for,
#: or to have its result returned.
COUNTER_STATES = frozenset(
    {
        State.SUBMITTED,
        State.RECEIVED,
        State.AWAITING_SUPPLEMENT,
        State.AWAITING_FEES,
        State.RESULT_ISSUED,
    }
)

#: States in which the role depends on the internal process's steps.
STEP_STATES = frozenset({State.IN_PROGRESS, State.APPROVED})


def waiting_role(state: str, step: int | None = None, step_roles: Sequence[str] | None = None) -> str | None:
    """The role the dossier waits for ("" for nobody in the agency: draft, closed, at another agency).

    In progress, it is the role of the current step; approved, the role of the last step (whoever
    approved issues the result). For those two states the step roles are needed: without them the
    answer is None ("unknown", the caller keeps what it has).
    """
    state = State(state)
    if state in COUNTER_STATES:
        return COUNTER_OFFICER
    if state not in STEP_STATES:
        return ""
    if step_roles is None:
        return None
    if state is State.APPROVED:
        return step_roles[-1] if step_roles else ""
    if step is None or not 0 <= step < len(step_roles):
        return ""
    return step_roles[step]
