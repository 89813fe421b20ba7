"""The dossier services, as views, API handlers and other apps call them: one import for the actions
(``dossiers.actions``, one module each), who may see and do what (``dossiers.access``) and the
processing clock (``dossiers.clock``). Every state change runs in one transaction with its
process-log row and its typed event (``actions.record.record``)."""

from .access import (
    APOLOGY_ACTION,
    CONSULTED_ROLES,
    DRAFT_RESULT_ACTION,
    SYSTEM,
    DossierNotFound,
    InboxScope,
    actions_for,
    actor_for,
    authorize,
    consulted_dossiers,
    inbox_dossiers,
    is_consulted,
    officer_dossiers,
    visible_dossiers,
)
from .actions import perform
from .actions.apology import apologize_and_extend
from .actions.drafting import newest_draft, prepare_result_draft
from .actions.reception import (
    Applicant,
    ComponentReceived,
    Reception,
    allocate_code,
    missing_required_components,
    receive_at_counter,
    reception_tracking_number,
)
from .actions.record import record
from .actions.result import ResultDocumentInvalid, check_result_document, signed_result
from .actions.steps import may_propose, pending_proposal
from .actions.supplement import SUPPLEMENT_ITEMS_MAX
from .clock import (
    appointment_for,
    configured_office_hours,
    due_soon,
    procedure_duration,
    province_calendar,
)

__all__ = [
    "APOLOGY_ACTION",
    "DRAFT_RESULT_ACTION",
    "CONSULTED_ROLES",
    "SUPPLEMENT_ITEMS_MAX",
    "SYSTEM",
    "Applicant",
    "ComponentReceived",
    "DossierNotFound",
    "InboxScope",
    "Reception",
    "ResultDocumentInvalid",
    "actions_for",
    "actor_for",
    "allocate_code",
    "reception_tracking_number",
    "apologize_and_extend",
    "appointment_for",
    "authorize",
    "check_result_document",
    "configured_office_hours",
    "consulted_dossiers",
    "due_soon",
    "inbox_dossiers",
    "is_consulted",
    "may_propose",
    "newest_draft",
    "missing_required_components",
    "officer_dossiers",
    "pending_proposal",
    "perform",
    "prepare_result_draft",
    "procedure_duration",
    "province_calendar",
    "receive_at_counter",
    "record",
    "signed_result",
    "visible_dossiers",
]
