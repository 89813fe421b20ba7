"""Public status lookup: a dossier by its code, shown only to someone who knows the applicant's ID or phone.

Whether the code is unknown or the identifier does not match, the answer is the same "not found", so
the lookup cannot be used to learn which codes exist. Comparison ignores spaces, dots and dashes, and
a phone written +84… matches 0….
"""

import re

from django.core.cache import cache

from .models import Dossier, DossierStep

# Look-ups per client address in a window: enough for a family, too few to walk through codes.
LOOKUP_LIMIT = 20
LOOKUP_WINDOW_SECONDS = 10 * 60

#: The fields a public answer needs (and the identifiers it is checked against).
PUBLIC_FIELDS = (
    "code",
    "state",
    "step_index",
    "resume_state",
    "applicant_id_number",
    "applicant_phone",
    "received_at",
    "appointment_at",
    "procedure__name",
    "agency__name",
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

    One query by the unique code, with the procedure and agency (unordered: the code is unique, so the
    default ordering would only add a sort and its compilation to every public look-up).
    """
    code = (code or "").strip().upper()
    if not code or not identifier:
        return None
    found = (
        Dossier.objects.select_related("procedure", "agency")
        .only(*PUBLIC_FIELDS)  # what the answer shows: fewer columns to compile, fetch and convert
        .filter(code=code)
        .order_by()[:1]
    )
    dossier = next(iter(found), None)
    if dossier is None or not matches(dossier, identifier):
        return None
    return dossier


def public_steps(dossier: Dossier) -> list[dict]:
    """The dossier's steps as the public sees them: name, due and done times, in order."""
    steps = DossierStep.objects.filter(dossier_id=dossier.pk).order_by("index")
    return list(steps.values("name", "due_at", "done_at"))


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
