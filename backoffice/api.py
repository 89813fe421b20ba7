"""The officers' dossier API (/api/v1/dossiers…) beside the back office's pages, and the public status
lookup (/api/v1/public/dossiers).

The same rules as the back-office pages, from dossiers.services; handlers only translate between JSON
and those functions. Another agency's dossier is a 404, exactly like an unknown code.
"""

import binascii
import math
from base64 import b64decode
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from accounts.api_auth import API_AUTH
from catalog.models import Agency, Procedure
from core.api_errors import ERRORS, ErrorBody, domain_errors
from core.network import client_address
from dossiers import lookup, queries, services, submission
from dossiers.answers import applicant_address, eform_answers
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.schemas import (
    ActionIn,
    ApologyIn,
    DossierDetail,
    DossierPage,
    PublicDossier,
    ReceptionIn,
    ResultDraftIn,
)

router = Router(tags=["dossiers"], auth=API_AUTH)

PAGE_SIZE = 25


class ListQuery(Schema):
    state: State | None = None
    procedure: str = ""
    overdue: bool = False
    q: str = ""
    page: int = 1


def _officer(request):
    user = request.user
    if not getattr(user, "handles_dossiers", False):
        raise services.DossierNotFound(_("There is no such dossier among your agency's."))
    return user


def _visible(request, code) -> Dossier:
    user = _officer(request)
    dossier = (
        Dossier.objects.select_related("procedure", "agency", "consulted_agency").filter(code=code).first()
    )
    if dossier is None:
        raise services.DossierNotFound(_("There is no dossier with the code %(code)s."), {"code": code})
    services.actor_for(user, dossier)  # DossierNotFound for another agency's dossier
    return dossier


def _national(state: State):
    status = state.national_status
    return int(status) if status is not None else None


def _status(dossier: Dossier) -> dict:
    """Where a dossier stands, as every answer of this API gives it."""
    state = State(dossier.state)
    return {
        "code": dossier.code,
        "state": state.value,
        "state_label": str(dossier.status.describe()),
        "national_status": _national(state),
    }


def _row(dossier: Dossier) -> dict:
    return {
        **_status(dossier),
        "procedure_code": dossier.procedure.code,
        "procedure_name": dossier.procedure.name,
        "applicant_name": dossier.applicant_name,
        "channel": dossier.channel,
        "received_at": dossier.received_at,
        "step_due_at": dossier.step_due_at,
        "appointment_at": dossier.appointment_at,
        "current_unit": dossier.current_unit,
    }


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _detail(request, dossier: Dossier, *, acting: bool = True) -> dict:
    steps = list(dossier.steps.order_by("index"))
    entries = dossier.log.select_related("actor", "to_officer").order_by("at", "id")
    return {
        **_row(dossier),
        "agency": dossier.agency.name,
        "applicant_id_number": dossier.applicant_id_number,
        "applicant_phone": dossier.applicant_phone,
        "applicant_email": dossier.applicant_email,
        "applicant_type": dossier.applicant_type,
        "applicant_address": applicant_address(dossier),
        "postal_tracking_number": dossier.postal_tracking_number,
        "result_delivery": dossier.result_delivery,
        "delivery_address": dossier.delivery_address,
        "answers": eform_answers(dossier),
        "files": [
            {
                "id": stored.pk,
                "kind": stored.kind,
                "component": stored.component.name if stored.component else "",
                "name": stored.original_name,
                "content_type": stored.content_type,
                "size": stored.size,
                "uploaded_at": stored.uploaded_at,
                "url": reverse("backoffice:file", args=[dossier.code, stored.pk]),
                "digitized": stored.digitized,
                "reused": stored.reused_from_id is not None,
                "reused_from_dossier": (stored.reused_from.dossier.code or "")
                if stored.reused_from_id
                else "",
            }
            for stored in dossier.files.select_related("component", "reused_from__dossier").order_by(
                "uploaded_at", "id"
            )
        ],
        "steps": [
            {
                "index": step.index,
                "name": step.name,
                "role": step.role,
                "unit": step.handling_unit,
                "budget": float(step.budget),
                "due_at": step.due_at,
                "done_at": step.done_at,
                "timeliness": step.timeliness,
            }
            for step in steps
        ],
        "log": [
            {
                "at": entry.at,
                "action": entry.action,
                "actor": _name(entry.actor),
                "actor_role": entry.actor_role,
                "from_state": entry.from_state,
                "to_state": entry.to_state,
                "step": entry.step_name,
                "from_unit": entry.from_unit,
                "to_unit": entry.to_unit,
                "to_officer": _name(entry.to_officer),
                "received_at": entry.step_received_at,
                "due_at": entry.step_due_at,
                "timeliness": entry.timeliness,
                "comment": entry.comment,
                "proposal": entry.proposal,
            }
            for entry in entries
        ],
        "allowed_actions": (
            [action.value for action in services.actions_for(request.user, dossier, steps)] if acting else []
        ),
    }


