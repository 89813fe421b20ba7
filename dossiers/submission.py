"""Online submission by a citizen: drafts, e-form answers, uploads, submission, supplements, withdrawal.

An online dossier starts as a draft (state "draft", no code) owned by the citizen who started it; only
that citizen sees it (anyone else gets DossierNotFound, shown as a 404). Every function takes the
dossier (or its id) and the acting user, locks the row, checks, and changes it in one transaction;
bad input raises :class:`SubmissionInvalid` naming each field, and nothing of that call is saved.
The portal pages and the citizen API both call these functions.
"""

import dataclasses
import os
import re
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.identity import InvalidIdentifier, normalize_tax_code, parse_personal_id
from catalog import eforms
from catalog.constants import PublicationState
from core.addresses import address_error, format_address
from core.roles import Role
from core.text import fold
from core.validation import text_problem
from documents.capture import pages_to_pdf
from documents.storage import release_on_commit, sha256_of
from documents.uploads import check_scan

from . import receipts, services, wallet
from .actions.files import files_removed_on_failure
from .constants import ApplicantType, Channel, ResultDelivery
from .domain.errors import DomainError, Forbidden, Invalid
from .domain.lifecycle import Action, Actor, State, transition
from .models import Dossier, DossierFile, SupplementRequest
from .services import Applicant, DossierNotFound

MAX_FILES_PER_COMPONENT = 20
#: Where the structured postal address (province, commune, street) is kept in ``form_data``, so that
#: the page can show it again; ``Dossier.delivery_address`` holds it written out.
DELIVERY_ADDRESS_KEY = "_delivery_address"
GENERAL = "__all__"
_PHONE = re.compile(r"\+?[0-9]{9,12}")  # ASCII digits only


class SubmissionInvalid(Invalid):
    """Some answers cannot be accepted. ``errors`` maps a field key to its messages.

    Keys: the e-form field keys, the ``Dossier`` applicant fields (``applicant_name``,
    ``applicant_id_number``, ``applicant_phone``, ``applicant_email``, ``applicant_ward_code``,
    ``applicant_street``), ``agency``, ``result_delivery``, ``delivery_address``, ``reason``,
    ``component-<id>`` for a dossier component, and ``__all__`` for general messages.
    """


class ContactNotConfirmed(Forbidden):
    """The account has not yet confirmed its phone or e-mail with the code sent to it at registration."""


def component_key(component) -> str:
    return f"component-{getattr(component, 'pk', component)}"


# ── reading ─────────────────────────────────────────────────────────────────────────────────────────


def citizen_dossiers(user):
    """The user's own online and counter dossiers, drafts included, newest first."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    return (
        Dossier.objects.filter(applicant_user=user)
        .select_related("procedure", "agency")
        .order_by("-created_at", "-id")
    )


def own_dossier(user, dossier_id, *, lock: bool = False) -> Dossier:
    """The dossier ``dossier_id`` if ``user`` is its applicant; else DossierNotFound (a 404)."""
    pk = getattr(dossier_id, "pk", dossier_id)
    queryset = Dossier.objects.select_related("procedure", "agency")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    dossier = queryset.filter(pk=pk).first() if user.is_authenticated else None
    if dossier is None or dossier.applicant_user_id != user.pk:
        raise DossierNotFound(gettext_lazy("There is no such dossier in your account."))
    return dossier


def delivery_options(procedure) -> list[str]:
    """How the result may come back: at the counter or by post; online too at level 4."""
    options = [ResultDelivery.COUNTER, ResultDelivery.POST]
    if procedure.level.allows_online_payment:
        options.insert(1, ResultDelivery.ONLINE)
    return [str(option) for option in options]


def components_with_files(dossier: Dossier):
    """The procedure's components, each with ``uploaded``: this dossier's files for it (two queries)."""
    components = list(dossier.procedure.components.order_by("position", "id"))
    files: dict[int, list[DossierFile]] = {}
    for upload in dossier.files.filter(kind=DossierFile.Kind.COMPONENT).order_by("uploaded_at", "id"):
        files.setdefault(upload.component_id, []).append(upload)
    for component in components:
        component.uploaded = files.get(component.pk, [])
    return components


# ── drafts ──────────────────────────────────────────────────────────────────────────────────────────


def _is_organization(user) -> bool:
    kind = getattr(user, "applicant_type", ApplicantType.CITIZEN)
    return str(kind) in (str(ApplicantType.ORGANIZATION.value), "organization")


def applicant_from_account(user) -> Applicant:
    """The applicant's details as the account knows them (prefilled into a new draft)."""
    organization = _is_organization(user)
    name = getattr(user, "organization_name", "") if organization else ""
    return Applicant(
        name=name or user.get_full_name(),
        id_number=(user.tax_code if organization else user.personal_id) or "",
        applicant_type=ApplicantType.ORGANIZATION if organization else ApplicantType.CITIZEN,
        phone=user.phone or "",
        email=user.email or "",
        street=getattr(user, "street", "") or "",
        province_code=getattr(user, "province_code", None),
        ward_code=getattr(user, "ward_code", None),
        user=user,
    )


