"""Shapes of the officers' dossier API and the public status lookup (django-ninja schemas).

Times are ISO 8601 with the offset. ``state`` is the machine value, ``state_label`` its words in the
request's language, ``national_status`` the status code 1–10 of the National Public Service Portal.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from core.api_errors import ErrorItem  # noqa: F401  (re-exported for the API module)
from core.validation import COMMENT_MAX, Text, VietnamDateTime

from .services import SUPPLEMENT_ITEMS_MAX

#: Whole numbers as the database stores them (administrative unit codes, ids).
UNIT_CODE_MAX = 2_147_483_647


class ApplicantIn(Schema):
    """The applicant, declared once: the counter's reception (where name and ID are required, as the
    service checks) and a citizen's draft (where anything may still be missing) both use it."""

    name: Text(255) = ""
    id_number: Text(20) = Field(
        "", description="Personal ID (12 digits) or, for an organization, the tax code"
    )
    applicant_type: Literal[1, 2] = Field(1, description="1 citizen, 2 organization")
    phone: Text(32) = ""
    email: Text(254) = ""
    street: Text(255) = ""
    province_code: int | None = Field(None, ge=0, le=UNIT_CODE_MAX)
    ward_code: int | None = Field(None, ge=0, le=UNIT_CODE_MAX)


class ReceptionIn(Schema):
    procedure: Text(40) = Field(description="Procedure code, e.g. 2.000488")
    channel: Literal[1, 3] = Field(1, description="1 direct (walk-in), 3 public postal service")
    tracking_number: Text(40) = Field(
        "",
        description="For channel 3: the post's item number on the envelope (UPU S10: two letters, "
        "nine digits, VN, e.g. EE123456785VN); none for channel 1",
    )
    applicant: ApplicantIn
    result_delivery: Literal["counter", "online", "post"] = Field(
        "counter", description="counter, online or post"
    )
    delivery_address: Text(500) = Field("", description="Required when the result is sent by post")
    comment: Text(COMMENT_MAX) = ""
    components: list[int] = Field(
        [],
        max_length=200,
        description="The counter's checklist: ids of the procedure's components received "
        "(GET /api/v1/procedures/{code}); every required component must be in it.",
    )


class DossierRow(Schema):
    code: str
    state: str
    state_label: str
    national_status: int | None
    procedure_code: str
    procedure_name: str
    applicant_name: str
    channel: int
    received_at: datetime | None
    step_due_at: datetime | None
    appointment_at: datetime | None
    current_unit: str


class DossierPage(Schema):
    items: list[DossierRow]
    count: int
    page: int
    pages: int
    next: str | None


class StepOut(Schema):
    index: int
    name: str
    role: str
    unit: str
    budget: float = Field(description="Working days")
    due_at: datetime | None
    done_at: datetime | None
    timeliness: str


class LogEntryOut(Schema):
    at: datetime
    action: str
    actor: str
    actor_role: str
    from_state: str
    to_state: str
    step: str
    from_unit: str
    to_unit: str
    to_officer: str = Field(description="Who took the dossier over at to_unit ('' while nobody has yet)")
    received_at: datetime | None
    due_at: datetime | None
    timeliness: str
    comment: str
    proposal: str = Field("", description="A specialist's proposed decision (approve, reject) on a forward")


class AnswerOut(Schema):
    key: str
    label: str = Field(description="The e-form field's label in the catalog")
    value: str = Field(description="As the applicant reads it (dates dd/mm/yyyy); '' when not answered")


class DossierFileOut(Schema):
    id: int
    kind: str = Field(
        description="component, receipt, supplement_request, rejection, apology, stop_notice, result"
    )
    component: str = Field(description="The dossier component a scan belongs to ('' for other files)")
    name: str
    content_type: str
    size: int
    uploaded_at: datetime
    url: str = Field(
        description="Download (officers of the handling agency, the consulted one while consulted)"
    )
    digitized: bool = Field(False, description="Scanned from paper at the counter")
    reused: bool = Field(False, description="Taken from the applicant's document wallet instead of uploaded")
    reused_from_dossier: str = Field(
        "", description="When reused: the code of the dossier the wallet's document came from"
    )


class DossierDetail(DossierRow):
    agency: str
    applicant_id_number: str
    applicant_type: int = Field(description="1 citizen, 2 organization")
    applicant_phone: str
    applicant_email: str
    applicant_address: str = Field(description="Street, commune or ward, province; '' when not given")
    postal_tracking_number: str = Field(
        description="For a dossier received by post (channel 3): the post's item number; '' otherwise"
    )
    result_delivery: str
    delivery_address: str = Field(description="Where the result is posted, for result_delivery 'post'")
    answers: list[AnswerOut] = Field(description="The e-form answers, in the procedure's order")
    files: list[DossierFileOut] = Field(description="Scans per component, the receipt, notices, the result")
    steps: list[StepOut]
    log: list[LogEntryOut]
    allowed_actions: list[str] = Field(description="What the caller may do now (POST …/actions/{action})")


class SupplementItemIn(Schema):
    name: Text(500)
    reason: Text(1000) = ""


class ResultDocumentIn(Schema):
    name: Text(255) = Field("", description="File name shown to the applicant, e.g. giay-phep.pdf")
    content_base64: str = Field(description="The PDF's bytes, base64-encoded")


class ActionIn(Schema):
    comment: Text(COMMENT_MAX) = ""
    supplement_items: list[SupplementItemIn] = Field([], max_length=SUPPLEMENT_ITEMS_MAX)
    consulted_agency: Text(40) | None = Field(None, description="Agency code, for send_inter_agency")
    proposal: Literal["", "approve", "reject"] = Field(
        "",
        description="For a specialist's forward to the leader: the proposed decision, approve or reject "
        "(the comment gives the reasoning; required to propose a refusal)",
    )
    result_document: ResultDocumentIn | None = Field(
        None,
        description="For issue_result: the result document (a PDF, checked by its content), which the "
        "applicant downloads. Required when the result is delivered online.",
    )


class ResultDraftIn(Schema):
    comment: Text(COMMENT_MAX) = ""
    document: ResultDocumentIn | None = Field(
        None,
        description="The draft result (a PDF, checked by its content); without one, the draft is made "
        "from the procedure's result template",
    )


class ApologyIn(Schema):
    new_appointment: VietnamDateTime = Field(description="Without an offset, Việt Nam's time (+07:00)")
    reason: Text(COMMENT_MAX)


class PublicStep(Schema):
    name: str
    due_at: datetime | None
    done_at: datetime | None


class PublicDossier(Schema):
    code: str
    state: str
    state_label: str
    national_status: int | None
    procedure: str
    agency: str
    received_at: datetime | None
    appointment_at: datetime | None
    steps: list[PublicStep]
