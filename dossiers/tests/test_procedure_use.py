"""A procedure's use (its dossiers of the last 12 months) recounted for the catalog search's ranking."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Procedure
from catalog.queries import ProcedureFilters, find_procedures
from catalog.tests.factories import procedure_with_details
from dossiers.queries import procedure_use
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db


def test_the_nightly_count_puts_the_used_procedure_first_among_equals():
    officer = OfficerFactory()
    unused = procedure_with_details(agencies=[officer.agency], name="Đổi giấy phép lái xe")
    used = procedure_with_details(agencies=[officer.agency], name="Cấp đổi giấy phép lái xe")
    now = timezone.now()
    received_dossier(officer, used, now=now - timedelta(days=3))
    received_dossier(officer, used, now=now - timedelta(days=200))
    received_dossier(officer, unused, now=now - timedelta(days=400))  # more than a year ago
    search = ProcedureFilters(search="giay phep lai xe")
    assert [p.name for p in find_procedures(search)] == [unused.name, used.name]  # the shorter name

    assert procedure_use(now=now) == {used.pk: 2}
    out = io.StringIO()
    call_command("count_procedure_use", stdout=out)
    assert dict(Procedure.objects.values_list("name", "popularity")) == {unused.name: 0, used.name: 2}
    assert out.getvalue() == "1 procedures used in the last 12 months; 1 changed.\n"
    assert [p.name for p in find_procedures(search)] == [used.name, unused.name]
