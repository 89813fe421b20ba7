"""Thin views over ``payments.services``: start a payment, the gateway's IPN, the citizen's return."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from core.errors import DomainError
from core.network import client_address
from dossiers.documents import file_download
from dossiers.services import DossierNotFound
from dossiers.submission import own_dossier

from . import services
from .domain.vnpay import IPN_MESSAGES, RESPONSE_CODES, IpnCode
from .models import Payment
from .receipts import issue_receipt

logger = logging.getLogger(__name__)


@login_required
@require_POST
def start(request, pk):
    """The "pay the fees online" button: to the gateway, or back to the dossier saying why not."""
    try:
        dossier = own_dossier(request.user, pk)
    except DossierNotFound as error:
        raise Http404(error.message) from error
    try:
        started = services.start_payment(
            dossier,
            request.user,
            ip_address=client_address(request),
            locale="en" if getattr(request, "LANGUAGE_CODE", "vi") == "en" else "vn",
        )
    except DomainError as error:
        messages.warning(request, error.message)
        return redirect("portal:my_dossier", pk=dossier.pk)
    return redirect(started.redirect_url)


@login_required
@require_safe
def receipt(request, pk):
    """The applicant downloads the e-receipt of one of their payments (issued now if not yet)."""
    payment = get_object_or_404(Payment, pk=pk, dossier__applicant_user=request.user)
    try:
        stored = issue_receipt(payment.pk)
    except DomainError as error:
        messages.warning(request, error.message)
        return redirect("portal:my_dossier", pk=payment.dossier_id)
    return file_download(stored)


@never_cache
@require_GET
def ipn(request, gateway):
    """The gateway's server-to-server notification, answered as its protocol expects (JSON)."""
    try:
        answer = services.handle_ipn(gateway, request.GET)
    except LookupError as error:
        raise Http404 from error
    except Exception:  # the gateway must always get an answer; "99" makes it try again later
        logger.exception("%s IPN failed", gateway)
        answer = {"RspCode": IpnCode.OTHER, "Message": IPN_MESSAGES[IpnCode.OTHER]}
    return JsonResponse(answer)


@never_cache
@require_safe
def return_page(request, gateway):
    """Where the citizen comes back: paid, not paid, or still being confirmed (never marks it paid)."""
    try:
        result = services.handle_return(gateway, request.GET)
    except LookupError as error:
        raise Http404 from error
    payment = result.payment
    mine = (
        payment is not None
        and request.user.is_authenticated
        and payment.dossier.applicant_user_id == request.user.pk
    )
    context = {
        "state": result.state,
        "payment": payment,
        "dossier": payment.dossier if mine else None,
        "gateway_message": RESPONSE_CODES.get(result.reading.response_code, ""),
    }
    return render(
        request, "payments/return.html", context, status=400 if result.state == "unverified" else 200
    )
