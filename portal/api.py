"""The citizen API: a citizen's own drafts and dossiers (/api/v1/me/dossiers…), token or session.

The same rules as the portal pages, from dossiers.submission; handlers only translate between JSON and
those functions. Another citizen's dossier is a 404, exactly like one that does not exist.
"""

import math

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Status, UploadedFile

from accounts.api_auth import API_AUTH
from catalog.models import Agency, Procedure
from core.api_errors import ERRORS, ErrorBody, domain_errors, error_items
from dossiers import receipts, submission
from dossiers.documents import file_download
from dossiers.domain.lifecycle import State
from dossiers.models import DossierFile, SupplementRequest
from dossiers.services import Applicant, DossierNotFound
from dossiers.timeline import public_timeline
from payments.fees import fees_for

from .schemas import (
    DraftCreate,
    DraftUpdate,
    FileOut,
    MyDossierDetail,
    MyDossierPage,
    SupplementIn,
    WithdrawIn,
)

router = Router(tags=["citizen"], auth=API_AUTH)

PAGE_SIZE = 20
AWAITING_APPLICANT = {State.AWAITING_SUPPLEMENT, State.AWAITING_FEES}


# ── shaping ─────────────────────────────────────────────────────────────────────────────────────────


def _summary(dossier) -> dict:
    state = State(dossier.state)
    national = state.national_status
    return {
        "id": dossier.pk,
        "code": dossier.code,
        "state": state.value,
        "state_label": str(state.label),
        "national_status": int(national) if national is not None else None,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "agency": dossier.agency.name,
        "created_at": dossier.created_at,
        "submitted_at": dossier.submitted_at,
        "appointment_at": dossier.appointment_at,
        "awaiting_applicant": state in AWAITING_APPLICANT,
    }


def _file(upload: DossierFile) -> dict:
    return {
        "id": upload.pk,
        "kind": upload.kind,
        "component": upload.component_id,
        "name": upload.original_name,
        "content_type": upload.content_type,
        "size": upload.size,
        "uploaded_at": upload.uploaded_at,
        "url": reverse(
            "api-v1:me_dossier_file", kwargs={"dossier_id": upload.dossier_id, "file_id": upload.pk}
        ),
    }


def _detail(dossier) -> dict:
    components = submission.components_with_files(dossier)
    documents = list(dossier.files.exclude(kind=DossierFile.Kind.COMPONENT).order_by("uploaded_at", "id"))
    result = next((f for f in reversed(documents) if f.kind == DossierFile.Kind.RESULT), None)
    requests = list(SupplementRequest.objects.filter(dossier=dossier).order_by("requested_at", "id"))
    entries = dossier.log.order_by("at", "id")
    open_request = next((r for r in reversed(requests) if r.answered_at is None), None)
    missing = []
    if dossier.state == State.AWAITING_SUPPLEMENT and open_request is not None:
        missing = [{"name": i.get("name", ""), "reason": i.get("reason", "")} for i in open_request.items]
    to_do = []
    if dossier.state == State.DRAFT:
        to_do = error_items(submission.submission_errors(dossier))
    return {
        **_summary(dossier),
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "applicant_type": dossier.applicant_type,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "street": dossier.applicant_street,
            "province_code": dossier.applicant_province_code,
            "ward_code": dossier.applicant_ward_code,
        },
        "form_data": {k: v for k, v in (dossier.form_data or {}).items() if not k.startswith("_")},
        "result_delivery": dossier.result_delivery,
        "delivery_address": dossier.delivery_address,
        "fees": fees_for(dossier).as_api(),
        "components": [
            {
                "id": component.pk,
                "name": component.name,
                "required": component.required,
                "files": [_file(upload) for upload in component.uploaded],
            }
            for component in components
        ],
        "documents": [_file(upload) for upload in documents],
        "result": _file(result) if result else None,
        "receipt_url": (
            reverse("api-v1:me_dossier_receipt", kwargs={"dossier_id": dossier.pk}) if dossier.code else None
        ),
        "timeline": [event.__dict__ for event in public_timeline(dossier, entries, requests)],
        "missing": missing,
        "to_do": to_do,
    }


# ── endpoints ───────────────────────────────────────────────────────────────────────────────────────


