"""The components sheet's ``accepts_results_of``: which earlier results a component accepts from the
applicant's document wallet, as procedure codes separated by semicolons."""

import pytest

from catalog.models import DossierComponent
from catalog.tests.factories import AgencyFactory, DossierComponentFactory, ProcedureFactory
from catalog.tests.test_transfer import AGENCY, import_rows, places, procedure_row, rejected, table_data
from catalog.transfer import catalog_tables, export_catalog, import_catalog
from catalog.transfer.columns import COMPONENTS

pytestmark = pytest.mark.django_db

COLUMN = COMPONENTS.headers.index("accepts_results_of")


def accepted_codes(component) -> list[str]:
    return sorted(component.accepts_results_of.values_list("code", flat=True))


def test_the_accepted_procedures_are_exported_sorted_and_separated_by_semicolons():
    licence = ProcedureFactory(code="1.002809")
    record = ProcedureFactory(code="2.000488")
    renewal = ProcedureFactory(code="1.000001")
    component = DossierComponentFactory(procedure=renewal, position=1, name="Bản sao giấy phép lái xe")
    component.accepts_results_of.set([record, licence])
    DossierComponentFactory(procedure=renewal, position=2, name="Đơn đề nghị")

    _headers, rows = catalog_tables()["components"]

    assert [(row[2], row[COLUMN]) for row in rows] == [
        ("Bản sao giấy phép lái xe", "1.002809; 2.000488"),
        ("Đơn đề nghị", ""),
    ]


@pytest.mark.parametrize("suffix", ["xlsx", "zip"])
def test_export_import_export_keeps_the_accepted_results(tmp_path, suffix):
    licence = ProcedureFactory(code="1.002809", agencies=[AgencyFactory(code=AGENCY)])
    component = DossierComponentFactory(procedure=licence, position=1, name="Bản sao giấy phép lái xe")
    component.accepts_results_of.set([licence])
    first = tmp_path / f"first.{suffix}"
    export_catalog(first)
    component.accepts_results_of.clear()

    result = import_catalog(first)

    assert result.updated == ["1.002809"]
    assert accepted_codes(DossierComponent.objects.get(pk=component.pk)) == ["1.002809"]
    second = tmp_path / f"second.{suffix}"
    export_catalog(second)
    assert table_data(second) == table_data(first)
    # Unchanged now: importing the same file again writes nothing.
    assert import_catalog(second).unchanged == ["1.002809"]


def test_an_imported_component_accepts_a_catalog_procedure_and_one_of_the_same_file():
    AgencyFactory(code=AGENCY)
    ProcedureFactory(code="2.000488")
    import_rows(
        procedures=[procedure_row("1.000001"), procedure_row("1.000002")],
        components=[
            {"procedure_code": "1.000001", "name": "Phiếu lý lịch tư pháp", "accepts_results_of": "2.000488"},
            {"procedure_code": "1.000002", "name": "Bản sao", "accepts_results_of": "1.000001 ;2.000488;"},
        ],
    )

    first = DossierComponent.objects.get(procedure__code="1.000001")
    second = DossierComponent.objects.get(procedure__code="1.000002")
    assert accepted_codes(first) == ["2.000488"]
    assert accepted_codes(second) == ["1.000001", "2.000488"]


def test_an_emptied_cell_removes_the_accepted_results():
    AgencyFactory(code=AGENCY)
    earlier = ProcedureFactory(code="2.000488")
    import_rows(
        procedures=[procedure_row("1.000001")],
        components=[{"procedure_code": "1.000001", "name": "Phiếu", "accepts_results_of": "2.000488"}],
    )
    component = DossierComponent.objects.get(procedure__code="1.000001")
    assert accepted_codes(component) == [earlier.code]

    import_rows(
        procedures=[procedure_row("1.000001")],
        components=[{"procedure_code": "1.000001", "name": "Phiếu", "accepts_results_of": ""}],
    )

    assert DossierComponent.objects.get().pk == component.pk  # kept in place, by position
    assert accepted_codes(component) == []


def test_an_unknown_or_malformed_accepted_code_rejects_the_file(english):
    AgencyFactory(code=AGENCY)
    issues = rejected(
        procedures=[procedure_row("1.000001")],
        components=[
            {"procedure_code": "1.000001", "name": "Phiếu", "accepts_results_of": "9.999999"},
            {"procedure_code": "1.000001", "name": "Bản sao", "accepts_results_of": "giay-phep"},
        ],
    )

    assert places(issues) == {
        ("components", 2, "accepts_results_of"),
        ("components", 3, "accepts_results_of"),
    }
    messages = [issue.message for issue in issues]
    assert messages == [
        "Unknown procedure code “9.999999”: a component can accept only the result of a procedure in the "
        "catalog or on the procedures sheet.",
        "“giay-phep” is not a procedure code: use the national format, for example 1.001234.",
    ]
    assert not DossierComponent.objects.exists()