def _check_can_submit_online(procedure):
    if procedure.publication_state != PublicationState.PUBLISHED:
        raise DomainError(gettext_lazy("This procedure is not published: it cannot be submitted."))
    if not procedure.level.allows_online_submission:
        raise DomainError(
            gettext_lazy(
                "This procedure cannot be submitted online (online service level %(level)s); "
                "apply at the counter."
            ),
            {"level": procedure.service_level},
        )


def check_contact_confirmed(user) -> None:
    """Online submission needs a confirmed phone or e-mail (``accounts.confirmation``)."""
    if not user.contact_confirmed:
        raise ContactNotConfirmed(
            gettext_lazy(
                "Confirm your phone number or e-mail first, with the code we sent you when you "
                "registered: then you can submit online."
            )
        )


def start_draft(user, procedure, *, agency=None) -> Dossier:
    """A new draft of ``procedure`` for the citizen ``user``, prefilled from the account."""
    if not user.is_authenticated or user.role != Role.CITIZEN:
        raise DomainError(gettext_lazy("Sign in with a citizen or business account to submit online."))
    check_contact_confirmed(user)
    _check_can_submit_online(procedure)
    agencies = list(procedure.agencies.filter(is_active=True))
    if agency is None:
        if len(agencies) != 1:
            raise SubmissionInvalid({"agency": [_("Choose the agency you are applying to.")]})
        agency = agencies[0]
    elif agency.pk not in {a.pk for a in agencies}:
        raise SubmissionInvalid({"agency": [_("This agency does not perform this procedure.")]})
    applicant = applicant_from_account(user)
    return Dossier.objects.create(
        procedure=procedure,
        agency=agency,
        state=State.DRAFT,
        channel=Channel.ONLINE,
        applicant_user=user,
        **_applicant_fields(applicant),
    )


def _applicant_fields(applicant: Applicant) -> dict:
    return {
        "applicant_type": applicant.applicant_type,
        "applicant_name": applicant.name,
        "applicant_id_number": applicant.id_number,
        "applicant_phone": applicant.phone,
        "applicant_email": applicant.email,
        "applicant_street": applicant.street,
        "applicant_province_code": applicant.province_code,
        "applicant_ward_code": applicant.ward_code,
    }


