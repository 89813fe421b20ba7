"""The citizen's payments API (/api/v1/me/dossiers/{id}/payments): start paying a dossier's fees online,
and read its payments. The same rules as the portal's pay button, from payments.services."""

from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Status

from accounts.api_auth import API_AUTH
from core.api_errors import ERRORS, ErrorBody, domain_errors
from core.network import client_address
from dossiers.submission import own_dossier
from payments import services
from payments.domain.states import MONEY_RECEIVED
from payments.schemas import MyPayments, PaymentStarted, payment_out

router = Router(tags=["payments"], auth=API_AUTH)


def _e_receipt_url(payment) -> str | None:
    """The portal's address of a received payment's e-receipt (issued on the first download if the
    worker has not issued it yet); None while nothing was received. The download is the portal's page
    (signed-in applicant), not a token-authenticated API endpoint."""
    if payment.state not in MONEY_RECEIVED:
        return None
    return reverse("payments:receipt", args=[payment.pk])


@router.post(
    "/me/dossiers/{dossier_id}/payments",
    response={201: PaymentStarted, **ERRORS},
    summary="Pay my dossier's fees online",
    operation_id="start_my_payment",
)
@domain_errors
def start_payment(request, dossier_id: int):
    """Start paying the fees of a dossier awaiting them (level 4) through the configured gateway: the
    answer's ``redirect_url`` is the gateway's page to send the browser to. The gateway's IPN, not the
    return, marks it paid. 409 while an earlier payment waits for the gateway, or when nothing can be
    paid online now."""
    dossier = own_dossier(request.user, dossier_id)
    started = services.start_payment(
        dossier,
        request.user,
        ip_address=client_address(request),
        locale="en" if (get_language() or "vi").startswith("en") else "vn",
    )
    body = {"payment": payment_out(started.payment), "redirect_url": started.redirect_url}
    return Status(201, body)


@router.get(
    "/me/dossiers/{dossier_id}/payments",
    response={200: MyPayments, 404: ErrorBody},
    summary="My dossier's payments",
    operation_id="list_my_payments",
)
@domain_errors
def list_payments(request, dossier_id: int):
    """What is due online now, and the dossier's payments with their states and references."""
    panel = services.payment_panel(own_dossier(request.user, dossier_id))
    due = panel.fees if panel.offered else None
    return Status(
        200,
        {
            "offered": panel.offered,
            "amount_due": due.total if due else None,
            "fee_lines": [{"name": line.name, "amount": line.due} for line in due.lines] if due else [],
            "continue_url": panel.pending.redirect_url if panel.can_continue else None,
            "items": [payment_out(p, e_receipt_url=_e_receipt_url(p)) for p in panel.payments],
        },
    )
