"""Export the catalog: one row per procedure, component, fee, step and form, in the declared columns.

The number of queries does not depend on the number of procedures: sectors are joined, agencies and
details are prefetched (seven queries in all).
"""

from pathlib import Path
from typing import BinaryIO

from django.db.models import QuerySet

from catalog.models import Procedure

from .columns import SHEETS
from .files import DIRECTORY, XLSX, ZIP, TableData, path_format, write_tables


def export_queryset() -> QuerySet:
    return (
        Procedure.objects.select_related("sector")
        .prefetch_related("agencies", "components__accepts_results_of", "fees", "steps", "form_templates")
        .order_by("code")
    )


def catalog_tables(procedures: QuerySet | None = None) -> TableData:
    """Every sheet's headers and rows of canonical cells, procedures in code order."""
    procedures = export_queryset() if procedures is None else procedures
    tables: TableData = {sheet.key: (sheet.headers, []) for sheet in SHEETS}
    for procedure in procedures:
        for sheet in SHEETS:
            tables[sheet.key][1].extend(sheet.row(obj) for obj in sheet.items(procedure))
    return tables


def export_catalog(target: str | Path | BinaryIO, fmt: str | None = None, procedures=None) -> TableData:
    """Write the catalog to ``target``: ``xlsx``, ``zip`` (CSV files) or ``directory`` (CSV files).

    Without ``fmt`` the format comes from the target path's suffix. Returns what was written.
    """
    if fmt is None:
        fmt = path_format(target)
    if fmt not in (XLSX, ZIP, DIRECTORY):
        raise ValueError(f"Unknown export format for {target}: use .xlsx, .zip or a directory.")
    tables = catalog_tables(procedures)
    write_tables(tables, target, fmt)
    return tables
