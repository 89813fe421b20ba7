"""Legal forms of a dossier: map the ORM rows to :mod:`documents.forms` inputs, render, store."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.downloads import safe_filename, stored_file_response
from core.time_units import TimeUnit
from documents import forms as f
from documents.uploads import EXTENSIONS

from .constants import Channel, ResultDelivery
from .domain.errors import DomainError
from .domain.lifecycle import Action, State
from .models import Dossier, DossierFile, ProcessLogEntry
from .signing import sign_document

_CHANNELS = {Channel.DIRECT: "direct", Channel.ONLINE: "online", Channel.POSTAL: "postal"}


def _channel(dossier) -> str:
    """How the dossier came, as the receipt prints it: with the post's item number when it came by post."""
    code = _CHANNELS.get(dossier.channel, "direct")
    if dossier.postal_tracking_number:
        return f"{f.CHANNELS[code]} (số hiệu bưu gửi {dossier.postal_tracking_number})"
    return code


_DELIVERY = {
    ResultDelivery.COUNTER: "counter",
    ResultDelivery.ONLINE: "online",
    ResultDelivery.POST: "postal",
}


def _person(user) -> str:
    return str(user) if user is not None else ""


def agency_header(agency) -> f.AgencyHeader:
    province = settings.MOTCUA_BRANDING["province_name"]
    parent = getattr(agency, "parent", None)
    governing = parent.name.upper() if parent is not None else f"UBND TỈNH {province}".upper()
    place = province.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return f.AgencyHeader(
        governing_body=governing,
        agency_name=agency.name.upper(),
        agency_name_in_text=agency.name,
        place_name=place,
    )


def _applicant(dossier: Dossier) -> f.Applicant:
    identifier = dossier.applicant_id_number
    is_citizen = len(identifier) == 12
    return f.Applicant(
        name=dossier.applicant_name,
        personal_id=identifier if is_citizen else "",
        tax_code="" if is_citizen else identifier,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        address=dossier.applicant_street,
    )


