"""Who may do what to a dossier, walked endpoint by endpoint (security findings 1, 4 and 6).

* A draft is its applicant's alone: no officer's list, search, API answer, book or admin list has it.
* A consulted agency may only record its opinion and send the dossier back; an officer of an unrelated
  agency can do nothing at all. Every back-office page action and every officers' API endpoint is
  tried as both, and a refusal changes nothing in the database.
* The roles decide the views: ``backoffice.access.VIEW_ROLES`` is checked view by view, role by role.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import URLPattern, reverse
from django.utils import timezone

from backoffice import urls as backoffice_urls
from backoffice.access import VIEW_ROLES, may_open
from catalog.tests.factories import AgencyFactory, procedure_with_details
from core.roles import Role
from dossiers import receipts, submission
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier, DossierFile
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen
from notifications.models import Notification
from payments.models import Payment
from postal.models import Shipment

pytestmark = pytest.mark.django_db

API = "/api/v1/dossiers"


def _snapshot(dossier: Dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    return (
        dossier.state,
        dossier.step_index,
        dossier.appointment_at,
        dossier.consulted_agency_id,
        dossier.updated_at,
        dossier.log.count(),
        DossierFile.objects.filter(dossier=dossier).count(),
        Notification.objects.count(),
    )


# ── 1. drafts ─────────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def draft_beside_a_dossier():
    """A received dossier and a citizen's draft at the same agency, for the same procedure."""
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(service_level=4, agencies=[counter.agency])
    received = received_dossier(counter, procedure, name="Lê Văn Tiếp", id_number="022301009999")
    applicant = citizen(first_name="Nháp", last_name="Trần Thị", personal_id="022190004321")
    draft = submission.start_draft(applicant, procedure)
    assert draft.state == State.DRAFT and draft.code is None
    return counter, received, draft


def test_drafts_are_in_no_officers_list_search_api_or_book(client, draft_beside_a_dossier):
    counter, received, draft = draft_beside_a_dossier
    client.force_login(counter)
    for query in ("", "Trần Thị Nháp", "022190004321", "nhap"):
        page = client.get(reverse("backoffice:inbox"), {"scope": "all", "q": query})
        assert page.status_code == 200
        listed = [d.pk for d in page.context["page"].object_list]
        assert draft.pk not in listed
    assert [d.pk for d in client.get(reverse("backoffice:inbox"), {"scope": "all"}).context["page"]] == [
        received.pk
    ]

    listing = client.get(API)
    assert listing.status_code == 200, listing.content  # was a 500: the draft has no code
    assert [row["code"] for row in listing.json()["items"]] == [received.code]
    assert client.get(API, {"q": "022190004321"}).json()["count"] == 0

    today = timezone.localdate()
    book = client.get(
        reverse("backoffice:tracking_book"), {"date_from": today - timedelta(days=1), "date_to": today}
    )
    assert book.status_code == 200 and book["Content-Type"] == "application/pdf"


def test_drafts_are_not_in_the_admin_for_staff_but_superusers(client, draft_beside_a_dossier):
    counter, received, draft = draft_beside_a_dossier
    manager = OfficerFactory(agency=counter.agency, role=Role.MANAGER, is_staff=True)
    manager.user_permissions.add(Permission.objects.get(codename="view_dossier"))
    client.force_login(manager)
    listed = client.get(reverse("admin:dossiers_dossier_changelist"))
    assert listed.status_code == 200
    assert [d.pk for d in listed.context["cl"].result_list] == [received.pk]
    assert client.get(reverse("admin:dossiers_dossier_change", args=[draft.pk])).status_code in (302, 404)

    from accounts.models import User

    root = User.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(root)
    listed = client.get(reverse("admin:dossiers_dossier_changelist"))
    assert {d.pk for d in listed.context["cl"].result_list} == {received.pk, draft.pk}


# ── 4. a consulted agency and an unrelated one ───────────────────────────────────────────────────


