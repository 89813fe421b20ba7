"""Schemathesis against the published OpenAPI schema, as an anonymous caller, a citizen and an officer.

Every operation of /api/v1/openapi.json gets requests generated from its schema, valid ones and
invalid ones, sent in-process to the WSGI application (the test's database, seeded with a catalog, a
received dossier and a citizen's draft). No answer may be a 5xx. Bounded: a few dozen examples per
operation and kind of caller, derandomized so that a run is repeatable. Every answer must also match
the schema: a documented status code, the documented content type, and a body of the documented shape.
"""

import pytest
from django.core.wsgi import get_wsgi_application

from accounts.api_auth import issue_token
from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers import submission
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

pytestmark = pytest.mark.django_db

# Per operation, caller and mode (valid, invalid); derandomized, so every run sends the same requests (a
# failure found once is found again). Kept small enough for the suite's time on two databases.
EXAMPLES = 15


@pytest.fixture
def wsgi_in_the_test_transaction():
    """The real WSGI handler closes the database connection when a request ends; inside the test's
    transaction (PostgreSQL) that would end it. Django's own test client disconnects the same hooks."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def callers():
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(service_level=4, agencies=[counter.agency])
    received_dossier(counter, procedure)
    applicant = citizen()
    submission.start_draft(applicant, procedure)  # the draft that made the officers' list answer 500
    return {
        "anonymous": {},
        "citizen": {"Authorization": f"Bearer {issue_token(applicant, 'schemathesis')[1]}"},
        "officer": {"Authorization": f"Bearer {issue_token(counter, 'schemathesis')[1]}"},
    }


@pytest.mark.parametrize("caller", ["anonymous", "citizen", "officer"])
def test_no_request_generated_from_the_schema_gets_a_server_error_or_an_undocumented_answer(
    callers, caller, wsgi_in_the_test_transaction
):
    from hypothesis import HealthCheck, given, settings
    from schemathesis.generation.modes import GenerationMode
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    conformance = [status_code_conformance, content_type_conformance, response_schema_conformance]

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_in_the_test_transaction)
    headers = callers[caller]
    server_errors, mismatches = [], []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def send(case):
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    request = case.as_curl_command()
                    detail = response.text[-2000:] if not server_errors else ""
                    server_errors.append(
                        f"{operation.label} ({mode}): {response.status_code} {request}\n{detail}"
                    )
                    return
                try:
                    case.validate_response(response, checks=conformance, headers=headers)
                except Exception as failure:  # schemathesis raises a group of check failures
                    if len(mismatches) < 20:
                        mismatches.append(
                            f"{operation.label} ({mode}): {response.status_code} {case.as_curl_command()}\n"
                            f"{str(failure)[:1500]}"
                        )

            try:
                send()
            except hypothesis.errors.Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing invalid to send (no parameters)
    assert not server_errors, "\n".join(server_errors[:20])
    assert not mismatches, "\n".join(mismatches)
