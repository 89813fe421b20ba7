"""The staff back office: inbox, dossier page with its actions, counter reception.

Thin views: the rules are in dossiers.services and dossiers.domain.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.downloads import generated_file_response
from core.pagination import CappedPaginator
from core.roles import Role
from dossiers import documents, receipts
from dossiers.answers import applicant_address, eform_answers
from dossiers.constants import Proposal
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action
from dossiers.queries import INBOX_ORDER, due_soon_until, filter_dossiers, mark_deadlines
from dossiers.result_drafts import template_of
from dossiers.services import (
    Applicant,
    InboxScope,
    Reception,
    actions_for,
    actor_for,
    apologize_and_extend,
    consulted_dossiers,
    due_soon,
    inbox_dossiers,
    is_consulted,
    may_propose,
    newest_draft,
    pending_proposal,
    perform,
    prepare_result_draft,
    receive_at_counter,
    signed_result,
    visible_dossiers,
)

from .access import role_required
from .fee_payments import payments_context
from .fees import fees_context
from .forms import (
    ApologyForm,
    InboxFilterForm,
    InterAgencyForm,
    ReceptionForm,
    SupplementItemsForm,
    TrackingBookForm,
)
from .pages import form_errors_as_messages, visible_dossier
from .postal import postal_context

PAGE_SIZE = 25
#: Actions that end a dossier for good: their form asks for a reason and a ticked confirmation.
ENDING_ACTIONS = frozenset({Action.REJECT, Action.STOP_PROCESSING, Action.WITHDRAW})
CONSULTED_LIMIT = 50
# Actions whose form asks for more than a comment: folded on the dossier page until opened.
ACTIONS_WITH_INPUT = frozenset(
    {
        Action.REQUEST_SUPPLEMENT,
        Action.SEND_INTER_AGENCY,
        Action.REJECT,
        Action.STOP_PROCESSING,
        Action.ISSUE_RESULT,
    }
)


@role_required("inbox")
def inbox(request):
    """The officer's dossiers: by default those waiting for their role, or all of the agency's."""
    is_manager = request.user.role == Role.MANAGER
    form = InboxFilterForm(request.GET or None, agency=request.user.agency_id, show_scope=not is_manager)
    data = {}
    if form.is_bound:
        form.is_valid()  # a field with a bad value is shown with its error and ignored; the others apply
        data = form.cleaned_data
    query = data.get("q", "").strip()
    # A barcode scanner types the receipt's code and Enter: open that dossier (any visible one).
    if query and visible_dossiers(request.user).filter(code=query).exists():
        return redirect("backoffice:dossier", code=query)
    # A search looks through the whole agency; otherwise what waits for the officer's role by default.
    scope = InboxScope.ALL if query or is_manager else (data.get("scope") or InboxScope.MINE)
    now = timezone.now()
    soon_until = due_soon_until(now)  # one working day ahead, with the province's calendar
    dossiers = filter_dossiers(
        inbox_dossiers(request.user, scope).select_related("procedure"),
        now=now,
        query=query,
        state=data.get("state", ""),
        channel=data.get("channel"),
        due=data.get("due", ""),
        procedure=data.get("procedure", ""),
        late=data.get("late", False),
        soon_until=soon_until,
    )
    page = CappedPaginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = mark_deadlines(page.object_list, now=now, soon_until=soon_until)
    consulted = mark_deadlines(
        consulted_dossiers(request.user)
        .select_related("procedure", "agency")
        .order_by(*INBOX_ORDER)[:CONSULTED_LIMIT],
        now=now,
        soon_until=soon_until,
    )
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "backoffice/inbox.html",
        {
            "form": form,
            "page": page,
            "now": now,
            "scope": scope,
            "consulted": consulted,
            "filters": query_string.urlencode(),
        },
    )


def _assign_label(steps) -> str:
    """ "Assign" starts the first step of the internal process, which is often the counter's own: the
    button names it, so that nobody expects the dossier to reach the specialist in the same click."""
    if not steps:
        return ""
    first = steps[0]
    return _("Start step 1: %(step)s (%(role)s)") % {"step": first.name, "role": first.get_role_display()}


@role_required("dossier")
def dossier_detail(request, code):
    dossier = visible_dossier(request, code)
    steps = list(dossier.steps.all())
    actions = actions_for(request.user, dossier, steps)
    consulted = is_consulted(request.user, dossier)
    log = list(dossier.log.select_related("actor", "to_officer"))
    next_step = dossier.step_index + 1 if dossier.step_index is not None else None
    actor = actor_for(request.user, dossier)
    can_propose = Action.FORWARD in actions and may_propose(actor, steps, next_step)
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": dossier,
            "steps": steps,
            "actions": actions,
            "consulted": consulted,
            "actions_with_input": ACTIONS_WITH_INPUT,
            "ending_actions": ENDING_ACTIONS,
            "log": log,
            "proposal": pending_proposal(dossier, log),
            "proposal_choices": Proposal.choices if can_propose else None,
            "files": dossier.files.select_related("component", "reused_from__dossier").order_by(
                "uploaded_at", "id"
            ),
            "answers": eform_answers(dossier),
            "applicant_address": applicant_address(dossier),
            "now": timezone.now(),
            "due_soon": due_soon(dossier, steps=steps) and not consulted,
            "assign_label": _assign_label(steps),
            "apology_form": ApologyForm(),
            "supplement_form": (
                SupplementItemsForm(components=dossier.procedure.components.order_by("position", "id"))
                if Action.REQUEST_SUPPLEMENT in actions
                else None
            ),
            "inter_agency_form": (
                InterAgencyForm(dossier=dossier) if Action.SEND_INTER_AGENCY in actions else None
            ),
            **postal_context(request.user, dossier),
            **fees_context(dossier, consulted=consulted),
            **payments_context(request.user, dossier),
            **_draft_context(request.user, dossier, actor, consulted),
        },
    )


#: Who prepares the draft result (and sees the form for it): the handling specialist, the leader.
DRAFTING_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})


def _draft_context(user, dossier, actor, consulted) -> dict:
    """The draft result for the page: the newest version (shown inline to the leader who approves
    it), whether this officer may prepare a new one, and the signed result once approved."""
    drafting = dossier.state == "in_progress" and not consulted and user.role in DRAFTING_ROLES
    return {
        "draft": newest_draft(dossier),
        "may_draft": drafting,
        "has_result_template": drafting and template_of(dossier) is not None,
        "signed_result": signed_result(dossier),
    }


@require_POST
@role_required("result_draft")
def dossier_result_draft(request, code):
    """A new version of the draft result: from the procedure's template, or the PDF uploaded."""
    dossier = visible_dossier(request, code)
    upload = None
    if request.POST.get("source") == "upload":
        upload = request.FILES.get("draft_document")
        if upload is None:
            messages.error(request, _("Choose the PDF of the draft result to upload."))
            return redirect("backoffice:dossier", code=code)
    try:
        draft = prepare_result_draft(
            dossier, request.user, upload=upload, comment=request.POST.get("comment", "")
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Draft result, version %(version)s, is ready for the leader's review.")
            % {"version": draft.version},
        )
    return redirect("backoffice:dossier", code=code)


@role_required("file")
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def dossier_file(request, code, file_id):
    """Download a file kept with the dossier (a scan or a generated form), for those who may see it."""
    dossier = visible_dossier(request, code)
    stored = get_object_or_404(dossier.files, pk=file_id)
    return documents.file_download(stored, inline=request.GET.get("xem") == "1")


@role_required("pdf")
def dossier_pdf(request, code, form):
    """The receipt (as stored) or the process control sheet (rendered now), to print."""
    dossier = visible_dossier(request, code)
    if form == "giay-tiep-nhan":
        return documents.file_download(receipts.receipt_file(dossier))
    if form == "phieu-kiem-soat":
        return generated_file_response(
            documents.control_sheet_pdf(dossier),
            filename=f"{dossier.code}-phieu-kiem-soat.pdf",
            content_type="application/pdf",
        )
    raise Http404


@require_POST
@role_required("apology")
def dossier_apology(request, code):
    dossier = visible_dossier(request, code)
    form = ApologyForm(request.POST)
    if not form.is_valid():
        form_errors_as_messages(request, form)
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
@role_required("action")
def dossier_action(request, code, action):
    dossier = visible_dossier(request, code)
    try:
        action = Action(action)
    except ValueError as exc:
        raise Http404 from exc
    options = {}
    if action == Action.REQUEST_SUPPLEMENT:
        components = dossier.procedure.components.order_by("position", "id")
        options["supplement_items"] = SupplementItemsForm(request.POST, components=components).items()
    if action == Action.SEND_INTER_AGENCY:
        form = InterAgencyForm(request.POST, dossier=dossier)
        options["consulted_agency"] = form.cleaned_data["consulted_agency"] if form.is_valid() else None
    if action == Action.ISSUE_RESULT:
        options["result_document"] = request.FILES.get("result_document")
    if action == Action.FORWARD:
        options["proposal"] = request.POST.get("proposal", "")
    if action in ENDING_ACTIONS and request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the confirmation: this ends the dossier and cannot be undone."))
        return redirect("backoffice:dossier", code=code)
    try:
        perform(dossier, request.user, action, comment=request.POST.get("comment", ""), **options)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": action.label})
    return redirect("backoffice:dossier", code=code)


@role_required("receive_components")
def receive_components(request):
    """The checklist of the chosen procedure's components (htmx swaps it in when the procedure changes)."""
    form = ReceptionForm(initial={"procedure": request.GET.get("procedure")}, agency=request.user.agency)
    return render(request, "backoffice/_components.html", {"form": form})


@role_required("receive")
def receive(request):
    if request.method == "POST" and request.POST.get("refresh"):
        # Without JavaScript: "Show the components" re-displays the form with the chosen procedure.
        form = ReceptionForm(initial=request.POST.dict(), agency=request.user.agency)
        return render(request, "backoffice/receive.html", {"form": form})
    form = ReceptionForm(
        request.POST or None,
        request.FILES or None,
        agency=request.user.agency,
        initial={"procedure": request.GET.get("procedure")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reception = Reception(
            procedure=data["procedure"],
            channel=data["channel"],
            tracking_number=data["tracking_number"],
            result_delivery=data["result_delivery"],
            comment=data["comment"],
            components=form.received_components(),
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


@role_required("tracking_book")
def tracking_book(request):
    """The counter's dossier tracking book (Mẫu số 07) of the officer's agency, for a period, as PDF."""
    form = TrackingBookForm(request.GET if "date_from" in request.GET else None)
    if form.is_bound and form.is_valid():
        agency = request.user.agency
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        try:
            documents.check_tracking_book_range(agency, date_from, date_to)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return generated_file_response(
                documents.tracking_book_pdf(agency, date_from, date_to),
                filename=f"so-theo-doi-{agency.code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf",
                content_type="application/pdf",
            )
    return render(request, "backoffice/tracking_book.html", {"form": form})
