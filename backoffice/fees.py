"""The fees and payments on the officer's dossier page: the fee lines with their exemptions, the
exemption form, and the online payments with their gateway references. Thin views: the rules are in
payments.fees and payments.exemptions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from dossiers.fee_facts import pays_at_submission
from payments.domain.states import PaymentState
from payments.exemptions import exempt_fees
from payments.fees import fees_for
from payments.forms import ExemptionForm

from .access import role_required
from .pages import form_errors_as_messages, visible_dossier

#: While the fees can still change (before payment): where the exemption form is offered.
_EXEMPTION_STATES = frozenset({State.SUBMITTED, State.RECEIVED, State.IN_PROGRESS, State.AWAITING_FEES})

_AT_RECEPTION = frozenset({State.SUBMITTED, State.RECEIVED})
#: A payment in these states closes the exemption (refund a paid one; wait for a pending one).
_CLOSING_EXEMPTION = frozenset({PaymentState.PAID, PaymentState.PENDING})


def fees_context(dossier, *, consulted: bool) -> dict:
    """The dossier's fees (two queries), its payments newest first (one), and the exemption form for
    an officer of its agency while nothing is paid or waiting for the gateway."""
    fees = fees_for(dossier)
    payments = list(dossier.payments.order_by("-created_at", "-id"))
    open_to_exemption = (
        not consulted
        and dossier.state in _EXEMPTION_STATES
        and fees.total > 0
        and not any(payment.state in _CLOSING_EXEMPTION for payment in payments)
    )
    paid = any(payment.state == PaymentState.PAID for payment in payments)
    return {
        "fees": fees,
        "payments": payments,
        # Why "assign" is not offered: the fees due at submission are not paid yet (dossiers.fee_facts).
        "held_for_fees": (
            dossier.state in _AT_RECEPTION and pays_at_submission(dossier) and fees.total > 0 and not paid
        ),
        "exemption_form": ExemptionForm(fees=fees) if open_to_exemption else None,
    }


@require_POST
@role_required("fee_exemption")
def fee_exemption(request, code):
    dossier = visible_dossier(request, code)
    form = ExemptionForm(request.POST, fees=fees_for(dossier))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("backoffice:dossier", code=code)
    try:
        exempt_fees(dossier, request.user, reason=form.cleaned_data["reason"], fee_id=form.fee_id())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The exemption is recorded."))
    return redirect("backoffice:dossier", code=code)