def applicant_errors(applicant: Applicant, *, complete: bool) -> tuple[Applicant, dict[str, list[str]]]:
    """The applicant's details cleaned, and the errors per ``Dossier`` field name.

    ``complete``: name, personal ID or tax code, and a phone number or e-mail are required.
    """
    errors: dict[str, list[str]] = {}
    name = (applicant.name or "").strip()
    id_number = (applicant.id_number or "").strip().replace(" ", "")
    phone = re.sub(r"[\s.()-]", "", applicant.phone or "")
    email = (applicant.email or "").strip()
    street = (applicant.street or "").strip()
    try:
        applicant_type = int(applicant.applicant_type)
    except (TypeError, ValueError, OverflowError):
        applicant_type = None
    if applicant_type not in ApplicantType.values:
        errors["applicant_type"] = [_("Choose 1 (a citizen) or 2 (an organization).")]
    organization = applicant_type == ApplicantType.ORGANIZATION
    for field_name, value, limit in (
        ("applicant_name", name, 255),
        ("applicant_id_number", id_number, 20),
        ("applicant_phone", phone, 20),
        ("applicant_email", email, 254),
        ("applicant_street", street, 255),
    ):
        problem = text_problem(value, limit)
        if problem:
            errors[field_name] = [problem]
    if errors:
        return applicant, errors  # what follows would only repeat the same values' problems
    if complete and not name:
        errors["applicant_name"] = [
            _("Fill in the organization’s name.") if organization else _("Fill in your full name.")
        ]
    elif len(name) > 255:
        errors["applicant_name"] = [_("The name may be at most 255 characters.")]
    if id_number:
        try:
            id_number = normalize_tax_code(id_number) if organization else parse_personal_id(id_number).number
        except InvalidIdentifier as error:
            errors["applicant_id_number"] = [str(error.message)]
    elif complete:
        errors["applicant_id_number"] = [
            _("Fill in the tax code.") if organization else _("Fill in your personal ID number (12 digits).")
        ]
    if phone and not _PHONE.fullmatch(phone):
        errors["applicant_phone"] = [_("Write the phone number with its 10 digits, for example 0912345678.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["applicant_email"] = [_("Write the e-mail address like name@example.com.")]
    if complete and not phone and not email:
        errors["applicant_phone"] = [_("Give a phone number or an e-mail so that the agency can reach you.")]
    error = address_error(applicant.province_code, applicant.ward_code)
    if error:
        errors["applicant_ward_code"] = [error]
    if len(street) > 255:
        errors["applicant_street"] = [_("The house number and street may be at most 255 characters.")]
    cleaned = dataclasses.replace(
        applicant, name=name, id_number=id_number, phone=phone, email=email, street=street
    )
    return cleaned, errors


def _delivery_errors(procedure, result_delivery: str, delivery_address: str, *, complete: bool) -> dict:
    errors = {}
    if result_delivery not in delivery_options(procedure):
        errors["result_delivery"] = [_("Choose one of the ways offered to receive the result.")]
    elif complete and result_delivery == ResultDelivery.POST and not delivery_address.strip():
        errors["delivery_address"] = [_("Give the address the result should be posted to.")]
    return errors


def _clean_delivery_address(value) -> tuple[str, dict | None, list[str]]:
    """A postal address given as text or as {province_code, ward_code, street}: (text, structured, errors)."""
    if value is None or isinstance(value, str):
        text = (value or "").strip()
        if len(text) > 500:
            return text, None, [_("The address may be at most 500 characters.")]
        return text, None, []
    field = dataclasses.make_dataclass("F", ["label", "kind", "key", "required", "choices"])(
        _("Delivery address"), "address", DELIVERY_ADDRESS_KEY, True, []
    )
    if eforms.is_empty(value):
        return "", None, []
    try:
        cleaned = eforms.clean_value(field, value)
    except eforms.FieldError as error:
        return "", None, [str(error)]
    if not cleaned["street"]:
        return "", None, [_("Write the house number and street, or the village, for the postman.")]
    return format_address(cleaned["street"], cleaned["province_code"], cleaned["ward_code"]), cleaned, []


def _check_draft(dossier: Dossier):
    if dossier.state != State.DRAFT:
        raise DomainError(gettext_lazy("This dossier has been sent: it can no longer be changed here."))


def save_draft(
    dossier,
    user,
    *,
    applicant: Applicant | None = None,
    form_data: dict | None = None,
    result_delivery: str | None = None,
    delivery_address: str | dict | None = None,
) -> Dossier:
    """Save what the applicant has filled in so far (formats checked, missing answers allowed).

    ``form_data`` is merged into the saved answers: keys given replace the saved ones (an empty
    value removes it), keys not given are kept. ``delivery_address`` is a text, or a dict
    ``{province_code, ward_code, street}`` that is checked and written out. Raises SubmissionInvalid
    naming every bad field; then nothing of this call is saved.
    """
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        _check_draft(locked)
        errors: dict[str, list[str]] = {}
        if applicant is not None:
            applicant, found = applicant_errors(applicant, complete=False)
            errors.update(found)
        answers = dict(locked.form_data or {})
        if form_data is not None:
            result = eforms.validate(_fields(locked.procedure), form_data, partial=True)
            errors.update(result.errors)
            for key, value in result.cleaned.items():
                if value is None:
                    answers.pop(key, None)
                else:
                    answers[key] = value
        if result_delivery is not None:
            errors.update(_delivery_errors(locked.procedure, str(result_delivery), "", complete=False))
        if delivery_address is not None:
            text, structured, messages = _clean_delivery_address(delivery_address)
            if messages:
                errors["delivery_address"] = messages
            if structured is not None:
                answers[DELIVERY_ADDRESS_KEY] = structured
            elif isinstance(delivery_address, dict):
                answers.pop(DELIVERY_ADDRESS_KEY, None)
        if errors:
            raise SubmissionInvalid(errors)
        if applicant is not None:
            for name, value in _applicant_fields(applicant).items():
                setattr(locked, name, value)
        if form_data is not None or delivery_address is not None:
            locked.form_data = answers
        if result_delivery is not None:
            locked.result_delivery = str(result_delivery)
        if delivery_address is not None:
            locked.delivery_address = text
        locked.save()
    return locked


def _fields(procedure):
    return list(procedure.form_fields.all())


# ── files ───────────────────────────────────────────────────────────────────────────────────────────


def _open_request(dossier: Dossier) -> SupplementRequest | None:
    return (
        SupplementRequest.objects.filter(dossier=dossier, answered_at__isnull=True)
        .order_by("-requested_at", "-id")
        .first()
    )


def attach_file(dossier, user, component, uploaded) -> DossierFile:
    """Attach one scanned file (PDF, JPEG or PNG, checked by its content) to ``component``.

    A draft, or a dossier awaiting a supplement (the file then belongs to the open request). Several
    files per component are allowed (one per page, for example). A refused file raises
    SubmissionInvalid keyed ``component-<id>``; nothing else of the dossier changes.
    """
    key = component_key(component)
    with files_removed_on_failure() as written, transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        if locked.state not in (State.DRAFT, State.AWAITING_SUPPLEMENT):
            raise DomainError(
                gettext_lazy("Files can be added only to a draft or when a supplement is asked for.")
            )
        if component.procedure_id != locked.procedure_id:
            raise SubmissionInvalid({key: [_("This document is not part of this procedure.")]})
        try:
            checked = check_scan(uploaded)
        except ValidationError as error:
            raise SubmissionInvalid({key: [str(m) for m in error.messages]}) from None
        count = locked.files.filter(kind=DossierFile.Kind.COMPONENT, component=component).count()
        if count >= MAX_FILES_PER_COMPONENT:
            raise SubmissionInvalid(
                {key: [_("At most %(count)s files per document.") % {"count": MAX_FILES_PER_COMPONENT}]}
            )
        scans = locked.files.filter(kind=DossierFile.Kind.COMPONENT)
        stored_bytes = scans.aggregate(total=Sum("size"))["total"]
        limit = settings.MOTCUA_DOSSIER_MAX_BYTES
        if (stored_bytes or 0) + checked.size > limit:
            raise SubmissionInvalid(
                {
                    key: [
                        _(
                            "The dossier's files may total %(limit)s MB; this file would pass it. Scan in "
                            "black and white or at a lower resolution, or remove a file you do not need."
                        )
                        % {"limit": limit // (1024 * 1024)}
                    ]
                }
            )
        request = _open_request(locked) if locked.state == State.AWAITING_SUPPLEMENT else None
        original = os.path.basename(getattr(uploaded, "name", "") or "") or f"tep.{checked.extension}"
        stored = DossierFile(
            dossier=locked,
            kind=DossierFile.Kind.COMPONENT,
            component=component,
            original_name=original[-255:],
            content_type=checked.content_type,
            size=checked.size,
            supplement_request=request,
            uploaded_by=user,
        )
        stored.store_content(uploaded, checked.extension)
        written.append(stored.file)
        stored.save()
        locked.save(update_fields=["updated_at"])
    return stored


def attach_uploads(dossier, user, component, files=(), photos=()) -> tuple[list[DossierFile], list[str]]:
    """Attach each of ``files`` (:func:`attach_file`) and, when ``photos`` are given, the one PDF made of
    them (:func:`attach_photographed_pages`). Every file is tried: the accepted ones are kept, and the
    reasons for each refusal are returned with them (``(attached, messages)``)."""
    attached, refusals = [], []
    attempts = [(attach_file, uploaded) for uploaded in files]
    if photos:
        attempts.append((attach_photographed_pages, list(photos)))
    for attach, content in attempts:
        try:
            attached.append(attach(dossier, user, component, content))
        except SubmissionInvalid as error:
            refusals.extend(error.errors.get(component_key(component)) or sum(error.errors.values(), []))
    return attached, refusals


def attach_photographed_pages(dossier, user, component, photos) -> DossierFile:
    """Attach photos of a paper document's pages (a phone's camera, page by page) as ONE PDF file of
    ``component``: assembled by ``documents.capture`` (pages in the order given, upright, scaled,
    compressed), then attached exactly like an uploaded PDF (:func:`attach_file`: same checks, same
    limits, same storage). A refused photo raises SubmissionInvalid keyed ``component-<id>``, naming it.
    """
    try:
        assembled = pages_to_pdf(photos)  # outside the dossier's lock: decoding photos takes a moment
    except ValidationError as error:
        raise SubmissionInvalid({component_key(component): [str(m) for m in error.messages]}) from None
    return attach_file(dossier, user, component, ContentFile(assembled, name=photographed_name(component)))


def photographed_name(component) -> str:
    """``<the component's name, folded>-anh-chup.pdf`` ("ảnh chụp": photographed), readable in any
    file manager: "Bản sao Căn cước công dân" gives ``ban-sao-can-cuoc-cong-dan-anh-chup.pdf``."""
    words = fold(component.name).replace(".", " ").split()
    stem = "-".join(words)[:80].rstrip("-") or "giay-to"
    return f"{stem}-anh-chup.pdf"


def attach_from_wallet(dossier, user, component, document_id) -> DossierFile:
    """Attach to ``component`` a document of the user's wallet instead of an upload: a new file of the
    dossier pointing at the same stored file (no copy), with the same hash, ``reused_from`` the wallet's.

    The document must be in the wallet of the account's own identity (``wallet.holder_of``) and accepted
    by the component (``wallet.accepted_document``); otherwise, or when it is attached already,
    SubmissionInvalid keyed ``component-<id>``. A draft, or a dossier awaiting a supplement.
    """
    key = component_key(component)
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        if locked.state not in (State.DRAFT, State.AWAITING_SUPPLEMENT):
            raise DomainError(
                gettext_lazy("Files can be added only to a draft or when a supplement is asked for.")
            )
        if component.procedure_id != locked.procedure_id:
            raise SubmissionInvalid({key: [_("This document is not part of this procedure.")]})
        document = wallet.accepted_document(component, wallet.holder_of(user), document_id)
        if document is None:
            raise SubmissionInvalid(
                {
                    key: [
                        _("This document is not in your document wallet, or “%(name)s” does not accept it.")
                        % {"name": component.name}
                    ]
                }
            )
        files = locked.files.filter(kind=DossierFile.Kind.COMPONENT, component=component)
        if files.filter(reused_from=document).exists():
            raise SubmissionInvalid({key: [_("This document from your wallet is attached already.")]})
        if files.count() >= MAX_FILES_PER_COMPONENT:
            raise SubmissionInvalid(
                {key: [_("At most %(count)s files per document.") % {"count": MAX_FILES_PER_COMPONENT}]}
            )
        request = _open_request(locked) if locked.state == State.AWAITING_SUPPLEMENT else None
        reused = DossierFile.objects.create(
            dossier=locked,
            kind=DossierFile.Kind.COMPONENT,
            component=component,
            file=document.file.name,
            original_name=document.original_name,
            content_type=document.content_type,
            size=document.size,
            sha256=document.sha256 or _stored_sha256(document),
            reused_from=document,
            supplement_request=request,
            uploaded_by=user,
        )
        locked.save(update_fields=["updated_at"])
    return reused


def _stored_sha256(document: DossierFile) -> str:
    with document.file.open("rb") as content:
        return sha256_of(content)


def remove_file(dossier, user, file_id) -> None:
    """Remove an uploaded component file: from a draft, or a supplement file not yet sent."""
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        upload = locked.files.filter(pk=file_id, kind=DossierFile.Kind.COMPONENT).first()
        if upload is None:
            raise DossierNotFound(gettext_lazy("This file is not in the dossier."))
        pending = (
            locked.state == State.AWAITING_SUPPLEMENT
            and upload.supplement_request_id is not None
            and upload.supplement_request_id == getattr(_open_request(locked), "pk", None)
        )
        if locked.state != State.DRAFT and not pending:
            raise DomainError(gettext_lazy("This file has been sent with the dossier: it cannot be removed."))
        upload.delete()
        locked.save(update_fields=["updated_at"])
        release_on_commit(upload.file.name)


# ── submission ──────────────────────────────────────────────────────────────────────────────────────


def details_errors(dossier: Dossier) -> dict[str, list[str]]:
    """What the applicant's details and the e-form still lack or get wrong, per field key: the first
    step's share of :func:`submission_errors`, checked when that step is saved."""
    applicant = Applicant(
        name=dossier.applicant_name,
        id_number=dossier.applicant_id_number,
        applicant_type=dossier.applicant_type,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        street=dossier.applicant_street,
        province_code=dossier.applicant_province_code,
        ward_code=dossier.applicant_ward_code,
    )
    _cleaned, errors = applicant_errors(applicant, complete=True)
    errors.update(eforms.validate(_fields(dossier.procedure), dossier.form_data or {}).errors)
    return errors


def submission_errors(dossier: Dossier) -> dict[str, list[str]]:
    """Everything that stops ``dossier`` from being submitted, per field key (empty: ready)."""
    errors = details_errors(dossier)
    for component in components_with_files(dossier):
        if component.required and not component.uploaded:
            errors[component_key(component)] = [_("Attach “%(name)s”.") % {"name": component.name}]
    errors.update(
        _delivery_errors(dossier.procedure, dossier.result_delivery, dossier.delivery_address, complete=True)
    )
    return errors


def submit(dossier, user, *, now: datetime | None = None) -> Dossier:
    """Send the draft: full check, then its code, appointment, log entry and receipt, all or nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        _check_draft(locked)
        check_contact_confirmed(user)
        _check_can_submit_online(locked.procedure)
        errors = submission_errors(locked)
        if errors:
            raise SubmissionInvalid(errors)
        previous = locked.status
        locked.status = transition(previous, Action.SUBMIT, Actor.APPLICANT, 0)
        locked.code = services.allocate_code(locked.agency, now)
        locked.submitted_at = now
        locked.appointment_at = services.appointment_for(locked.procedure, now, services.province_calendar())
        locked.original_appointment_at = locked.appointment_at
        locked.current_unit = str(locked.agency)
        locked.save()
        services.record(locked, user, Actor.APPLICANT, Action.SUBMIT, previous.state.value, now)
        receipts.queue_receipt(locked)
    return locked


# ── after submission ────────────────────────────────────────────────────────────────────────────────


def answer_supplement(dossier, user, *, comment: str = "", now: datetime | None = None) -> Dossier:
    """Send the supplement asked for: the files attached since the request, and/or a comment.

    At least one new file is needed, or a comment when the request asked for information rather than
    a document (the request's items do not say which, so a comment alone is accepted).
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        if locked.state != State.AWAITING_SUPPLEMENT:
            raise DomainError(gettext_lazy("No supplement is asked for this dossier now."))
        request = _open_request(locked)
        new_files = locked.files.filter(supplement_request=request).exists() if request else False
        if not new_files and not comment:
            raise SubmissionInvalid(
                {GENERAL: [_("Attach the documents asked for, or write the information asked for.")]}
            )
        return services.perform(locked, user, Action.SUPPLEMENT, comment=comment, now=now)


def delete_draft(dossier, user) -> None:
    """Delete a draft and its files (a sent dossier is withdrawn instead)."""
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        _check_draft(locked)
        names = set(locked.files.values_list("file", flat=True))
        locked.delete()
        for name in names:
            release_on_commit(name)


def withdraw(dossier, user, *, reason: str, now: datetime | None = None) -> Dossier:
    """The applicant withdraws a sent dossier, giving a reason (a draft is simply deleted instead)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = own_dossier(user, dossier, lock=True)
        if not reason:
            raise SubmissionInvalid({"reason": [_("Say why you withdraw the dossier.")]})
        return services.perform(locked, user, Action.WITHDRAW, comment=reason, now=now)