@pytest.fixture
def consulted_dossier():
    """A dossier at its specialist's step, sent to the police for an opinion; its receipt is stored."""
    counter = OfficerFactory()
    dossier = received_dossier(counter)
    perform(dossier, counter, Action.ASSIGN)
    perform(dossier, counter, Action.FORWARD)
    police = AgencyFactory(name="Công an tỉnh")
    home = OfficerFactory(agency=counter.agency, role=Role.SPECIALIST)
    perform(dossier, home, Action.SEND_INTER_AGENCY, consulted_agency=police, comment="Xác minh nhân thân")
    receipts.receipt_file(dossier)
    return Dossier.objects.get(pk=dossier.pk), police


def _page_requests(dossier):
    """Every back-office request on one dossier: the pages, the downloads and every action's POST."""
    code = dossier.code
    stored = dossier.files.first()
    reads = [
        reverse("backoffice:dossier", args=[code]),
        reverse("backoffice:pdf", args=[code, "giay-tiep-nhan"]),
        reverse("backoffice:pdf", args=[code, "phieu-kiem-soat"]),
        reverse("backoffice:file", args=[code, stored.pk]),
    ]
    writes = [(reverse("backoffice:action", args=[code, action.value]), action.value) for action in Action]
    writes.append((reverse("backoffice:apology", args=[code]), "apologize"))
    writes.append((reverse("backoffice:result_draft", args=[code]), "draft_result_page"))
    return reads, writes


def _apology_post():
    later = timezone.localtime() + timedelta(days=30)
    return {"new_appointment": later.strftime("%d/%m/%Y %H:%M"), "reason": "Chờ xác minh"}


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.LEADER, Role.MANAGER, Role.COUNTER_OFFICER])
def test_an_unrelated_agency_can_neither_see_nor_change_anything(client, consulted_dossier, role):
    dossier, _police = consulted_dossier
    client.force_login(OfficerFactory(role=role))
    before = _snapshot(dossier)
    reads, writes = _page_requests(dossier)
    for url in reads:
        assert client.get(url).status_code == 404, url
    for url, action in writes:
        body = _apology_post() if action == "apologize" else {"comment": "Thử", "reason": "Thử"}
        assert client.post(url, body).status_code == 404, url
    assert client.get(f"{API}/{dossier.code}").status_code == 404
    for action in Action:
        response = client.post(
            f"{API}/{dossier.code}/actions/{action.value}",
            {"comment": "Thử"},
            content_type="application/json",
        )
        assert response.status_code == 404, (action, response.content)
    apology = {"new_appointment": (timezone.now() + timedelta(days=30)).isoformat(), "reason": "Thử"}
    assert (
        client.post(f"{API}/{dossier.code}/apology", apology, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(f"{API}/{dossier.code}/result-draft", {}, content_type="application/json").status_code
        == 404
    )
    assert _snapshot(dossier) == before


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.LEADER])
def test_a_consulted_agency_only_records_its_opinion(client, consulted_dossier, role):
    dossier, police = consulted_dossier
    client.force_login(OfficerFactory(agency=police, role=role))
    before = _snapshot(dossier)
    reads, writes = _page_requests(dossier)
    for url in reads:  # it reads the dossier and its files while it is consulted
        response = client.get(url)
        assert response.status_code == 200, url
    for url, action in writes:
        if action == Action.RETURN_FROM_INTER_AGENCY.value:
            continue
        body = _apology_post() if action == "apologize" else {"comment": "Thử", "reason": "Thử"}
        response = client.post(url, body)
        assert response.status_code in (302, 404), (url, response.status_code)
        assert _snapshot(dossier) == before, url
    for action in Action:
        if action == Action.RETURN_FROM_INTER_AGENCY:
            continue
        response = client.post(
            f"{API}/{dossier.code}/actions/{action.value}",
            {"comment": "Thử"},
            content_type="application/json",
        )
        assert response.status_code in (404, 409), (action, response.content)
        assert _snapshot(dossier) == before, action
    apology = {"new_appointment": (timezone.now() + timedelta(days=30)).isoformat(), "reason": "Thử"}
    response = client.post(f"{API}/{dossier.code}/apology", apology, content_type="application/json")
    assert response.status_code == 409, response.content  # was 200: the applicant was told a new date
    response = client.post(f"{API}/{dossier.code}/result-draft", {}, content_type="application/json")
    assert response.status_code == 409, response.content
    assert _snapshot(dossier) == before
    assert not DossierFile.objects.filter(dossier=dossier, kind=DossierFile.Kind.APOLOGY).exists()

    # What it may do: answer, which sends the dossier back to the handling agency.
    answered = client.post(
        reverse("backoffice:action", args=[dossier.code, Action.RETURN_FROM_INTER_AGENCY.value]),
        {"comment": "Không có tiền án"},
    )
    assert answered.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS and dossier.consulted_agency is None
    # Consulted no more: it sees nothing of the dossier now.
    assert client.get(reverse("backoffice:dossier", args=[dossier.code])).status_code == 404
    assert client.get(reads[3]).status_code == 404


