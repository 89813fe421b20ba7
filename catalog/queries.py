"""The catalog queries the portal pages and the API share, so both filter and rank identically."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Procedure
from .search import Ranking, record_miss, search
from .search_index import LISTED, Listing, SearchFilters, agencies_of, listings_of


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


class SearchResults:
    """The procedures a search found, best first, as a paginator or a loop reads a queryset: the count
    from the search index, each page read from the database when asked for (in two queries: the
    procedures with their sector, and their agencies)."""

    def __init__(self, ranking: Ranking):
        self.ranking = ranking

    def count(self) -> int:
        return self.ranking.count

    __len__ = count

    def ids(self, start: int, stop: int) -> list[int]:
        return self.ranking.ids(start, stop)

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


def find_procedures(filters: ProcedureFilters) -> QuerySet | SearchResults:
    """Published procedures matching ``filters``, best match first, ready for listing: with words to
    search for, the search's results; otherwise a queryset in code order."""
    if filters.search:
        ranking = search(filters.search, filters.narrowing)
        if ranking is not None:
            return SearchResults(ranking)
    queryset = Procedure.objects.published().for_listing()
    if filters.agency:
        queryset = queryset.filter(agencies__code=filters.agency)
    if filters.sector:
        queryset = queryset.filter(sector__code=filters.sector)
    if filters.level:
        queryset = queryset.filter(service_level=filters.level)
    if filters.administrative_level:
        queryset = queryset.filter(administrative_level=filters.administrative_level)
    return queryset.order_by("code")


def listings(results: QuerySet | SearchResults, start: int, stop: int) -> list[Listing]:
    """What a list shows of the procedures ranked ``start`` to ``stop`` (excluded): for search results
    from the search index, without a query; otherwise in two queries (the page, its agencies)."""
    if isinstance(results, SearchResults):
        return results.ranking.listings(start, stop)
    rows = list(results.prefetch_related(None).values_list("pk", *LISTED)[start:stop])
    return listings_of(rows, agencies_of([row[0] for row in rows]))


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
