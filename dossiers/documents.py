"""Legal forms of a dossier: map the ORM rows to :mod:`documents.forms` inputs, render, store."""

from datetime import date, datetime, time

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.constants import TimeUnit
from documents import forms as f

from .constants import Channel, ResultDelivery
from .domain.lifecycle import State
from .models import Dossier, DossierFile, ProcessLogEntry

_CHANNELS = {Channel.DIRECT: "direct", Channel.ONLINE: "online", Channel.POSTAL: "postal"}
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


def receipt_data(dossier: Dossier) -> f.ReceiptData:
    dossier = _load(dossier)
    procedure = dossier.procedure
    components = [
        f.Component(c.name, c.originals, c.copies) for c in procedure.components.order_by("position", "id")
    ]
    amount = procedure.processing_time.normalize()
    unit = "giờ làm việc" if procedure.processing_time_unit == TimeUnit.WORKING_HOUR else "ngày làm việc"
    return f.ReceiptData(
        header=agency_header(dossier.agency),
        dossier_code=dossier.code,
        procedure_name=procedure.name,
        applicant=_applicant(dossier),
        components=components,
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        channel=_CHANNELS.get(dossier.channel, "direct"),
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
        ProcessLogEntry.objects.filter(dossier=dossier).select_related("actor").order_by("at", "id")
    )
    rows = []
    previous_actor = ""
    for entry in entries:
        if not (entry.from_unit or entry.to_unit):
            previous_actor = _person(entry.actor) or previous_actor
            continue
        actor = _person(entry.actor)
        rows.append(
            f.HandOff(
                sending_unit=entry.from_unit or str(dossier.agency),
                handed_over_by=actor,
                receiving_unit=entry.to_unit or entry.from_unit,
                received_by=previous_actor if not entry.to_unit else "",
                at=entry.at,
                due=entry.step_due_at,
                done=entry.at if entry.step_received_at else None,
                result=entry.timeliness if entry.timeliness in f.HANDOFF_RESULTS else "",
                comment=entry.comment,
            )
        )
        previous_actor = actor
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


def tracking_book_pdf(agency, date_from: date, date_to: date) -> bytes:
    tz = timezone.get_default_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to, time.max, tzinfo=tz)
    dossiers = (
        Dossier.objects.filter(agency=agency, received_at__range=(start, end))
        .select_related("procedure")
        .order_by("received_at", "id")
    )
    rows = [
        f.TrackingRow(
            dossier_code=d.code,
            procedure_name=d.procedure.name,
            applicant_name=d.applicant_name,
            address_phone=", ".join(p for p in (d.applicant_street, d.applicant_phone) if p),
            received_at=d.received_at,
            appointment_at=d.appointment_at,
            returned_at=d.closed_at,
            status="Đã kết thúc" if State(d.state).is_final else "Đang giải quyết",
        )
        for d in dossiers
    ]
    return f.render_tracking_book(
        f.TrackingBookData(
            header=agency_header(agency),
            counter_name=f"Bộ phận Một cửa {agency.name}",
            date_from=date_from,
            date_to=date_to,
            rows=rows,
        )
    )


def store_document(dossier: Dossier, kind: str, pdf_bytes: bytes, filename: str, *, user=None) -> DossierFile:
    document = DossierFile(
        dossier=dossier,
        kind=kind,
        original_name=filename,
        content_type="application/pdf",
        size=len(pdf_bytes),
        uploaded_by=user,
    )
    document.file.save(filename, ContentFile(pdf_bytes), save=False)
    document.save()
    return document


__all__ = [
    "agency_header",
    "control_sheet_pdf",
    "receipt_pdf",
    "store_document",
    "supplement_request_pdf",
    "tracking_book_pdf",
]
