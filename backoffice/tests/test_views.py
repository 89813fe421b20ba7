import pytest
from django.urls import reverse

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db


def test_counter_officer_receives_a_walk_in_dossier(client):
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    client.force_login(officer)
    response = client.post(
        reverse("backoffice:receive"),
        {
            "procedure": procedure.pk,
            "channel": 1,
            "applicant_type": 1,
            "applicant_name": "Trần Văn Bình",
            "id_number": "022090001234",
            "phone": "0912345678",
            "result_delivery": "counter",
            f"component_{procedure.components.get(required=True).pk}": "on",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("backoffice:dossier", args=[dossier.code])
    assert dossier.applicant_name == "Trần Văn Bình"


def test_bad_reception_input_keeps_what_was_typed(client):
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    client.force_login(officer)
    response = client.post(
        reverse("backoffice:receive"),
        {
            "procedure": procedure.pk,
            "channel": 1,
            "applicant_type": 1,
            "applicant_name": "Trần Văn Bình",
            "id_number": "12ab",
            "result_delivery": "counter",
        },
    )
    assert response.status_code == 200
    assert "Trần Văn Bình" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_officer_of_another_agency_gets_404(client):
    dossier = received_dossier()
    client.force_login(OfficerFactory(role=Role.MANAGER))
    assert client.get(reverse("backoffice:dossier", args=[dossier.code])).status_code == 404
    response = client.post(reverse("backoffice:action", args=[dossier.code, "assign"]))
    assert response.status_code == 404
    assert Dossier.objects.get().state == "received"


def test_citizen_cannot_open_the_back_office(client):
    dossier = received_dossier()
    citizen = OfficerFactory(role=Role.CITIZEN, agency=None)
    client.force_login(citizen)
    assert client.get(reverse("backoffice:inbox")).status_code == 404
    assert client.get(reverse("backoffice:dossier", args=[dossier.code])).status_code == 404


def test_actions_move_the_dossier_and_refusals_change_nothing(client):
    dossier = received_dossier()
    client.force_login(dossier.received_by)
    client.post(reverse("backoffice:action", args=[dossier.code, "assign"]))
    assert Dossier.objects.get().state == "in_progress"
    response = client.post(reverse("backoffice:action", args=[dossier.code, "approve"]), follow=True)
    assert Dossier.objects.get().state == "in_progress"
    assert response.status_code == 200
    assert Dossier.objects.get().log.count() == 2


def test_scanning_a_code_opens_the_dossier(client):
    dossier = received_dossier()
    client.force_login(dossier.received_by)
    response = client.get(reverse("backoffice:inbox"), {"q": dossier.code})
    assert response.url == reverse("backoffice:dossier", args=[dossier.code])


def test_inbox_runs_constant_queries(client, django_assert_num_queries):
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    received_dossier(officer, procedure)
    client.force_login(officer)
    client.get(reverse("backoffice:inbox"))  # warm the session and the user
    # session, user, procedure choices, province calendar (due-soon window), count, page, consulted
    with django_assert_num_queries(7) as few:
        client.get(reverse("backoffice:inbox"))
    for _ in range(12):
        received_dossier(officer, procedure)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("backoffice:inbox"))
    assert response.content.decode().count("/can-bo/ho-so/") == 13


def test_due_soon_dossier_offers_the_apology_letter(client):
    from datetime import timedelta

    from django.utils import timezone

    dossier = received_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(appointment_at=timezone.now() + timedelta(hours=1))
    specialist = OfficerFactory(agency=dossier.agency, role=Role.SPECIALIST)
    client.force_login(specialist)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert reverse("backoffice:apology", args=[dossier.code]) in page
    new_date = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("backoffice:apology", args=[dossier.code]),
        {"new_appointment": new_date, "reason": "Chờ kết quả xác minh"},
    )
    assert Dossier.objects.get().log.filter(action="apologize").exists()
    client.post(reverse("backoffice:apology", args=[dossier.code]), {"new_appointment": "", "reason": ""})
    assert Dossier.objects.get().log.filter(action="apologize").count() == 1


def test_online_dossiers_come_first_among_equals(client):
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    walk_in = received_dossier(officer, procedure)
    online = received_dossier(officer, procedure)
    Dossier.objects.filter(pk=online.pk).update(channel=2, priority=0)
    client.force_login(officer)
    page = client.get(reverse("backoffice:inbox")).content.decode()
    assert page.index(online.code) < page.index(walk_in.code)
    online.refresh_from_db()
    online.save()
    assert Dossier.objects.get(pk=online.pk).priority == 0


def test_receipt_and_control_sheet_print_as_pdf_for_the_agency_only(client):
    dossier = received_dossier()
    client.force_login(dossier.received_by)
    for form in ("giay-tiep-nhan", "phieu-kiem-soat"):
        response = client.get(reverse("backoffice:pdf", args=[dossier.code, form]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response).startswith(b"%PDF")
    assert client.get(reverse("backoffice:pdf", args=[dossier.code, "bogus"])).status_code == 404
    client.force_login(OfficerFactory(role=Role.MANAGER))
    assert client.get(reverse("backoffice:pdf", args=[dossier.code, "giay-tiep-nhan"])).status_code == 404
