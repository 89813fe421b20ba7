"""Dossier codes: <agency code>-<YYMMDD>-<XXXX> (Circular 01/2018, art. 19)."""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.rules import AGENCY_CODE_RE
from dossiers.domain.calendar import VN_TZ
from dossiers.domain.codes import (
    DossierCode,
    DossierCodeError,
    format_dossier_code,
    is_valid_dossier_code,
    parse_dossier_code,
)


def test_format():
    assert format_dossier_code("000.00.04.G18", date(2026, 2, 13), 7) == "000.00.04.G18-260213-0007"
    assert format_dossier_code("000.00.01.H22", date(2026, 12, 31), 9999) == "000.00.01.H22-261231-9999"


def test_format_uses_the_reception_date_in_vietnam():
    # 18:30 UTC on 12 February is 01:30 on 13 February in Vietnam.
    assert format_dossier_code("000.00.04.G18", datetime(2026, 2, 12, 18, 30, tzinfo=UTC), 1) == (
        "000.00.04.G18-260213-0001"
    )
    assert format_dossier_code("000.00.04.G18", datetime(2026, 2, 13, 23, 59, tzinfo=VN_TZ), 1) == (
        "000.00.04.G18-260213-0001"
    )
    with pytest.raises(ValueError, match="naive"):
        format_dossier_code("000.00.04.G18", datetime(2026, 2, 13, 10), 1)


def test_parse():
    parsed = parse_dossier_code("000.00.04.G18-260213-0007")
    assert parsed == ("000.00.04.G18", date(2026, 2, 13), 7)
    agency, day, sequence = parsed
    assert (parsed.agency_code, parsed.date, parsed.sequence) == (agency, day, sequence)
    assert str(parsed) == "000.00.04.G18-260213-0007"
    assert isinstance(parsed, DossierCode)


def test_parse_ignores_spaces_and_case():
    assert parse_dossier_code("  000.00.04.g18-260213-0007\n") == ("000.00.04.G18", date(2026, 2, 13), 7)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("000.00.04.G1", date(2026, 2, 13), 1),
            "“000.00.04.G1” is not an agency code such as 000.00.04.G18.",
        ),
        (
            ("000.00.04.g18", date(2026, 2, 13), 1),
            "“000.00.04.g18” is not an agency code such as 000.00.04.G18.",
        ),
        ((None, date(2026, 2, 13), 1), "“None” is not an agency code such as 000.00.04.G18."),
        (
            ("000.00.04.G18", date(2026, 2, 13), 0),
            "The sequence of the day must be a whole number from 1 to 9999, not 0.",
        ),
        (
            ("000.00.04.G18", date(2026, 2, 13), 10000),
            "The sequence of the day must be a whole number from 1 to 9999, not 10000.",
        ),
        (
            ("000.00.04.G18", date(2026, 2, 13), "7"),
            "The sequence of the day must be a whole number from 1 to 9999, not 7.",
        ),
        (
            ("000.00.04.G18", date(2026, 2, 13), True),
            "The sequence of the day must be a whole number from 1 to 9999, not True.",
        ),
        (
            ("000.00.04.G18", date(1999, 12, 31), 1),
            "A dossier code can only carry a date from 2000 to 2099, not 1999-12-31.",
        ),
    ],
)
def test_format_errors(args, message):
    with translation.override("en"), pytest.raises(DossierCodeError) as error:
        format_dossier_code(*args)
    with translation.override("en"):
        assert str(error.value) == message


def test_format_needs_a_date():
    with pytest.raises(TypeError):
        format_dossier_code("000.00.04.G18", "2026-02-13", 1)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter a dossier code."),
        ("   ", "Enter a dossier code."),
        (None, "Enter a dossier code."),
        (
            "000.00.04.G18/260213/0007",
            "“000.00.04.G18/260213/0007” is not a dossier code: expected AGENCY-YYMMDD-XXXX, "
            "such as 000.00.04.G18-260213-0007.",
        ),
        (
            "000.00.04.G18-260213",
            "“000.00.04.G18-260213” is not a dossier code: expected AGENCY-YYMMDD-XXXX, "
            "such as 000.00.04.G18-260213-0007.",
        ),
        ("00.00.04.G18-260213-0007", "“00.00.04.G18” is not an agency code such as 000.00.04.G18."),
        ("000.00.04.G18-X-260213-0007", "“000.00.04.G18-X” is not an agency code such as 000.00.04.G18."),
        ("000.00.04.G18-2602131-0007", "“2602131” is not a date in the form YYMMDD (six digits)."),
        ("000.00.04.G18-26O213-0007", "“26O213” is not a date in the form YYMMDD (six digits)."),
        ("000.00.04.G18-260230-0007", "“260230” is not a valid date (YYMMDD)."),
        ("000.00.04.G18-261301-0007", "“261301” is not a valid date (YYMMDD)."),
        ("000.00.04.G18-260213-007", "“007” is not a sequence of four digits (0001–9999)."),
        ("000.00.04.G18-260213-00007", "“00007” is not a sequence of four digits (0001–9999)."),
        ("000.00.04.G18-260213-", "“” is not a sequence of four digits (0001–9999)."),
        ("000.00.04.G18-260213-0000", "The sequence of the day starts at 0001, not 0000."),
    ],
)
def test_parse_errors(code, message):
    with translation.override("en"):
        with pytest.raises(DossierCodeError) as error:
            parse_dossier_code(code)
        assert str(error.value) == message
    assert isinstance(error.value, ValueError)
    assert not is_valid_dossier_code(code)


def test_leap_day():
    assert parse_dossier_code("000.00.04.G18-280229-0001").date == date(2028, 2, 29)
    assert not is_valid_dossier_code("000.00.04.G18-270229-0001")


def test_is_valid():
    assert is_valid_dossier_code("000.00.01.H22-250701-0123")


agency_codes = st.from_regex(AGENCY_CODE_RE, fullmatch=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(agency_codes, st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 9999))
def test_round_trip(agency_code, day, sequence):
    code = format_dossier_code(agency_code, day, sequence)
    assert len(code) == len(agency_code) + 12
    assert parse_dossier_code(code) == (agency_code, day, sequence)
    assert str(parse_dossier_code(code)) == code
