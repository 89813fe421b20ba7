"""The apology letter: a dossier that will be late gets a new appointment date (Action.APOLOGIZE)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validation import COMMENT_MAX, in_vietnam_time, text_problem

from .. import documents
from ..access import authorize
from ..domain.errors import DomainError
from ..domain.lifecycle import Action, State
from ..models import Dossier, DossierFile
from .record import record


def apologize_and_extend(
    dossier: Dossier, user, new_appointment: datetime, reason: str, *, now: datetime | None = None
) -> Dossier:
    """The dossier will be late: record the apology letter's reason and the new appointment date.

    Only the agency's specialists, leaders and managers may do it, only while the dossier is still
    being handled, and the new date must be later than the current one.
    """
    now = now or timezone.now()
    new_appointment = in_vietnam_time(new_appointment)
    # The letter is rendered before the row is locked (a check on a snapshot first, so that nobody
    # makes the server render for nothing); rendered again under the lock only if the date moved.
    snapshot = Dossier.objects.select_related("procedure", "agency").get(pk=dossier.pk)
    _check(snapshot, user, new_appointment, reason)
    appointment_seen = snapshot.appointment_at
    pdf = documents.apology_pdf(snapshot, reason, user, appointment_seen, now, new_appointment)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure", "agency").get(pk=dossier.pk)
        actor = _check(locked, user, new_appointment, reason)
        previous_appointment = locked.appointment_at
        locked.appointment_at = new_appointment
        if previous_appointment != appointment_seen:  # moved meanwhile: the letter must say so
            pdf = documents.apology_pdf(locked, reason, user, previous_appointment, now, new_appointment)
        locked.save(update_fields=["appointment_at", "updated_at"])
        record(
            locked,
            user,
            actor,
            Action.APOLOGIZE,
            locked.state,
            now,
            step_due_at=previous_appointment,
            new_appointment_at=new_appointment,
            comment=reason,
        )
        documents.store_generated(locked, DossierFile.Kind.APOLOGY, pdf, user=user)
    return locked


def _check(dossier: Dossier, user, new_appointment: datetime, reason: str):
    """Who may, and what the letter needs; returns the part ``user`` plays."""
    actor = authorize(user, dossier, Action.APOLOGIZE)
    if State(dossier.state).is_final:
        raise DomainError(_("This dossier is closed: its appointment can no longer change."))
    problem = text_problem(reason or "", COMMENT_MAX)
    if problem:
        raise DomainError("%(message)s", {"message": problem})
    if not reason.strip():
        raise DomainError(_("Give the reason for the delay: it is printed in the apology letter."))
    if dossier.appointment_at and new_appointment <= dossier.appointment_at:
        raise DomainError(_("The new appointment must be later than the current one."))
    return actor
