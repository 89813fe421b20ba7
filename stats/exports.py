"""The statistics as files to download: the per-agency table and the reporting form as a formatted
spreadsheet, the per-agency table as CSV, and the monthly report as PDF.

Each function reads the same figures as the dashboard (:func:`stats.tables.agency_report`) and lays
them out with the columns of :mod:`stats.tables`, so that every format shows the same table. Headings
and titles are in the active language (Vietnamese for the province's staff).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FontFace
from fpdf.enums import TableBordersLayout
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from documents.forms.data import AgencyHeader
from documents.forms.formatting import fmt_datetime, nfc
from documents.forms.layout import FONT_FAMILY, HEADING_FILL, LegalDocument

from .charts import MonthlyCharts, month_label, printable
from .domain.periods import Period, PeriodKind
from .queries import Scope, monthly_series
from .tables import (
    AGENCY_COLUMNS,
    FORM_COLUMNS,
    WHOLE_PROVINCE,
    AgencyLine,
    AgencyReport,
    Column,
    Kind,
    agency_report,
    cell_text,
    flat_heading,
    header_cells,
    heading_depth,
    headline_figures,
    rate_fraction,
)
from .wording import period_title, scope_title

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"

_COUNT_FORMAT = "#,##0"
_PERCENT_FORMAT = "0.00%"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADING_FILL = PatternFill("solid", fgColor="E8EEF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F3F4F6")
_FIRST_HEADING_ROW = 4
#: What a spreadsheet program would take for a formula at the start of a text (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _subtitle(period: Period, scope: Scope) -> str:
    return f"{scope_title(scope)} – {period_title(period)}"


# ------------------------------------------------------------------------------------------ XLSX


def _sheet_title(text: str) -> str:
    """A worksheet's name: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if letter in "[]:*?/\\" else letter for letter in text)
    return cleaned[:31].strip() or "Sheet"


