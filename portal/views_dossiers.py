"""The citizen's own dossiers ("Hồ sơ của tôi") and the public status lookup ("Tra cứu hồ sơ").

Thin views: the rules are in dossiers.submission (what a citizen may do), dossiers.timeline (what
they are told) and dossiers.lookup (who may look a dossier up without an account).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.network import client_address
from core.validation import COMMENT_MAX, text_problem
from dossiers import submission, wallet
from dossiers.answers import eform_answers
from dossiers.documents import file_download
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from dossiers.lookup import find_for_applicant, over_limit
from dossiers.models import DossierFile, SupplementRequest
from dossiers.services import DossierNotFound
from dossiers.timeline import public_timeline
from payments.services import payment_panel
from postal.tariff import postal_fee
from postal.timeline import with_tracking

PAGE_SIZE = 20
AWAITING_APPLICANT = {State.AWAITING_SUPPLEMENT.value, State.AWAITING_FEES.value}


def _own(request, pk):
    try:
        return submission.own_dossier(request.user, pk)
    except DossierNotFound as error:
        raise Http404(error.message) from error


@login_required
@require_safe
def my_dossiers(request):
    page = Paginator(submission.citizen_dossiers(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for dossier in page:
        dossier.awaiting_applicant = dossier.state in AWAITING_APPLICANT
    return render(request, "portal/my_dossiers.html", {"page": page})


def _detail_context(dossier, **extra):
    requests = list(SupplementRequest.objects.filter(dossier=dossier).order_by("requested_at", "id"))
    entries = list(dossier.log.order_by("at", "id"))
    files = list(dossier.files.select_related("component").order_by("uploaded_at", "id"))
    open_request = next((r for r in reversed(requests) if r.answered_at is None), None)
    awaiting = dossier.state == State.AWAITING_SUPPLEMENT and open_request is not None
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "timeline": with_tracking(dossier, public_timeline(dossier, entries, requests)),
        "steps": list(dossier.steps.order_by("index")),
        # The receipt is listed from its own address: it may still be on its way from the worker.
        "documents": [
            f for f in files if f.kind not in (DossierFile.Kind.COMPONENT, DossierFile.Kind.RECEIPT)
        ],
        "receipt_label": DossierFile.Kind.RECEIPT.label,
        "open_request": open_request if awaiting else None,
        "supplement_files": [f for f in files if awaiting and f.supplement_request_id == open_request.pk],
        "components": list(dossier.procedure.components.order_by("position", "id")) if awaiting else [],
        "can_withdraw": dossier.state not in {s.value for s in State if s.is_final} | {State.DRAFT.value},
        "result": next((f for f in reversed(files) if f.kind == DossierFile.Kind.RESULT), None),
        # What the applicant submitted stays in view: the answers and the scans per component.
        "answers": eform_answers(dossier),
        "submitted_files": [f for f in files if f.kind == DossierFile.Kind.COMPONENT],
        # The fees to pay online (level 4, awaiting fees) and the payments so far (payments app).
        "payment_panel": payment_panel(dossier),
        "postal_fee": postal_fee(dossier),
    }
    if awaiting:
        # The components the applicant may answer from their document wallet instead of an upload.
        offers = wallet.accepted_by_component(context["components"], wallet.holder_of(dossier.applicant_user))
        taken = {f.reused_from_id for f in context["supplement_files"]}
        context["wallet_offers"] = [
            (component, documents)
            for component in context["components"]
            if (documents := wallet.titled(d for d in offers.get(component.pk, []) if d.pk not in taken))
        ]
    context.update(extra)
    return context


@login_required
@require_safe
def my_dossier(request, pk):
    dossier = _own(request, pk)
    if dossier.state == State.DRAFT:
        return redirect("portal:draft", pk=dossier.pk)
    return render(request, "portal/my_dossier.html", _detail_context(dossier))


@login_required
@require_POST
def supplement_upload(request, pk):
    dossier = _own(request, pk)
    component = get_object_or_404(dossier.procedure.components, pk=request.POST.get("component") or 0)
    uploads, photos = request.FILES.getlist("files"), request.FILES.getlist("photos")
    errors = [] if uploads or photos else [_("Choose a file to upload.")]
    if not errors:
        try:
            _attached, errors = submission.attach_uploads(dossier, request.user, component, uploads, photos)
        except DomainError as error:
            errors = [error.message]
    if errors:
        if photos and not uploads:  # the error links lead to the input the refused files came from
            href, label = "#supplement-photos", _("Photograph page by page")
        else:
            href, label = "#supplement-file", _("Files (PDF, JPEG or PNG)")
        links = [{"href": href, "label": label, "message": message} for message in errors]
        context = _detail_context(
            dossier, upload_errors=errors, upload_error_links=links, upload_component=component.pk
        )
        return render(request, "portal/my_dossier.html", context, status=400)
    messages.success(request, _("The file was added. Send the supplement when everything is attached."))
    return redirect("portal:my_dossier", pk=dossier.pk)


@login_required
@require_POST
def supplement_send(request, pk):
    dossier = _own(request, pk)
    try:
        submission.answer_supplement(dossier, request.user, comment=request.POST.get("comment", ""))
    except submission.SubmissionInvalid as error:
        errors = sum(error.errors.values(), [])
        return render(
            request, "portal/my_dossier.html", _detail_context(dossier, send_errors=errors), status=400
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The supplement was sent. Processing resumes."))
    return redirect("portal:my_dossier", pk=dossier.pk)


@login_required
@require_POST
def withdraw(request, pk):
    """Withdrawing ends the dossier for good: it needs a reason, then a confirmation that says so."""
    dossier = _own(request, pk)
    reason = request.POST.get("reason", "")
    problem = text_problem(reason, COMMENT_MAX) or (
        None if reason.strip() else _("Say why you withdraw the dossier.")
    )
    if problem:
        context = _detail_context(dossier, withdraw_errors=[problem], withdraw_open=True)
        return render(request, "portal/my_dossier.html", context, status=400)
    if request.POST.get("confirm") != "yes":
        return render(request, "portal/withdraw_confirm.html", {"dossier": dossier, "reason": reason.strip()})
    try:
        submission.withdraw(dossier, request.user, reason=reason)
    except submission.SubmissionInvalid as error:
        errors = sum(error.errors.values(), [])
        context = _detail_context(dossier, withdraw_errors=errors, withdraw_open=True)
        return render(request, "portal/my_dossier.html", context, status=400)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The dossier was withdrawn."))
    return redirect("portal:my_dossier", pk=dossier.pk)


@login_required
@require_safe
def my_file(request, pk, file_id):
    dossier = _own(request, pk)
    return file_download(get_object_or_404(DossierFile, pk=file_id, dossier=dossier))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """Look a dossier up by code and the applicant's personal ID (or tax code) or phone.

    The code may come in the address (``?ma=``, the receipt's QR code); the identifier only in the
    form's POST, so that it stays in no address bar, history, log or referrer. Nothing is refused
    before the person has tried.
    """
    if request.method != "POST":
        if "so" in request.GET:  # an old link that carries the identifier: drop it from the address
            return redirect(f"{request.path}?{urlencode({'ma': request.GET.get('ma', '')})}")
        return render(request, "portal/lookup.html", {"code": request.GET.get("ma", "").strip()})
    code = request.POST.get("ma", "").strip()
    identifier = request.POST.get("so", "").strip()
    context = {"code": code, "identifier": identifier, "tried": True}
    errors = {}
    if not code:
        errors["ma"] = _("Fill in the dossier code printed on your receipt.")
    if not identifier:
        errors["so"] = _("Fill in the applicant's personal ID number (or tax code) or phone number.")
    if errors:
        labels = {"ma": _("Dossier code"), "so": _("Personal ID number, tax code or phone number")}
        context["errors"] = errors
        context["error_links"] = [
            {"href": f"#lookup-{field}", "label": labels[field], "message": message}
            for field, message in errors.items()
        ]
        return render(request, "portal/lookup.html", context, status=400)
    if over_limit(client_address(request)):
        context["refusal"] = _("Too many look-ups from your connection. Try again in 10 minutes.")
        return render(request, "portal/lookup.html", context, status=429)
    dossier = find_for_applicant(code, identifier)
    if dossier is None:
        context["not_found"] = True
        return render(request, "portal/lookup.html", context, status=404)
    entries = list(dossier.log.order_by("at", "id"))
    requests = list(SupplementRequest.objects.filter(dossier=dossier).order_by("requested_at", "id"))
    context.update(
        dossier=dossier,
        timeline=public_timeline(dossier, entries, requests),
        steps=list(dossier.steps.order_by("index")),
    )
    return render(request, "portal/lookup.html", context)
