import pytest

from dossiers.lookup import find_for_applicant, normalize_identifier
from dossiers.tests.factories import received_dossier


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("+84 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        (" 022301004567 ", "022301004567"),
        ("84912345678", "0912345678"),
        ("0100109106-001", "0100109106001"),
        ("", ""),
    ],
)
def test_identifiers_are_compared_without_separators(raw, expected):
    assert normalize_identifier(raw) == expected


@pytest.mark.django_db
def test_the_applicants_id_or_phone_opens_the_dossier_and_nothing_else_does(django_assert_num_queries):
    dossier = received_dossier(id_number="022301004567", phone="0912345678")
    with django_assert_num_queries(1):
        assert find_for_applicant(dossier.code, "022301004567") == dossier
    assert find_for_applicant(dossier.code.lower(), "+84 912 345 678") == dossier
    assert find_for_applicant(dossier.code, "022301004568") is None
    assert find_for_applicant(dossier.code, "") is None
    assert find_for_applicant("000.00.00.H00-260101-9999", "022301004567") is None


@pytest.mark.django_db
def test_an_empty_phone_never_matches():
    dossier = received_dossier(phone="")
    assert find_for_applicant(dossier.code, " - ") is None
