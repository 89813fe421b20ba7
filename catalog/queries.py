"""The catalog queries the portal pages and the API share, so both filter and rank identically."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Procedure
from .search import record_miss, search_procedures


@dataclass(frozen=True)
class ProcedureFilters:
    search: str = ""
    agency: str = ""  # agency code
    sector: str = ""  # sector code
    level: int | None = None  # online service level 1–4
    administrative_level: str = ""  # AdministrativeLevel value


def find_procedures(filters: ProcedureFilters, base: QuerySet | None = None) -> QuerySet:
    """Published procedures matching ``filters``, best match first, ready for listing."""
    queryset = (base if base is not None else Procedure.objects.published()).for_listing()
    if filters.agency:
        queryset = queryset.filter(agencies__code=filters.agency)
    if filters.sector:
        queryset = queryset.filter(sector__code=filters.sector)
    if filters.level:
        queryset = queryset.filter(service_level=filters.level)
    if filters.administrative_level:
        queryset = queryset.filter(administrative_level=filters.administrative_level)
    return search_procedures(queryset, filters.search)


def note_result_count(filters: ProcedureFilters, count: int) -> None:
    """Log a search that found nothing by itself (not narrowed by other filters) for catalog officers."""
    narrowed = filters.agency or filters.sector or filters.level or filters.administrative_level
    if count == 0 and filters.search.strip() and not narrowed:
        record_miss(filters.search)


def procedure_detail_queryset() -> QuerySet:
    """Everything a procedure page or API detail shows, in a fixed number of queries."""
    return (
        Procedure.objects.published()
        .select_related("sector")
        .prefetch_related("agencies", "fees", "form_templates", "components__form_template", "steps")
    )
