"""Import and export of the catalog (XLSX workbook and CSV files in a .zip)."""

import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from openpyxl import load_workbook

from catalog import rules
from catalog.admin_transfer import transfer_urls
from catalog.constants import PublicationState
from catalog.models import (
    Agency,
    DossierComponent,
    Fee,
    FormTemplate,
    Procedure,
    ProcedureChange,
    ProcessStep,
    Sector,
)
from catalog.tests.factories import (
    AgencyFactory,
    DossierComponentFactory,
    FeeFactory,
    FormTemplateFactory,
    ProcedureFactory,
    ProcessStepFactory,
    SectorFactory,
    procedure_with_details,
)
from catalog.transfer import CatalogImportError, ImportIssue, catalog_tables, export_catalog, import_catalog
from catalog.transfer.columns import FEES, FORMS, INSTRUCTIONS_SHEET, PROCEDURES, SHEETS
from catalog.transfer.files import read_tables, write_xlsx
from core.roles import Role, StepRole
from core.time_units import TimeUnit
from motcua import urls as project_urls

pytestmark = pytest.mark.django_db

User = get_user_model()
AGENCY = "000.00.04.G18"
OTHER_AGENCY = "000.00.01.H22"

# The admin pages, hooked the way catalog/admin.py is meant to hook them (see catalog/admin_transfer.py).
urlpatterns = [
    path(
        "admin/",
        (
            [path("catalog/procedure/", include(transfer_urls(admin.site))), *admin.site.get_urls()],
            "admin",
            admin.site.name,
        ),
    ),
    *[pattern for pattern in project_urls.urlpatterns if getattr(pattern, "app_name", None) != "admin"],
]
admin_urls = pytest.mark.urls(__name__)


# Helpers ----------------------------------------------------------------------------------------------
def rich_catalog():
    """Procedures with diacritics, half days, multi-line text, empty optional fields and tricky text."""
    justice = AgencyFactory(code=AGENCY, name="Sở Tư pháp")
    province = AgencyFactory(code=OTHER_AGENCY, name="UBND tỉnh Quảng Ninh")
    procedure_with_details(
        code="1.001234",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        subtitle="Giấy xác nhận có hay không có án tích",
        sector=SectorFactory(code="TP", name="Tư pháp"),
        agencies=[justice, province],
        requirements="Dòng thứ nhất;\nDòng thứ hai – có “ngoặc kép”, dấu phẩy, và dấu chấm phẩy;",
        how_to_apply="- Nộp trực tiếp tại Trung tâm phục vụ hành chính công\n- Nộp trực tuyến",
        for_organizations=True,
    )
    land = SectorFactory(code="DD", name="Đất đai")
    second = ProcedureFactory(
        code="2.000635",
        name="=Đăng ký biến động đất đai",  # looks like a formula; must stay text
        sector=land,
        agencies=[justice],
        administrative_level="commune",
        service_level=2,
        processing_time=Decimal("2.5"),
        processing_time_unit=TimeUnit.HOUR,
        publication_state=PublicationState.DRAFT,
        legal_basis="",
        result_name="",
        for_citizens=False,
        for_organizations=True,
    )
    form = FormTemplateFactory(
        procedure=second,
        position=1,
        code="",
        name="Đơn đăng ký",
        file="catalog/forms/2.000635/don-dang-ky.pdf",
    )
    DossierComponentFactory(procedure=second, position=1, name="Đơn đăng ký", form_template=form, copies=2)
    FeeFactory(procedure=second, position=1, name="Lệ phí", amount=0, applies_when="+84 trường hợp đặc biệt")
    ProcessStepFactory(
        procedure=second, position=1, name="Tiếp nhận", role=StepRole.COUNTER_OFFICER, budget=Decimal("0.25")
    )
    ProcessStepFactory(procedure=second, position=2, name="Xử lý", budget=Decimal("2.25"))
    ProcedureFactory(
        code="1.000001",
        name="Thủ tục tạm ngừng",
        sector=land,
        agencies=[province],
        publication_state=PublicationState.SUSPENDED,
    )


def table_data(source, name=None) -> dict:
    """What a person sees in the file: every sheet's headers and cells, without row numbers."""
    return {key: table.data() for key, table in read_tables(source, name or source).items()}