# ── 6. the roles decide the views ────────────────────────────────────────────────────────────────


def _backoffice_url(name: str, dossier: Dossier) -> str:
    shipment = dossier.shipments.first()
    args = {
        "shipment": [dossier.code],
        "shipment_track": [dossier.code, shipment.pk if shipment else 0],
        "shipment_label": [dossier.code, shipment.pk if shipment else 0],
        "dossier": [dossier.code],
        "fee_exemption": [dossier.code],
        "apology": [dossier.code],
        "result_draft": [dossier.code],
        "pdf": [dossier.code, "giay-tiep-nhan"],
        "file": [dossier.code, dossier.files.first().pk],
        "action": [dossier.code, Action.ASSIGN.value],
        "statistics_export": ["csv"],
        "counter_payment": [dossier.code],
        "refund": [dossier.code],
        "fee_receipt": [dossier.code, dossier.payments.first().pk if dossier.payments.exists() else 0],
    }.get(name, [])
    query = "?figure=received_total" if name == "statistics_dossiers" else ""
    return reverse(f"backoffice:{name}", args=args) + query


def test_every_back_office_view_is_in_the_table():
    names = {p.name for p in backoffice_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(VIEW_ROLES)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_exactly_the_views_of_the_table(client, role):
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    dossier = received_dossier(counter)
    receipts.receipt_file(dossier)
    Shipment.objects.create(dossier=dossier, carrier="file", order_number="MC1", sender={}, receiver={})
    now = timezone.now()
    Payment.objects.create(
        dossier=dossier,
        amount=1000,
        gateway="counter",
        method="cash",
        txn_ref="WALK1",
        state="paid",
        created_at=now,
        expires_at=now,
        paid_at=now,
    )
    user = OfficerFactory(agency=counter.agency, role=role)
    client.force_login(user)
    for name, roles in VIEW_ROLES.items():
        assert may_open(user, name) == (role in roles)
        url = _backoffice_url(name, dossier)
        posted = (
            "action",
            "apology",
            "result_draft",
            "shipment",
            "shipment_track",
            "counter_payment",
            "refund",
            "fee_exemption",
        )
        response = client.post(url, {}) if name in posted else client.get(url)
        if role in roles:
            assert response.status_code != 404, (role, name)
        else:
            assert response.status_code == 404, (role, name)


def test_a_catalog_officer_sees_the_catalog_not_dossiers(client):
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    dossier = received_dossier(counter, id_number="022301004567")
    catalog_officer = OfficerFactory(agency=counter.agency, role=Role.CATALOG_OFFICER, is_staff=True)
    client.force_login(catalog_officer)
    assert client.get(reverse("backoffice:inbox")).status_code == 404
    assert client.get(reverse("backoffice:inbox"), {"q": "022301004567"}).status_code == 404
    assert client.get(reverse("backoffice:tracking_book")).status_code == 404
    assert client.get(reverse("backoffice:dossier", args=[dossier.code])).status_code == 404
    assert client.get(API).status_code == 403
    assert client.get(f"{API}/{dossier.code}").status_code == 404
    home = client.get("/")
    assert reverse("backoffice:inbox") not in home.content.decode()
