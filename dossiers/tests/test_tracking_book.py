"""The counter's dossier tracking book (Mẫu số 07): the agency's own dossiers, bounded, constant queries."""

from datetime import UTC, date, datetime

import pytest

from dossiers import documents
from dossiers.documents import check_tracking_book_range, tracking_book_data_rows, tracking_book_pdf
from dossiers.domain.errors import DomainError
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db
MARCH = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)


def test_only_the_agencys_dossiers_of_the_range():
    officer = OfficerFactory()
    inside = received_dossier(officer, now=MARCH)
    received_dossier(officer, procedure=inside.procedure, now=datetime(2026, 4, 1, 1, 0, tzinfo=UTC))
    received_dossier(now=MARCH)  # another agency
    rows = tracking_book_data_rows(officer.agency, date(2026, 3, 1), date(2026, 3, 31))
    assert [row.dossier_code for row in rows] == [inside.code]
    assert check_tracking_book_range(officer.agency, date(2026, 3, 1), date(2026, 3, 31)) == 1


@pytest.mark.usefixtures("english")
def test_range_limits():
    officer = OfficerFactory()
    with pytest.raises(DomainError, match="start date"):
        check_tracking_book_range(officer.agency, date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(DomainError, match="366"):
        check_tracking_book_range(officer.agency, date(2025, 1, 1), date(2026, 3, 1))


@pytest.mark.usefixtures("english")
def test_too_many_dossiers_is_refused(monkeypatch):
    officer = OfficerFactory()
    first = received_dossier(officer, now=MARCH)
    received_dossier(officer, procedure=first.procedure, now=MARCH)
    monkeypatch.setattr(documents, "TRACKING_BOOK_MAX_ROWS", 1)
    with pytest.raises(DomainError, match="shorter period"):
        check_tracking_book_range(officer.agency, date(2026, 3, 1), date(2026, 3, 31))


def test_queries_do_not_grow_with_the_dossiers(django_assert_num_queries):
    officer = OfficerFactory()
    first = received_dossier(officer, now=MARCH)
    with django_assert_num_queries(1) as few:
        pdf = tracking_book_pdf(officer.agency, date(2026, 3, 1), date(2026, 3, 31))
    assert pdf.startswith(b"%PDF")
    for _ in range(8):
        received_dossier(officer, procedure=first.procedure, now=MARCH)
    with django_assert_num_queries(len(few.captured_queries)):
        tracking_book_pdf(officer.agency, date(2026, 3, 1), date(2026, 3, 31))
