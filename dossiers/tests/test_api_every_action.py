"""Every action of the lifecycle goes through the officers' API, each by the role the rules give it."""

import pytest

from catalog.tests.factories import AgencyFactory
from core.roles import Role
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_api import bearer
from portal.tests.test_my_dossiers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(counter):
    agency = counter.agency
    other = AgencyFactory()
    return {
        "counter": counter,
        "specialist": OfficerFactory(role=Role.SPECIALIST, agency=agency),
        "leader": OfficerFactory(role=Role.LEADER, agency=agency),
        "manager": OfficerFactory(role=Role.MANAGER, agency=agency),
        "consulted": OfficerFactory(role=Role.SPECIALIST, agency=other),
        "other_agency": other,
    }


def act(client, people, dossier, who, action, expected_state, **body):
    response = client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/{action}", body, "application/json", **bearer(people[who])
    )
    assert response.status_code == 200, (action, response.content)
    assert response.json()["state"] == expected_state, action
    return response.json()


def test_the_long_way_through_every_side_path(client, counter, procedure, people):
    dossier = received_dossier(officer=counter, procedure=procedure)
    other_agency, missing = people["other_agency"].code, [{"name": "Tờ khai", "reason": "Thiếu chữ ký"}]
    steps = [
        ("counter", "assign", "in_progress", {}),
        ("counter", "forward", "in_progress", {}),  # to the specialist's step
        ("specialist", "request_fees", "awaiting_fees", {"comment": "Lệ phí 200.000 đồng"}),
        ("counter", "pay_fees", "in_progress", {}),
        ("specialist", "send_inter_agency", "inter_agency", {"consulted_agency": other_agency}),
        ("consulted", "return_from_inter_agency", "in_progress", {"comment": "Đồng ý"}),
        ("specialist", "send_back", "in_progress", {"comment": "Thiếu chữ ký"}),  # back to the counter
        ("counter", "forward", "in_progress", {}),
        ("specialist", "request_supplement", "awaiting_supplement", {"supplement_items": missing}),
        ("counter", "supplement", "in_progress", {}),
        ("specialist", "forward", "in_progress", {}),  # to the leader's step
        ("leader", "approve", "approved", {}),
        ("leader", "issue_result", "result_issued", {}),
        ("counter", "return_result", "returned", {}),
    ]
    for who, action, state, body in steps:
        answer = act(client, people, dossier, who, action, state, **body)
        if who == "consulted":  # its answer ends the consulted agency's part
            assert answer["allowed_actions"] == []
            assert client.get(f"/api/v1/dossiers/{dossier.code}", **bearer(people[who])).status_code == 404
    detail = client.get(f"/api/v1/dossiers/{dossier.code}", **bearer(counter)).json()
    logged = [entry["action"] for entry in detail["log"]]
    assert logged == ["receive"] + [action for _who, action, _state, _body in steps]


@pytest.mark.parametrize(
    ("who", "action", "state"),
    [
        ("counter", "reject", "rejected"),
        ("counter", "withdraw", "withdrawn"),
        ("manager", "stop_processing", "processing_stopped"),
    ],
)
def test_the_ways_a_dossier_ends_early(client, counter, procedure, people, who, action, state):
    dossier = received_dossier(officer=counter, procedure=procedure)
    act(client, people, dossier, who, action, state, comment="Hồ sơ không thuộc thẩm quyền")


def test_an_online_dossier_is_received_through_the_api(client, counter, procedure, people):
    from dossiers.tests.test_submission import citizen

    dossier = submitted(citizen("lan", email="lan@example.vn"), procedure)
    assert dossier.state == "submitted"
    act(client, people, dossier, "counter", "receive", "received")


def test_every_action_is_walked_by_these_tests():
    walked = {"submit"}  # the applicant's, through the citizen API (portal/tests/test_me_api.py)
    walked |= {"receive", "reject", "withdraw", "stop_processing"}
    walked |= {
        "assign", "forward", "request_fees", "pay_fees", "send_inter_agency", "return_from_inter_agency",
        "send_back", "request_supplement", "supplement", "approve", "issue_result", "return_result",
    }  # fmt: skip
    walked |= {"apologize"}  # POST …/apology (test_api_edges.py, backoffice/tests/test_authorization_walk.py)
    walked |= {"draft_result"}  # POST …/result-draft (test_result_drafts.py)
    assert walked == {action.value for action in Action}
    assert Dossier.objects.count() == 0