def _write_title(sheet: Worksheet, row: int, text: str, width: int, font: Font) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    cell.data_type = "s"
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _write_heading(sheet: Worksheet, columns: Sequence[Column], first_row: int) -> int:
    """The heading's rows from ``first_row``, groups merged over their columns and headings down their
    rows; returns the number of rows written."""
    depth = heading_depth(columns)
    for row in range(first_row, first_row + depth):
        for column in range(1, len(columns) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border, cell.fill = _BORDER, _HEADING_FILL
    lines_per_row = [1] * depth
    for heading in header_cells(columns):
        row, column = first_row + heading.row, 1 + heading.column
        cell = sheet.cell(row=row, column=column, value=heading.text)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if heading.rows > 1 or heading.columns > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + heading.rows - 1,
                end_column=column + heading.columns - 1,
            )
        if heading.rows == 1:
            width = sum(one.width for one in columns[heading.column : heading.column + heading.columns])
            lines = -(-len(heading.text) // max(int(width) - 2, 1))
            lines_per_row[heading.row] = max(lines_per_row[heading.row], lines)
    for offset, lines in enumerate(lines_per_row):
        sheet.row_dimensions[first_row + offset].height = 15 * lines + 4
    return depth


def _write_value(sheet: Worksheet, row: int, index: int, column: Column, line: AgencyLine, number) -> None:
    cell = sheet.cell(row=row, column=index)
    cell.border = _BORDER
    if column.kind == Kind.NUMBER:
        cell.value = number
        cell.alignment = Alignment(horizontal="center", vertical="center")
        return
    value = column.value(line)
    if column.kind == Kind.TEXT:
        cell.value = str(value)
        cell.data_type = "s"  # a name that starts with "=" stays a name, not a formula
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    elif column.kind == Kind.RATE:
        cell.value = rate_fraction(value)
        cell.number_format = _PERCENT_FORMAT
    else:
        cell.value = value
        cell.number_format = _COUNT_FORMAT


def _write_table(
    sheet: Worksheet,
    *,
    name: str,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    report: AgencyReport,
    numbered: bool,
) -> None:
    """One sheet: the title and the subtitle on top, the heading (and the columns' numbers (1), (2), …
    when ``numbered``), a row per line, the total; frozen below the heading and right of the names,
    printed landscape on the page's width with the heading repeated."""
    width = len(columns)
    sheet.title = _sheet_title(name)
    _write_title(sheet, 1, title.upper(), width, Font(bold=True, size=14))
    _write_title(sheet, 2, subtitle, width, Font(italic=True, size=12))
    sheet.row_dimensions[1].height = 22
    row = _FIRST_HEADING_ROW + _write_heading(sheet, columns, _FIRST_HEADING_ROW)
    if numbered:
        for index in range(1, width + 1):
            cell = sheet.cell(row=row, column=index, value=f"({index})")
            cell.font = Font(italic=True)
            cell.alignment = Alignment(horizontal="center")
            cell.border = _BORDER
        row += 1
    first_data_row = row
    for number, line in enumerate(report.lines, start=1):
        for index, column in enumerate(columns, start=1):
            _write_value(sheet, row, index, column, line, number)
        row += 1
    for index, column in enumerate(columns, start=1):
        _write_value(sheet, row, index, column, report.total, None)
        cell = sheet.cell(row=row, column=index)
        cell.font, cell.fill = Font(bold=True), _TOTAL_FILL
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(row=first_data_row, column=3)
    sheet.print_title_rows = f"{_FIRST_HEADING_ROW}:{first_data_row - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def agency_table_xlsx(period: Period, scope: Scope = WHOLE_PROVINCE) -> bytes:
    """The workbook of the period's figures for ``scope``: the sheet "by agency" as the provinces
    publish it (:data:`~stats.tables.AGENCY_COLUMNS`) and the sheet of the national reporting form
    (:data:`~stats.tables.FORM_COLUMNS`). Counts are numbers, rates numbers in percent format (the
    sheet can be summed and sorted)."""
    report = agency_report(period, scope)
    subtitle = _subtitle(period, scope)
    workbook = Workbook()
    _write_table(
        workbook.active,
        name=_("By agency"),
        title=_("Online services and dossiers by agency"),
        subtitle=subtitle,
        columns=AGENCY_COLUMNS,
        report=report,
        numbered=False,
    )
    _write_table(
        workbook.create_sheet(),
        name=_("Reporting form"),
        title=_("Results of handling administrative procedures"),
        subtitle=subtitle,
        columns=FORM_COLUMNS,
        report=report,
        numbered=True,
    )
    workbook.properties.title = f"{_('Results of handling administrative procedures')} – {subtitle}"
    workbook.properties.creator = "Motcua"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# ------------------------------------------------------------------------------------------- CSV


def _csv_text(text: str) -> str:
    """A text a spreadsheet program would run as a formula gets a leading apostrophe."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _csv_value(column: Column, line: AgencyLine, number: int | None):
    if column.kind == Kind.NUMBER:
        return "" if number is None else number
    value = column.value(line)
    if column.kind == Kind.TEXT:
        return _csv_text(str(value))
    if column.kind == Kind.RATE:
        return "" if value.percent is None else f"{value.percent:.2f}"
    return value


def agency_table_csv(period: Period, scope: Scope = WHOLE_PROVINCE) -> str:
    """The per-agency table as CSV (the columns of the spreadsheet's first sheet, each heading with its
    groups, rates in percent with a dot), with the byte-order mark that makes a spreadsheet program read
    it as UTF-8; encode it as UTF-8."""
    report = agency_report(period, scope)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([flat_heading(column) for column in AGENCY_COLUMNS])
    for number, line in enumerate(report.lines, start=1):
        writer.writerow([_csv_value(column, line, number) for column in AGENCY_COLUMNS])
    writer.writerow([_csv_value(column, report.total, None) for column in AGENCY_COLUMNS])
    return "\ufeff" + output.getvalue()


# ------------------------------------------------------------------------------------------- PDF

_TABLE_SIZE = 7
_ALIGN = {Kind.NUMBER: "CENTER", Kind.TEXT: "LEFT", Kind.COUNT: "RIGHT", Kind.RATE: "RIGHT"}


def _section(doc: LegalDocument, text: str) -> None:
    doc.paragraph(("B", text), indent=False, align="L", after=1.5)


def _headline(doc: LegalDocument, report: AgencyReport) -> None:
    """The headline figures, a label and its value to a line, in two tables side by side."""
    figures = headline_figures(report)
    half = (len(figures) + 1) // 2
    width = (doc.epw - 10) / 2
    top, bottom = doc.get_y(), doc.get_y()
    doc.set_font(FONT_FAMILY, "", 9)
    doc.set_line_width(0.2)
    for side, lines in (("LEFT", figures[:half]), ("RIGHT", figures[half:])):
        doc.set_y(top)
        with doc.table(
            col_widths=(3, 1),
            width=width,
            align=side,
            text_align=("LEFT", "RIGHT"),
            v_align="MIDDLE",
            line_height=9 * 0.3528 * 1.3,
            padding=(0.8, 1.2),
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        ) as table:
            for label, value in lines:
                table.row((nfc(label), nfc(value)))
        bottom = max(bottom, doc.get_y())
    doc.set_y(bottom + 3)
    doc.set_font(FONT_FAMILY, "", 11)


def _agency_table(doc: LegalDocument, columns: Sequence[Column], report: AgencyReport) -> None:
    """The per-agency table with its grouped heading, repeated on every page."""
    depth = heading_depth(columns)
    headings = header_cells(columns)
    doc.set_font(FONT_FAMILY, "", _TABLE_SIZE)
    doc.set_line_width(0.2)
    with doc.table(
        col_widths=tuple(column.width for column in columns),
        width=doc.epw,
        text_align=tuple(_ALIGN[column.kind] for column in columns),
        v_align="MIDDLE",
        line_height=_TABLE_SIZE * 0.3528 * 1.3,
        padding=(0.8, 0.8),
        headings_style=FontFace(
            family=FONT_FAMILY, emphasis="BOLD", size_pt=_TABLE_SIZE, fill_color=HEADING_FILL
        ),
        num_heading_rows=depth,
        repeat_headings=1,
        borders_layout=TableBordersLayout.ALL,
    ) as table:
        for level in range(depth):
            row = table.row()
            for heading in sorted((cell for cell in headings if cell.row == level), key=lambda c: c.column):
                row.cell(nfc(heading.text), align="CENTER", colspan=heading.columns, rowspan=heading.rows)
        for number, line in enumerate(report.lines, start=1):
            row = table.row()
            for column in columns:
                row.cell(nfc(cell_text(column, line, number)))
        row = table.row(style=FontFace(family=FONT_FAMILY, emphasis="BOLD", size_pt=_TABLE_SIZE))
        for column in columns:
            row.cell(nfc(cell_text(column, report.total, None)))
    doc.set_font(FONT_FAMILY, "", 11)
    doc.ln(3)


def chart_period(period: Period) -> Period:
    """The months the monthly report's charts show: for a month, the year up to it; otherwise the
    period itself."""
    if period.kind == PeriodKind.MONTH:
        return Period(period.first.replace(month=1), period.last)
    return period


def _charts(doc: LegalDocument, period: Period, scope: Scope) -> None:
    """The three monthly charts (the SVGs of the dashboard, drawn by fpdf2 with the document's font):
    received and resolved side by side, the on-time rate below."""
    shown = chart_period(period)
    charts = MonthlyCharts.of(monthly_series(shown, scope))
    doc.add_page()
    months = _("Month by month, from %(first)s to %(last)s") % {
        "first": month_label(shown.first),
        "last": month_label(shown.last),
    }
    _section(doc, months)
    for style in ("", "B"):  # the faces the charts use must be in the document before they are drawn
        doc.set_font(FONT_FAMILY, style, 11)
    width = (doc.epw - 8) / 2
    top = doc.get_y()
    placements = ((doc.l_margin, top), (doc.l_margin + width + 8, top), (doc.l_margin, None))
    bottom = top
    for svg, title, (x, y) in zip(
        charts.charts(font_family=FONT_FAMILY), charts.titles(), placements, strict=True
    ):
        y = bottom + 4 if y is None else y
        doc.set_xy(x, y)
        doc.set_font(FONT_FAMILY, "B", 10)
        doc.cell(width, 6, nfc(title), new_x="LEFT", new_y="NEXT")
        info = doc.image(io.BytesIO(printable(svg).encode("utf-8")), x=x, y=y + 7, w=width)
        bottom = max(bottom, y + 7 + info.rendered_height)
    doc.set_y(bottom + 4)
    doc.set_font(FONT_FAMILY, "", 11)


def monthly_report_pdf(
    period: Period, scope: Scope = WHOLE_PROVINCE, *, now: datetime | None = None
) -> bytes:
    """The report of the period for ``scope`` as a landscape A4 PDF: its title, the headline figures,
    the per-agency table (its heading repeated on every page) and the charts month by month."""
    now = now or timezone.now()
    report = agency_report(period, scope)
    title = _("Report on the results of handling administrative procedures")
    subtitle = _subtitle(period, scope)
    doc = LegalDocument(
        agency=AgencyHeader(governing_body="", agency_name=scope_title(scope), place_name=""),
        title=title,
        subject=subtitle,
        created_at=now,
        keywords=(title, subtitle),
        landscape=True,
    )
    doc.title_block(subtitle=subtitle)
    doc.paragraph(
        _("Prepared on %(moment)s") % {"moment": fmt_datetime(now)}, indent=False, align="C", size=9
    )
    doc.spacer(2)
    _section(doc, _("Headline figures"))
    _headline(doc, report)
    if doc.get_y() + 40 > doc.page_break_trigger:  # the heading stays with the table's first rows
        doc.add_page()
    _section(doc, _("Dossiers and online services by agency"))
    _agency_table(doc, AGENCY_COLUMNS, report)
    _charts(doc, period, scope)
    return doc.to_bytes()
