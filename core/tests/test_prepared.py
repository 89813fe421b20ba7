from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from core.prepared import PreparedQuery
from dossiers.models import DossierStep
from dossiers.tests.factories import received_dossier


def _steps(dossier_id):
    return DossierStep.objects.filter(dossier_id=dossier_id).order_by("index").values_list("index", "due_at")


@pytest.mark.django_db
def test_a_prepared_query_gives_the_querysets_rows_and_is_compiled_once(django_assert_num_queries):
    first, second = received_dossier(), received_dossier()
    prepared = PreparedQuery(_steps)
    assert prepared.rows(first.pk) == list(_steps(first.pk))
    compiled_again = mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("compiled again"))
    with compiled_again, django_assert_num_queries(1):
        rows = prepared.rows(second.pk)
    assert rows == list(_steps(second.pk)) and rows
    # Datetimes converted as the ORM converts them (SQLite returns text).
    assert all(due is None or due.tzinfo is not None for _index, due in rows)


@pytest.mark.django_db
def test_values_that_would_change_the_sql_run_the_queryset_as_usual():
    received_dossier()
    prepared = PreparedQuery(
        lambda code: DossierStep.objects.filter(dossier__code=code, done_at=None).values_list("index")
    )
    # The SQL's parameters are not just ``code`` (``done_at IS NULL`` has none, but a first call with
    # None for the code would compile ``code IS NULL``): neither is cached.
    assert prepared.rows(None) == []
    dossier = received_dossier()
    assert prepared.rows(dossier.code) == list(
        DossierStep.objects.filter(dossier__code=dossier.code, done_at=None).values_list("index")
    )