def _load(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_related("procedure", "agency__parent", "received_by").get(pk=dossier.pk)


def lookup_url(dossier: Dossier) -> str:
    base = getattr(settings, "MOTCUA_PUBLIC_URL", "").rstrip("/")
    return f"{base}/tra-cuu/?ma={dossier.code}"


def received_components(dossier: Dossier) -> list:
    """What the receipt lists as received: what the counter ticked; for a dossier without the counter's
    checklist (submitted online), the components it has files for; failing both, the procedure's list."""
    received = list(dossier.received_components.all())
    if received:
        return received
    components = dossier.procedure.components.order_by("position", "id")
    uploaded = components.filter(
        pk__in=dossier.files.filter(kind=DossierFile.Kind.COMPONENT).values("component_id")
    )
    return list(uploaded) or list(components)


def receipt_data(dossier: Dossier) -> f.ReceiptData:
    dossier = _load(dossier)
    procedure = dossier.procedure
    components = [f.Component(c.name, c.originals, c.copies) for c in received_components(dossier)]
    amount = procedure.processing_time.normalize()
    unit = "giờ làm việc" if procedure.processing_time_unit == TimeUnit.HOUR else "ngày làm việc"
    return f.ReceiptData(
        header=agency_header(dossier.agency),
        dossier_code=dossier.code,
        procedure_name=procedure.name,
        applicant=_applicant(dossier),
        components=components,
        # An online dossier not yet received at the counter: dated from its submission.
        received_at=dossier.received_at or dossier.submitted_at,
        appointment_at=dossier.appointment_at,
        channel=_channel(dossier),
        receiving_officer=_person(dossier.received_by),
        result_delivery=_DELIVERY.get(dossier.result_delivery, "counter"),
        lookup_url=lookup_url(dossier),
        processing_time=f"{amount:f} {unit}",
    )


def receipt_pdf(dossier: Dossier) -> bytes:
    return f.render_receipt(receipt_data(dossier))


def control_sheet_data(dossier: Dossier) -> f.ControlSheetData:
    dossier = _load(dossier)
    entries = list(
        ProcessLogEntry.objects.filter(dossier=dossier)
        .select_related("actor", "to_officer")
        .order_by("at", "id")
    )
    rows = []
    for entry in entries:
        if not (entry.from_unit or entry.to_unit):
            continue  # not a hand-off (a supplement request, an apology…)
        sending_unit = entry.from_unit or str(dossier.agency)
        handed_over_by = _person(entry.actor)
        received_by = _person(entry.to_officer)
        if entry.action == Action.RECEIVE:
            # The applicant hands the dossier to the counter officer.
            sending_unit = handed_over_by = dossier.applicant_name
            received_by = received_by or _person(entry.actor)
        elif entry.action == Action.RETURN_RESULT:
            received_by = dossier.applicant_name  # the result is handed to the applicant
        rows.append(
            f.HandOff(
                sending_unit=sending_unit,
                handed_over_by=handed_over_by,
                receiving_unit=entry.to_unit or entry.from_unit,
                received_by=received_by,
                at=entry.at,
                due=entry.step_due_at,
                done=entry.at if entry.step_received_at else None,
                result=entry.timeliness if entry.timeliness in f.HANDOFF_RESULTS else "",
                comment=entry.comment,
            )
        )
    return f.ControlSheetData(
        header=agency_header(dossier.agency),
        dossier_code=dossier.code,
        procedure_name=dossier.procedure.name,
        applicant=_applicant(dossier),
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        rows=rows,
        lead_unit=str(dossier.agency),
    )


def control_sheet_pdf(dossier: Dossier) -> bytes:
    return f.render_control_sheet(control_sheet_data(dossier))


def supplement_request_pdf(dossier: Dossier, request) -> bytes:
    dossier = _load(dossier)
    items = [f.MissingItem(i.get("name", ""), i.get("reason", "")) for i in request.items or []]
    return f.render_supplement_request(
        f.SupplementRequestData(
            header=agency_header(dossier.agency),
            dossier_code=dossier.code,
            procedure_name=dossier.procedure.name,
            applicant=_applicant(dossier),
            items=items,
            officer=_person(request.requested_by),
            issued_at=request.requested_at,
        )
    )


def rejection_pdf(dossier: Dossier, reason: str, officer, issued_at: datetime) -> bytes:
    dossier = _load(dossier)
    return f.render_rejection(
        f.RejectionData(
            header=agency_header(dossier.agency),
            dossier_code=dossier.code,
            procedure_name=dossier.procedure.name,
            applicant=_applicant(dossier),
            reason=reason,
            officer=_person(officer),
            issued_at=issued_at,
        )
    )


def stop_notice_pdf(dossier: Dossier, reason: str, officer, issued_at: datetime) -> bytes:
    dossier = _load(dossier)
    return f.render_stop_notice(
        f.StopNoticeData(
            header=agency_header(dossier.agency),
            dossier_code=dossier.code,
            procedure_name=dossier.procedure.name,
            applicant=_applicant(dossier),
            received_at=dossier.received_at or dossier.submitted_at,
            reason=reason,
            issued_at=issued_at,
            signer_name=_person(officer),
        )
    )


def apology_pdf(
    dossier: Dossier,
    reason: str,
    officer,
    old_appointment: datetime,
    issued_at: datetime,
    new_appointment: datetime | None = None,
) -> bytes:
    """The apology letter; ``new_appointment`` defaults to the dossier's stored appointment (it is
    given when the letter is rendered before the new date is saved)."""
    dossier = _load(dossier)
    return f.render_apology(
        f.ApologyData(
            header=agency_header(dossier.agency),
            dossier_code=dossier.code,
            procedure_name=dossier.procedure.name,
            applicant=_applicant(dossier),
            received_at=dossier.received_at or dossier.submitted_at,
            reason=reason,
            old_appointment=old_appointment,
            new_appointment=new_appointment or dossier.appointment_at,
            issued_at=issued_at,
            signer_name=_person(officer),
        )
    )


#: The tracking book is printed for at most this many days and this many dossiers at once.
TRACKING_BOOK_MAX_DAYS = 366
TRACKING_BOOK_MAX_ROWS = 3000


def _received_between(agency, date_from: date, date_to: date):
    tz = timezone.get_default_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
    return Dossier.objects.submitted().filter(agency=agency, received_at__gte=start, received_at__lt=end)


def check_tracking_book_range(agency, date_from: date, date_to: date) -> int:
    """The number of dossiers the book will list; DomainError when the range is wrong or too large."""
    if date_from > date_to:
        raise DomainError(_("The start date must not be after the end date."))
    days = (date_to - date_from).days + 1
    if days > TRACKING_BOOK_MAX_DAYS:
        raise DomainError(
            _("Choose at most %(max)s days at a time (you chose %(days)s)."),
            {"max": TRACKING_BOOK_MAX_DAYS, "days": days},
        )
    count = _received_between(agency, date_from, date_to).count()
    if count > TRACKING_BOOK_MAX_ROWS:
        raise DomainError(
            _(
                "%(count)s dossiers were received in this period; the book prints at most %(max)s at a time. "
                "Choose a shorter period."
            ),
            {"count": count, "max": TRACKING_BOOK_MAX_ROWS},
        )
    return count


_BOOK_STATUS = {
    State.RETURNED: "Đã trả kết quả",
    State.REJECTED: "Từ chối giải quyết",
    State.WITHDRAWN: "Đã rút hồ sơ",
    State.PROCESSING_STOPPED: "Dừng giải quyết",
    State.RESULT_ISSUED: "Có kết quả, chờ trả",
    State.AWAITING_SUPPLEMENT: "Chờ bổ sung hồ sơ",
}


def tracking_book_data_rows(agency, date_from: date, date_to: date) -> list:
    """The book's rows: ``agency``'s dossiers received from ``date_from`` to ``date_to`` (one query)."""
    dossiers = (
        _received_between(agency, date_from, date_to)
        .select_related("procedure")
        .order_by("received_at", "id")
    )
    return [
        f.TrackingRow(
            dossier_code=d.code,
            procedure_name=d.procedure.name,
            applicant_name=d.applicant_name,
            address_phone=", ".join(p for p in (d.applicant_street, d.applicant_phone) if p),
            received_at=d.received_at,
            appointment_at=d.appointment_at,
            returned_at=d.closed_at,
            status=_BOOK_STATUS.get(State(d.state), "Đang giải quyết"),
        )
        for d in dossiers
    ]


def tracking_book_pdf(agency, date_from: date, date_to: date) -> bytes:
    """Mẫu số 07 for ``agency``'s counter: the dossiers received from ``date_from`` to ``date_to``.

    A fixed number of queries whatever the number of dossiers. Call :func:`check_tracking_book_range`
    first to keep the book within its limits.
    """
    return f.render_tracking_book(
        f.TrackingBookData(
            header=agency_header(agency),
            counter_name=f"Bộ phận Một cửa {agency.name}",
            date_from=date_from,
            date_to=date_to,
            rows=tracking_book_data_rows(agency, date_from, date_to),
        )
    )


def store_document(
    dossier: Dossier,
    kind: str,
    pdf_bytes: bytes,
    filename: str,
    *,
    user=None,
    supplement_request=None,
    written: list | None = None,
    **fields,
) -> DossierFile:
    """Keep ``pdf_bytes`` with the dossier; the stored file is added to ``written`` (the files an action
    removes again if its transaction fails) as soon as it is written."""
    document = DossierFile(
        dossier=dossier,
        kind=kind,
        original_name=filename,
        content_type="application/pdf",
        size=len(pdf_bytes),
        uploaded_by=user if user is not None and user.is_authenticated else None,
        supplement_request=supplement_request,
        **fields,
    )
    document.store_content(pdf_bytes, "pdf")
    if written is not None:
        written.append(document.file)
    document.save()
    return document


#: File names of the generated forms kept with the dossier, by kind.
GENERATED_NAMES = {
    DossierFile.Kind.SUPPLEMENT_REQUEST: "phieu-yeu-cau-bo-sung",
    DossierFile.Kind.REJECTION: "phieu-tu-choi",
    DossierFile.Kind.STOP_NOTICE: "thong-bao-dung-giai-quyet",
    DossierFile.Kind.APOLOGY: "van-ban-xin-loi",
}


def file_download(stored: DossierFile, *, inline: bool = False):
    """The response for a file kept with a dossier, for a view that authorized the request: its original
    name made safe, with the extension of the type its content was checked to be; an attachment, or
    shown in the browser (``inline``: a preview of a PDF or an image)."""
    extension = EXTENSIONS.get(stored.content_type, "bin")
    return stored_file_response(
        stored.file,
        filename=safe_filename(stored.original_name, extension),
        content_type=stored.content_type,
        inline=inline,
    )


def store_sealed(
    dossier: Dossier, kind: str, pdf_bytes: bytes, filename: str, *, user=None, now=None, **kwargs
) -> DossierFile:
    """Keep a document the agency issues (a receipt, a notice) sealed by the agency: an invisible PAdES
    signature, which any PDF reader checks (the document carries its own QR code, if any)."""
    sealed, fields = sign_document(pdf_bytes, dossier.agency, now or timezone.now(), visible=False)
    return store_document(dossier, kind, sealed, filename, user=user, **fields, **kwargs)


def store_generated(dossier: Dossier, kind: str, pdf_bytes: bytes, *, user=None, **kwargs) -> DossierFile:
    """Keep a generated legal form with the dossier, sealed, named after its code and the form."""
    filename = f"{dossier.code or dossier.pk}-{GENERATED_NAMES[kind]}.pdf"
    return store_sealed(dossier, kind, pdf_bytes, filename, user=user, **kwargs)


__all__ = [
    "agency_header",
    "apology_pdf",
    "check_tracking_book_range",
    "control_sheet_pdf",
    "file_download",
    "receipt_pdf",
    "rejection_pdf",
    "stop_notice_pdf",
    "store_document",
    "store_generated",
    "store_sealed",
    "supplement_request_pdf",
    "tracking_book_pdf",
]
