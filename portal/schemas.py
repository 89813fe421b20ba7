"""Shapes of the citizen API (/api/v1/me/dossiers…): a citizen's own drafts and dossiers.

Times are ISO 8601 with the offset; ``code`` is null for a draft (a code is given at submission);
``state`` is the machine value and ``state_label`` its words in the request's language.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from core.api_errors import ErrorItem
from core.validation import COMMENT_MAX, Text
from dossiers.schemas import ApplicantIn, FeesOut


class ProcedureRef(Schema):
    code: str
    name: str


class DossierSummary(Schema):
    id: int
    code: str | None
    state: str
    state_label: str
    national_status: int | None = Field(description="Status code 1–10 of the national portal; null: not sent")
    procedure: ProcedureRef
    agency: str
    created_at: datetime
    submitted_at: datetime | None
    appointment_at: datetime | None
    awaiting_applicant: bool = Field(description="True while the agency waits for something from you")


class MyDossierPage(Schema):
    items: list[DossierSummary]
    count: int
    page: int
    pages: int


class DraftCreate(Schema):
    procedure: Text(40) = Field(description="Procedure code, e.g. 2.000488")
    agency: Text(40) | None = Field(None, description="Agency code, needed when several agencies perform it")


class DraftUpdate(Schema):
    applicant: ApplicantIn | None = None
    form_data: dict | None = Field(
        None, description="E-form answers by field key; merged into the saved ones"
    )
    result_delivery: Literal["counter", "online", "post"] | None = Field(
        None, description="counter, online (level 4) or post"
    )
    delivery_address: Text(500) | dict | None = Field(
        None, description="Postal address: text, or {province_code, ward_code, street}"
    )


class FileOut(Schema):
    id: int
    kind: str
    component: int | None
    name: str
    content_type: str
    size: int
    uploaded_at: datetime
    url: str


class MyComponentOut(Schema):
    id: int
    name: str
    required: bool
    files: list[FileOut]


class TimelineOut(Schema):
    at: datetime
    action: str
    text: str
    detail: str = ""


class SupplementItem(Schema):
    name: str
    reason: str = ""


class ApplicantOut(Schema):
    """The applicant as kept with the dossier (what :class:`dossiers.schemas.ApplicantIn` accepted)."""

    name: str
    id_number: str
    applicant_type: int
    phone: str
    email: str
    street: str
    province_code: int | None
    ward_code: int | None


class MyDossierDetail(DossierSummary):
    applicant: ApplicantOut
    form_data: dict
    result_delivery: str
    delivery_address: str
    fees: FeesOut = Field(description="The fees this dossier pays, as its answers and exemptions make them")
    components: list[MyComponentOut]
    documents: list[FileOut] = Field(description="Documents issued: receipt, supplement request, result…")
    receipt_url: str | None = Field(
        None, description="Once sent: where to download the receipt and appointment slip (PDF)"
    )
    result: FileOut | None = Field(
        None, description="The result document, once issued: download it at its url"
    )
    timeline: list[TimelineOut]
    missing: list[SupplementItem] = Field(description="What the open supplement request asks for")
    to_do: list[ErrorItem] = Field(description="For a draft: what is still needed before submitting")


class SupplementIn(Schema):
    comment: Text(COMMENT_MAX) = ""


class WithdrawIn(Schema):
    reason: Text(COMMENT_MAX)
