"""The catalog queries the portal pages and the API share, so both filter and rank identically."""

from dataclasses import dataclass

from django.db.models import QuerySet

from core.prepared import PreparedQuery

from .constants import PublicationState
from .models import DossierComponent, Fee, FormTemplate, Procedure, ProcessStep
from .schemas import procedure_page_path
from .search import Found, browse, record_miss, search
from .search_index import AGENCY_ORDER, LISTED, Listing, SearchFilters
from .service_levels import service_level


@dataclass(frozen=True)
class ProcedureFilters:
    search: str = ""
    agency: str = ""  # agency code
    sector: str = ""  # sector code
    level: int | None = None  # online service level 1–4
    administrative_level: str = ""  # AdministrativeLevel value

    @property
    def narrowing(self) -> SearchFilters:
        return SearchFilters(self.agency, self.sector, self.level, self.administrative_level)


class CatalogResults:
    """The published procedures a list shows (a search's, best first, or all within the filters, in code
    order), as a paginator or a loop reads a queryset: the count and the order from the search index;
    the procedures of a page read from the database when asked for (two queries: the procedures with
    their sector, and their agencies) or, as the API lists them, from the index (no query)."""

    def __init__(self, found: Found):
        self.found = found

    def count(self) -> int:
        return self.found.count

    __len__ = count

    def ids(self, start: int, stop: int) -> list[int]:
        return self.found.ids(start, stop)

    def listings(self, start: int, stop: int) -> list[Listing]:
        return self.found.listings(start, stop)

    def __getitem__(self, key):
        if isinstance(key, int):
            found = self[key : key + 1]
            if not found:
                raise IndexError(key)
            return found[0]
        start, stop, _step = key.indices(self.count())
        ids = self.ids(start, stop)
        found = Procedure.objects.published().for_listing().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self):
        return iter(self[0 : self.count()])


def find_procedures(filters: ProcedureFilters) -> CatalogResults:
    """Published procedures matching ``filters``: with words to search for, the best match first;
    otherwise in code order."""
    found = search(filters.search, filters.narrowing) if filters.search else None
    return CatalogResults(found or browse(filters.narrowing))


def note_result_count(filters: ProcedureFilters, count: int) -> None:
    """Log a search that found nothing by itself (not narrowed by other filters) for catalog officers."""
    narrowed = filters.agency or filters.sector or filters.level or filters.administrative_level
    if count == 0 and filters.search.strip() and not narrowed:
        record_miss(filters.search)


# The API's procedure detail, compiled once per connection (core.prepared): building the ORM's
# querysets and prefetches cost more than PostgreSQL's answers.
_DETAIL = PreparedQuery(
    lambda code, state: Procedure.objects.filter(code=code, publication_state=state).values_list(
        "pk", *LISTED, *DETAILED
    )
)
_AGENCIES = PreparedQuery(
    lambda pk: (
        Procedure.agencies.through.objects.filter(procedure_id=pk)
        .order_by(*AGENCY_ORDER)
        .values_list("agency__code", "agency__name")
    )
)
_FEES = PreparedQuery(
    lambda pk: Fee.objects.filter(procedure_id=pk).values_list("name", "amount", "applies_when")
)
_FORMS = PreparedQuery(
    lambda pk: FormTemplate.objects.filter(procedure_id=pk).values_list("pk", "code", "name", "file")
)
_COMPONENTS = PreparedQuery(
    lambda pk: DossierComponent.objects.filter(procedure_id=pk).values_list(
        "pk",
        "name",
        "originals",
        "copies",
        "required",
        "form_template_id",
        "form_template__code",
        "form_template__name",
        "form_template__file",
    )
)
_STEPS = PreparedQuery(
    lambda pk: ProcessStep.objects.filter(procedure_id=pk).values_list(
        "position", "name", "role", "handling_unit", "budget"
    )
)
DETAILED = (
    "requirements",
    "how_to_apply",
    "legal_basis",
    "result_name",
    "for_citizens",
    "for_organizations",
    "updated_at",
)


def procedure_detail(code: str) -> dict | None:
    """A published procedure as the API's ProcedureDetail, in plain values; None when there is none.

    Six queries (the procedure and its sector, agencies, fees, forms, components with their forms,
    steps), each compiled once per connection.
    """
    found = _DETAIL.rows(code, PublicationState.PUBLISHED.value)  # a plain str: prepared
    if not found:
        return None
    pk, *values = found[0]
    listed = dict(zip(LISTED, values[: len(LISTED)], strict=True))
    detail = dict(zip(DETAILED, values[len(LISTED) :], strict=True))

    def form(pk, code, name, file) -> dict:
        return {"code": code, "name": name, "url": FormTemplate(pk=pk).download_url if file else None}

    level = service_level(listed["service_level"])
    return {
        "code": listed["code"],
        "name": listed["name"],
        "subtitle": listed["subtitle"],
        "sector": {"code": listed["sector__code"], "name": listed["sector__name"]},
        "agencies": [{"code": code, "name": name} for code, name in _AGENCIES.rows(pk)],
        "administrative_level": listed["administrative_level"],
        "service_level": level.number,
        "online_kind": level.online_kind,
        "allows_online_submission": level.allows_online_submission,
        "allows_online_payment": level.allows_online_payment,
        "processing_time": float(listed["processing_time"]),
        "processing_time_unit": listed["processing_time_unit"],
        "url": procedure_page_path(listed["code"]),
        **detail,
        "fees": [{"name": n, "amount": amount, "applies_when": when} for n, amount, when in _FEES.rows(pk)],
        "components": [
            {
                "id": component_id,
                "name": name,
                "originals": originals,
                "copies": copies,
                "required": required,
                "form_template": form(*form_values) if form_values[0] is not None else None,
            }
            for component_id, name, originals, copies, required, *form_values in _COMPONENTS.rows(pk)
        ],
        "form_templates": [form(*row) for row in _FORMS.rows(pk)],
        "steps": [
            {"position": position, "name": name, "role": role, "handling_unit": unit, "budget": float(budget)}
            for position, name, role, unit, budget in _STEPS.rows(pk)
        ],
    }


def procedure_detail_queryset() -> QuerySet:
    """Everything a procedure page or API detail shows, in a fixed number of queries."""
    return (
        Procedure.objects.published()
        .select_related("sector")
        .prefetch_related("agencies", "fees", "form_templates", "components__form_template", "steps")
    )
