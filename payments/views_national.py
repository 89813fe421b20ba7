"""The national payment platform's callback, and the pages of its fake (``payments.national_sandbox``).

The callback is the platform's server-to-server word (the source of truth, like VNPay's IPN): a JSON
POST handed to ``payments.services.handle_ipn`` (row lock, idempotent) and answered with the platform's
signed ``{MaLoi, MoTaLoi, …}``. The fake's pages exist only while it is the configured gateway.
"""

import json
import logging

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import national_sandbox, services
from .gateways import gateway_named
from .gateways.national import NationalGateway
from .models import SandboxTransaction

logger = logging.getLogger(__name__)


def _json_body(request) -> dict:
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}


@csrf_exempt  # called server to server by the platform, with its authentication code
@never_cache
@require_POST
def callback(request, gateway):
    """The platform's callback about one payment."""
    provider = gateway_named(gateway)
    if not isinstance(provider, NationalGateway):
        raise Http404
    body = _json_body(request)
    try:
        answer = services.handle_ipn(gateway, body)
    except Exception:  # the platform must always get an answer; "99" makes it send again later
        logger.exception("%s callback failed", gateway)
        answer = provider.error_answer(body)
    return JsonResponse(answer)


def _sandbox_on():
    if gateway_named(national_sandbox.GATEWAY_ID) is None:
        raise Http404


@csrf_exempt  # called server to server by the portal, with the protocol's authentication code
@never_cache
@require_POST
def sandbox_api(request):
    """The fake platform's API: INIT, QUERY, GET_BILL."""
    _sandbox_on()
    return JsonResponse(national_sandbox.answer_api(_json_body(request)))


@never_cache
@require_http_methods(["GET", "POST"])
def sandbox_pay(request, reference):
    """The fake platform's payment page: the tester chooses the outcome and what happens to the
    callback."""
    _sandbox_on()
    txn = SandboxTransaction.objects.filter(txn_ref=reference, request__LoaiBanTin="INIT").first()
    if txn is None:
        raise Http404
    if request.method == "POST" and not txn.outcome:
        outcome = request.POST.get("outcome", "")
        callback_choice = request.POST.get("ipn", "")
        if outcome in SandboxTransaction.Outcome.values and callback_choice in SandboxTransaction.Ipn.values:
            return redirect(national_sandbox.finish(txn, outcome, callback_choice))
    if txn.outcome:  # settled already: back to the portal with the same result
        return redirect(national_sandbox.finish(txn, txn.outcome, txn.ipn))
    context = {
        "txn": txn,
        "receipt": txn.request["ThongTinBienLai"],
        "amount": txn.request["SoTien"],
        "outcomes": SandboxTransaction.Outcome.choices,
        "ipn_choices": SandboxTransaction.Ipn.choices,
    }
    return render(request, "payments/national_sandbox_pay.html", context)