def catalog_state() -> dict:
    """Every catalog row with its values, to prove that a rejected import changed nothing."""
    return {
        "procedures": sorted(
            Procedure.objects.values_list(
                "code",
                "name",
                "service_level",
                "processing_time",
                "publication_state",
                "sector__code",
                "updated_at",
            )
        ),
        "agencies": sorted(Procedure.agencies.through.objects.values_list("procedure__code", "agency__code")),
        "sectors": sorted(Sector.objects.values_list("code", "name")),
        "components": sorted(DossierComponent.objects.values_list("pk", "name", "form_template_id")),
        "fees": sorted(Fee.objects.values_list("pk", "name", "amount")),
        "steps": sorted(ProcessStep.objects.values_list("pk", "name", "budget")),
        "forms": sorted(FormTemplate.objects.values_list("pk", "name", "file")),
        "changes": ProcedureChange.objects.count(),
    }


def procedure_row(code="1.000001", **values) -> dict:
    row = {
        "code": code,
        "name": "Thủ tục thử nghiệm",
        "sector_code": "TP",
        "sector_name": "Tư pháp",
        "agency_codes": AGENCY,
        "administrative_level": "province",
        "service_level": 3,
        "processing_time": 5,
        "publication_state": "published",
    }
    row.update(values)
    return row


def step_row(code, name, role, budget, **values) -> dict:
    return {
        "procedure_code": code,
        "name": name,
        "role": role,
        "handling_unit": "Phòng",
        "budget": budget,
        **values,
    }


def workbook(**sheets) -> io.BytesIO:
    """An .xlsx file with the declared headers and the given rows (dicts by column key)."""
    tables = {
        sheet.key: (
            sheet.headers,
            [[row.get(key) for key in sheet.headers] for row in sheets.get(sheet.key, [])],
        )
        for sheet in SHEETS
    }
    buffer = io.BytesIO()
    write_xlsx(tables, buffer)
    buffer.seek(0)
    return buffer


def import_rows(**sheets):
    return import_catalog(workbook(**sheets), "test.xlsx")


def rejected(**sheets) -> list[ImportIssue]:
    with pytest.raises(CatalogImportError) as caught:
        import_rows(**sheets)
    return caught.value.issues


def places(issues) -> set:
    return {(issue.sheet, issue.row, issue.column) for issue in issues}


# Round trip -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["xlsx", "zip"])
def test_export_import_export_is_lossless(tmp_path, suffix):
    rich_catalog()
    first = tmp_path / f"first.{suffix}"
    export_catalog(first)
    before = table_data(first)

    ProcedureChange.objects.all().delete()
    Procedure.objects.all().delete()
    Sector.objects.all().delete()
    result = import_catalog(first)
    assert sorted(result.created) == ["1.000001", "1.001234", "2.000635"]
    assert sorted(result.sectors_created) == ["DD", "TP"]
    assert Agency.objects.count() == 2

    second = tmp_path / f"second.{suffix}"
    export_catalog(second)
    assert table_data(second) == before

    imported = Procedure.objects.get(code="2.000635")
    assert imported.name == "=Đăng ký biến động đất đai"
    assert imported.processing_time == Decimal("2.50")
    assert imported.processing_time_unit == TimeUnit.HOUR
    assert [step.budget for step in imported.steps.all()] == [Decimal("0.25"), Decimal("2.25")]
    assert imported.form_templates.get().file.name == "catalog/forms/2.000635/don-dang-ky.pdf"
    assert imported.components.get().form_template == imported.form_templates.get()
    assert imported.fees.get().applies_when == "+84 trường hợp đặc biệt"
    assert (imported.legal_basis, imported.result_name, imported.subtitle) == ("", "", "")
    first_procedure = Procedure.objects.get(code="1.001234")
    assert first_procedure.requirements.splitlines()[1].startswith("Dòng thứ hai – có “ngoặc kép”")
    assert sorted(first_procedure.agencies.values_list("code", flat=True)) == [OTHER_AGENCY, AGENCY]
    assert ProcedureChange.objects.filter(summary__contains=first.name).count() == 3


