from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.identity import (
    PERSONAL_ID_PROVINCE_CODES,
    InvalidIdentifier,
    normalize_tax_code,
    parse_personal_id,
)

TODAY = date(2026, 11, 22)


def test_reads_province_gender_and_birth_year():
    person = parse_personal_id("022301004567", today=TODAY)
    assert (person.province_code, person.female, person.birth_year) == ("022", True, 2001)
    assert parse_personal_id("001085123456", today=TODAY).birth_year == 1985
    assert parse_personal_id("001085123456", today=TODAY).female is False


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("02230100456", "12 digits"),
        ("0223010045678", "12 digits"),
        ("02230100456a", "12 digits"),
        ("003301004567", "003"),  # no province has code 003
        ("099301004567", "099"),
        ("001230123456", "future"),  # born 2030
        ("001400123456", "future"),  # born 2100
    ],
)
@pytest.mark.usefixtures("english")
def test_refuses_malformed_ids_with_a_reason(value, fragment):
    with pytest.raises(InvalidIdentifier) as caught:
        parse_personal_id(value, today=TODAY)
    assert fragment in str(caught.value.message)


@given(
    province=st.sampled_from(sorted(PERSONAL_ID_PROVINCE_CODES)),
    century=st.integers(0, 3),
    year=st.integers(0, 99),
    rest=st.integers(0, 999_999),
)
def test_every_well_formed_id_of_a_past_birth_year_is_accepted(province, century, year, rest):
    number = f"{province}{century}{year:02d}{rest:06d}"
    birth_year = 1900 + 100 * (century // 2) + year
    if birth_year > TODAY.year:
        with pytest.raises(InvalidIdentifier):
            parse_personal_id(number, today=TODAY)
    else:
        assert parse_personal_id(number, today=TODAY).birth_year == birth_year


def test_tax_codes():
    assert normalize_tax_code(" 0101234567 ") == "0101234567"
    assert normalize_tax_code("0101234567-001") == "0101234567-001"
    for bad in ("010123456", "0101234567-01", "01012345678", "abc"):
        with pytest.raises(InvalidIdentifier):
            normalize_tax_code(bad)
