"""The document wallet (kho dữ liệu điện tử của tổ chức, cá nhân): the documents the state already holds
for one person or organization, which they need never hand in again (Decree 45/2020).

A wallet is keyed by the holder's personal ID or tax code (``Dossier.applicant_id_number``) and holds:

* the signed results of their dossiers that reached "result issued" or "returned";
* the components of their dossiers digitized at the counter (scanned by an officer, who checked the
  paper).

Both were checked by an officer, which is why what an applicant uploads online is not in the wallet.
A file reused from the wallet is a new row pointing at the same stored file (``reused_from``), not a new
wallet document.

Who may open a wallet: only the holder, signed in with the identity the account has proved
(:func:`holder_of`); every function here takes the holder key, never an identifier from a request.
"""

from django.db.models import Q, QuerySet

from core.roles import Role

from .constants import ApplicantType
from .domain.lifecycle import State
from .models import DossierFile

#: Dossier states whose signed result is the holder's to reuse.
RESULT_STATES = (State.RESULT_ISSUED, State.RETURNED)


def holder_of(user) -> str:
    """The personal ID (a citizen) or tax code (an organization) whose wallet ``user`` may open; ``""``
    when none: not signed in, not a citizen's account, or a self-registered account whose phone or e-mail
    is not confirmed yet.

    The personal ID is the account's own, set once at registration (unique across accounts) or taken
    from the national identity's sign-in; nobody can change it afterwards.
    """
    if not getattr(user, "is_authenticated", False) or getattr(user, "role", None) != Role.CITIZEN:
        return ""
    if not user.contact_confirmed:
        return ""
    if user.applicant_type == ApplicantType.ORGANIZATION:
        return user.tax_code or ""
    return user.personal_id or ""


def _in_wallet() -> Q:
    signed_result = Q(
        kind=DossierFile.Kind.RESULT,
        signed_at__isnull=False,
        dossier__state__in=[str(s) for s in RESULT_STATES],
    )
    digitized = Q(kind=DossierFile.Kind.COMPONENT, digitized=True)
    return (signed_result | digitized) & Q(reused_from__isnull=True)


def wallet_documents(holder: str) -> QuerySet:
    """The holder's wallet, newest first, each with its dossier, the issuing procedure and agency, and
    the catalog component (one query)."""
    if not holder:
        return DossierFile.objects.none()
    return (
        DossierFile.objects.filter(_in_wallet(), dossier__applicant_id_number=holder)
        .select_related("dossier__procedure", "dossier__agency", "component")
        .order_by("-uploaded_at", "-id")
    )


def _accepts(document: DossierFile, component, accepted_procedures: set[int]) -> bool:
    """Whether ``component`` accepts ``document``: the result of a procedure it accepts, or the same
    component (or one of the same name) digitized at the counter for an earlier dossier."""
    if document.kind == DossierFile.Kind.RESULT:
        return document.dossier.procedure_id in accepted_procedures
    if document.component_id is None:
        return False
    return document.component_id == component.pk or document.component.name == component.name


def documents_accepted_for(component, holder: str) -> list[DossierFile]:
    """The holder's wallet documents that ``component`` accepts, newest first (two queries)."""
    return accepted_by_component([component], holder).get(component.pk, [])


def accepted_by_component(components, holder: str) -> dict[int, list[DossierFile]]:
    """For each of ``components`` (of one procedure's dossier), the wallet documents it accepts, newest
    first; components without any are left out. Two queries, whatever the number of components."""
    components = list(components)
    if not holder or not components:
        return {}
    through = components[0].accepts_results_of.through
    accepted: dict[int, set[int]] = {component.pk: set() for component in components}
    for component_id, procedure_id in through.objects.filter(
        dossiercomponent_id__in=list(accepted)
    ).values_list("dossiercomponent_id", "procedure_id"):
        accepted[component_id].add(procedure_id)
    names = {component.name for component in components}
    documents = wallet_documents(holder).filter(
        Q(kind=DossierFile.Kind.RESULT, dossier__procedure_id__in=set().union(*accepted.values()))
        | Q(kind=DossierFile.Kind.COMPONENT, component__in=list(accepted))
        | Q(kind=DossierFile.Kind.COMPONENT, component__name__in=names)
    )
    found: dict[int, list[DossierFile]] = {}
    for document in documents:
        for component in components:
            if _accepts(document, component, accepted[component.pk]):
                found.setdefault(component.pk, []).append(document)
    return found


def accepted_document(component, holder: str, document_id) -> DossierFile | None:
    """The wallet document ``document_id`` if it is the holder's and ``component`` accepts it, else None."""
    try:
        document_id = int(document_id)
    except (TypeError, ValueError):
        return None
    return next((d for d in documents_accepted_for(component, holder) if d.pk == document_id), None)


def holder_document(holder: str, document_id) -> DossierFile | None:
    """One document of the holder's wallet (for its download), or None."""
    try:
        document_id = int(document_id)
    except (TypeError, ValueError):
        return None
    return wallet_documents(holder).filter(pk=document_id).first()


def document_title(document: DossierFile) -> str:
    """What the holder calls a wallet document: the result the procedure issues (its result name, else
    the procedure's name), or the digitized component's name."""
    if document.kind == DossierFile.Kind.RESULT:
        procedure = document.dossier.procedure
        return procedure.result_name or procedure.name
    return document.component.name if document.component_id else document.original_name


def titled(documents) -> list[DossierFile]:
    """``documents`` as a list, each with ``title`` (:func:`document_title`) for the pages."""
    documents = list(documents)
    for document in documents:
        document.title = document_title(document)
    return documents
