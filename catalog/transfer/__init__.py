"""Import and export of the procedure catalog as an XLSX workbook or a .zip of CSV files.

The shape (sheets, columns, instructions) is declared once in :mod:`catalog.transfer.columns`;
:mod:`~catalog.transfer.export` writes it, :mod:`~catalog.transfer.importer` reads it back, and
:mod:`~catalog.transfer.files` handles the containers. Form files themselves are not embedded: the
``forms`` sheet carries only each form's stored file name.
"""

from .errors import CatalogImportError, ImportIssue
from .export import catalog_tables, export_catalog
from .files import DIRECTORY, XLSX, XLSX_CONTENT_TYPE, ZIP, ZIP_CONTENT_TYPE, read_tables
from .importer import ImportResult, import_catalog, import_tables

__all__ = [
    "DIRECTORY",
    "XLSX",
    "XLSX_CONTENT_TYPE",
    "ZIP",
    "ZIP_CONTENT_TYPE",
    "CatalogImportError",
    "ImportIssue",
    "ImportResult",
    "catalog_tables",
    "export_catalog",
    "import_catalog",
    "import_tables",
    "read_tables",
]
