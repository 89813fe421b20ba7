"""The staff back office: inbox, dossier page with its actions, counter reception.

Thin views: the rules are in dossiers.services and dossiers.domain.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from core.text import fold
from dossiers import documents
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, allowed_actions
from dossiers.models import Dossier
from dossiers.services import (
    Applicant,
    DossierNotFound,
    Reception,
    actor_for,
    apologize_and_extend,
    due_soon,
    perform,
    receive_at_counter,
)
from dossiers.services import visible_dossiers as visible

from .forms import ApologyForm, InboxFilterForm, ReceptionForm

PAGE_SIZE = 25


def _officer_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_officer or request.user.agency_id is None:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@_officer_required
def inbox(request):
    form = InboxFilterForm(request.GET or None)
    dossiers = visible(request.user).select_related("procedure")
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"].strip()
        if query and dossiers.filter(code=query).exists():
            # A barcode scanner types the receipt's code and Enter: open that dossier.
            return redirect("backoffice:dossier", code=query)
        if query:
            dossiers = dossiers.filter(
                Q(code__icontains=query)
                | Q(applicant_id_number=query)
                | Q(applicant_name_folded__contains=fold(query))
            )
        if data["state"]:
            dossiers = dossiers.filter(state=data["state"])
        if data["channel"]:
            dossiers = dossiers.filter(channel=data["channel"])
        now = timezone.now()
        if data["due"] == "overdue":
            dossiers = dossiers.filter(step_due_at__lt=now)
        elif data["due"] == "soon":
            dossiers = dossiers.filter(step_due_at__gte=now, step_due_at__lt=now + timedelta(days=1))
    # Online dossiers first among equals, as the provinces promise (served by the dossier_inbox_order index).
    dossiers = dossiers.order_by("step_due_at", "priority", "received_at", "id")
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/inbox.html", {"form": form, "page": page, "now": timezone.now()})


def _visible_dossier(request, code) -> Dossier:
    try:
        dossier = Dossier.objects.select_related("procedure", "agency").get(code=code)
        actor_for(request.user, dossier)
    except (Dossier.DoesNotExist, DossierNotFound) as exc:
        raise Http404 from exc
    return dossier


@_officer_required
def dossier_detail(request, code):
    dossier = _visible_dossier(request, code)
    steps = list(dossier.steps.all())
    actions = allowed_actions(
        dossier.status, actor_for(request.user, dossier), len(steps), step_roles=[s.role for s in steps]
    )
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": dossier,
            "steps": steps,
            "actions": actions,
            "log": dossier.log.select_related("actor"),
            "now": timezone.now(),
            "due_soon": due_soon(dossier),
            "apology_form": ApologyForm(),
        },
    )


_PRINTABLE = {
    "giay-tiep-nhan": ("receipt", documents.receipt_pdf),
    "phieu-kiem-soat": ("control-sheet", documents.control_sheet_pdf),
}


@_officer_required
def dossier_pdf(request, code, form):
    """The receipt or the process control sheet as a PDF, opened in the browser to print in one click."""
    dossier = _visible_dossier(request, code)
    if form not in _PRINTABLE:
        raise Http404
    name, render_pdf = _PRINTABLE[form]
    response = HttpResponse(render_pdf(dossier), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{name}.pdf"'
    return response


@require_POST
@_officer_required
def dossier_apology(request, code):
    dossier = _visible_dossier(request, code)
    form = ApologyForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("backoffice:dossier", code=code)
    try:
        apologize_and_extend(
            dossier, request.user, form.cleaned_data["new_appointment"], form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("New appointment recorded; the apology letter can be sent."))
    return redirect("backoffice:dossier", code=code)


@require_POST
@_officer_required
def dossier_action(request, code, action):
    dossier = _visible_dossier(request, code)
    try:
        action = Action(action)
    except ValueError as exc:
        raise Http404 from exc
    items = [
        {"name": line.strip(), "reason": ""}
        for line in request.POST.get("supplement_items", "").splitlines()
        if line.strip()
    ]
    try:
        perform(
            dossier, request.user, action, comment=request.POST.get("comment", ""), supplement_items=items
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": action.label})
    return redirect("backoffice:dossier", code=code)


@_officer_required
def receive(request):
    if request.user.role != Role.COUNTER_OFFICER:
        raise Http404
    form = ReceptionForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reception = Reception(
            procedure=data["procedure"],
            channel=data["channel"],
            result_delivery=data["result_delivery"],
            comment=data["comment"],
            applicant=Applicant(
                name=data["applicant_name"],
                id_number=data["id_number"],
                applicant_type=data["applicant_type"],
                phone=data["phone"],
                email=data["email"],
                street=data["street"],
            ),
        )
        try:
            dossier = receive_at_counter(request.user, reception)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Dossier %(code)s received.") % {"code": dossier.code})
            return redirect("backoffice:dossier", code=dossier.code)
    return render(request, "backoffice/receive.html", {"form": form})
