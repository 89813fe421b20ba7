"""Reception: a walk-in or postal dossier at the counter (:func:`receive_at_counter`), and the counter's
acceptance of an online one (the ``receive`` action)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import Role
from core.tracking_numbers import normalized, tracking_number_error
from documents.uploads import check_scan

from .. import receipts
from ..clock import plan_steps, province_calendar, start_processing_clock
from ..constants import ApplicantType, Channel, ResultDelivery
from ..digitization import store_counter_scan
from ..domain.calendar import WorkingCalendar, to_local
from ..domain.codes import format_dossier_code
from ..domain.errors import DomainError
from ..domain.lifecycle import Action, Actor, transition
from ..models import Dossier, DossierFile, ReceivedComponent
from .files import files_removed_on_failure
from .record import record
from .table import Handler, handles

_NEXT_SEQUENCE_SQL = """
INSERT INTO dossiers_dossiercodecounter (agency_id, day, last_sequence) VALUES (%s, %s, 1)
ON CONFLICT (agency_id, day) DO UPDATE SET last_sequence = dossiers_dossiercodecounter.last_sequence + 1
RETURNING last_sequence
"""


def allocate_code(agency, moment: datetime) -> str:
    """The next dossier code of ``agency`` for the day of ``moment``.

    The upsert takes a row lock held until the surrounding transaction ends, so concurrent receptions
    at one agency queue up on it, and a rolled-back reception gives its number back: codes are unique
    and gap-free per agency and day. Must run inside the transaction that creates the dossier.
    """
    day = to_local(moment).date()
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_SEQUENCE_SQL, [agency.pk, day])
        (sequence,) = cursor.fetchone()
    return format_dossier_code(agency.code, day, sequence)


@dataclass
class Applicant:
    name: str
    id_number: str
    applicant_type: int = ApplicantType.CITIZEN
    phone: str = ""
    email: str = ""
    street: str = ""
    province_code: int | None = None
    ward_code: int | None = None
    user: object | None = None


@dataclass
class ComponentReceived:
    """A component of the procedure ticked on the counter's checklist, with its scans (uploaded files)."""

    component: object  # catalog.DossierComponent
    scans: list = field(default_factory=list)


@dataclass
class Reception:
    procedure: object
    applicant: Applicant
    channel: int = Channel.DIRECT
    result_delivery: str = ResultDelivery.COUNTER
    delivery_address: str = ""
    form_data: dict = field(default_factory=dict)
    comment: str = ""
    #: The post's item number of a dossier received by post (channel 3); required then, refused otherwise.
    tracking_number: str = ""
    # The counter's checklist. None: not recorded (the receipt then lists the procedure's components);
    # a list: every required component of the procedure must be in it.
    components: list[ComponentReceived] | None = None


def reception_tracking_number(channel: int, value: str, *, required: bool = True) -> tuple[str, str | None]:
    """The item number as stored for a dossier received through ``channel``, and why it cannot be
    (a dossier received by post is received with the number on its envelope; a walk-in one has none).

    The counter's page and API require it (``required``); :func:`receive_at_counter` checks only what
    it is given, so that history imported or generated without numbers can still be received."""
    number = normalized(value)
    if channel != Channel.POSTAL:
        return "", _("Only a dossier received by post has a postal item number.") if number else None
    if not number:
        return "", _(
            "Write the post's item number of the envelope the dossier came in."
        ) if required else None
    return number, tracking_number_error(number)


def missing_required_components(procedure, ticked_ids) -> list:
    """The required components of ``procedure`` whose ids are not in ``ticked_ids``."""
    ticked = set(ticked_ids)
    return [c for c in procedure.components.all() if c.required and c.pk not in ticked]


def _check_checklist(procedure, components: list[ComponentReceived]) -> list[tuple]:
    """Validate the checklist and its scans before anything is written; returns (scan, checked) pairs."""
    own = {c.pk for c in procedure.components.all()}
    if any(item.component.pk not in own for item in components):
        raise DomainError(_("A ticked component does not belong to the procedure."))
    missing = missing_required_components(procedure, [item.component.pk for item in components])
    if missing:
        raise DomainError(
            _("Tick the required components: %(names)s."), {"names": ", ".join(c.name for c in missing)}
        )
    checked = []
    for item in components:
        for scan in item.scans:
            try:
                checked.append((item.component, scan, check_scan(scan)))
            except ValidationError as error:
                raise DomainError("%(message)s", {"message": " ".join(error.messages)}) from error
    return checked


