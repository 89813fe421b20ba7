"""The events the dossiers publish (``core.events``), one per process-log row (``services.record``)."""

from dataclasses import dataclass
from datetime import datetime

from core.events import DomainEvent

from .domain.lifecycle import Action


@dataclass(frozen=True)
class DossierChanged(DomainEvent):
    """An action was taken on a dossier and recorded: who, what, from which state to which.

    ``dossier`` and ``entry`` are the saved rows, for subscribers that write in the same transaction.
    """

    action: Action
    dossier_id: int
    from_state: str
    to_state: str
    at: datetime
    actor_id: int | None
    new_appointment_at: datetime | None
    dossier: object
    entry: object
