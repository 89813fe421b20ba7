"""The exports on a hand-built province (``province.py``): the workbook's two sheets, the CSV file and
the monthly PDF report carry exactly the dashboard's figures."""

import csv
import io

import pikepdf
import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from catalog.constants import AdministrativeLevel
from catalog.tests.factories import AgencyFactory, ProcedureFactory
from documents.tests.pdf_text import pdf_text
from stats.domain.periods import Period, PeriodKind
from stats.exports import agency_table_csv, agency_table_xlsx, monthly_report_pdf
from stats.queries import GroupBy, Scope, dossier_table
from stats.tables import AGENCY_COLUMNS, flat_heading
from stats.wording import period_title

from .province import at, build_province

pytestmark = pytest.mark.django_db
MARCH = Period.of(PeriodKind.MONTH, 2026, 3)

# The per-agency sheet's rows: STT, name, level 3 (deployed, with online dossiers), level 4 (same),
# received (online, direct and postal), resolved (early, on time, late), on-time and online rates,
# in progress (within, past the deadline). The total counts the shared procedure once.
AGENCY_ROWS = [
    [1, "Sở Tư pháp", 1, 1, 1, 1, 2, 1, 1, 1, 1, 0.6667, 0.6667, 0, 1],
    [2, "Sở Xây dựng", 0, 0, 2, 0, 0, 3, 0, 0, 1, 0.0, 0.0, 1, 0],
    [3, "UBND xã Hạ Long", 0, 0, 1, 0, 0, 0, 0, 0, 0, None, None, 0, 0],
]
AGENCY_TOTAL = [1, 1, 3, 1, 2, 4, 1, 1, 2, 0.5, 0.3333, 1, 1]
# The reporting form: received (total, carried over, new online, new direct and postal), resolved
# (total, early, on time, late), in progress (total, within, past the deadline).
FORM_ROWS = [
    [1, "Sở Tư pháp", 4, 1, 2, 1, 3, 1, 1, 1, 1, 0, 1],
    [2, "Sở Xây dựng", 3, 0, 0, 3, 1, 0, 0, 1, 1, 1, 0],
    [3, "UBND xã Hạ Long", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
]
FORM_TOTAL = [7, 1, 2, 4, 4, 1, 1, 2, 2, 1, 1]


@pytest.fixture(scope="module", autouse=True)
def province(django_db_setup, django_db_blocker):
    """Built once for the module (the dossiers go through the real actions), rolled back after it; every
    test sees it (each test's own rows are rolled back after the test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_province()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _rows(sheet, first_row):
    return [list(row) for row in sheet.iter_rows(min_row=first_row, values_only=True)]


def _workbook(period=MARCH, scope=Scope()):
    return load_workbook(io.BytesIO(agency_table_xlsx(period, scope)))


def test_the_agency_sheet_is_the_dashboards_table(province):
    workbook = _workbook()
    assert workbook.sheetnames == [_("By agency"), _("Reporting form")]
    sheet = workbook[_("By agency")]
    rows = _rows(sheet, 6)
    assert rows[:-1] == AGENCY_ROWS
    assert rows[-1] == [None, _("Grand total"), *AGENCY_TOTAL]
    # … and each agency's figures are the dashboard's dossier table's, column for column
    table = dossier_table(MARCH, Scope(), group_by=GroupBy.AGENCY)
    by_name = {row[1]: row for row in rows}
    for line in [*table.rows, None]:
        figures = table.total if line is None else line.figures
        sheet_row = by_name[_("Grand total") if line is None else line.label]
        assert sheet_row[6:11] + sheet_row[13:] == [
            figures.received_online,
            figures.received_direct_or_postal,
            figures.resolved_early,
            figures.resolved_on_time,
            figures.resolved_late,
            figures.in_progress_within_deadline,
            figures.in_progress_past_deadline,
        ]
        assert sheet_row[11:13] == [
            float(figures.on_time_rate.percent / 100),
            float(figures.online_rate.percent / 100),
        ]


def test_the_agency_sheet_is_formatted(province):
    sheet = _workbook()[_("By agency")]
    assert sheet["A1"].value == _("Online services and dossiers by agency").upper()
    assert sheet["A1"].font.b
    assert sheet["A2"].value == f"{settings.MOTCUA_BRANDING['province_name']} – {period_title(MARCH)}"
    assert "03/2026" in sheet["A2"].value
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {
        "A1:O1",
        "A2:O2",
        "A4:A5",
        "B4:B5",
        "C4:D4",
        "E4:F4",
        "G4:H4",
        "I4:K4",
        "L4:L5",
        "M4:M5",
    } <= merged
    assert "N4:O4" in merged
    assert [sheet.cell(4, column).value for column in (1, 2, 3, 5, 7, 9, 12, 13, 14)] == [
        _("No."),
        _("Agency name"),
        _("Online services at level 3"),
        _("Online services at level 4"),
        _("Dossiers received"),
        _("Dossiers resolved"),
        _("On-time rate"),
        _("Online rate"),
        _("Dossiers in progress"),
    ]
    assert [sheet.cell(5, column).value for column in range(3, 12)] == [
        _("Deployed"),
        _("With online dossiers"),
        _("Deployed"),
        _("With online dossiers"),
        _("Online"),
        _("Direct and postal"),
        _("Early"),
        _("On time"),
        _("Late"),
    ]
    assert all(sheet[cell].font.b for cell in ("A4", "C4", "C5", "E4", "E5"))
    assert sheet["C5"].alignment.wrap_text
    assert sheet.freeze_panes == "C6"
    assert (sheet["C6"].number_format, sheet["L6"].number_format) == ("#,##0", "0.00%")
    assert sheet.column_dimensions["B"].width == 38
    assert sheet["B9"].font.b  # the total line


def test_the_reporting_form_sheet_has_the_forms_layout_and_figures(province):
    sheet = _workbook()[_("Reporting form")]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    # STT, Cơ quan down three rows; received over four columns, its total and carried over down two,
    # "newly received" over online and direct-and-postal; resolved over four, in progress over three.
    assert {"A4:A6", "B4:B6", "C4:F4", "C5:C6", "D5:D6", "E5:F5", "G4:J4", "G5:G6", "K4:M4"} <= merged
    assert [sheet.cell(4, column).value for column in (1, 2, 3, 7, 11)] == [
        _("No."),
        _("Agency name"),
        _("Dossiers received"),
        _("Dossiers resolved"),
        _("Dossiers in progress"),
    ]
    assert [sheet.cell(5, column).value for column in range(3, 14)] == [
        _("Total"),
        _("Carried over from the previous period"),
        _("Newly received"),
        None,
        _("Total"),
        _("Early"),
        _("On time"),
        _("Late"),
        _("Total"),
        _("Within the deadline"),
        _("Past the deadline"),
    ]
    assert [sheet.cell(6, 5).value, sheet.cell(6, 6).value] == [_("Online"), _("Direct and postal")]
    assert [sheet.cell(7, column).value for column in range(1, 14)] == [f"({n})" for n in range(1, 14)]
    rows = _rows(sheet, 8)
    assert rows[:-1] == FORM_ROWS
    assert rows[-1] == [None, _("Grand total"), *FORM_TOTAL]
    assert sheet.freeze_panes == "C8"


def test_the_csv_file_is_the_agency_sheet(province):
    text = agency_table_csv(MARCH)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [flat_heading(column) for column in AGENCY_COLUMNS]
    assert rows[0][6] == f"{_('Dossiers received')} – {_('Online')}"
    assert rows[0][11] == f"{_('On-time rate')} (%)"

    def printed(values):
        return [
            "" if value is None else f"{value * 100:.2f}" if isinstance(value, float) else str(value)
            for value in values
        ]

    assert rows[1:-1] == [printed(row[:11]) + printed(row[11:13]) + printed(row[13:]) for row in AGENCY_ROWS]
    assert rows[-1] == ["", _("Grand total"), *printed(AGENCY_TOTAL[:9]), "50.00", "33.33", "1", "1"]


def test_an_agencys_export_holds_its_line_only(province):
    scope = Scope(agency_ids=frozenset({province.construction.pk}))
    sheet = _workbook(scope=scope)[_("By agency")]
    assert sheet["A2"].value == f"Sở Xây dựng – {period_title(MARCH)}"
    assert _rows(sheet, 6) == [[1, *AGENCY_ROWS[1][1:]], [None, _("Grand total"), *AGENCY_ROWS[1][2:]]]
    communes = _workbook(scope=Scope(level=AdministrativeLevel.COMMUNE))[_("Reporting form")]
    assert [row[1] for row in _rows(communes, 8)] == ["UBND xã Hạ Long", _("Grand total")]


def test_the_monthly_report_prints_the_figures_the_table_and_the_charts(province, tmp_path):
    pdf = monthly_report_pdf(MARCH, now=at(4, 1, 8))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 2
        assert str(document.docinfo["/Title"]) == _(
            "Report on the results of handling administrative procedures"
        )
    text = pdf_text(pdf, tmp_path)
    for expected in (
        _("Report on the results of handling administrative procedures").upper(),
        period_title(MARCH),
        f"{_('Prepared on %(moment)s') % {'moment': '08:00 01/04/2026'}}",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "UBND xã Hạ Long",
        f"{_('On-time rate')} 50,00 %",
        f"{_('Online rate')} 33,33 %",
        "66,67 %",
        _("Grand total") + " 1 1 3 1 2 4 1 1 2 50,00 % 33,33 % 1 1",
        _("Dossiers received per month"),
        _("On-time rate per month"),
        _("Received at the counter or by post"),
        "01/2026",
        "03/2026",
    ):
        assert expected in text, expected
    assert "Sở Tư pháp 1 1 1 1 2 1 1 1 1 66,67 % 66,67 % 0 1" in text
    assert "UBND xã Hạ Long 0 0 1 0 0 0 0 0 0 — — 0 0" in text


def test_the_pdf_table_repeats_its_heading_on_every_page(tmp_path):
    for number in range(45):
        ProcedureFactory(agencies=[AgencyFactory(name=f"Sở Thử nghiệm {number:02d}")], service_level=4)
    pdf = monthly_report_pdf(MARCH, now=at(4, 1, 8))
    pages = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            single = pikepdf.new()
            single.pages.append(page)
            output = io.BytesIO()
            single.save(output)
            pages.append(pdf_text(output.getvalue(), tmp_path))
    table_pages = [text for text in pages if _("Agency name") in text]
    assert len(table_pages) == 3
    # (the headings that fit on one line: the others wrap, and a text extractor mixes their lines)
    assert all(text.count(f"{_('No.')} {_('Agency name')}") == 1 for text in table_pages)
    assert "1 Sở Thử nghiệm 00" in table_pages[0] and "45 Sở Thử nghiệm 44" in " ".join(table_pages)
    assert all(name in table_pages[-1] for name in ("48 UBND xã Hạ Long", _("Grand total") + " 1 1 48 1"))


def test_names_are_kept_as_text_never_run_as_formulas(tmp_path):
    name = '=HYPERLINK("http://example.com","Sở")'
    ProcedureFactory(agencies=[AgencyFactory(name=name)], service_level=3)
    sheet = _workbook()[_("By agency")]
    assert (sheet["B6"].value, sheet["B6"].data_type) == (name, "s")
    rows = list(csv.reader(io.StringIO(agency_table_csv(MARCH).removeprefix("\ufeff"))))
    assert rows[1][1] == "'" + name
