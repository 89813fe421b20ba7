"""Filtering and ordering the officers' dossier lists, shared by the back-office inbox and the API."""

from datetime import datetime, timedelta

from django.db.models import Q

from core.text import fold

# Online dossiers first among equals, as the provinces promise (served by the inbox indexes).
INBOX_ORDER = ("step_due_at", "priority", "received_at", "id")


def filter_dossiers(
    dossiers,
    *,
    now: datetime,
    query: str = "",
    state: str = "",
    channel: int | None = None,
    due: str = "",
    procedure: str = "",
):
    """``dossiers`` narrowed in the database; ``due`` is "soon" (within a day) or "overdue"."""
    query = (query or "").strip()
    if query:
        dossiers = dossiers.filter(
            Q(code__icontains=query)
            | Q(applicant_id_number=query)
            | Q(applicant_name_folded__contains=fold(query))
        )
    if state:
        dossiers = dossiers.filter(state=state)
    if channel:
        dossiers = dossiers.filter(channel=channel)
    if procedure:
        dossiers = dossiers.filter(procedure__code=procedure)
    if due == "overdue":
        dossiers = dossiers.filter(step_due_at__lt=now)
    elif due == "soon":
        dossiers = dossiers.filter(step_due_at__gte=now, step_due_at__lt=now + timedelta(days=1))
    return dossiers.order_by(*INBOX_ORDER)
