"""Shapes of the public catalog API v1 (django-ninja schemas).

Choices made once for every field:

- times (``processing_time``, a step's ``budget``) are JSON numbers in the unit given next to them:
  ``0.5`` is half a working day; they never have more than two decimals;
- fees are whole Vietnamese dong (JSON integers);
- text fields that may be empty are ``""``, never ``null``; ``null`` means "there is none"
  (an agency without a parent, a component without a form, a form without a file);
- codes are the national codes (procedures ``1.001234``, agencies ``000.00.04.G18``).

Descriptions are plain English strings (not translated) so the published OpenAPI document does not
depend on the request language.
"""

import re
from datetime import datetime
from functools import lru_cache, wraps

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from ninja import Field, Schema
from pydantic import field_validator

from core.roles import StepRole
from core.time_units import TimeUnit

from .constants import AdministrativeLevel
from .service_levels import service_level

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def procedure_page_path(code: str) -> str:
    """The portal page of a procedure (the portal owns the URL; this is its documented fallback)."""
    template = _page_path_template(
        get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language()
    )
    if template and _PLAIN_CODE.fullmatch(code):
        return template.replace(_PLACEHOLDER, code)
    try:
        return reverse("portal:procedure", args=[code])
    except NoReverseMatch:
        return f"/thu-tuc/{code}/"


_PLACEHOLDER = "0.000000"
_PLAIN_CODE = re.compile(r"[0-9A-Za-z._-]+")  # needs no URL quoting


@lru_cache(maxsize=32)
def _page_path_template(urlconf: str, script_prefix: str, language: str | None) -> str | None:
    """The portal page path with a placeholder code: one reverse() per configuration instead of one
    per listed procedure."""
    try:
        path = reverse("portal:procedure", args=[_PLACEHOLDER], urlconf=urlconf)
    except NoReverseMatch:
        return None
    return path if path.count(_PLACEHOLDER) == 1 else None


def _from_model(resolver):
    """Make ``resolver`` (``resolve_<field>``) a static resolver for model instances that lets a plain
    dict, an item already in the response shape, through unchanged."""
    field = resolver.__name__.removeprefix("resolve_")

    @wraps(resolver)
    def resolve(obj):
        return obj[field] if isinstance(obj, dict) else resolver(obj)

    return staticmethod(resolve)


class Message(Schema):
    message: str = Field(description="A human-readable explanation, in the request language.")


class Problem(Schema):
    field: str = Field(description="The invalid parameter, e.g. page_size.")
    message: str


class InvalidParameters(Schema):
    message: str = Field(description="A human-readable summary, in the request language.")
    errors: list[Problem]


# --- agencies and sectors -------------------------------------------------------------------------


class AgencyOut(Schema):
    code: str = Field(description="Identifier under the national standard for electronic document exchange.")
    name: str
    short_name: str
    level: AdministrativeLevel = Field(description="Administrative level of the agency.")
    parent_code: str | None = Field(description="Code of the parent agency, or null.")
    address: str = Field(description="Street, commune or ward, and province (today's units).")
    phone: str
    email: str
    website: str

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class AgencyList(Schema):
    items: list[AgencyOut]
    count: int


class SectorOut(Schema):
    code: str
    name: str
    procedure_count: int = Field(description="Number of published procedures in the sector.")


class SectorList(Schema):
    items: list[SectorOut]
    count: int


class SectorRef(Schema):
    code: str
    name: str


class AgencyRef(Schema):
    code: str
    name: str


# --- procedures -----------------------------------------------------------------------------------


class ProcedureQuery(Schema):
    """Query parameters of the procedure list; all optional, combined with AND."""

    search: str = Field(
        "",
        max_length=200,
        description="Words of the name, subtitle or code, accents and case ignored (giay phep lai xe).",
    )
    agency: str = Field("", max_length=20, description="Code of a performing agency.")
    sector: str = Field("", max_length=32, description="Code of a sector.")
    level: int | None = Field(None, ge=1, le=4, description="Online service level, 1 to 4.")
    administrative_level: AdministrativeLevel | None = Field(
        None, description="Administrative level at which the procedure is performed."
    )
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}."
    )

    @field_validator("search", "agency", "sector")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        # PostgreSQL rejects NUL in text parameters: refuse it here rather than answer 500.
        if "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class ProcedureItem(Schema):
    code: str = Field(description="National procedure code, e.g. 1.001234.")
    name: str
    subtitle: str = Field(description="Plain-language explanation of the name; may be empty.")
    sector: SectorRef
    agencies: list[AgencyRef] = Field(description="Performing agencies.")
    administrative_level: AdministrativeLevel
    service_level: int = Field(ge=1, le=4, description="Online service level, 1 to 4.")
    online_kind: str = Field(
        description='"full_process" (level 4), "partial" (level 3) or "" (not an online service).'
    )
    allows_online_submission: bool
    allows_online_payment: bool
    processing_time: float = Field(
        description="Processing time as a number in processing_time_unit; 0.5 is half a day."
    )
    processing_time_unit: TimeUnit = Field(description='"day" (working days) or "hour" (working hours).')
    url: str = Field(description="Path of the procedure's page on the portal.")

    @_from_model
    def resolve_online_kind(obj) -> str:
        return service_level(obj.service_level).online_kind

    @_from_model
    def resolve_allows_online_submission(obj) -> bool:
        return service_level(obj.service_level).allows_online_submission

    @_from_model
    def resolve_allows_online_payment(obj) -> bool:
        return service_level(obj.service_level).allows_online_payment

    @_from_model
    def resolve_processing_time(obj) -> float:
        return float(obj.processing_time)

    @_from_model
    def resolve_url(obj) -> str:
        return procedure_page_path(obj.code)


class ProcedurePage(Schema):
    items: list[ProcedureItem]
    count: int = Field(description="Number of matching procedures on all pages.")
    page: int
    page_size: int


class FeeOut(Schema):
    name: str
    amount: int = Field(description="Amount in Vietnamese dong.")
    applies_when: str


class FormTemplateOut(Schema):
    code: str = Field(description="Form code, e.g. Mẫu số 03/2020/TT-BCA; may be empty.")
    name: str
    url: str | None = Field(description="Download address of the form file, or null when there is none.")

    @_from_model
    def resolve_url(obj) -> str | None:
        return obj.download_url if obj.file else None


class ProcedureComponentOut(Schema):
    id: int = Field(description="Give it in the counter's checklist (POST /api/v1/dossiers, components)")
    name: str
    originals: int
    copies: int
    required: bool
    form_template: FormTemplateOut | None


class ProcedureStepOut(Schema):
    position: int
    name: str
    role: StepRole
    handling_unit: str
    budget: float = Field(description="Working time of the step, in the procedure's processing_time_unit.")

    @_from_model
    def resolve_budget(obj) -> float:
        return float(obj.budget)


class ProcedureDetail(ProcedureItem):
    requirements: str
    how_to_apply: str
    legal_basis: str
    result_name: str
    for_citizens: bool
    for_organizations: bool
    fees: list[FeeOut]
    components: list[ProcedureComponentOut] = Field(description="Documents of the dossier, in order.")
    form_templates: list[FormTemplateOut]
    steps: list[ProcedureStepOut] = Field(
        description="Internal process, in order; budgets add up to processing_time."
    )
    updated_at: datetime
