import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.roles import StepRole
from core.storage_names import random_name
from documents import storage

from .constants import STATE_CHOICES, ApplicantType, CalendarDayKind, Channel, Proposal, ResultDelivery
from .domain.calendar import Timeliness
from .domain.inbox import waiting_role
from .domain.lifecycle import Action, DossierStatus, State

TIMELINESS_CHOICES = [(t.value, t.label) for t in Timeliness]


class CalendarDay(models.Model):
    """A province's own calendar exception: an extra day off, or a make-up working day (e.g. a Saturday)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class DossierCodeCounter(models.Model):
    """The last sequence number given out per agency and reception day (gap-free dossier codes)."""

    agency = models.ForeignKey("catalog.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="unique_code_counter")]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.last_sequence}"


class DossierQuerySet(models.QuerySet):
    def submitted(self):
        """Every dossier but drafts: a draft is its applicant's alone until it is submitted. The base
        of every officer's list, search, book and export (``dossiers.services.officer_dossiers``)."""
        return self.exclude(state=State.DRAFT)


class Dossier(models.Model):
    """One application by one applicant for one procedure."""

    # Empty (NULL) while an online dossier is a draft: the code is given when it is submitted.
    code = models.CharField(_("dossier code"), max_length=40, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="dossiers"
    )
    agency = models.ForeignKey(
        "catalog.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="dossiers"
    )
    state = models.CharField(_("state"), max_length=32, choices=STATE_CHOICES, default=State.DRAFT)
    step_index = models.PositiveSmallIntegerField(_("current step"), null=True, blank=True)
    resume_state = models.CharField(max_length=32, choices=STATE_CHOICES, blank=True)
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    #: A paper dossier that came by post (channel 3): the post's item number on its envelope
    #: (``core.tracking_numbers``), printed on the receipt.
    postal_tracking_number = models.CharField(_("postal item number"), max_length=13, blank=True)
    # 0 for online dossiers, 1 otherwise: inboxes put online dossiers first among equals, and a stored
    # column lets the inbox index serve that ordering.
    priority = models.PositiveSmallIntegerField(default=1, editable=False)
    applicant_type = models.PositiveSmallIntegerField(
        _("applicant type"), choices=ApplicantType.choices, default=ApplicantType.CITIZEN
    )
    applicant_name = models.CharField(_("applicant name"), max_length=255)
    applicant_name_folded = models.CharField(max_length=255, editable=False, default="", db_index=True)
    applicant_id_number = models.CharField(
        _("personal ID or tax code"),
        max_length=14,
        db_index=True,
    )
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_street = models.CharField(_("street address"), max_length=255, blank=True)
    applicant_province_code = models.PositiveIntegerField(_("province"), null=True, blank=True)
    applicant_ward_code = models.PositiveIntegerField(_("commune or ward"), null=True, blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    form_data = models.JSONField(_("e-form data"), default=dict, blank=True)
    result_delivery = models.CharField(
        _("result delivery"), max_length=16, choices=ResultDelivery.choices, default=ResultDelivery.COUNTER
    )
    delivery_address = models.CharField(_("delivery address"), max_length=500, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True, db_index=True)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True, db_index=True)
    original_appointment_at = models.DateTimeField(_("first appointment"), null=True, blank=True)
    paused_at = models.DateTimeField(_("clock stopped at"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("current step due"), null=True, blank=True, db_index=True)
    current_unit = models.CharField(_("handling unit"), max_length=255, blank=True)
    # The role whose inbox the dossier waits in (domain.inbox.waiting_role), kept up to date by the
    # services; "" when nobody in the agency has to act. Indexed for the role-based default inboxes.
    # (Not "current_role": that is a reserved word in PostgreSQL, awkward in hand-written SQL.)
    inbox_role = models.CharField(
        _("waiting for"), max_length=32, blank=True, default="", db_default="", editable=False
    )
    # While the dossier is at another agency (inter-agency hand-off): which one. Its officers may see it.
    consulted_agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("consulted agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consulted_dossiers",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Kept with the files (a component scanned and sealed at the counter): the national portal's
    # per-dossier flag, counted by the statistics.
    has_digitized_components = models.BooleanField(
        _("has digitized components"), default=False, db_default=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=16, choices=TIMELINESS_CHOICES, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "state", "step_due_at"], name="dossier_inbox"),
            models.Index(
                fields=["agency", "step_due_at", "priority", "received_at", "id"], name="dossier_inbox_order"
            ),
            models.Index(
                fields=["agency", "inbox_role", "step_due_at", "priority", "received_at", "id"],
                name="dossier_role_inbox",
            ),
            models.Index(fields=["agency", "received_at"], name="dossier_agency_received"),
            models.Index(fields=["agency", "appointment_at"], name="dossier_agency_appointment"),
        ]

    def __str__(self):
        # A draft has no code until it is submitted.
        return self.code or gettext("Draft #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        from core.text import fold

        self.applicant_name_folded = fold(self.applicant_name)
        self.priority = 0 if self.channel == Channel.ONLINE else 1
        # States that do not depend on the steps set the role here; the services set the others.
        role = waiting_role(self.state, self.step_index)
        if role is not None:
            self.inbox_role = role
        super().save(*args, **kwargs)

    @property
    def status(self) -> DossierStatus:
        return DossierStatus(self.state, self.step_index, self.resume_state or None)

    @status.setter
    def status(self, value: DossierStatus):
        self.state = value.state.value
        self.step_index = value.step
        self.resume_state = value.resume_state.value if value.resume_state else ""

    @property
    def national_status(self):
        return self.status.national_status

    @property
    def is_online(self) -> bool:
        return self.channel == Channel.ONLINE


class DossierStep(models.Model):
    """One step of the procedure's internal process as this dossier goes through it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    index = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=32, choices=StepRole.choices)
    handling_unit = models.CharField(max_length=255)
    budget = models.DecimalField(max_digits=7, decimal_places=2)
    planned_due_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    timeliness = models.CharField(max_length=16, choices=TIMELINESS_CHOICES, blank=True)

    class Meta:
        ordering = ["dossier", "index"]
        constraints = [models.UniqueConstraint(fields=["dossier", "index"], name="unique_dossier_step")]

    def __str__(self):
        return f"{self.index + 1}. {self.name}"


class ReceivedComponent(models.Model):
    """A component of the procedure ticked as received on the counter's checklist (printed on the receipt)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="received_components")
    component = models.ForeignKey(
        "catalog.DossierComponent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Copied, so that the receipt stays as printed when the catalog changes later.
    name = models.CharField(_("name"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("received component")
        verbose_name_plural = _("received components")
        ordering = ["dossier", "position", "id"]

    def __str__(self):
        return self.name


class ProcessLogEntry(models.Model):
    """A line of the process control sheet: one action or hand-off, written with the change itself."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("at"))
    action = models.CharField(_("action"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(max_length=32)
    from_state = models.CharField(max_length=32, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField(max_length=32, choices=STATE_CHOICES)
    step_name = models.CharField(_("step"), max_length=255, blank=True)
    from_unit = models.CharField(_("from unit"), max_length=255, blank=True)
    to_unit = models.CharField(_("to unit"), max_length=255, blank=True)
    # Who took the dossier over at ``to_unit``: the counter officer at reception, otherwise the officer
    # who next acts on it (filled in by the services then); empty while nobody has yet.
    to_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The appointment this entry set, when it moved it (a supplement resuming the clock, an apology).
    new_appointment_at = models.DateTimeField(_("new appointment"), null=True, blank=True)
    # The specialist's proposed decision, forwarded to the leader with its reasoning (the comment).
    proposal = models.CharField(_("proposed decision"), max_length=16, choices=Proposal.choices, blank=True)
    step_received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=16, choices=TIMELINESS_CHOICES, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("process log entry")
        verbose_name_plural = _("process log entries")
        ordering = ["dossier", "at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    @property
    def action_label(self) -> str:
        """The action in words (the stored value is the code, e.g. "forward")."""
        try:
            return str(Action(self.action).label)
        except ValueError:  # an action of an older version
            return self.action


class SupplementRequest(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplement_requests")
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    items = models.JSONField(default=list, help_text="[{'name': ..., 'reason': ...}]")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "requested_at"]

    def __str__(self):
        return f"{self.dossier_id} {self.requested_at}"


def dossier_file_path(instance, filename):
    # Only for a file saved without DossierFile.store_content (which names it by content): random, so
    # that neither the code (printed on the receipt) nor the id leads to a dossier's files.
    return random_name("dossiers", filename)


class DossierFile(models.Model):
    """A scanned component, a generated legal form or a result, stored through Django's storage API."""

    class Kind(models.TextChoices):
        COMPONENT = "component", _("Dossier component")
        RECEIPT = "receipt", _("Receipt and appointment")
        SUPPLEMENT_REQUEST = "supplement_request", _("Supplement request")
        REJECTION = "rejection", _("Rejection")
        APOLOGY = "apology", _("Apology and new appointment")
        STOP_NOTICE = "stop_notice", _("Notice of stopping")
        # Versions of the result prepared at the handling step for the leader's review; approving signs
        # the newest one, which becomes the RESULT. Earlier versions stay, as the log refers to them.
        RESULT_DRAFT = "result_draft", _("Draft result")
        RESULT = "result", _("Result")
        # The e-receipt of a payment of fees, sealed by the collecting agency (``payments.receipts``).
        FEE_RECEIPT = "fee_receipt", _("Receipt of fees and charges")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    component = models.ForeignKey(
        "catalog.DossierComponent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=dossier_file_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    # The flags the National Public Service Portal keeps per file (and the statistics count): scanned and
    # sealed at the counter; reused from the applicant's wallet (which file); taken from the national
    # document store; and the earlier result this one replaces.
    digitized = models.BooleanField(default=False)
    reused_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reuses"
    )
    from_national_store = models.BooleanField(default=False, db_default=False)
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    # Content address: files are stored under their SHA-256, so one stored file may serve several rows
    # (a reused wallet document) and is deleted only when no row uses it any more.
    sha256 = models.CharField(max_length=64, blank=True, default="", db_default="", db_index=True)
    # The public identity of the document (the verification page /xac-thuc/<public_id>) and the secret
    # that the QR code of a signed document carries to let its holder read the content, not just its
    # metadata.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    access_token = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)
    # Version of a draft result (1, 2, ...); 1 for other files.
    version = models.PositiveSmallIntegerField(default=1, db_default=1)
    # The signature as recorded when we applied it (the verification page compares a file with this).
    signed_at = models.DateTimeField(null=True, blank=True)
    signer_name = models.CharField(max_length=255, blank=True, default="", db_default="")
    signer_title = models.CharField(max_length=255, blank=True, default="", db_default="")
    supplement_request = models.ForeignKey(
        "SupplementRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "kind", "id"]

    def __str__(self):
        return self.original_name

    def store_content(self, content, extension: str) -> None:
        """Keep ``content`` (bytes or a file) as this file, stored under its SHA-256, which is recorded
        (``documents.storage.store``: inside the transaction that saves the row)."""
        self.sha256 = storage.store(self.file, content, extension)
