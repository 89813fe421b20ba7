"""What the notifications listen to: the dossiers' typed events (``dossiers.events``), not signals."""

from core.events import subscribe
from dossiers.events import DossierChanged

from .services import notify_for_log_entry


def notify_applicant(event: DossierChanged) -> None:
    # Runs inside the dossier change's transaction: the notification commits (or not) with it.
    notify_for_log_entry(event.entry)


def connect() -> None:
    subscribe(DossierChanged, notify_applicant)