@router.post(
    "/dossiers",
    response={201: DossierDetail, **ERRORS},
    summary="Receive a dossier",
    operation_id="receive_dossier",
)
@domain_errors
def receive(request, body: ReceptionIn):
    """Counter reception of a walk-in or postal dossier: it gets its code, appointment and steps."""
    user = request.user
    if not getattr(user, "is_officer", False) or user.role != "counter_officer":
        return Status(
            403, {"message": str(_("Only a one-stop counter officer can receive dossiers.")), "errors": []}
        )
    procedure = Procedure.objects.filter(code=body.procedure).first()
    if procedure is None:
        raise submission.SubmissionInvalid({"procedure": [_("There is no procedure with this code.")]})
    applicant, errors = submission.applicant_errors(
        services.Applicant(**body.applicant.dict()), complete=True
    )
    if body.channel not in (1, 3):
        errors["channel"] = [_("A dossier is received at the counter (1) or by post (3).")]
    tracking_number, problem = services.reception_tracking_number(body.channel, body.tracking_number)
    if problem:
        errors["tracking_number"] = [problem]
    if body.result_delivery == "post" and not body.delivery_address:
        errors["delivery_address"] = [_("Give the address the result should be posted to.")]
    components, component_errors = _checklist(procedure, body.components)
    errors.update(component_errors)
    if errors:
        raise submission.SubmissionInvalid(errors)
    reception = services.Reception(
        procedure=procedure,
        applicant=applicant,
        channel=body.channel,
        tracking_number=tracking_number,
        result_delivery=body.result_delivery,
        delivery_address=body.delivery_address,
        comment=body.comment,
        components=components,
    )
    dossier = services.receive_at_counter(user, reception)
    return Status(201, _detail(request, _visible(request, dossier.code)))


def _checklist(procedure, ids: list[int]) -> tuple[list, dict]:
    """The counter's checklist from component ids, checked as on the reception page: every id one of
    the procedure's components, every required component received (one message per missing one)."""
    own = {c.pk: c for c in procedure.components.order_by("position", "id")}
    errors = {}
    unknown = [str(i) for i in dict.fromkeys(ids) if i not in own]
    if unknown:
        errors["components"] = [_("Not components of this procedure: %(ids)s.") % {"ids": ", ".join(unknown)}]
    for component in services.missing_required_components(procedure, ids):
        errors[f"component-{component.pk}"] = [
            _("“%(name)s” is required: list it once you have checked it.") % {"name": component.name}
        ]
    received = [services.ComponentReceived(c) for pk, c in own.items() if pk in set(ids)]
    return received, errors


