"""Public status lookup: a dossier by its code, shown only to someone who knows the applicant's ID or phone.

Whether the code is unknown or the identifier does not match, the answer is the same "not found", so
the lookup cannot be used to learn which codes exist. Comparison ignores spaces, dots and dashes, and
a phone written +84… matches 0….
"""

import re

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS

from catalog.models import Agency, Procedure
from core.prepared import PreparedQuery

from .models import Dossier, DossierStep

# Look-ups per client address in a window: enough for a family, too few to walk through codes.
LOOKUP_LIMIT = 20
LOOKUP_WINDOW_SECONDS = 10 * 60

#: The fields a public answer needs (and the identifiers it is checked against), then the names of the
#: procedure and the agency.
PUBLIC_FIELDS = (
    "id",
    "code",
    "state",
    "step_index",
    "resume_state",
    "applicant_id_number",
    "applicant_phone",
    "received_at",
    "appointment_at",
    "procedure_id",
    "agency_id",
)
# In the model's order, as Model.from_db takes them.
_ATTNAMES = tuple(f.attname for f in Dossier._meta.concrete_fields if f.attname in PUBLIC_FIELDS)
# The look-up is the busiest anonymous request: its two queries are compiled once per connection
# (core.prepared), not on every request. Unordered: the code is unique, so the default ordering would
# only add a sort.
_FIND = PreparedQuery(
    lambda code: (
        Dossier.objects.filter(code=code)
        .order_by()
        .values_list(*_ATTNAMES, "procedure__name", "agency__name")[:1]
    )
)
_STEPS = PreparedQuery(
    lambda dossier_id: (
        DossierStep.objects.filter(dossier_id=dossier_id)
        .order_by("index")
        .values_list("name", "due_at", "done_at")
    )
)
_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_identifier(value: str) -> str:
    """``"+84 912 345 678"`` → ``"0912345678"``; personal IDs and tax codes lose spaces and dots."""
    cleaned = _SEPARATORS.sub("", value or "").upper()
    if cleaned.startswith("+84"):
        cleaned = "0" + cleaned[3:]
    elif cleaned.startswith("84") and len(cleaned) == 11:
        cleaned = "0" + cleaned[2:]
    return cleaned


def matches(dossier: Dossier, identifier: str) -> bool:
    wanted = normalize_identifier(identifier)
    if not wanted:
        return False
    known = {
        normalize_identifier(dossier.applicant_id_number),
        normalize_identifier(dossier.applicant_phone),
    }
    known.discard("")
    return wanted in known


def find_for_applicant(code: str, identifier: str) -> Dossier | None:
    """The dossier ``code`` (not a draft) if ``identifier`` is its applicant's ID or phone, else None.

    One query by the unique code, with the procedure's and the agency's names: a Dossier with only
    :data:`PUBLIC_FIELDS` loaded (others are read on access, as with ``only()``), its ``procedure``
    and ``agency`` with their ``name``.
    """
    code = (code or "").strip().upper()
    if not code or not identifier:
        return None
    found = _FIND.rows(code)
    if not found:
        return None
    *fields, procedure_name, agency_name = found[0]
    dossier = Dossier.from_db(DEFAULT_DB_ALIAS, _ATTNAMES, fields)
    if not matches(dossier, identifier):
        return None
    names = ("id", "name")
    dossier.procedure = Procedure.from_db(DEFAULT_DB_ALIAS, names, (dossier.procedure_id, procedure_name))
    dossier.agency = Agency.from_db(DEFAULT_DB_ALIAS, names, (dossier.agency_id, agency_name))
    return dossier


def public_steps(dossier: Dossier) -> list[dict]:
    """The dossier's steps as the public sees them: name, due and done times, in order."""
    return [{"name": name, "due_at": due, "done_at": done} for name, due, done in _STEPS.rows(dossier.pk)]


def over_limit(client: str) -> bool:
    """Count one look-up by ``client`` (an address); True once it exceeds the window's allowance.

    Counted in Django's cache: with several web servers, configure a shared cache (database, Redis).
    """
    key = f"dossier-lookup:{client}"
    cache.add(key, 0, LOOKUP_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOOKUP_WINDOW_SECONDS)
        count = 1
    return count > LOOKUP_LIMIT
