"""The containers: an XLSX workbook (one sheet per table), or one CSV file per table in a .zip.

The management commands also read and write a directory of CSV files. CSV files are UTF-8 with a byte
order mark (so that Excel shows Vietnamese correctly), comma-separated, the header on the first line;
on import a semicolon-separated file (what Excel writes in a Vietnamese locale) is accepted too.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .columns import (
    GENERAL_NOTES,
    INSTRUCTION_HEADERS,
    INSTRUCTIONS_FILE,
    INSTRUCTIONS_SHEET,
    SHEETS,
    SHEETS_BY_KEY,
    Kind,
    clean_text,
    instruction_rows,
    is_blank,
    number_text,
)
from .errors import CatalogImportError, ImportIssue

XLSX = "xlsx"
ZIP = "zip"
DIRECTORY = "directory"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_CONTENT_TYPE = "application/zip"
# A workbook or archive that unpacks to more than this is refused (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

TableData = dict[str, tuple[list[str], list[list[Any]]]]  # sheet key → (headers, rows of cells)


@dataclass
class Table:
    """One sheet as read: its header cells and its non-blank rows with their numbers as Excel shows them."""

    name: str
    headers: list[Any]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def data(self) -> tuple[list[Any], list[list[Any]]]:
        """Headers and cells without row numbers, for comparing two files."""
        return self.headers, [cells for _number, cells in self.rows]


def file_format(name: str | Path) -> str | None:
    """The format a file name announces by its suffix: ``xlsx``, ``zip`` or None."""
    return {".xlsx": XLSX, ".zip": ZIP}.get(Path(str(name)).suffix.lower())


def path_format(path: str | Path) -> str | None:
    """The format of a local path: a directory (existing, or written with a trailing slash) or a file."""
    if str(path).endswith(("/", "\\")) or Path(path).is_dir():
        return DIRECTORY
    return file_format(path)


def _file_error(message: str, sheet: str = "") -> CatalogImportError:
    return CatalogImportError([ImportIssue(sheet, None, "", message)])


# Writing ----------------------------------------------------------------------------------------------
def _xlsx_value(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return number_text(value)
    return str(value)


def _column_width(kind: Kind, multiline: bool, header: str) -> int:
    if multiline:
        width = 60
    elif kind is Kind.TEXT:
        width = 40
    elif kind in (Kind.CODE, Kind.CODES, Kind.CHOICE):
        width = 18
    else:
        width = 10
    return max(width, len(header) + 2)


def _set_text_cell(cell, value: Any) -> None:
    cell.value = value
    if cell.data_type == "f":  # a text starting with "=" stays text, never a formula
        cell.data_type = "s"


def write_xlsx(tables: TableData, target: str | Path | BinaryIO) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for key, (headers, rows) in tables.items():
        sheet = SHEETS_BY_KEY[key]
        worksheet = workbook.create_sheet(key)
        worksheet.freeze_panes = "A2"
        text_columns = set()
        for index, column in enumerate(sheet.columns, start=1):
            dimension = worksheet.column_dimensions[get_column_letter(index)]
            dimension.width = _column_width(column.kind, column.multiline, column.key)
            if column.kind in (Kind.CODE, Kind.CODES):
                # Keep codes such as 2.000120 or 01 as text when someone types a new row in Excel.
                dimension.number_format = "@"
                text_columns.add(index)
        for index, header in enumerate(headers, start=1):
            worksheet.cell(row=1, column=index, value=header).font = bold
        wrap = Alignment(wrap_text=True, vertical="top")
        for row_number, row in enumerate(rows, start=2):
            for index, value in enumerate(row, start=1):
                cell = worksheet.cell(row=row_number, column=index)
                _set_text_cell(cell, _xlsx_value(value))
                if index in text_columns:
                    cell.number_format = "@"
                if isinstance(value, str) and "\n" in value:
                    cell.alignment = wrap
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), bold)
    workbook.active = 0
    workbook.save(target)


def _write_instructions(worksheet, bold: Font) -> None:
    worksheet.append(["Hướng dẫn nhập, xuất danh mục thủ tục hành chính"])
    worksheet["A1"].font = Font(bold=True, size=13)
    for note in GENERAL_NOTES:
        worksheet.append([f"• {note}"])
    worksheet.append([])
    worksheet.append(list(INSTRUCTION_HEADERS))
    for cell in worksheet[worksheet.max_row]:
        cell.font = bold
    for row in instruction_rows():
        worksheet.append(row)
        if not row[1]:
            for cell in worksheet[worksheet.max_row]:
                cell.font = bold
    for letter, width in zip("ABCD", (14, 24, 10, 100), strict=True):
        worksheet.column_dimensions[letter].width = width


def _csv_bytes(headers: list[Any], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_files(tables: TableData) -> dict[str, bytes]:
    files = {f"{key}.csv": _csv_bytes(headers, rows) for key, (headers, rows) in tables.items()}
    notes = [[note] for note in GENERAL_NOTES]
    files[INSTRUCTIONS_FILE] = _csv_bytes(list(INSTRUCTION_HEADERS), [*instruction_rows(), [], *notes])
    return files


def write_zip(tables: TableData, target: str | Path | BinaryIO) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in _csv_files(tables).items():
            archive.writestr(name, content)


def write_directory(tables: TableData, directory: str | Path) -> None:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in _csv_files(tables).items():
        (directory / name).write_bytes(content)


def write_tables(tables: TableData, target: str | Path | BinaryIO, fmt: str) -> None:
    {XLSX: write_xlsx, ZIP: write_zip, DIRECTORY: write_directory}[fmt](tables, target)


# Reading ----------------------------------------------------------------------------------------------
def _rewind(source) -> None:
    if hasattr(source, "seek"):
        source.seek(0)


def _open_zip(source, message: str) -> zipfile.ZipFile:
    _rewind(source)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _file_error(message) from None
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        archive.close()
        raise _file_error(
            _("The file unpacks to more than %(size)d MB; split it into smaller files.")
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    return archive


def _table_from_rows(name: str, rows) -> Table:
    table = None
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        if table is None:
            table = Table(name, cells)
        elif not all(is_blank(value) for value in cells):
            table.rows.append((number, cells))
    return table or Table(name, [])


def read_xlsx(source) -> dict[str, Table]:
    unreadable = _("The file is not an Excel workbook (.xlsx) that can be read.")
    _open_zip(source, unreadable).close()
    _rewind(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise _file_error(unreadable) from None
    tables = {}
    try:
        for worksheet in workbook.worksheets:
            key = clean_text(worksheet.title).casefold()
            if key not in SHEETS_BY_KEY or key in tables:
                continue
            worksheet.reset_dimensions()
            tables[key] = _table_from_rows(key, worksheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    return tables


def _read_csv(content: bytes, key: str, file_name: str) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(
            _("The file %(file)s is not UTF-8 text: save it as “CSV UTF-8”.") % {"file": file_name}, key
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _table_from_rows(key, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as exc:
        raise _file_error(
            _("The file %(file)s is not a readable CSV file (%(reason)s).")
            % {"file": file_name, "reason": exc},
            key,
        ) from None


def read_zip(source) -> dict[str, Table]:
    with _open_zip(source, _("The file is not a .zip archive that can be read.")) as archive:
        members = {}
        for info in archive.infolist():
            path = PurePosixPath(info.filename)
            if info.is_dir() or "__MACOSX" in path.parts or path.name.startswith("."):
                continue
            key = path.name.casefold().removesuffix(".csv")
            if path.suffix.casefold() != ".csv" or key not in SHEETS_BY_KEY:
                continue
            if key in members:
                raise _file_error(_("The archive holds %(file)s twice; keep one.") % {"file": path.name}, key)
            members[key] = info
        try:
            return {key: _read_csv(archive.read(info), key, info.filename) for key, info in members.items()}
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            raise _file_error(_("The file is not a .zip archive that can be read.")) from None


def read_directory(directory: str | Path) -> dict[str, Table]:
    tables = {}
    for sheet in SHEETS:
        path = Path(directory) / f"{sheet.key}.csv"
        if path.is_file():
            tables[sheet.key] = _read_csv(path.read_bytes(), sheet.key, path.name)
    return tables


def read_tables(source, name: str | Path) -> dict[str, Table]:
    """The tables of an .xlsx workbook or a .zip of CSV files (or a directory of CSV files).

    ``source`` is a path or an open binary file; ``name`` tells the format by its suffix.
    Raises :class:`CatalogImportError` when the file cannot be read at all.
    """
    fmt = path_format(source) if isinstance(source, str | Path) else file_format(name)
    if fmt == XLSX:
        return read_xlsx(source)
    if fmt == ZIP:
        return read_zip(source)
    if fmt == DIRECTORY:
        return read_directory(source)
    raise _file_error(_("Give an Excel workbook (.xlsx) or a .zip archive of CSV files."))
