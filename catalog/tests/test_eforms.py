"""E-forms: each kind of field, required answers, drafts, and the catalog's FormField model."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from catalog import eforms
from catalog.eforms import FieldError
from catalog.models import FormField
from catalog.tests.factories import ProcedureFactory

QUANG_NINH, AN_SINH, HA_NOI = 22, 7090, 1

pytestmark = pytest.mark.usefixtures("english")


@dataclass
class F:
    key: str
    kind: str = "text"
    required: bool = True
    label: str = "Trường"
    choices: list = field(default_factory=list)


def clean(kind, value, **kwargs):
    return eforms.clean_value(F("x", kind, **kwargs), value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("25/03/1990", "1990-03-25"), ("5/3/1990", "1990-03-05"), ("25-03-1990", "1990-03-25"),
     ("1990-03-25", "1990-03-25"), (" 01/01/2000 ", "2000-01-01")],
)  # fmt: skip
def test_dates_in_vietnamese_order_or_iso(raw, expected):
    assert clean("date", raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [("31/02/1990", "31/02/1990 is not a date"), ("1990/25/03", "day/month/year"),
     ("hôm qua", "day/month/year"), ("01/01/1850", "before 1900")],
)  # fmt: skip
def test_bad_dates_say_what_is_wrong(raw, message):
    with pytest.raises(FieldError, match=message):
        clean("date", raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2", 2), ("1,5", 1.5), ("1.500", 1500), ("1.250.000", 1250000), ("1.250.000,75", 1250000.75),
     ("-3", -3), ("1.5", 1.5), (" 12 ", 12), (7, 7), (2.25, 2.25)],
)  # fmt: skip
def test_numbers_the_vietnamese_way(raw, expected):
    assert clean("number", raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "12.34.5", "1.23,4.5", "", "--1", True])
def test_bad_numbers(raw):
    with pytest.raises(FieldError, match="Write a number"):
        eforms.parse_number(raw)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_numbers_read_back_the_same(number):
    assert eforms.parse_number(eforms.format_number(number)) == number


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_displayed_dates_read_back_the_same(day):
    shown = eforms.display_value(F("d", "date"), day.isoformat())
    assert clean("date", shown) == day.isoformat()


def test_choice_must_be_one_of_the_options():
    options = ["Phiếu số 1", "Phiếu số 2"]
    assert clean("choice", " Phiếu số 2 ", choices=options) == "Phiếu số 2"
    with pytest.raises(FieldError, match="Choose one of the options"):
        clean("choice", "Phiếu số 3", choices=options)


def test_personal_id_uses_the_identity_rules():
    assert clean("personal_id", "0221 9000 1234") == "022190001234"
    with pytest.raises(FieldError, match="12 digits"):
        clean("personal_id", "12345")
    with pytest.raises(FieldError, match="not a province code"):
        clean("personal_id", "999190001234")


def test_text_length_limits():
    assert clean("text", "  Hạ Long  ") == "Hạ Long"
    with pytest.raises(FieldError, match="at most 500"):
        clean("text", "a" * 501)
    assert len(clean("textarea", "a" * 4000)) == 4000


def test_address_of_todays_units():
    value = {"province_code": str(QUANG_NINH), "ward_code": AN_SINH, "street": " Tổ 3 "}
    assert clean("address", value) == {"province_code": QUANG_NINH, "ward_code": AN_SINH, "street": "Tổ 3"}
    with pytest.raises(FieldError, match="An Sinh"):  # "… is not in Hà Nội" (already translated)
        clean("address", {"province_code": HA_NOI, "ward_code": AN_SINH})
    with pytest.raises(FieldError, match="Choose the province and the commune"):
        clean("address", {"province_code": QUANG_NINH})
    with pytest.raises(FieldError):
        clean("address", "Hạ Long")
    shown = eforms.display_value(F("a", "address"), clean("address", value))
    assert shown.startswith("Tổ 3, Phường An Sinh, ") and "Quảng Ninh" in shown


FIELDS = [
    F("full_name", "text", label="Họ và tên"),
    F("birth_date", "date", label="Ngày sinh"),
    F("kind", "choice", label="Loại phiếu", choices=["Phiếu số 1", "Phiếu số 2"]),
    F("copies", "number", required=False, label="Số lượng"),
]


def test_validate_requires_every_required_field_and_reports_each():
    result = eforms.validate(FIELDS, {"full_name": " ", "birth_date": "30/02/2000", "other": "dropped"})
    assert not result.is_valid
    assert result.errors == {
        "full_name": ["Fill in “Họ và tên”."],
        "birth_date": ["30/02/2000 is not a date in the calendar."],
        "kind": ["Choose “Loại phiếu”."],
    }
    ok = eforms.validate(FIELDS, {"full_name": "An", "birth_date": "01/02/2000", "kind": "Phiếu số 1"})
    assert ok.is_valid
    assert ok.cleaned == {"full_name": "An", "birth_date": "2000-02-01", "kind": "Phiếu số 1", "copies": None}


def test_partial_validation_of_a_draft_checks_formats_only():
    result = eforms.validate(FIELDS, {"birth_date": "01/02/2000", "copies": "x"}, partial=True)
    assert result.cleaned == {"birth_date": "2000-02-01"}
    assert set(result.errors) == {"copies"}


def test_cleaned_answers_validate_again_unchanged():
    raw = {"full_name": "An", "birth_date": "01/02/2000", "kind": "Phiếu số 1", "copies": "1,5"}
    cleaned = eforms.validate(FIELDS, raw).cleaned
    assert eforms.validate(FIELDS, cleaned).cleaned == cleaned
    assert eforms.input_value(FIELDS[3], cleaned["copies"]) == "1,5"
    assert eforms.input_value(FIELDS[1], cleaned["birth_date"]) == "01/02/2000"


def test_choices_error():
    assert eforms.choices_error("choice", ["a", "b"]) is None
    assert "needs a list" in eforms.choices_error("choice", [])
    assert "different" in eforms.choices_error("choice", ["a", "a"])
    assert "non-empty" in eforms.choices_error("choice", ["a", ""])
    assert "Only a choice field" in eforms.choices_error("text", ["a"])
    assert Decimal(eforms.format_number(Decimal("0.50")).replace(",", ".")) == Decimal("0.5")


@pytest.mark.django_db
def test_form_field_model_checks_choices_and_unique_keys():
    procedure = ProcedureFactory()
    bad = FormField(procedure=procedure, key="kind", label="Loại", kind="choice", choices=[])
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert "choices" in refused.value.message_dict
    FormField.objects.create(procedure=procedure, key="kind", label="Loại", kind="choice", choices=["a"])
    duplicate = FormField(procedure=procedure, key="kind", label="Khác", kind="text")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.django_db
def test_demo_criminal_record_procedure_has_its_eform_online():
    from catalog.demo.loader import load_demo
    from catalog.models import Procedure

    load_demo()
    procedure = Procedure.objects.get(code="2.000488")
    assert procedure.level.allows_online_submission
    fields = list(procedure.form_fields.all())
    assert [f.key for f in fields][:3] == ["gioi_tinh", "ngay_sinh", "noi_sinh"]
    answers = {
        "gioi_tinh": "Nữ",
        "ngay_sinh": "25/03/1990",
        "noi_sinh": "Quảng Ninh",
        "quoc_tich": "Việt Nam",
        "noi_thuong_tru": {"province_code": QUANG_NINH, "ward_code": AN_SINH, "street": "Tổ 3"},
        "loai_phieu": "Phiếu lý lịch tư pháp số 1",
        "muc_dich": "Bổ sung hồ sơ xin việc",
        "so_luong": "2",
        "doi_tuong": "Không thuộc diện được giảm phí",
    }
    assert eforms.validate(fields, answers).is_valid
    assert Procedure.objects.filter(form_fields__isnull=False).distinct().count() == 3
    assert not load_demo().changed


@pytest.mark.parametrize(
    "typed", ["15/06/1995", "15061995", "15.06.1995", "15-6-1995", "15 06 1995", "1995-06-15"]
)
def test_dates_are_read_as_phone_keypads_type_them(typed):
    from datetime import date

    from catalog.eforms import parse_date

    assert parse_date(typed) == date(1995, 6, 15)


@pytest.mark.parametrize("typed", ["150695", "31021995", "١٥٠٦١٩٩٥", "15/06/95"])
def test_impossible_or_ambiguous_dates_are_refused(typed):
    from catalog.eforms import FieldError, parse_date

    with pytest.raises(FieldError):
        parse_date(typed)
