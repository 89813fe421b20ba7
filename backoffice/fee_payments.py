"""The fees on the officer's dossier page (payments, e-receipts, the counter payment, refunds) and the
agency's daily reconciliation report. Thin views: the rules are in ``payments``."""

import io

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import generated_file_response
from dossiers.documents import file_download
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from payments.counter import record_counter_payment
from payments.daily import daily_report, write_csv
from payments.domain.states import REFUNDABLE
from payments.fees import fees_for
from payments.forms import CounterPaymentForm, ReconciliationDayForm, RefundForm
from payments.models import Method
from payments.receipts import issue_receipt
from payments.refunds import may_refund, refund_payment

from .access import may_open, role_required
from .pages import form_errors_as_messages, visible_dossier


def payments_context(user, dossier) -> dict:
    """What the dossier page shows of the fees: the payments with their log and receipt, the counter
    payment's form while fees are due, and a refund form per refundable online payment."""
    payments = list(dossier.payments.select_related("receipt").prefetch_related("events__by"))
    awaiting = dossier.state == State.AWAITING_FEES
    fees = fees_for(dossier) if awaiting else None
    counter_form = None
    if awaiting and fees.total > 0 and may_open(user, "counter_payment"):
        counter_form = CounterPaymentForm(initial={"amount": fees.total})
    for payment in payments:
        payment.refund_form = (
            RefundForm(initial={"payment": payment.pk, "amount": payment.refundable_amount})
            if payment.method == Method.ONLINE and payment.state in REFUNDABLE and may_refund(user, payment)
            else None
        )
    if not (payments or fees):
        return {"fee_payments": None}
    return {"fee_payments": {"payments": payments, "fees": fees, "counter_form": counter_form}}


@require_POST
@role_required("counter_payment")
def counter_payment(request, code):
    dossier = visible_dossier(request, code)
    form = CounterPaymentForm(request.POST)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("backoffice:dossier", code=code)
    try:
        payment = record_counter_payment(dossier, request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Payment recorded (%(reference)s); print the e-receipt for the applicant.")
            % {"reference": payment.txn_ref},
        )
    return redirect("backoffice:dossier", code=code)


@require_POST
@role_required("refund")
def refund(request, code):
    dossier = visible_dossier(request, code)
    form = RefundForm(request.POST)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("backoffice:dossier", code=code)
    payment = dossier.payments.filter(pk=form.cleaned_data["payment"]).first()
    if payment is None:
        messages.error(request, _("There is no such payment of this dossier."))
        return redirect("backoffice:dossier", code=code)
    try:
        refund_payment(
            payment, request.user, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The refund was accepted by the payment gateway."))
    return redirect("backoffice:dossier", code=code)


@role_required("fee_receipt")
def fee_receipt(request, code, payment_id):
    """The e-receipt, to reprint (issued now if the worker has not issued it yet)."""
    dossier = visible_dossier(request, code)
    payment = get_object_or_404(dossier.payments, pk=payment_id)
    try:
        stored = issue_receipt(payment.pk)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("backoffice:dossier", code=code)
    return file_download(stored)


def _report(request):
    day = ReconciliationDayForm(request.GET).day()
    return day, daily_report(request.user.agency, day)


@role_required("reconciliation")
def reconciliation(request):
    """The agency's payments of a day against the gateway's answers, the mismatches first."""
    form = ReconciliationDayForm(request.GET)
    day, report = _report(request)
    return render(request, "backoffice/reconciliation.html", {"form": form, "day": day, "report": report})


@role_required("reconciliation_csv")
def reconciliation_csv(request):
    day, report = _report(request)
    out = io.StringIO()
    write_csv([report], out)
    return generated_file_response(
        out.getvalue().encode("utf-8-sig"),
        filename=f"doi-soat-{request.user.agency.code}-{day.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )
