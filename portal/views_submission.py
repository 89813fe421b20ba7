"""Online submission pages: start, the draft's steps (details, documents, result, check), the receipt.

Thin views over ``dossiers.submission``: every rule and every change is there. A draft belongs to the
citizen who started it; anyone else gets a 404. Every step saves what was entered, so a citizen who
leaves finds the draft again (the "my dossiers" page links to ``portal:draft``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalog.queries import procedure_detail_queryset
from core.roles import Role
from core.templatetags.motcua import anchor
from documents.uploads import max_upload_bytes
from dossiers import receipts, submission, wallet
from dossiers.answers import eform_answers
from dossiers.constants import ResultDelivery
from dossiers.documents import file_download
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from dossiers.services import DossierNotFound
from dossiers.submission import ContactNotConfirmed, SubmissionInvalid
from postal.tariff import configured_tariff, postal_fee

from .forms_submission import DeliveryForm, DraftDetailsForm, ward_choices

STEPS = (
    ("portal:draft_details", gettext_lazy("Your details and the form")),
    ("portal:draft_files", gettext_lazy("Documents")),
    ("portal:draft_delivery", gettext_lazy("Receiving the result")),
    ("portal:draft_summary", gettext_lazy("Check and submit")),
)


def _confirm_first(request, error: ContactNotConfirmed, next_url: str):
    """To the confirmation page, then back to ``next_url``."""
    messages.warning(request, error.message)
    return redirect(f"{reverse('accounts:confirm_contact')}?{urlencode({'next': next_url})}")


# ── start ───────────────────────────────────────────────────────────────────────────────────────────


@require_http_methods(["GET", "HEAD", "POST"])
def submit_start(request, code):
    """Below level 3: how to apply in person. From level 3: start (or resume) an online dossier."""
    procedure = get_object_or_404(procedure_detail_queryset(), code=code)
    agencies = list(procedure.agencies.filter(is_active=True))
    context = {"procedure": procedure, "level": procedure.level, "agencies": agencies}
    if not procedure.level.allows_online_submission:
        context.update(
            components=list(procedure.components.all()),
            form_templates=list(procedure.form_templates.all()),
            fees=list(procedure.fees.all()),
        )
        return render(request, "portal/submit_in_person.html", context)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context["is_citizen"] = request.user.role == Role.CITIZEN
    if context["is_citizen"]:
        try:
            submission.check_contact_confirmed(request.user)
        except ContactNotConfirmed as error:
            return _confirm_first(request, error, request.get_full_path())
    own = submission.citizen_dossiers(request.user)
    context["drafts"] = list(own.filter(procedure=procedure, state=State.DRAFT))
    context["components"] = list(procedure.components.all())
    if request.method != "POST":
        return render(request, "portal/submit_start.html", context)
    agency = None
    if len(agencies) > 1:
        agency = next((a for a in agencies if str(a.pk) == request.POST.get("agency", "")), None)
        if agency is None:
            context["errors"] = {"agency": [_("Choose the agency you are applying to.")]}
            return render(request, "portal/submit_start.html", context, status=400)
    try:
        draft = submission.start_draft(request.user, procedure, agency=agency)
    except ContactNotConfirmed as error:
        return _confirm_first(request, error, request.get_full_path())
    except SubmissionInvalid as error:
        context["errors"] = error.errors
        return render(request, "portal/submit_start.html", context, status=400)
    except DomainError as error:
        context["refusal"] = error.message
        return render(request, "portal/submit_start.html", context, status=403)
    return redirect("portal:draft_details", pk=draft.pk)


# ── the draft's steps ───────────────────────────────────────────────────────────────────────────────


def _own(request, pk):
    try:
        return submission.own_dossier(request.user, pk)
    except DossierNotFound as error:
        raise Http404(error.message) from error


def _step_context(dossier, current: str, **extra) -> dict:
    steps = [
        {"url": reverse(name, kwargs={"pk": dossier.pk}), "label": label, "current": name == current}
        for name, label in STEPS
    ]
    number = next(i for i, (name, _label) in enumerate(STEPS, start=1) if name == current)
    return {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "steps": steps,
        "step_number": number,
        "step_count": len(STEPS),
        **extra,
    }


#: Added to a step's URL by the summary's "change" links: once saved, the step returns to the summary.
BACK_TO_SUMMARY = "back=summary"


def _back_to_summary(request) -> bool:
    return request.GET.get("back") == "summary"


def _next_step(request, dossier, following: str):
    """Where a saved step goes: the next step, or back to the summary when the summary sent it."""
    return redirect("portal:draft_summary" if _back_to_summary(request) else following, pk=dossier.pk)


def _draft_or_redirect(request, pk):
    """The user's draft, or a redirect to the receipt page when it has been sent already."""
    dossier = _own(request, pk)
    if dossier.state != State.DRAFT:
        return dossier, redirect("portal:submitted", pk=dossier.pk)
    return dossier, None


@login_required
@require_safe
def draft(request, pk):
    """Resume a draft: at the check page when something was entered already, else at the first step."""
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    started = bool(dossier.form_data) or dossier.files.exists()
    return redirect("portal:draft_summary" if started else "portal:draft_details", pk=dossier.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_details(request, pk):
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    fields = list(dossier.procedure.form_fields.all())
    if request.method != "POST":
        form = DraftDetailsForm(dossier=dossier, fields=fields)
        return render(
            request, "portal/draft_details.html", _step_context(dossier, "portal:draft_details", form=form)
        )
    form = DraftDetailsForm(request.POST, dossier=dossier, fields=fields)
    form.is_valid()
    context = _step_context(dossier, "portal:draft_details", form=form)
    if "refresh" in request.POST:  # without JavaScript: show the communes of the chosen province
        return render(request, "portal/draft_details.html", context)
    try:
        submission.save_draft(dossier, request.user, applicant=form.applicant(), form_data=form.form_data())
    except SubmissionInvalid as error:
        form.add_domain_errors(error.errors)
        return render(request, "portal/draft_details.html", context, status=400)
    # What was typed is saved; what is still missing (required answers) is said on this step, not
    # only at the summary.
    dossier.refresh_from_db()
    if missing := submission.details_errors(dossier):
        form.add_domain_errors(missing)
        return render(request, "portal/draft_details.html", context, status=400)
    return _next_step(request, dossier, "portal:draft_files")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_files(request, pk):
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    errors: dict[str, list[str]] = {}
    refused_input = "input"
    if request.method == "POST":
        component = get_object_or_404(dossier.procedure.components, pk=request.POST.get("component") or 0)
        key = submission.component_key(component)
        uploads, photos = request.FILES.getlist("files"), request.FILES.getlist("photos")
        attached, refusals = submission.attach_uploads(dossier, request.user, component, uploads, photos)
        if not uploads and not photos:
            refusals = [_("Choose a file to upload.")]
        if refusals:
            errors[key] = refusals
            # The error links lead to the input the refused files came from.
            refused_input = "photos" if photos and not uploads else "input"
        else:
            messages.success(
                request,
                _("%(count)s file(s) added to “%(name)s”.")
                % {"count": len(attached), "name": component.name},
            )
            back = f"?{BACK_TO_SUMMARY}" if _back_to_summary(request) else ""
            return redirect(reverse("portal:draft_files", kwargs={"pk": dossier.pk}) + f"{back}#{key}")
    components = submission.components_with_files(dossier)
    offers = wallet.accepted_by_component(components, wallet.holder_of(request.user))
    for component in components:
        component.key = submission.component_key(component)
        component.errors = errors.get(component.key, [])
        taken = {upload.reused_from_id for upload in component.uploaded}
        component.wallet_documents = wallet.titled(
            d for d in offers.get(component.pk, []) if d.pk not in taken
        )
    context = _step_context(
        dossier,
        "portal:draft_files",
        components=components,
        errors=errors,
        max_size=filesizeformat(max_upload_bytes()),
    )
    context["error_links"] = [
        {"href": f"#{c.key}-{refused_input}", "message": message} for c in components for message in c.errors
    ]
    return render(request, "portal/draft_files.html", context, status=400 if errors else 200)


@login_required
@require_POST
def draft_file_remove(request, pk, file_id):
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    try:
        submission.remove_file(dossier, request.user, file_id)
    except DossierNotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file was removed."))
    return redirect("portal:draft_files", pk=dossier.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_delivery(request, pk):
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    options = submission.delivery_options(dossier.procedure)
    structured = (dossier.form_data or {}).get(submission.DELIVERY_ADDRESS_KEY)
    kwargs = {"dossier": dossier, "options": options, "structured_address": structured}
    form = DeliveryForm(request.POST, **kwargs) if request.method == "POST" else DeliveryForm(**kwargs)
    tariff = configured_tariff() if ResultDelivery.POST in options else None
    context = _step_context(dossier, "portal:draft_delivery", form=form, postal_tariff=tariff)
    if request.method != "POST":
        return render(request, "portal/draft_delivery.html", context)
    form.is_valid()
    if "refresh" in request.POST:
        return render(request, "portal/draft_delivery.html", context)
    choice, address = form.values()
    try:
        submission.save_draft(dossier, request.user, result_delivery=choice, delivery_address=address)
    except SubmissionInvalid as error:
        form.add_domain_errors(error.errors)
        return render(request, "portal/draft_delivery.html", context, status=400)
    return _next_step(request, dossier, "portal:draft_summary")


def _error_links(dossier, errors: dict[str, list[str]], fields) -> list[dict]:
    """Each submission error named after its field, with a link to the step and to the field itself
    (the step then comes back to the summary: ``?back=summary``)."""
    if not errors:
        return []  # a complete draft: no form to build for labels
    details = DraftDetailsForm(dossier=dossier, fields=fields)
    delivery = DeliveryForm(dossier=dossier, options=submission.delivery_options(dossier.procedure))
    components = {submission.component_key(c): c for c in dossier.procedure.components.all()}
    links = []
    for key, messages_ in errors.items():
        if key in components:
            href, label = _step_url(dossier, "portal:draft_files") + f"#{key}", components[key].name
        elif key in ("result_delivery", "delivery_address"):
            field = delivery["result_delivery" if key == "result_delivery" else "delivery_ward"]
            href, label = _step_url(dossier, "portal:draft_delivery") + f"#{anchor(field)}", field.label
        elif (name := details.field_name_for(key)) is not None:
            field = details[name]
            href, label = _step_url(dossier, "portal:draft_details") + f"#{anchor(field)}", field.label
        else:
            href, label = _step_url(dossier, "portal:draft_details"), ""
        links.extend({"href": href, "label": label, "message": message} for message in messages_)
    return links


def _step_url(dossier, step: str) -> str:
    return reverse(step, kwargs={"pk": dossier.pk}) + f"?{BACK_TO_SUMMARY}"


def _summary_context(dossier, errors):
    fields = list(dossier.procedure.form_fields.all())
    return _step_context(
        dossier,
        "portal:draft_summary",
        answers=eform_answers(dossier),
        components=submission.components_with_files(dossier),
        delivery_label=ResultDelivery(dossier.result_delivery).label,
        postal_fee=postal_fee(dossier),
        error_links=_error_links(dossier, errors, fields),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_summary(request, pk):
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    if request.method != "POST":
        context = _summary_context(dossier, submission.submission_errors(dossier))
        return render(request, "portal/draft_summary.html", context)
    try:
        submission.submit(dossier, request.user)
    except ContactNotConfirmed as error:
        return _confirm_first(request, error, reverse("portal:draft_summary", kwargs={"pk": dossier.pk}))
    except SubmissionInvalid as error:
        context = _summary_context(dossier, error.errors)
        context["tried"] = True
        return render(request, "portal/draft_summary.html", context, status=400)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:draft_summary", pk=dossier.pk)
    return redirect("portal:submitted", pk=dossier.pk)


@login_required
@require_POST
def draft_delete(request, pk):
    dossier, sent = _draft_or_redirect(request, pk)
    if sent:
        return sent
    code = dossier.procedure.code
    submission.delete_draft(dossier, request.user)
    messages.success(request, _("The draft was deleted."))
    return redirect("portal:procedure", code=code)


# ── after submission ────────────────────────────────────────────────────────────────────────────────


@login_required
@require_safe
def submitted(request, pk):
    """The confirmation: the dossier code, the appointment date, the receipt, and what happens next."""
    dossier = _own(request, pk)
    if dossier.state == State.DRAFT:
        return redirect("portal:draft", pk=dossier.pk)
    return render(request, "portal/submitted.html", {"dossier": dossier, "procedure": dossier.procedure})


@login_required
@require_safe
def receipt_download(request, pk):
    dossier = _own(request, pk)
    if not dossier.code:
        raise Http404(_("This dossier has no receipt yet."))
    return file_download(receipts.receipt_file(dossier))


@require_safe
def wards(request):
    """The communes and wards of a province as <option>s (the address pickers ask for it with htmx)."""
    province = next(iter(request.GET.values()), "")
    return render(request, "portal/_ward_options.html", {"choices": ward_choices(province)})
