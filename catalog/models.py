from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.roles import StepRole
from core.storage_names import random_name
from core.text import fold
from core.time_units import TimeUnit
from documents.uploads import validate_document

from . import rules
from .constants import AdministrativeLevel, PublicationState
from .result_templates import unknown_placeholders
from .service_levels import service_level

agency_code_validator = RegexValidator(
    rules.AGENCY_CODE_RE,
    _("Use the national agency identifier format, for example 000.00.04.G18."),
)
procedure_code_validator = RegexValidator(
    rules.PROCEDURE_CODE_RE,
    _("Use the national procedure code format, for example 1.001234."),
)
sector_code_validator = RegexValidator(
    rules.SECTOR_CODE_RE, _("Use letters, digits, dots, dashes or underscores (at most 32).")
)


class Agency(models.Model):
    """A department, a People's Committee or a branch that performs procedures."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[agency_code_validator],
        help_text=_("The identifier under the national standard for electronic document exchange."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(
        _("administrative level"), max_length=16, choices=AdministrativeLevel.choices, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    province_code = models.PositiveIntegerField(
        _("province"), null=True, blank=True, help_text=_("Today's province code (vietnam-provinces).")
    )
    ward_code = models.PositiveIntegerField(
        _("commune or ward"),
        null=True,
        blank=True,
        help_text=_("Today's commune or ward code (vietnam-provinces)."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from core.addresses import address_error

        error = address_error(self.province_code, self.ward_code)
        if error:
            raise ValidationError({"ward_code": error})

    @property
    def address(self) -> str:
        from core.addresses import format_address

        return format_address(self.street_address, self.province_code, self.ward_code)


class Sector(models.Model):
    """A field of administration (lĩnh vực): land, construction, transport, justice, …"""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[sector_code_validator])
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


def searchable(*texts: str) -> str:
    """``texts`` folded for catalog.search, with a leading space: " cap doi giay phep lai xe"."""
    folded = fold(" ".join(texts))
    return f" {folded}" if folded else ""


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_state=PublicationState.PUBLISHED)

    def for_listing(self):
        return self.select_related("sector").prefetch_related("agencies")


class Procedure(models.Model):
    """An administrative procedure (TTHC) as the province publishes it."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[procedure_code_validator])
    name = models.CharField(_("name"), max_length=500)
    subtitle = models.CharField(
        _("plain-language subtitle"),
        max_length=300,
        blank=True,
        help_text=_("A short plain explanation shown under an obscure legal name."),
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="procedures"
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("performing agencies"), related_name="procedures"
    )
    administrative_level = models.CharField(
        _("administrative level"), max_length=16, choices=AdministrativeLevel.choices, db_index=True
    )
    service_level = models.PositiveSmallIntegerField(
        _("online service level"), validators=[MinValueValidator(1), MaxValueValidator(4)], db_index=True
    )
    processing_time = models.DecimalField(
        _("processing time"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    processing_time_unit = models.CharField(
        _("unit"), max_length=8, choices=TimeUnit.choices, default=TimeUnit.DAY
    )
    for_citizens = models.BooleanField(_("for citizens"), default=True)
    for_organizations = models.BooleanField(_("for organizations"), default=False)
    requirements = models.TextField(_("conditions"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    result_name = models.CharField(_("result"), max_length=500, blank=True)
    publication_state = models.CharField(
        _("publication state"),
        max_length=16,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    # Folded by core.text.fold, each with a leading space so that " term" finds a word starting with
    # the term (catalog.search): the name; the code, name and subtitle; the result's name, the sector's
    # name and the dossier components' names (searched with less weight, kept up to date by
    # catalog.search_index).
    name_folded = models.CharField(max_length=510, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    search_extra = models.TextField(editable=False, default="")
    name_length = models.PositiveIntegerField(editable=False, default=0)
    # How much the procedure is used: its dossiers of the last 12 months, recounted by
    # `manage.py count_procedure_use` (nightly). Among equally good matches the search lists
    # the more used procedure first.
    popularity = models.PositiveIntegerField(_("dossiers in the last 12 months"), editable=False, default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["publication_state", "service_level"], name="procedure_state_level"),
            models.Index(fields=["publication_state", "sector"], name="procedure_state_sector"),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        indexed = kwargs.get("update_fields") is None
        if indexed:
            self.name_folded = searchable(self.name)
            self.search_text = searchable(self.code, self.name, self.subtitle)
            components = list(self.components.values_list("name", flat=True)) if self.pk else []
            sector = self.sector.name if self.sector_id else ""
            self.search_extra = searchable(self.result_name, sector, *components)
            self.name_length = len(self.name)
        super().save(*args, **kwargs)

    @property
    def level(self):
        return service_level(self.service_level)

    @property
    def applicant_types(self) -> list[str]:
        return [
            kind
            for kind, on in (("citizen", self.for_citizens), ("organization", self.for_organizations))
            if on
        ]

    def step_budget_error(self, budgets=None) -> str | None:
        if budgets is None:
            budgets = [step.budget for step in self.steps.all()]
        return rules.step_budget_error(
            self.processing_time, budgets, str(TimeUnit(self.processing_time_unit).label)
        )


class Fee(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=255)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    applies_when = models.CharField(_("applies when"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        ordering = ["procedure", "position", "id"]

    def __str__(self):
        return self.name


#: Where form templates are stored; the public download view serves nothing outside it.
FORM_TEMPLATE_FOLDER = "catalog/forms"


def form_template_path(instance, filename):
    return random_name(FORM_TEMPLATE_FOLDER, filename)


class FormTemplate(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="form_templates")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(
        _("form code"), max_length=50, blank=True, help_text=_("e.g. Mẫu số 03/2020/TT-BCA")
    )
    name = models.CharField(_("name"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to=form_template_path,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or OpenDocument text (ODT)."),
    )

    class Meta:
        verbose_name = _("form template")
        verbose_name_plural = _("form templates")
        ordering = ["procedure", "position", "id"]

    def __str__(self):
        return self.name

    @property
    def download_url(self) -> str:
        """Where the public downloads the file: a view, never the storage (portal.views)."""
        return reverse("portal:form_template", args=[self.pk])


class DossierComponent(models.Model):
    """One document an applicant must (or may) include in a dossier."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("originals"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    required = models.BooleanField(_("required"), default=True)
    form_template = models.ForeignKey(
        FormTemplate,
        verbose_name=_("form template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="components",
    )
    # Earlier results the applicant may give for this component from their document wallet instead of
    # a new upload (e.g. "a copy of the driving licence in use" accepts the driving-licence procedure's
    # result).
    accepts_results_of = models.ManyToManyField(
        Procedure,
        verbose_name=_("accepts the result of"),
        blank=True,
        related_name="results_accepted_by",
    )

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ["procedure", "position", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.form_template_id and self.form_template.procedure_id != self.procedure_id:
            raise ValidationError({"form_template": _("Choose a form template of the same procedure.")})


class ResultTemplate(models.Model):
    """How the handling specialist drafts the procedure's result: a Vietnamese decision or certificate,
    its title and body written by the catalog officer with placeholders filled from the dossier and its
    e-form answers (see ``dossiers.result_drafts`` for the placeholders)."""

    class Layout(models.TextChoices):
        DECISION = "decision", _("Decision (Quyết định)")
        CERTIFICATE = "certificate", _("Certificate or licence")

    procedure = models.OneToOneField(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="result_template"
    )
    layout = models.CharField(_("layout"), max_length=16, choices=Layout.choices, default=Layout.DECISION)
    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(
        _("subject"), max_length=500, blank=True, help_text=_("Printed under the title: “Về việc …”.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "One paragraph per line. Placeholders in braces, e.g. {applicant_name}, {personal_id}, "
            "{address}, {dossier_code}, {received_date}, {eform.<field key>}."
        ),
    )
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("result template")
        verbose_name_plural = _("result templates")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        keys = self.procedure.form_fields.values_list("key", flat=True) if self.procedure_id else []
        errors = {}
        for field in ("title", "subject", "body"):
            unknown = unknown_placeholders(getattr(self, field) or "", keys)
            if unknown:
                errors[field] = _("Unknown placeholders: %(names)s.") % {
                    "names": ", ".join("{" + name + "}" for name in unknown)
                }
        if errors:
            raise ValidationError(errors)


class ProcessStep(models.Model):
    """A step of a procedure's internal process, with its working-time budget."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=32, choices=StepRole.choices)
    handling_unit = models.CharField(_("handling unit"), max_length=255)
    budget = models.DecimalField(
        _("budget"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Working time for this step, in the procedure's unit (0.5 = half a day)."),
    )

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["procedure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "position"], name="unique_step_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"


class ProcedureChange(models.Model):
    """Who changed what in a procedure, and when (publication changes included)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    from_state = models.CharField(
        _("from state"), max_length=16, choices=PublicationState.choices, blank=True
    )
    to_state = models.CharField(_("to state"), max_length=16, choices=PublicationState.choices, blank=True)
    summary = models.TextField(_("what changed"))

    class Meta:
        verbose_name = _("procedure change")
        verbose_name_plural = _("procedure changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return self.summary


class FormField(models.Model):
    """One field of a procedure's electronic form (e-form), filled in by the applicant online."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text (one line)")
        TEXTAREA = "textarea", _("Text (several lines)")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        CHOICE = "choice", _("Choice")
        PERSONAL_ID = "personal_id", _("Personal ID number")
        ADDRESS = "address", _("Address (province, commune, street)")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="form_fields")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(
        _("key"), max_length=50, help_text=_("A short identifier, e.g. birth_place; stored with the answers.")
    )
    label = models.CharField(_("label"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_('For a choice field: the list of options, e.g. ["Phiếu số 1", "Phiếu số 2"].'),
    )
    help_text = models.CharField(_("help text"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("e-form field")
        verbose_name_plural = _("e-form fields")
        ordering = ["procedure", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["procedure", "key"], name="unique_form_field_key")]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        from .eforms import choices_error

        error = choices_error(self.kind, self.choices)
        if error:
            raise ValidationError({"choices": error})


class Synonym(models.Model):
    """A phrase people search for (an abbreviation, a popular name) and the catalog's words for it."""

    phrase = models.CharField(
        _("phrase"),
        max_length=100,
        help_text=_("What people type, e.g. GPLX or sổ đỏ. Accents and capitals do not matter."),
    )
    expansion = models.CharField(
        _("searched as"),
        max_length=300,
        help_text=_(
            "The words the catalog uses, e.g. giấy phép lái xe. They replace the phrase in a search."
        ),
    )
    phrase_folded = models.CharField(max_length=100, unique=True, editable=False)
    expansion_folded = models.CharField(max_length=300, editable=False)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["phrase_folded"]

    def __str__(self):
        return f"{self.phrase} → {self.expansion}"

    def save(self, *args, **kwargs):
        self.phrase_folded = fold(self.phrase)
        self.expansion_folded = fold(self.expansion)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not fold(self.phrase):
            raise ValidationError({"phrase": _("Give a phrase with at least one letter or digit.")})
        if not fold(self.expansion):
            raise ValidationError({"expansion": _("Give at least one word to search for.")})
        duplicate = Synonym.objects.filter(phrase_folded=fold(self.phrase)).exclude(pk=self.pk)
        if duplicate.exists():
            raise ValidationError({"phrase": _("This phrase already has a synonym.")})


class SearchMiss(models.Model):
    """A search of the public catalog that found nothing: what catalog officers may add a synonym for."""

    query_folded = models.CharField(_("search"), max_length=200, unique=True)
    example = models.CharField(_("as typed"), max_length=200)
    count = models.PositiveIntegerField(_("times"), default=1)
    first_seen = models.DateTimeField(_("first searched"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last searched"), db_index=True)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        ordering = ["-count", "-last_seen"]

    def __str__(self):
        return self.example


class SearchIndexVersion(models.Model):
    """One row whose token changes with anything the catalog search reads (catalog.search_index).

    Each process keeps the search index in memory and compares this token before a search: a change
    made by any process (an officer's edit, an import, the nightly use count) is seen by the next search
    everywhere.
    """

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token
