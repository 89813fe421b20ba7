"""The sandbox gateway's pages (``payments.sandbox``): its payment page and its transaction API.
Served only while the sandbox is the configured gateway; otherwise they do not exist (404)."""

import json

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import sandbox
from .gateways import gateway_named
from .models import SandboxTransaction


def _sandbox_on():
    if gateway_named("sandbox") is None:
        raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def pay(request):
    """VNPay's payment page, played: the tester chooses the outcome and what happens to the IPN."""
    _sandbox_on()
    try:
        txn = sandbox.open_transaction(request.GET)
    except sandbox.SandboxRefusal as error:
        return render(request, "payments/sandbox_pay.html", {"refusal": error.message}, status=400)
    if request.method == "POST" and not txn.outcome:
        outcome = request.POST.get("outcome", "")
        ipn = request.POST.get("ipn", "")
        if outcome in SandboxTransaction.Outcome.values and ipn in SandboxTransaction.Ipn.values:
            return redirect(sandbox.finish(txn, outcome, ipn))
    if txn.outcome:  # settled already: back to the merchant with the same result
        return redirect(sandbox.finish(txn, txn.outcome, txn.ipn))
    context = {
        "txn": txn,
        "amount": int(txn.request["vnp_Amount"]) // 100,
        "outcomes": SandboxTransaction.Outcome.choices,
        "ipn_choices": SandboxTransaction.Ipn.choices,
        "query": request.GET.urlencode(),
    }
    return render(request, "payments/sandbox_pay.html", context)


@csrf_exempt  # called server to server by the merchant, with the protocol's checksum
@never_cache
@require_POST
def api(request):
    """VNPay's transaction API, played: querydr."""
    _sandbox_on()
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    return JsonResponse(sandbox.answer_api(body))
