"""Fixtures of the payments' tests: a level-4 dossier awaiting fees, its applicant, and the sandbox
gateway reached through the portal's own views (no socket: the two transport functions are routed
to Django's test client)."""

import json
from urllib.parse import urlsplit

import pytest


@pytest.fixture
def applicant(db):
    from dossiers.tests.test_submission import citizen

    return citizen()


@pytest.fixture
def counter(db):
    from core.roles import Role
    from dossiers.tests.factories import OfficerFactory

    return OfficerFactory(role=Role.COUNTER_OFFICER)


@pytest.fixture
def procedure(counter):
    """Level 4; its fees: "Phí thẩm định" 1.250.000 ₫ (fixed) and "Lệ phí cấp" 135.000 ₫ only for
    "Cấp mới" (a condition: not charged yet)."""
    from catalog.tests.factories import procedure_with_details

    return procedure_with_details(agencies=[counter.agency], service_level=4)


@pytest.fixture
def awaiting_fees(counter, procedure, applicant):
    """A dossier of ``applicant``, received, for which the counter asked the fees."""
    from dossiers.domain.lifecycle import Action
    from dossiers.models import Dossier
    from dossiers.services import perform
    from dossiers.tests.factories import received_dossier

    dossier = received_dossier(officer=counter, procedure=procedure)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    dossier.refresh_from_db()
    return perform(dossier, counter, Action.REQUEST_FEES)


@pytest.fixture
def gateway_web(monkeypatch, settings):
    """The gateways' HTTP calls (the sandbox's IPN, querydr) answered by the portal's views."""
    from django.test import Client

    from payments.gateways import http

    web = Client()
    calls = []

    def get(url, *, timeout):
        parts = urlsplit(url)
        calls.append(("GET", parts.path))
        return web.get(f"{parts.path}?{parts.query}").content.decode()

    def post_json(url, body, *, timeout):
        path = urlsplit(url).path
        calls.append(("POST", path))
        return web.post(path, data=json.dumps(body), content_type="application/json").json()

    monkeypatch.setattr(http, "get", get)
    monkeypatch.setattr(http, "post_json", post_json)
    return calls
