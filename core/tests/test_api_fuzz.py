"""Arbitrary JSON and arbitrary strings to every officer and citizen endpoint (hypothesis).

Two properties, whatever is sent: the answer is never a 5xx, and a refused request (4xx) changes
nothing in the database. Path parameters are drawn from real codes and ids as well as from arbitrary
text, so that requests reach the handlers' own checks and not only the 404 of an unknown dossier.
"""

import json
import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.api_auth import issue_token
from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers import submission
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierFile, ProcessLogEntry, SupplementRequest
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen
from motcua.api import api
from notifications.models import Notification

pytestmark = pytest.mark.django_db

EXAMPLES = 200

# Any JSON at all, strings included with NUL, lone surrogates and zero-width characters.
_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    ["", "\x00", "\ud800", "\u200b\u200b", "-1", "1" * 31, "7", "teleport", "2026-03-05T09:00:00", "٠١٢٣"]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_TEXT, children, max_size=4),
    max_leaves=12,
)
# Bodies shaped like the schemas' fields, with arbitrary values: they get past the parser more often.
_FIELDS = [
    "comment",
    "reason",
    "procedure",
    "agency",
    "applicant",
    "applicant_type",
    "name",
    "id_number",
    "phone",
    "channel",
    "result_delivery",
    "delivery_address",
    "supplement_items",
    "consulted_agency",
    "proposal",
    "new_appointment",
    "form_data",
    "components",
]
_SHAPED = st.dictionaries(st.sampled_from(_FIELDS), _JSON, max_size=6)


def _operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method in methods:
            yield method.upper(), path


def _snapshot():
    return (
        tuple(Dossier.objects.order_by("pk").values_list("pk", "state", "updated_at", "appointment_at")),
        DossierFile.objects.count(),
        ProcessLogEntry.objects.count(),
        SupplementRequest.objects.count(),
        Notification.objects.count(),
    )


@pytest.fixture
def world():
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    specialist = OfficerFactory(agency=counter.agency, role=Role.SPECIALIST)
    procedure = procedure_with_details(service_level=4, agencies=[counter.agency])
    dossier = received_dossier(counter, procedure)
    perform(dossier, counter, Action.ASSIGN)
    applicant = citizen()
    draft = submission.start_draft(applicant, procedure)
    return {
        "codes": [dossier.code, procedure.code, counter.agency.code],
        "ids": [draft.pk, dossier.pk, procedure.components.first().pk],
        "actions": [action.value for action in Action] + ["apologize"],
        "callers": {
            "citizen": {"HTTP_AUTHORIZATION": f"Bearer {issue_token(applicant, 'fuzz')[1]}"},
            "counter": {"HTTP_AUTHORIZATION": f"Bearer {issue_token(counter, 'fuzz')[1]}"},
            "specialist": {"HTTP_AUTHORIZATION": f"Bearer {issue_token(specialist, 'fuzz')[1]}"},
        },
    }


@pytest.mark.parametrize("caller", ["citizen", "counter", "specialist"])
def test_arbitrary_requests_never_fail_the_server_and_refusals_change_nothing(world, caller):
    operations = [(m, p) for m, p in _operations() if m in ("GET", "POST", "PUT", "DELETE")]
    assert len(operations) >= 15
    client = Client(raise_request_exception=False)
    headers = world["callers"][caller]

    def path_value(name, data):
        if name == "action":
            return data.draw(st.sampled_from(world["actions"]) | _TEXT.filter(lambda t: "/" not in t))
        if name.endswith("_id") or name == "id":
            return str(data.draw(st.sampled_from(world["ids"]) | st.integers(-(2**70), 2**70)))
        return data.draw(st.sampled_from(world["codes"]) | _TEXT.filter(lambda t: "/" not in t and t))

    @given(data=st.data())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def send(data):
        method, template = data.draw(st.sampled_from(operations))
        path = re.sub(r"\{(\w+)\}", lambda m: _quote(path_value(m.group(1), data)), template)
        body = data.draw(_SHAPED | _JSON)
        try:
            raw = json.dumps(body, ensure_ascii=True).encode()
        except (UnicodeEncodeError, ValueError):
            raw = b'{"comment": "\\ud800"}'
        before = _snapshot()
        response = client.generic(method, path, raw, content_type="application/json", **headers)
        assert response.status_code < 500, (method, path, raw[:300], response.content[:500])
        if response.status_code >= 400:
            assert _snapshot() == before, (method, path, raw[:300], response.status_code)

    send()


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value.encode("utf-8", "surrogatepass"), safe="") or "x"
