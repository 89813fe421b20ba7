"""The statistics pages: who sees what, the figures they show, drill-down, bad input, query counts."""

import re

import pytest
from django.urls import reverse

from core.roles import Role
from dossiers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db

MARCH = "period=month&year=2026&number=3"


def cells(html: str, label: str) -> list[str]:
    """The cells of the table row headed ``label`` (its text only)."""
    row = re.search(
        r"<tr>\s*<th scope=\"row\">(?:<a [^>]*>)?" + re.escape(label) + r"(?:</a>)?</th>(.*?)</tr>",
        html,
        re.S,
    )
    assert row, f"no row {label}"
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)
    ]


def test_the_public_page_shows_every_agency_without_signing_in(client, province):
    response = client.get(reverse("portal:statistics") + "?" + MARCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert cells(html, "Sở Tư pháp")[:11] == ["4", "1", "1", "2", "2", "1", "1", "0", "1", "0", "1"]
    assert cells(html, "UBND xã An Bình")[:11] == ["4", "0", "1", "3", "1", "0", "0", "1", "1", "1", "0"]
    assert "Trần Văn Bình" not in html  # counts only, never a person
    assert reverse("backoffice:statistics_dossiers") not in html  # no dossier list for the public


def test_a_province_manager_sees_every_agency_and_drills_down_to_the_late_dossier(client, province):
    a, b = province
    client.force_login(OfficerFactory(role=Role.PROVINCE_MANAGER, agency=a.agency))
    html = client.get(reverse("backoffice:statistics") + "?" + MARCH).content.decode()
    assert cells(html, "Sở Tư pháp")[:3] == ["4", "1", "1"] and cells(html, "UBND xã An Bình")[:3] == [
        "4",
        "0",
        "1",
    ]
    # The agency's row opens its report per procedure; its late count lists the dossier.
    agency_page = client.get(
        reverse("backoffice:statistics") + f"?{MARCH}&agency={b.agency.code}&group_by=procedure"
    )
    assert b.procedure.name in agency_page.content.decode()
    late = client.get(
        reverse("backoffice:statistics_dossiers") + f"?{MARCH}&agency={b.agency.code}&figure=resolved_late"
    )
    page = late.content.decode()
    assert late.status_code == 200 and f"{b.agency.code}-260316-" in page
    # Not the province manager's agency: the code without a link to the dossier.
    assert reverse("backoffice:dossier", args=[f"{b.agency.code}-260316-0001"]) not in page


def test_a_manager_sees_only_their_agency(client, province):
    a, b = province
    client.force_login(a.manager)
    html = client.get(reverse("backoffice:statistics") + "?" + MARCH).content.decode()
    assert cells(html, "Sở Tư pháp")[:3] == ["4", "1", "1"]
    assert "UBND xã An Bình" not in html
    other = client.get(reverse("backoffice:statistics") + f"?{MARCH}&agency={b.agency.code}")
    assert (
        'class="error-summary"' in other.content.decode() and "UBND xã An Bình" not in other.content.decode()
    )
    late = client.get(reverse("backoffice:statistics_dossiers") + f"?{MARCH}&figure=resolved_on_time")
    assert reverse("backoffice:dossier", args=[f"{a.agency.code}-260223-0001"]) in late.content.decode()
    assert (
        client.get(reverse("backoffice:statistics_dossiers") + f"?{MARCH}&figure=resolved_late")
        .content.decode()
        .count("260316")
        == 0
    )


@pytest.mark.parametrize(
    "role", [Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER, Role.CATALOG_OFFICER, Role.CITIZEN]
)
def test_other_roles_do_not_open_the_dashboard(client, role):
    client.force_login(OfficerFactory(role=role))
    assert client.get(reverse("backoffice:statistics")).status_code == 404
    assert client.get(reverse("backoffice:statistics_dossiers") + "?figure=received_total").status_code == 404


def test_a_province_manager_does_not_open_dossiers(client):
    client.force_login(OfficerFactory(role=Role.PROVINCE_MANAGER))
    assert client.get(reverse("backoffice:inbox")).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "period=month&number=13",
        "period=range&first=2026-03-05",
        "period=range&first=2026-03-05&last=2026-03-01",
        "year=abc",
        "period=week",
        "group_by=x",
        "agency=NOPE",
        "channel=9",
        "first=31/03/2026&period=range",
    ],
)
def test_bad_input_is_named_and_the_page_still_answers(client, query):
    response = client.get(reverse("portal:statistics") + "?" + query)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_an_unknown_figure_is_not_found(client):
    client.force_login(OfficerFactory(role=Role.MANAGER))
    assert client.get(reverse("backoffice:statistics_dossiers") + "?figure=on_time_rate").status_code == 404
    assert client.get(reverse("backoffice:statistics_dossiers") + "?figure=__class__").status_code == 404


def test_the_pages_run_a_fixed_number_of_queries(client, province, django_assert_max_num_queries):
    # Whatever the number of agencies and months: the table, the totals, the months, the service levels.
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:statistics") + "?period=year&year=2026")
    client.force_login(OfficerFactory(role=Role.PROVINCE_MANAGER, agency=province[0].agency))
    with django_assert_max_num_queries(16):
        client.get(reverse("backoffice:statistics") + "?period=year&year=2026")


def test_the_api_answers_the_same_figures(client, province):
    body = client.get("/api/v1/statistics/dossiers?" + MARCH).json()
    rows = {row["name"]: row["figures"] for row in body["rows"]}
    assert rows["Sở Tư pháp"]["received_total"] == 4 and rows["Sở Tư pháp"]["in_progress_past_deadline"] == 1
    assert body["total"]["on_time_rate"] == 66.67 and body["total"]["online_rate"] == 28.57
    assert body["period"] == {
        "kind": "month",
        "first": "2026-03-01",
        "last": "2026-03-31",
        "label": "03/2026",
    }
    refused = client.get("/api/v1/statistics/dossiers?period=range&first=2026-03-05&last=2026-03-01")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "last"
    far = client.get("/api/v1/statistics/dossiers?period=range&first=9999-01-01&last=9999-12-31")
    assert far.status_code == 422 and {error["field"] for error in far.json()["errors"]} == {"first", "last"}


@pytest.mark.parametrize(("kind", "starts"), [("xlsx", b"PK"), ("csv", "\ufeff".encode()), ("pdf", b"%PDF")])
def test_the_dashboard_exports_the_same_period(client, province, kind, starts):
    client.force_login(province[0].manager)
    response = client.get(reverse("backoffice:statistics_export", args=[kind]) + "?" + MARCH)
    assert response.status_code == 200 and response.content.startswith(starts)
    assert f"thong-ke-20260301-20260331.{kind}" in response["Content-Disposition"]
    assert client.get(reverse("backoffice:statistics_export", args=["exe"])).status_code == 404