@router.get(
    "/dossiers", response={200: DossierPage, 403: ErrorBody}, summary="Dossiers", operation_id="list_dossiers"
)
def list_dossiers(request, filters: Query[ListQuery]):
    """Your agency's dossiers (and those it is consulted on), in inbox order: due first, online first
    among equals. ``overdue=true`` keeps open ones past their current step's due time or their appointment."""
    user = request.user
    if not getattr(user, "handles_dossiers", False):
        return Status(403, {"message": str(_("This list is for officers.")), "errors": []})
    dossiers = queries.filter_dossiers(
        services.visible_dossiers(user).select_related("procedure"),
        now=timezone.now(),
        query=filters.q,
        state=filters.state.value if filters.state else "",
        procedure=filters.procedure,
        due="overdue" if filters.overdue else "",
    )
    count = dossiers.count()
    pages = max(math.ceil(count / PAGE_SIZE), 1)
    page = min(max(filters.page, 1), pages)
    items = [_row(d) for d in dossiers[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    following = None
    if page < pages:
        params = {k: v for k, v in request.GET.items() if k != "page"}
        following = f"{request.path}?{urlencode({**params, 'page': page + 1})}"
    return {"items": items, "count": count, "page": page, "pages": pages, "next": following}


@router.get(
    "/dossiers/{code}",
    response={200: DossierDetail, 404: ErrorBody},
    summary="One dossier",
    operation_id="get_dossier",
)
@domain_errors
def get_dossier(request, code: str):
    """A dossier with its steps, its process log and the actions you may take now."""
    return Status(200, _detail(request, _visible(request, code)))


@router.post(
    "/dossiers/{code}/actions/{action}",
    response={200: DossierDetail, **ERRORS},
    summary="Take an action",
    operation_id="act_on_dossier",
)
@domain_errors
def act(request, code: str, action: str, body: ActionIn):
    """Any transition (assign, forward, send_back, request_supplement, approve, reject, …). A transition
    not allowed now is refused with 409 and changes nothing."""
    dossier = _visible(request, code)
    try:
        chosen = Action(action)
    except ValueError:
        raise services.DossierNotFound(_("There is no action “%(action)s”."), {"action": action}) from None
    consulted = None
    if body.consulted_agency:
        consulted = Agency.objects.filter(code=body.consulted_agency).first()
        if consulted is None:
            raise submission.SubmissionInvalid(
                {"consulted_agency": [_("There is no agency with this code.")]}
            )
    try:
        services.perform(
            dossier,
            request.user,
            chosen,
            comment=body.comment,
            supplement_items=[item.dict() for item in body.supplement_items] or None,
            consulted_agency=consulted,
            result_document=_result_document(body.result_document),
            proposal=body.proposal,
        )
    except services.ResultDocumentInvalid as error:
        raise submission.SubmissionInvalid({"result_document": [error.message]}) from error
    try:
        return Status(200, _detail(request, _visible(request, code)))
    except services.DossierNotFound:
        # A consulted agency's answer ends its part: it sees the dossier as it left it, nothing more to do.
        left = Dossier.objects.select_related("procedure", "agency").get(pk=dossier.pk)
        return Status(200, _detail(request, left, acting=False))


def _result_document(document, field: str = "result_document") -> ContentFile | None:
    """The PDF a body carries in base64 (``ResultDocumentIn``), as an upload; None when there is none."""
    if document is None:
        return None
    try:
        content = b64decode(document.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise submission.SubmissionInvalid({field: [_("The result document is not valid base64.")]}) from None
    name = document.name.strip() or "ket-qua.pdf"
    return ContentFile(content, name=name)


@router.post(
    "/dossiers/{code}/result-draft",
    response={200: DossierDetail, **ERRORS},
    summary="Prepare a new version of the draft result",
    operation_id="draft_result",
)
@domain_errors
def draft_result(request, code: str, body: ResultDraftIn):
    """The handling specialist (or the leader) prepares the draft result for the leader's review: from
    the procedure's result template, or the PDF given. Approving the dossier signs the newest draft."""
    dossier = _visible(request, code)
    upload = _result_document(body.document, "document")
    services.prepare_result_draft(dossier, request.user, upload=upload, comment=body.comment)
    return Status(200, _detail(request, _visible(request, code)))


@router.post(
    "/dossiers/{code}/apology",
    response={200: DossierDetail, **ERRORS},
    summary="Apologize and set a new appointment",
    operation_id="apologize_for_dossier",
)
@domain_errors
def apologize(request, code: str, body: ApologyIn):
    """The dossier will be late: the apology letter's reason and the new appointment date."""
    dossier = _visible(request, code)
    services.apologize_and_extend(dossier, request.user, body.new_appointment, body.reason)
    return Status(200, _detail(request, _visible(request, code)))


@router.get(
    "/public/dossiers/{code}",
    auth=None,
    response={200: PublicDossier, 404: ErrorBody, 429: ErrorBody},
    summary="Look up a dossier (public)",
    operation_id="public_lookup",
)
def public_lookup(request, code: str, applicant_id: str = ""):
    """State, appointment and steps of a dossier, for whoever gives its applicant's personal ID, tax code
    or phone. A wrong identifier and an unknown code get the same 404."""
    if lookup.over_limit(client_address(request)):
        return Status(429, {"message": str(_("Too many look-ups. Try again in 10 minutes.")), "errors": []})
    dossier = lookup.find_for_applicant(code, applicant_id)
    if dossier is None:
        message = _("No dossier matches this code and this personal ID or phone number.")
        return Status(404, {"message": str(message), "errors": []})
    return {
        **_status(dossier),
        "procedure": dossier.procedure.name,
        "agency": dossier.agency.name,
        "received_at": dossier.received_at,
        "appointment_at": dossier.appointment_at,
        "steps": lookup.public_steps(dossier),
    }