def _store_checklist(
    dossier: Dossier, officer, components: list[ComponentReceived], scans: list[tuple], written: list
):
    ReceivedComponent.objects.bulk_create(
        ReceivedComponent(
            dossier=dossier,
            component=item.component,
            name=item.component.name,
            originals=item.component.originals,
            copies=item.component.copies,
            position=position,
        )
        for position, item in enumerate(components)
    )
    for component, scan, checked in scans:
        stored = DossierFile(
            dossier=dossier,
            kind=DossierFile.Kind.COMPONENT,
            component=component,
            original_name=(getattr(scan, "name", "") or f"scan.{checked.extension}")[:255],
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=officer,
        )
        store_counter_scan(dossier, stored, scan, written=written)


def receive_at_counter(officer, reception: Reception, *, now: datetime | None = None) -> Dossier:
    """A counter officer receives a walk-in or postal dossier: code, appointment, steps and log."""
    now = now or timezone.now()
    if officer.role != Role.COUNTER_OFFICER or officer.agency_id is None:
        raise DomainError(_("Only a one-stop counter officer can receive dossiers."))
    procedure = reception.procedure
    if not procedure.agencies.filter(pk=officer.agency_id).exists():
        raise DomainError(
            _("Your agency does not perform the procedure “%(name)s”."), {"name": procedure.name}
        )
    tracking_number, problem = reception_tracking_number(
        reception.channel, reception.tracking_number, required=False
    )
    if problem:
        raise DomainError("%(message)s", {"message": problem})
    scans = _check_checklist(procedure, reception.components) if reception.components is not None else []
    calendar = province_calendar()
    applicant = reception.applicant
    with files_removed_on_failure() as written, transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            agency_id=officer.agency_id,
            channel=reception.channel,
            postal_tracking_number=tracking_number,
            applicant_type=applicant.applicant_type,
            applicant_name=applicant.name,
            applicant_id_number=applicant.id_number,
            applicant_phone=applicant.phone,
            applicant_email=applicant.email,
            applicant_street=applicant.street,
            applicant_province_code=applicant.province_code,
            applicant_ward_code=applicant.ward_code,
            applicant_user=applicant.user,
            form_data=reception.form_data,
            result_delivery=reception.result_delivery,
            delivery_address=reception.delivery_address,
            received_by=officer,
        )
        start_processing_clock(dossier, calendar, now)
        dossier.code = allocate_code(officer.agency, dossier.received_at)
        dossier.status = transition(dossier.status, Action.RECEIVE, Actor.COUNTER_OFFICER, 0)
        dossier.current_unit = str(officer.agency)
        dossier.save()
        plan_steps(dossier, calendar)
        if reception.components is not None:
            _store_checklist(dossier, officer, reception.components, scans, written)
        record(
            dossier,
            officer,
            Actor.COUNTER_OFFICER,
            Action.RECEIVE,
            "",
            now,
            comment=reception.comment,
            to_unit=str(officer.agency),
            to_officer=officer,
        )
        receipts.queue_receipt(dossier)
    return dossier


@handles(Action.RECEIVE)
class ReceiveOnline(Handler):
    """The counter accepts an online dossier (a walk-in one is created by :func:`receive_at_counter`)."""

    def do(self, ctx):
        _receive_submitted(ctx.dossier, ctx.user, ctx.calendar, ctx.now)
        ctx.to_unit = ctx.dossier.current_unit
        ctx.to_officer = ctx.user


def _receive_submitted(dossier: Dossier, officer, calendar: WorkingCalendar, now: datetime):
    """The counter accepts an online dossier: the clock, started when it was submitted, keeps running."""
    dossier.received_at = now
    dossier.received_by = officer
    dossier.current_unit = str(dossier.agency)
    if dossier.appointment_at is None:
        start_processing_clock(dossier, calendar, now)
    if not dossier.steps.exists():
        plan_steps(dossier, calendar)