def test_exported_cells_are_what_a_person_expects(tmp_path):
    rich_catalog()
    target = tmp_path / "catalog.xlsx"
    export_catalog(target)
    workbook_file = load_workbook(target)
    assert workbook_file.sheetnames == [
        "procedures",
        "components",
        "fees",
        "steps",
        "forms",
        INSTRUCTIONS_SHEET,
    ]
    procedures = workbook_file["procedures"]
    assert [cell.value for cell in procedures[1]] == PROCEDURES.headers
    rows = {row[0]: row for row in procedures.iter_rows(min_row=2, values_only=True)}
    column = {key: index for index, key in enumerate(PROCEDURES.headers)}
    assert rows["1.001234"][column["agency_codes"]] == f"{OTHER_AGENCY}; {AGENCY}"
    assert rows["2.000635"][column["processing_time"]] == 2.5
    assert rows["2.000635"][column["name"]] == "=Đăng ký biến động đất đai"
    assert procedures.cell(row=3, column=column["name"] + 1).data_type == "s"
    steps = list(workbook_file["steps"].iter_rows(min_row=2, values_only=True))
    assert [row[-1] for row in steps] == [0.5, 4, 0.5, 0.25, 2.25]
    instructions = [row for row in workbook_file[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if row[0]]
    assert any(row[:2] == ("fees", "amount") for row in instructions)

    archive_path = tmp_path / "catalog.zip"
    export_catalog(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        assert sorted(archive.namelist()) == sorted(
            [f"{sheet.key}.csv" for sheet in SHEETS] + ["huong_dan.csv"]
        )
        steps_csv = archive.read("steps.csv").decode("utf-8-sig")
    assert steps_csv.splitlines()[0] == "procedure_code,position,name,role,handling_unit,budget"
    assert "1.001234,1,Tiếp nhận hồ sơ,counter_officer,Phòng chuyên môn,0.5" in steps_csv


def test_export_query_count_does_not_grow_with_the_catalog(django_assert_max_num_queries):
    procedure_with_details()
    with CaptureQueriesContext(connection) as small:
        catalog_tables()
    for _ in range(5):
        procedure_with_details()
    with django_assert_max_num_queries(7), CaptureQueriesContext(connection) as large:
        tables = catalog_tables()
    assert len(tables["steps"][1]) == 18
    assert len(large.captured_queries) == len(small.captured_queries)


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    rich_catalog()
    target = tmp_path / "catalog.xlsx"
    export_catalog(target)
    before = catalog_state()
    with CaptureQueriesContext(connection) as queries:
        result = import_catalog(target)
    assert sorted(result.unchanged) == ["1.000001", "1.001234", "2.000635"]
    assert result.created == result.updated == []
    assert catalog_state() == before
    writes = [query["sql"] for query in queries if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_an_update_keeps_the_ids_of_the_details_at_their_positions(tmp_path):
    procedure = procedure_with_details(code="1.001234")
    form = procedure.form_templates.get()
    kept_component = procedure.components.get(position=1)
    kept_component.form_template = form
    kept_component.save()
    steps = list(procedure.steps.values_list("pk", "position"))
    fees = list(procedure.fees.values_list("pk", flat=True))
    target = tmp_path / "catalog.xlsx"
    export_catalog(target)
    book = load_workbook(target)
    book["fees"].cell(row=2, column=FEES.headers.index("amount") + 1, value=150000)
    book["forms"].cell(row=2, column=FORMS.headers.index("name") + 1, value="Tờ khai mới")
    book["components"].delete_rows(3)  # the second component
    book.save(target)

    result = import_catalog(target)

    assert result.updated == ["1.001234"]
    assert result.rows_written == {"forms": 1, "components": 0, "fees": 1, "steps": 0}
    assert list(procedure.steps.values_list("pk", "position")) == steps
    assert list(procedure.fees.values_list("pk", flat=True)) == fees
    assert list(procedure.fees.values_list("amount", flat=True)) == [150000, 1250000]
    assert procedure.form_templates.get().pk == form.pk
    assert procedure.form_templates.get().name == "Tờ khai mới"
    assert list(procedure.components.values_list("pk", "form_template_id")) == [(kept_component.pk, form.pk)]


# Updating ---------------------------------------------------------------------------------------------
def test_import_updates_by_code_and_replaces_the_details(english):
    AgencyFactory(code=AGENCY)
    procedure = procedure_with_details(code="1.001234", publication_state=PublicationState.DRAFT)
    untouched = procedure_with_details(code="1.009999")
    officer = User.objects.create_user("canbo", password="x", is_staff=True, role=Role.CATALOG_OFFICER)

    result = import_catalog(
        workbook(
            procedures=[
                procedure_row(
                    "1.001234", name="Tên mới", processing_time="2,5", publication_state="published"
                )
            ],
            fees=[{"procedure_code": "1.001234", "name": "Lệ phí mới", "amount": "135.000"}],
            steps=[
                step_row("1.001234", "Tiếp nhận", "counter_officer", "0,5"),
                step_row("1.001234", "Xử lý", "Specialist", 2),
            ],
        ),
        "cap-nhat.xlsx",
        user=officer,
    )

    assert result.updated == ["1.001234"]
    procedure.refresh_from_db()
    assert procedure.name == "Tên mới"
    assert procedure.processing_time == Decimal("2.50")
    assert procedure.publication_state == PublicationState.PUBLISHED
    assert list(procedure.fees.values_list("name", "amount", "position")) == [("Lệ phí mới", 135000, 1)]
    assert list(procedure.steps.values_list("position", "budget", "role")) == [
        (1, Decimal("0.50"), StepRole.COUNTER_OFFICER),
        (2, Decimal("2.00"), StepRole.SPECIALIST),
    ]
    assert not procedure.components.exists() and not procedure.form_templates.exists()
    change = procedure.changes.get()
    assert (change.changed_by, change.from_state, change.to_state) == (officer, "draft", "published")
    assert change.summary == "Imported from cap-nhat.xlsx"
    assert untouched.fees.count() == 2 and not untouched.changes.exists()
    assert Sector.objects.filter(code="TP", name="Tư pháp").exists()


def test_a_detail_sheet_alone_replaces_those_details_of_a_catalog_procedure():
    procedure = procedure_with_details(code="1.001234")
    import_rows(
        forms=[{"procedure_code": "1.001234", "name": "Tờ khai", "code": "TK-01"}],
        components=[{"procedure_code": "1.001234", "name": "Tờ khai", "form_template_code": "tk-01"}],
        steps=[
            {
                "procedure_code": "1.001234",
                "name": "Xử lý",
                "role": "specialist",
                "handling_unit": "Phòng",
                "budget": 5,
            }
        ],
    )
    component = procedure.components.get()
    assert component.form_template == procedure.form_templates.get(code="TK-01")
    assert (component.originals, component.copies, component.required) == (1, 0, True)
    assert procedure.steps.count() == 1 and not procedure.fees.exists()
    assert procedure.changes.get().to_state == ""


def test_numbers_typed_into_excel_are_understood(tmp_path):
    AgencyFactory(code=AGENCY)
    import_rows(
        procedures=[
            procedure_row(2.00012, processing_time=0.1 + 0.2, for_citizens="có", for_organizations="x"),
        ]
    )
    procedure = Procedure.objects.get(code="2.000120")
    assert procedure.processing_time == Decimal("0.30")
    assert procedure.for_citizens and procedure.for_organizations


def test_a_semicolon_csv_without_byte_order_mark_in_a_folder_of_the_zip_is_accepted():
    AgencyFactory(code=AGENCY)
    row = procedure_row("1.000777", processing_time="1,5", name="Thủ tục; có dấu chấm phẩy")
    procedures_csv = (
        ";".join(PROCEDURES.headers)
        + "\r\n"
        + ";".join(f'"{row.get(key, "")}"' for key in PROCEDURES.headers)
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as target:
        for sheet in SHEETS:
            content = procedures_csv if sheet is PROCEDURES else ",".join(sheet.headers)
            target.writestr(f"danh-muc/{sheet.key}.csv", (content + "\r\n").encode())
    import_catalog(archive, "danh-muc.zip")
    procedure = Procedure.objects.get(code="1.000777")
    assert procedure.name == "Thủ tục; có dấu chấm phẩy"
    assert procedure.processing_time == Decimal("1.50")


def test_dry_run_checks_and_saves_nothing():
    AgencyFactory(code=AGENCY)
    result = import_catalog(workbook(procedures=[procedure_row()]), "thu.xlsx", dry_run=True)
    assert result.created == ["1.000001"] and result.dry_run
    assert not Procedure.objects.exists() and not Sector.objects.exists()


# Rejected files ---------------------------------------------------------------------------------------
def test_one_bad_row_rejects_the_file_and_changes_nothing(tmp_path, english):
    AgencyFactory(code=AGENCY)
    procedure_with_details(code="1.000001")
    procedure_with_details(code="1.000002")
    target = tmp_path / "catalog.xlsx"
    export_catalog(target)
    book = load_workbook(target)
    sheet = book["procedures"]
    sheet.cell(row=2, column=PROCEDURES.headers.index("name") + 1, value="Tên mới hợp lệ")
    sheet.cell(row=3, column=PROCEDURES.headers.index("service_level") + 1, value=7)
    book.save(target)
    before = catalog_state()

    with pytest.raises(CatalogImportError) as caught:
        import_catalog(target)

    assert caught.value.issues == [
        ImportIssue("procedures", 3, "service_level", "7 is out of range: use a whole number from 1 to 4.")
    ]
    assert str(caught.value.issues[0]) == (
        "sheet procedures, row 3, column service_level: 7 is out of range: use a whole number from 1 to 4."
    )
    assert catalog_state() == before


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    AgencyFactory(code=AGENCY)
    procedure_with_details(code="1.000001")
    before = catalog_state()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ProcedureChange.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        import_rows(
            procedures=[
                procedure_row("1.000001", name="Đổi tên"),
                procedure_row("1.000009", sector_code="MOI"),
            ]
        )
    assert catalog_state() == before


def test_every_error_is_reported(english):
    AgencyFactory(code=AGENCY)
    issues = rejected(
        procedures=[
            procedure_row("1.1234"),
            procedure_row("1.000002", agency_codes=f"{AGENCY}; 999.99.99.Z99", service_level=5),
            procedure_row("1.000002"),
            procedure_row("1.000003", processing_time="năm", administrative_level="tỉnh lỵ"),
        ],
        fees=[{"procedure_code": "1.000002", "name": "Lệ phí", "amount": "một trăm"}],
        components=[{"procedure_code": "1.999999", "name": "Đơn"}],
        steps=[
            {"procedure_code": "1.000002", "name": "Duyệt", "role": "boss", "handling_unit": "P", "budget": 5}
        ],
    )
    assert places(issues) == {
        ("procedures", 2, "code"),
        ("procedures", 3, "agency_codes"),
        ("procedures", 3, "service_level"),
        ("procedures", 4, "code"),
        ("procedures", 5, "administrative_level"),
        ("procedures", 5, "processing_time"),
        ("components", 2, "procedure_code"),
        ("fees", 2, "amount"),
        ("steps", 2, "role"),
    }
    reasons = {(issue.sheet, issue.row, issue.column): issue.message for issue in issues}
    assert "1.1234" in reasons["procedures", 2, "code"] and "1.001234" in reasons["procedures", 2, "code"]
    assert reasons["procedures", 3, "agency_codes"] == (
        "Unknown agency code “999.99.99.Z99”: the agency must exist before the import."
    )
    assert reasons["procedures", 4, "code"] == "The procedure code “1.000002” is already used on row 3."
    assert reasons["procedures", 5, "processing_time"] == "“năm” is not a number."
    assert reasons["fees", 2, "amount"] == "“một trăm” is not a number."
    assert reasons["components", 2, "procedure_code"] == (
        "The procedure “1.999999” is neither on the procedures sheet nor in the catalog."
    )
    assert "boss" in reasons["steps", 2, "role"] and "counter_officer" in reasons["steps", 2, "role"]
    assert [issue.sheet for issue in issues] == sorted(
        (issue.sheet for issue in issues), key=[sheet.key for sheet in SHEETS].index
    )
    assert not Procedure.objects.exists()


def test_step_budgets_must_add_up_to_the_processing_time(english):
    AgencyFactory(code=AGENCY)
    issues = rejected(
        procedures=[procedure_row("1.000001", processing_time=5)],
        steps=[
            step_row("1.000001", "Tiếp nhận", "counter_officer", "0,5"),
            step_row("1.000001", "Xử lý", "specialist", "4"),
        ],
    )
    assert issues == [
        ImportIssue(
            "procedures",
            2,
            "processing_time",
            rules.step_budget_error(Decimal(5), [Decimal("0.5"), Decimal(4)], "working days"),
        )
    ]
    assert "4.5" in issues[0].message


def test_unknown_agency_and_unnamed_new_sector(english):
    AgencyFactory(code=AGENCY)
    issues = rejected(
        procedures=[procedure_row(agency_codes="000.00.09.H99", sector_code="MOI", sector_name="")]
    )
    assert [(issue.column, issue.message) for issue in issues] == [
        ("sector_name", "The sector “MOI” does not exist yet: give its name to create it."),
        ("agency_codes", "Unknown agency code “000.00.09.H99”: the agency must exist before the import."),
    ]


def test_detail_rows_are_checked_against_their_procedure(english):
    AgencyFactory(code=AGENCY)
    code = "1.000001"
    issues = rejected(
        procedures=[procedure_row(code)],
        forms=[
            {"procedure_code": code, "name": "Tờ khai A", "file": "../../etc/passwd"},
            {"procedure_code": code, "name": "Tờ khai B"},
            {"procedure_code": code, "name": "Tờ khai B"},
        ],
        components=[
            {"procedure_code": code, "name": "Đơn", "form_template_code": "Tờ khai B", "originals": -1},
        ],
        steps=[
            {
                "procedure_code": code,
                "position": 1,
                "name": "A",
                "role": "leader",
                "handling_unit": "P",
                "budget": 2,
            },
            {
                "procedure_code": code,
                "position": 1,
                "name": "B",
                "role": "leader",
                "handling_unit": "P",
                "budget": 3,
            },
        ],
        fees=[{"procedure_code": code, "name": "", "amount": 1.5}],
    )
    assert places(issues) == {
        ("forms", 2, "file"),
        ("components", 2, "originals"),
        ("fees", 2, "name"),
        ("fees", 2, "amount"),
        ("steps", 3, "position"),
    }
    reasons = {issue.column: issue.message for issue in issues}
    assert reasons["amount"] == "“1.5” is not a whole number."
    assert reasons["name"] == "This column is required."
    assert reasons["position"] == "Step 1 of procedure 1.000001 is already on row 2."


def test_component_form_references_must_be_unambiguous(english):
    AgencyFactory(code=AGENCY)
    code = "1.000001"
    issues = rejected(
        procedures=[procedure_row(code)],
        forms=[{"procedure_code": code, "name": "Tờ khai"}, {"procedure_code": code, "name": "Tờ khai"}],
        components=[
            {"procedure_code": code, "name": "Đơn", "form_template_code": "Tờ khai"},
            {"procedure_code": code, "name": "Đơn", "form_template_code": "Mẫu 99"},
        ],
    )
    assert places(issues) == {
        ("components", 2, "form_template_code"),
        ("components", 3, "form_template_code"),
    }


def test_missing_sheets_and_columns_are_reported(english):
    buffer = io.BytesIO()
    tables = {sheet.key: (sheet.headers, []) for sheet in SHEETS if sheet.key != "forms"}
    tables["fees"] = (["procedure_code", "position", "name", "amount", "ghi_chu"], [])
    write_xlsx(tables, buffer)
    with pytest.raises(CatalogImportError) as caught:
        import_catalog(buffer, "thieu.xlsx")
    assert [(issue.sheet, issue.row, issue.column) for issue in caught.value.issues] == [
        ("fees", 1, "ghi_chu"),
        ("fees", 1, "applies_when"),
        ("forms", None, ""),
    ]


def test_unreadable_files_are_refused(english):
    with pytest.raises(CatalogImportError) as caught:
        import_catalog(io.BytesIO(b"not a workbook"), "catalog.xlsx")
    assert caught.value.issues[0].message == "The file is not an Excel workbook (.xlsx) that can be read."
    with pytest.raises(CatalogImportError):
        import_catalog(io.BytesIO(b"code,name"), "catalog.csv")


# Management commands ----------------------------------------------------------------------------------
def test_export_and_import_commands(tmp_path):
    rich_catalog()
    officer = User.objects.create_user("canbo", password="x", is_staff=True)
    target = tmp_path / "catalog.xlsx"
    out = StringIO()
    call_command("export_catalog", str(target), stdout=out)
    assert target.exists() and "procedures 3" in out.getvalue()

    Procedure.objects.filter(code="1.000001").delete()
    out = StringIO()
    call_command("import_catalog", str(target), "--user", "canbo", stdout=out)
    assert "1" in out.getvalue()
    assert Procedure.objects.get(code="1.000001").changes.get().changed_by == officer

    directory = tmp_path / "csv"
    call_command("export_catalog", f"{directory}/", stdout=StringIO())
    assert (directory / "procedures.csv").exists()
    call_command("import_catalog", str(directory), stdout=StringIO())


def test_import_command_prints_every_error_and_fails(tmp_path, english):
    AgencyFactory(code=AGENCY)
    target = tmp_path / "bad.xlsx"
    target.write_bytes(
        workbook(procedures=[procedure_row("1.1"), procedure_row("1.000002", service_level=9)]).read()
    )
    err = StringIO()
    with pytest.raises(CommandError, match="2 errors"):
        call_command("import_catalog", str(target), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("sheet procedures, row 2, column code:")
    assert lines[1].startswith("sheet procedures, row 3, column service_level:")
    assert not Procedure.objects.exists()

    with pytest.raises(CommandError):
        call_command("import_catalog", str(target), "--user", "nobody", stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("export_catalog", str(tmp_path / "catalog.pdf"), stdout=StringIO())


# Admin pages ------------------------------------------------------------------------------------------
@pytest.fixture
def officer():
    user = User.objects.create_user("canbo.danhmuc", password="x", is_staff=True, role=Role.CATALOG_OFFICER)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalog", codename__in=["view_procedure", "change_procedure"]
        )
    )
    return user


@admin_urls
def test_officer_exports_and_imports_from_the_admin(client, officer):
    rich_catalog()
    client.force_login(officer)
    changelist = client.get("/admin/catalog/procedure/")
    assert changelist.status_code == 200
    for url in ("/admin/catalog/procedure/import/", "/admin/catalog/procedure/export/xlsx/"):
        assert f'href="{url}"'.encode() in changelist.content

    download = client.get("/admin/catalog/procedure/export/xlsx/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in download["Content-Disposition"]
    archive = client.get("/admin/catalog/procedure/export/zip/")
    assert archive["Content-Type"] == "application/zip"
    assert client.get("/admin/catalog/procedure/export/pdf/").status_code == 404

    page = client.get("/admin/catalog/procedure/import/")
    assert page.status_code == 200
    assert b'type="file"' in page.content

    Procedure.objects.filter(code="1.000001").delete()
    upload = io.BytesIO(download.content)
    upload.name = "danh-muc.xlsx"
    response = client.post("/admin/catalog/procedure/import/", {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/catalog/procedure/"
    assert "danh-muc.xlsx" in [str(message) for message in response.context["messages"]][0]
    assert Procedure.objects.get(code="1.000001").changes.get().changed_by == officer


@admin_urls
def test_admin_import_shows_every_error_and_changes_nothing(client, officer):
    AgencyFactory(code=AGENCY)
    client.force_login(officer)
    upload = workbook(
        procedures=[procedure_row("1.1"), procedure_row("1.000002", agency_codes="000.00.09.H99")]
    )
    upload.name = "loi.xlsx"
    response = client.post("/admin/catalog/procedure/import/", {"file": upload})
    assert response.status_code == 200
    assert places(response.context["issues"]) == {
        ("procedures", 2, "code"),
        ("procedures", 3, "agency_codes"),
    }
    content = response.content.decode()
    assert 'id="import-errors"' in content and "000.00.09.H99" in content
    assert not Procedure.objects.exists()

    wrong_type = io.BytesIO(b"x")
    wrong_type.name = "catalog.pdf"
    response = client.post("/admin/catalog/procedure/import/", {"file": wrong_type})
    assert response.status_code == 200 and response.context["form"].errors["file"]


@admin_urls
def test_admin_transfer_pages_are_refused_to_others(client):
    citizen = User.objects.create_user("congdan", password="x")
    client.force_login(citizen)
    for url in ("/admin/catalog/procedure/import/", "/admin/catalog/procedure/export/xlsx/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    staff = User.objects.create_user("chuyenvien", password="x", is_staff=True, role=Role.SPECIALIST)
    staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="catalog", codename="view_procedure")
    )
    client.force_login(staff)
    assert client.get("/admin/catalog/procedure/import/").status_code == 403
    assert client.get("/admin/catalog/procedure/export/zip/").status_code == 403
    upload = workbook()
    upload.name = "catalog.xlsx"
    assert client.post("/admin/catalog/procedure/import/", {"file": upload}).status_code == 403
    changelist = client.get("/admin/catalog/procedure/")
    assert changelist.status_code == 200 and b"/import/" not in changelist.content
