"""The catalog queries the portal pages and the API share, so both filter and rank identically."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Procedure
from .search import Found, browse, record_miss, search
from .search_index import Listing, SearchFilters


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


def procedure_detail_queryset() -> QuerySet:
    """Everything a procedure page or API detail shows, in a fixed number of queries."""
    return (
        Procedure.objects.published()
        .select_related("sector")
        .prefetch_related("agencies", "fees", "form_templates", "components__form_template", "steps")
    )
