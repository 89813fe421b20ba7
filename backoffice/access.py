"""Which role may open which back-office view: the one table, tested view by view and role by role.

A view not allowed to a role answers 404, like a dossier of another agency: the back office does not
tell a signed-in person what exists beyond their work. What they may then *do* to a dossier is decided
by ``dossiers.services.authorize``, the one place for every state change.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from core.roles import DOSSIER_ROLES, STATISTICS_ROLES, Role

_COUNTER = frozenset({Role.COUNTER_OFFICER})

#: URL name (in the ``backoffice`` namespace) → the roles that may open it. A catalog officer keeps
#: the catalog (in the admin) and opens none of these.
VIEW_ROLES: dict[str, frozenset[Role]] = {
    "inbox": DOSSIER_ROLES,
    "dossier": DOSSIER_ROLES,
    "action": DOSSIER_ROLES,
    "apology": frozenset({Role.SPECIALIST, Role.LEADER, Role.MANAGER}),
    "result_draft": frozenset({Role.SPECIALIST, Role.LEADER}),
    "pdf": DOSSIER_ROLES,
    "file": DOSSIER_ROLES,
    "receive": _COUNTER,
    "shipment": _COUNTER,
    "shipment_track": _COUNTER,
    "shipment_label": DOSSIER_ROLES,
    # Any officer of the dossier's agency (payments.exemptions authorizes the dossier itself).
    "fee_exemption": DOSSIER_ROLES,
    "receive_components": _COUNTER,
    "tracking_book": frozenset({Role.COUNTER_OFFICER, Role.LEADER, Role.MANAGER}),
    "counter_payment": _COUNTER,
    # Refunds and the daily reconciliation: those who answer for the agency's accounts (payments.refunds).
    "refund": frozenset({Role.LEADER, Role.MANAGER}),
    "fee_receipt": DOSSIER_ROLES,
    "reconciliation": frozenset({Role.LEADER, Role.MANAGER}),
    "reconciliation_csv": frozenset({Role.LEADER, Role.MANAGER}),
    "statistics": STATISTICS_ROLES,
    "statistics_dossiers": STATISTICS_ROLES,
    "statistics_export": STATISTICS_ROLES,
}


def may_open(user, view_name: str) -> bool:
    """Whether ``user`` may open the back-office view ``view_name`` (an officer bound to an agency)."""
    return user.is_authenticated and user.agency_id is not None and user.role in VIEW_ROLES[view_name]


def role_required(view_name: str):
    """Sign-in first, then the roles of ``VIEW_ROLES[view_name]``; anyone else gets a 404."""
    if view_name not in VIEW_ROLES:
        raise KeyError(f"{view_name!r} is not in backoffice.access.VIEW_ROLES")

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not may_open(request.user, view_name):
                raise Http404
            return view(request, *args, **kwargs)

        wrapped.view_name = view_name
        return wrapped

    return decorator
