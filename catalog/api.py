"""The public catalog API v1: agencies, sectors and published procedures (read-only, no login).

Mounted at /api/v1/ by motcua/api.py. Listing and ranking come from catalog.queries, the same code the
portal pages use, so the API and the portal always agree. Every endpoint runs a fixed number of
queries whatever the page size.
"""

import json

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.responses import NinjaJSONEncoder

from .constants import AdministrativeLevel
from .models import Agency, Procedure, Sector
from .queries import (
    CatalogResults,
    ProcedureFilters,
    find_procedures,
    note_result_count,
    procedure_detail,
)
from .schemas import (
    AgencyList,
    InvalidParameters,
    Message,
    ProcedureDetail,
    ProcedurePage,
    ProcedureQuery,
    SectorList,
    procedure_page_path,
)
from .service_levels import service_level

router = Router(tags=["catalog"])

JSON_CONTENT_TYPE = "application/json; charset=utf-8"  # what ninja's JSON renderer sends

# Agencies from the top of the hierarchy down (the stored values sort alphabetically otherwise).
LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(AdministrativeLevel.values)),
    default=Value(len(AdministrativeLevel.values)),
    output_field=IntegerField(),
)


@router.get(
    "/agencies",
    response={200: AgencyList, 422: InvalidParameters},
    summary="Agencies",
    operation_id="list_agencies",
)
def list_agencies(request, level: AdministrativeLevel | None = None):
    """Active agencies that perform procedures: central, province, district then commune level, each
    by name."""
    agencies = (
        Agency.objects.filter(is_active=True).select_related("parent").order_by(LEVEL_RANK, "name", "code")
    )
    if level:
        agencies = agencies.filter(level=level)
    items = list(agencies)
    return {"items": items, "count": len(items)}


@router.get("/sectors", response=SectorList, summary="Sectors", operation_id="list_sectors")
def list_sectors(request):
    """Sectors (lĩnh vực) by name, with the number of their published procedures."""
    # A correlated count per sector reads the (publication_state, sector) index only, instead of
    # joining every procedure of the catalog to its sector.
    published = (
        Procedure.objects.published()
        .filter(sector=OuterRef("pk"))
        .order_by()
        .values("sector")
        .annotate(n=Count("*"))
        .values("n")
    )
    sectors = Sector.objects.annotate(
        procedure_count=Coalesce(Subquery(published, output_field=IntegerField()), 0)
    ).order_by("name", "code")
    items = list(sectors)
    return {"items": items, "count": len(items)}


@router.get(
    "/procedures",
    response={200: ProcedurePage, 422: InvalidParameters},
    summary="Search procedures",
    operation_id="list_procedures",
)
def list_procedures(request, params: Query[ProcedureQuery]):
    """Published procedures matching every filter given; best match first with a search, otherwise by
    code. A page beyond the last one is empty."""
    filters = ProcedureFilters(
        search=params.search,
        agency=params.agency,
        sector=params.sector,
        level=params.level,
        administrative_level=params.administrative_level or "",
    )
    results = find_procedures(filters)
    count = results.count()
    note_result_count(filters, count)
    start = (params.page - 1) * params.page_size
    items = listing_items(results, start, start + params.page_size) if start < count else []
    page = {"items": items, "count": count, "page": params.page, "page_size": params.page_size}
    # The items are built from plain rows (below) and already have the ProcedurePage shape, which the
    # tests check: skipping ninja's validation of every field halves the time of a listing.
    return HttpResponse(json.dumps(page, cls=NinjaJSONEncoder), content_type=JSON_CONTENT_TYPE)


def listing_items(results: CatalogResults, start: int, stop: int) -> list[dict]:
    """Items of the ProcedureItem shape for ``results[start:stop]``, from the search index.

    Plain values instead of model instances: a page of 100 procedures with their agencies would
    otherwise build several hundred objects for about a dozen values each.
    """
    items = []
    for listing in results.listings(start, stop):
        level = service_level(listing.service_level)
        items.append(
            {
                "code": listing.code,
                "name": listing.name,
                "subtitle": listing.subtitle,
                "sector": {"code": listing.sector_code, "name": listing.sector_name},
                "agencies": [{"code": code, "name": name} for code, name in listing.agencies],
                "administrative_level": listing.administrative_level,
                "service_level": level.number,
                "online_kind": level.online_kind,
                "allows_online_submission": level.allows_online_submission,
                "allows_online_payment": level.allows_online_payment,
                "processing_time": float(listing.processing_time),
                "processing_time_unit": listing.processing_time_unit,
                "url": procedure_page_path(listing.code),
            }
        )
    return items


@router.get(
    "/procedures/{code}",
    response={200: ProcedureDetail, 404: Message},
    summary="Procedure detail",
    operation_id="get_procedure",
)
def get_procedure(request, code: str):
    """Everything the portal shows about one published procedure."""
    # PostgreSQL rejects NUL in text parameters; no code contains one anyway.
    procedure = None if "\x00" in code else procedure_detail(code)
    if procedure is None:
        return Status(
            404, {"message": _("There is no published procedure with the code %(code)s.") % {"code": code}}
        )
    return procedure
