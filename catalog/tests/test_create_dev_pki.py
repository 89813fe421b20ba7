"""`manage.py create_dev_pki`: one certificate per agency row, kept on the next run."""

from io import StringIO

import pytest
from django.core.management import call_command

from catalog.tests.factories import AgencyFactory


def run(*args) -> str:
    out = StringIO()
    call_command("create_dev_pki", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_one_certificate_per_agency_then_only_the_missing(settings, tmp_path):
    settings.MOTCUA_SIGNING_PKCS12_DIR = tmp_path
    AgencyFactory(code="000.00.04.G18", name="Sở Tư pháp")
    assert run() == f"Development PKI in {tmp_path}: 1 certificate(s) made, 0 kept.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "000.00.04.G18.p12",
        "root-key.pem",
        "root.crl",
        "root.pem",
    ]
    assert run("--if-missing") == ""
    AgencyFactory(code="000.00.12.H47", name="Sở Xây dựng")
    assert run("--if-missing") == f"Development PKI in {tmp_path}: 1 certificate(s) made, 1 kept.\n"
