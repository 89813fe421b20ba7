"""The result templates' placeholder language, and the admin's check of the placeholders a template uses."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import FormField, ResultTemplate
from catalog.result_templates import fill, placeholders_in, unknown_placeholders
from catalog.tests.factories import ProcedureFactory


def test_placeholders_are_filled_and_braces_can_be_written():
    text = "Cấp cho {applicant_name} ({ personal_id }) giấy phép số {eform.so} {{không phải ô}}"
    values = {"applicant_name": "Trần Văn Bình", "personal_id": "001099012345", "eform.so": "12/GP"}
    assert fill(text, values) == "Cấp cho Trần Văn Bình (001099012345) giấy phép số 12/GP {không phải ô}"


def test_an_unknown_placeholder_stays_visible_in_the_draft():
    assert fill("Ngày {ngay_ky}", {}) == "Ngày {ngay_ky}"


def test_placeholders_are_listed_once_in_order():
    assert placeholders_in("{a} {b} {a} {{c}}") == ["a", "b"]


def test_unknown_placeholders_name_what_is_neither_a_fact_nor_an_answer():
    text = "{applicant_name} {eform.hang} {eform.khong_co} {ho_ten}"
    assert unknown_placeholders(text, ["hang"]) == ["eform.khong_co", "ho_ten"]


@pytest.mark.django_db
def test_the_admin_refuses_a_template_with_an_unknown_placeholder(english):
    procedure = ProcedureFactory()
    FormField.objects.create(procedure=procedure, key="hang", label="Hạng", kind="text", order=1)
    template = ResultTemplate(
        procedure=procedure, title="GIẤY PHÉP LÁI XE", body="Hạng {eform.hang} cho {ho_ten}", subject="{x}"
    )
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert refused.value.message_dict == {
        "body": ["Unknown placeholders: {ho_ten}."],
        "subject": ["Unknown placeholders: {x}."],
    }
    template.body, template.subject = "Hạng {eform.hang} cho {applicant_name}", ""
    template.full_clean()
