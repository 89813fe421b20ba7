"""The record of an action: its process-log row and its typed event, written once, in one place."""

from core.events import publish

from ..domain.lifecycle import Action, Actor
from ..events import DossierChanged
from ..models import Dossier, ProcessLogEntry

#: Who may take a dossier over (the receiving officer of a hand-off); not the applicant or the system.
_RECEIVING_ACTORS = frozenset({Actor.COUNTER_OFFICER, Actor.SPECIALIST, Actor.LEADER, Actor.MANAGER})


def _take_over_last_hand_off(dossier: Dossier, user, actor):
    """The officer acting now is the one who took the dossier over at the last hand-off (when nobody
    is recorded yet): the "Người nhận" of the process control sheet."""
    if Actor(actor) not in _RECEIVING_ACTORS or not user.is_authenticated:
        return
    last = (
        ProcessLogEntry.objects.filter(dossier=dossier)
        .exclude(to_unit="")
        .order_by("-at", "-id")
        .only("pk", "to_officer_id")
        .first()
    )
    if last is not None and last.to_officer_id is None:
        ProcessLogEntry.objects.filter(pk=last.pk).update(to_officer=user)


def record(
    dossier,
    user,
    actor,
    action,
    from_state,
    now,
    *,
    comment="",
    finished=None,
    from_unit="",
    to_unit="",
    to_officer=None,
    new_appointment_at=None,
    proposal="",
    step_due_at=None,
) -> ProcessLogEntry:
    """The one place a process-log row is written, and its :class:`DossierChanged` event published,
    in the caller's transaction: every notification (and, next, every national-portal message) comes
    from that event, and commits or rolls back with the change."""
    _take_over_last_hand_off(dossier, user, actor)
    entry = ProcessLogEntry.objects.create(
        dossier=dossier,
        at=now,
        action=Action(action).value,
        actor=user if user.is_authenticated else None,
        actor_role=Actor(actor).value,
        from_state=str(from_state),
        to_state=dossier.state,
        step_name=finished.name if finished else "",
        from_unit=from_unit,
        to_unit=to_unit,
        to_officer=to_officer,
        new_appointment_at=new_appointment_at,
        proposal=proposal,
        step_received_at=finished.started_at if finished else None,
        step_due_at=step_due_at if step_due_at is not None else (finished.due_at if finished else None),
        timeliness=finished.timeliness if finished else "",
        comment=comment,
    )
    publish(
        DossierChanged(
            action=Action(action),
            dossier_id=dossier.pk,
            from_state=str(from_state),
            to_state=dossier.state,
            at=now,
            actor_id=entry.actor_id,
            new_appointment_at=new_appointment_at,
            dossier=dossier,
            entry=entry,
        )
    )
    return entry
