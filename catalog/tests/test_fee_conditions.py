"""A fee line chosen by an e-form answer, and when the fees are paid: the catalog's validation (admin)
and the transfer format (export, import, round trip)."""

import pytest
from django.core.exceptions import ValidationError

from catalog.constants import PaymentTiming
from catalog.models import Fee, FormField, Procedure
from catalog.tests.factories import AgencyFactory, FeeFactory, ProcedureFactory
from catalog.transfer import CatalogImportError, export_catalog, import_catalog
from catalog.transfer.columns import FEES, PROCEDURES
from catalog.transfer.files import read_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure():
    procedure = ProcedureFactory(code="1.009001", agencies=[AgencyFactory()])
    FormField.objects.create(
        procedure=procedure, key="ly_do", label="Lý do", kind="choice", choices=["Cấp mới", "Cấp lại"]
    )
    FormField.objects.create(procedure=procedure, key="so_trang", label="Số trang", kind="number")
    return procedure


def as_dicts(table, sheet) -> list[dict]:
    """The rows of a sheet as read, by column (trailing blank cells are not read: None)."""
    return [
        {key: (cells[i] if i < len(cells) else None) for i, key in enumerate(sheet.headers)}
        for _n, cells in table.rows
    ]


def errors_of(fee) -> dict:
    with pytest.raises(ValidationError) as caught:
        fee.full_clean()
    return {
        field: [str(message) for message in messages] for field, messages in caught.value.message_dict.items()
    }


def test_a_condition_names_a_field_of_the_procedure_and_one_of_its_options(procedure, english):
    def fee(field, value):
        return Fee(
            procedure=procedure, name="Lệ phí", amount=1000, condition_field=field, condition_value=value
        )

    fee("ly_do", "Cấp lại").full_clean()
    fee("so_trang", "3").full_clean()  # not a choice field: any answer
    fee("", "").full_clean()
    assert errors_of(fee("ly_do", "Cấp đổi")) == {
        "condition_value": ["“Cấp đổi” is not an option of the field “ly_do”: Cấp mới; Cấp lại."]
    }
    assert errors_of(fee("gioi_tinh", "Nam")) == {
        "condition_field": ["The procedure has no e-form field “gioi_tinh” (its fields: ly_do, so_trang)."]
    }
    assert errors_of(fee("ly_do", "")) == {
        "condition_value": ["Give the answer for which this fee is charged."]
    }
    assert errors_of(fee("", "Cấp lại")) == {
        "condition_field": ["Choose the e-form field whose answer this value is."]
    }


def test_conditions_and_payment_timing_survive_export_and_import(procedure, tmp_path):
    procedure.payment_timing = PaymentTiming.AT_SUBMISSION
    procedure.save()
    FeeFactory(procedure=procedure, position=1, name="Phí thẩm định", amount=50000)
    FeeFactory(
        procedure=procedure,
        position=2,
        name="Lệ phí cấp lại",
        amount=400000,
        applies_when="Cấp lại do mất",
        condition_field="ly_do",
        condition_value="Cấp lại",
    )
    first = tmp_path / "first.xlsx"
    export_catalog(first)
    tables = read_tables(first, first)
    fee_rows = as_dicts(tables["fees"], FEES)
    assert [
        (row["name"], row["condition_field"] or "", row["condition_value"] or "") for row in fee_rows
    ] == [
        ("Phí thẩm định", "", ""),
        ("Lệ phí cấp lại", "ly_do", "Cấp lại"),
    ]
    procedure_row = as_dicts(tables["procedures"], PROCEDURES)[0]
    assert procedure_row["payment_timing"] == "at_submission"

    # Imported back over a catalog whose lines lost their condition: the file's conditions return.
    Fee.objects.filter(procedure=procedure).update(condition_field="", condition_value="")
    Procedure.objects.filter(pk=procedure.pk).update(payment_timing=PaymentTiming.NONE)
    result = import_catalog(first)
    assert result.updated == ["1.009001"]
    line = Fee.objects.get(procedure=procedure, position=2)
    assert (line.condition_field, line.condition_value, line.applies_when) == (
        "ly_do",
        "Cấp lại",
        "Cấp lại do mất",
    )
    assert Procedure.objects.get(pk=procedure.pk).payment_timing == PaymentTiming.AT_SUBMISSION

    second = tmp_path / "second.xlsx"
    export_catalog(second)
    assert read_tables(second, second)["fees"].rows == tables["fees"].rows
    assert read_tables(second, second)["procedures"].rows == tables["procedures"].rows


def test_an_import_refuses_a_condition_the_procedure_s_e_form_cannot_answer(procedure, tmp_path, english):
    FeeFactory(
        procedure=procedure,
        position=1,
        name="Lệ phí",
        amount=1000,
        condition_field="ly_do",
        condition_value="Cấp lại",
    )
    path = tmp_path / "catalog.xlsx"
    export_catalog(path)
    FormField.objects.filter(procedure=procedure, key="ly_do").update(choices=["Cấp mới"])
    with pytest.raises(CatalogImportError) as caught:
        import_catalog(path)
    assert [(issue.sheet, issue.row, issue.column, issue.message) for issue in caught.value.issues] == [
        ("fees", 2, "condition_value", "“Cấp lại” is not an option of the field “ly_do”: Cấp mới.")
    ]
    assert Fee.objects.get(procedure=procedure).condition_value == "Cấp lại"