@router.get("/me/dossiers", response=MyDossierPage, summary="My dossiers", operation_id="list_my_dossiers")
def list_my_dossiers(request, page: int = 1):
    """Your drafts and dossiers, newest first, 20 per page."""
    dossiers = submission.citizen_dossiers(request.user)
    count = dossiers.count()
    pages = max(math.ceil(count / PAGE_SIZE), 1)
    page = min(max(page, 1), pages)
    items = dossiers[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {"items": [_summary(d) for d in items], "count": count, "page": page, "pages": pages}


@router.post(
    "/me/dossiers",
    response={201: MyDossierDetail, **ERRORS},
    summary="Start a draft",
    operation_id="create_my_draft",
)
@domain_errors
def create_draft(request, body: DraftCreate):
    """Start an online dossier (a draft, without a code) for a procedure at service level 3 or 4,
    prefilled with your account's details. 403 while the account's phone or e-mail is not confirmed
    (the code sent at registration, typed on the portal's confirmation page)."""
    procedure = Procedure.objects.filter(code=body.procedure).first()
    if procedure is None:
        raise DossierNotFound(_("There is no procedure with the code %(code)s."), {"code": body.procedure})
    agency = None
    if body.agency:
        agency = Agency.objects.filter(code=body.agency).first()
        if agency is None:
            raise submission.SubmissionInvalid(
                {"agency": [_("This agency does not perform this procedure.")]}
            )
    draft = submission.start_draft(request.user, procedure, agency=agency)
    return Status(201, _detail(submission.own_dossier(request.user, draft.pk)))


@router.get(
    "/me/dossiers/{dossier_id}",
    response={200: MyDossierDetail, 404: ErrorBody},
    summary="One of my dossiers",
    operation_id="get_my_dossier",
)
@domain_errors
def get_my_dossier(request, dossier_id: int):
    """A draft or dossier with its components and files, documents issued, timeline, what is missing."""
    return Status(200, _detail(submission.own_dossier(request.user, dossier_id)))


@router.put(
    "/me/dossiers/{dossier_id}",
    response={200: MyDossierDetail, **ERRORS},
    summary="Update a draft",
    operation_id="update_my_draft",
)
@domain_errors
def update_draft(request, dossier_id: int, body: DraftUpdate):
    """Save the applicant's details, e-form answers (merged by key) and how to receive the result.
    Formats are checked (422 names each field at fault and nothing of the call is saved); missing
    answers are allowed until submission."""
    applicant = Applicant(**body.applicant.dict()) if body.applicant is not None else None
    dossier = submission.save_draft(
        dossier_id,
        request.user,
        applicant=applicant,
        form_data=body.form_data,
        result_delivery=body.result_delivery,
        delivery_address=body.delivery_address,
    )
    return Status(200, _detail(dossier))


@router.post(
    "/me/dossiers/{dossier_id}/files",
    response={201: FileOut, **ERRORS},
    summary="Attach a file",
    operation_id="attach_my_file",
)
@domain_errors
def attach(request, dossier_id: int, component: Form[int], file: File[UploadedFile]):
    """Attach a scan (PDF, JPEG or PNG, checked by its content) to a component of a draft, or of a
    dossier awaiting a supplement. Several files per component are allowed."""
    dossier = submission.own_dossier(request.user, dossier_id)
    part = dossier.procedure.components.filter(pk=component).first()
    if part is None:
        raise submission.SubmissionInvalid({"component": [_("This document is not part of this procedure.")]})
    return Status(201, _file(submission.attach_file(dossier, request.user, part, file)))


@router.delete(
    "/me/dossiers/{dossier_id}/files/{file_id}",
    response={204: None, **ERRORS},
    summary="Remove a file",
    operation_id="remove_my_file",
)
@domain_errors
def remove(request, dossier_id: int, file_id: int):
    """Remove a file from a draft (or a supplement file not yet sent)."""
    submission.remove_file(dossier_id, request.user, file_id)
    return Status(204, None)


@router.get(
    "/me/dossiers/{dossier_id}/files/{file_id}",
    response={404: ErrorBody},
    summary="Download a file",
    operation_id="download_my_file",
    url_name="me_dossier_file",
)
@domain_errors
def download(request, dossier_id: int, file_id: int):
    """The file's content: an uploaded scan, the receipt, a notice or the result."""
    dossier = submission.own_dossier(request.user, dossier_id)
    return file_download(get_object_or_404(DossierFile, pk=file_id, dossier=dossier))


@router.get(
    "/me/dossiers/{dossier_id}/receipt",
    response={404: ErrorBody},
    summary="Download the receipt",
    operation_id="download_my_receipt",
    url_name="me_dossier_receipt",
)
@domain_errors
def download_receipt(request, dossier_id: int):
    """The receipt and appointment slip (PDF) of a sent dossier."""
    dossier = submission.own_dossier(request.user, dossier_id)
    if not dossier.code:
        raise DossierNotFound(_("This dossier has no receipt yet."))
    return file_download(receipts.receipt_file(dossier))


@router.post(
    "/me/dossiers/{dossier_id}/submit",
    response={200: MyDossierDetail, **ERRORS},
    summary="Submit a draft",
    operation_id="submit_my_draft",
)
@domain_errors
def submit(request, dossier_id: int):
    """Submit: every required answer and document is checked (422 lists what is missing); the dossier
    gets its code, appointment date and receipt. 403 while the account's phone or e-mail is not
    confirmed."""
    return Status(200, _detail(submission.submit(dossier_id, request.user)))


@router.post(
    "/me/dossiers/{dossier_id}/supplement",
    response={200: MyDossierDetail, **ERRORS},
    summary="Send the supplement",
    operation_id="supplement_my_dossier",
)
@domain_errors
def supplement(request, dossier_id: int, body: SupplementIn):
    """Send what the agency asked for (files attached since the request, and/or a comment): the
    processing clock resumes."""
    return Status(200, _detail(submission.answer_supplement(dossier_id, request.user, comment=body.comment)))


@router.post(
    "/me/dossiers/{dossier_id}/withdraw",
    response={200: MyDossierDetail, **ERRORS},
    summary="Withdraw a dossier",
    operation_id="withdraw_my_dossier",
)
@domain_errors
def withdraw(request, dossier_id: int, body: WithdrawIn):
    """Withdraw a sent dossier, with the reason."""
    return Status(200, _detail(submission.withdraw(dossier_id, request.user, reason=body.reason)))
