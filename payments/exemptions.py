"""Exempting a dossier from its fees: one line, or all of them, by an officer of its agency, with a reason.

The one service that writes a :class:`~payments.models.FeeExemption`: under the dossier's lock, it
authorizes (``dossiers.access.authorize``, the ``exempt_fees`` action), checks that the fees are still
open (nothing paid, no payment waiting for the gateway), and writes the exemption with the dossier's
process-log row, in one transaction.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.validation import COMMENT_MAX, text_problem
from dossiers.access import authorize
from dossiers.actions.record import record
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier

from .domain.states import PaymentState
from .fees import fees_for
from .models import FeeExemption

#: Exemptions are decided while the dossier is being handled, before the fees are paid.
_OPEN_STATES = frozenset({State.SUBMITTED, State.RECEIVED, State.IN_PROGRESS, State.AWAITING_FEES})


def exempt_fees(
    dossier: Dossier, user, *, reason: str, fee_id: int | None = None, now: datetime | None = None
):
    """Exempt ``dossier`` from its fee line ``fee_id`` (a line it is charged), or from all its fees when
    ``fee_id`` is None, as officer ``user``. Returns the exemption; raises DossierNotFound or
    DomainError (nothing changed)."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=dossier.pk)
        )
        actor = authorize(user, locked, Action.EXEMPT_FEES)
        problem = text_problem(reason, COMMENT_MAX)
        if problem:
            raise DomainError("%(message)s", {"message": problem})
        if not reason:
            raise DomainError(_("Give the reason for the exemption: it is kept with the dossier."))
        if locked.state not in _OPEN_STATES:
            raise DomainError(_("The fees of this dossier can no longer change."))
        states = set(locked.payments.values_list("state", flat=True))
        if PaymentState.PAID in states:
            raise DomainError(_("The fees of this dossier are paid: refund them instead of exempting."))
        if PaymentState.PENDING in states:
            raise DomainError(
                _("A payment of this dossier is waiting for the gateway's confirmation: wait for it first.")
            )
        fees = fees_for(locked)
        if fee_id is None:
            if locked.fee_exemptions.filter(whole=True).exists():
                raise DomainError(_("This dossier is already exempted from all its fees."))
            exemption = FeeExemption(dossier=locked, whole=True, reason=reason, by=user, at=now)
            what = str(_("all the fees"))
        else:
            line = next((line for line in fees.lines if line.fee_id == fee_id), None)
            if line is None:
                raise DomainError(_("This dossier is not charged that fee."))
            if line.exempted:
                raise DomainError(_("This dossier is already exempted from that fee."))
            exemption = FeeExemption(
                dossier=locked, fee_id=fee_id, fee_name=line.name, reason=reason, by=user, at=now
            )
            what = line.name
        exemption.save()
        record(locked, user, actor, Action.EXEMPT_FEES, locked.state, now, comment=f"{what}: {reason}")
    return exemption
