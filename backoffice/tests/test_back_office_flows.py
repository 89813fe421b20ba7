"""Back-office pages: the counter's checklist with scans, generated forms and files, inter-agency
hand-off, role-based inboxes and the tracking book."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.tests.factories import AgencyFactory, procedure_with_details
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierFile, ReceivedComponent, SupplementRequest
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db
PDF = MINIMAL_PDF


def reception_data(procedure, **extra):
    data = {
        "procedure": procedure.pk,
        "channel": 1,
        "applicant_type": 1,
        "applicant_name": "Trần Văn Bình",
        "id_number": "022090001234",
        "result_delivery": "counter",
    }
    data.update(extra)
    return data


@pytest.fixture
def counter(client):
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    client.force_login(officer)
    required, optional = procedure.components.order_by("position")
    return officer, procedure, required, optional


# ── reception checklist ────────────────────────────────────────────────────────────────────────────


def test_reception_lists_the_components_of_the_chosen_procedure(client, counter):
    officer, procedure, required, optional = counter
    page = client.get(reverse("backoffice:receive"), {"procedure": procedure.pk}).content.decode()
    assert f'name="component_{required.pk}"' in page and f'name="scans_{optional.pk}"' in page
    assert 'enctype="multipart/form-data"' in page
    partial = client.get(reverse("backoffice:receive_components"), {"procedure": procedure.pk})
    assert f'name="component_{optional.pk}"' in partial.content.decode()
    assert "<html" not in partial.content.decode()
    other = procedure_with_details()  # not performed by this agency
    partial = client.get(reverse("backoffice:receive_components"), {"procedure": other.pk})
    assert "component_" not in partial.content.decode()
    # Without JavaScript: "Show the components" keeps what was typed and shows the checklist.
    page = client.post(
        reverse("backoffice:receive"), reception_data(procedure, refresh="1", applicant_name="Lê Thị Hoa")
    ).content.decode()
    assert "Lê Thị Hoa" in page and f'name="component_{required.pk}"' in page
    assert "error-summary" not in page and not Dossier.objects.exists()


def test_reception_keeps_ticked_components_and_scans(client, counter):
    officer, procedure, required, optional = counter
    scans = [SimpleUploadedFile("to-khai.pdf", PDF), SimpleUploadedFile("to-khai-2.pdf", PDF)]
    response = client.post(
        reverse("backoffice:receive"),
        reception_data(procedure, **{f"component_{required.pk}": "on", f"scans_{required.pk}": scans}),
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert list(ReceivedComponent.objects.values_list("component", flat=True)) == [required.pk]
    files = DossierFile.objects.filter(dossier=dossier, kind="component", digitized=True, component=required)
    assert sorted(files.values_list("original_name", flat=True)) == ["to-khai-2.pdf", "to-khai.pdf"]


def test_required_component_not_ticked_is_a_clear_error(client, counter):
    officer, procedure, required, optional = counter
    response = client.post(
        reverse("backoffice:receive"), reception_data(procedure, **{f"component_{optional.pk}": "on"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tờ khai đề nghị" in page and "error-summary" in page
    assert "Trần Văn Bình" in page
    assert not Dossier.objects.exists()


def test_executable_renamed_pdf_is_refused_and_the_form_kept(client, counter):
    officer, procedure, required, optional = counter
    fake = SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00\x03" + b"\x00" * 300)
    response = client.post(
        reverse("backoffice:receive"),
        reception_data(
            procedure,
            phone="0912345678",
            **{
                f"component_{required.pk}": "on",
                f"component_{optional.pk}": "on",
                f"scans_{optional.pk}": fake,
            },
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "giay-to.pdf" in page
    assert "Trần Văn Bình" in page and "0912345678" in page
    assert f'name="component_{required.pk}" id="id_component_{required.pk}" checked' in page
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


# ── generated forms and files ──────────────────────────────────────────────────────────────────────


def test_rejection_needs_a_reason_and_its_notice_is_listed_for_download(client):
    dossier = received_dossier()
    client.force_login(dossier.received_by)
    url = reverse("backoffice:action", args=[dossier.code, "reject"])
    page = client.post(url, {"comment": " "}, follow=True).content.decode()
    assert "notice--error" in page
    assert Dossier.objects.get().state == "received" and not DossierFile.objects.exists()
    unconfirmed = client.post(url, {"comment": "Không thuộc thẩm quyền"}, follow=True).content.decode()
    assert "notice--error" in unconfirmed and Dossier.objects.get().state == "received"  # not ticked
    client.post(url, {"comment": "Không thuộc thẩm quyền", "confirm": "yes"})
    assert Dossier.objects.get().state == "rejected"
    stored = DossierFile.objects.get(kind="rejection")
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    link = reverse("backoffice:file", args=[dossier.code, stored.pk])
    assert link in page
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert stored.original_name in download["Content-Disposition"]


def test_files_are_404_for_other_agencies_and_other_dossiers(client):
    dossier = received_dossier()
    perform(dossier, dossier.received_by, Action.REJECT, comment="Lý do")
    stored = DossierFile.objects.get()
    other = received_dossier()
    client.force_login(OfficerFactory(role=Role.MANAGER))
    assert client.get(reverse("backoffice:file", args=[dossier.code, stored.pk])).status_code == 404
    client.force_login(other.received_by)
    assert client.get(reverse("backoffice:file", args=[other.code, stored.pk])).status_code == 404


def test_supplement_request_from_ticked_components_and_typed_items(client):
    dossier = received_dossier()
    client.force_login(dossier.received_by)
    component = dossier.procedure.components.get(required=False)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert f'name="missing_{component.pk}"' in page
    url = reverse("backoffice:action", args=[dossier.code, "request_supplement"])
    client.post(url, {"other_name_0": "", "other_reason_0": ""})
    assert Dossier.objects.get().state == "received"
    client.post(
        url,
        {
            f"missing_{component.pk}": "on",
            f"reason_{component.pk}": "Bản sao mờ",
            "other_name_1": "Giấy xác nhận cư trú",
            "other_reason_1": "Chưa nộp",
        },
    )
    assert Dossier.objects.get().state == "awaiting_supplement"
    assert SupplementRequest.objects.get().items == [
        {"name": "Bản sao giấy tờ tùy thân", "reason": "Bản sao mờ"},
        {"name": "Giấy xác nhận cư trú", "reason": "Chưa nộp"},
    ]
    assert DossierFile.objects.filter(kind="supplement_request").count() == 1


# ── inter-agency ───────────────────────────────────────────────────────────────────────────────────


def test_inter_agency_hand_off_and_answer(client):
    dossier = received_dossier()
    counter = dossier.received_by
    perform(dossier, counter, Action.ASSIGN)
    perform(dossier, counter, Action.FORWARD)
    specialist = OfficerFactory(agency=dossier.agency, role=Role.SPECIALIST)
    police = AgencyFactory(name="Công an tỉnh")
    answering = OfficerFactory(agency=police, role=Role.SPECIALIST)
    client.force_login(answering)
    assert client.get(reverse("backoffice:dossier", args=[dossier.code])).status_code == 404

    client.force_login(specialist)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert 'name="consulted_agency"' in page and "Công an tỉnh" in page
    url = reverse("backoffice:action", args=[dossier.code, "send_inter_agency"])
    client.post(url, {"consulted_agency": ""})
    assert Dossier.objects.get().state == "in_progress"
    client.post(url, {"consulted_agency": police.pk, "comment": "Đề nghị xác minh"})
    assert Dossier.objects.get().consulted_agency == police

    client.force_login(answering)
    inbox = client.get(reverse("backoffice:inbox")).content.decode()
    assert reverse("backoffice:dossier", args=[dossier.code]) in inbox
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert "/return_from_inter_agency/" in page and "/forward/" not in page
    client.post(
        reverse("backoffice:action", args=[dossier.code, "return_from_inter_agency"]), {"comment": "Có"}
    )
    dossier = Dossier.objects.get()
    assert dossier.state == "in_progress" and dossier.consulted_agency is None
    assert dossier.log.last().from_unit == "Công an tỉnh"
    assert client.get(reverse("backoffice:dossier", args=[dossier.code])).status_code == 404


# ── role-based inbox ───────────────────────────────────────────────────────────────────────────────


def _links(response):
    return response.content.decode().count("/can-bo/ho-so/")


def test_inbox_shows_what_waits_for_the_role_with_a_switch_to_all(client):
    counter = OfficerFactory()
    procedure = procedure_with_details(agencies=[counter.agency])
    at_counter = received_dossier(counter, procedure)
    at_specialist = received_dossier(counter, procedure)
    perform(at_specialist, counter, Action.ASSIGN)
    perform(at_specialist, counter, Action.FORWARD)
    specialist = OfficerFactory(agency=counter.agency, role=Role.SPECIALIST)
    leader = OfficerFactory(agency=counter.agency, role=Role.LEADER)
    manager = OfficerFactory(agency=counter.agency, role=Role.MANAGER)
    for user, expected in ((counter, at_counter), (specialist, at_specialist)):
        client.force_login(user)
        page = client.get(reverse("backoffice:inbox")).content.decode()
        assert expected.code in page and page.count("/can-bo/ho-so/") == 1
        assert _links(client.get(reverse("backoffice:inbox"), {"scope": "all"})) == 2
    client.force_login(leader)
    assert _links(client.get(reverse("backoffice:inbox"))) == 0
    client.force_login(manager)
    page = client.get(reverse("backoffice:inbox"))
    assert _links(page) == 2 and 'name="scope"' not in page.content.decode()


def test_specialist_inbox_runs_constant_queries(client, django_assert_num_queries):
    counter = OfficerFactory()
    procedure = procedure_with_details(agencies=[counter.agency])
    specialist = OfficerFactory(agency=counter.agency, role=Role.SPECIALIST)

    def at_specialist():
        dossier = received_dossier(counter, procedure)
        perform(dossier, counter, Action.ASSIGN)
        perform(dossier, counter, Action.FORWARD)

    at_specialist()
    client.force_login(specialist)
    client.get(reverse("backoffice:inbox"))
    # + the procedure choices and the province calendar (the due-soon window), one query each
    with django_assert_num_queries(8) as few:
        client.get(reverse("backoffice:inbox"))
    for _ in range(6):
        at_specialist()
    with django_assert_num_queries(len(few.captured_queries)):
        assert _links(client.get(reverse("backoffice:inbox"))) == 7


# ── tracking book ──────────────────────────────────────────────────────────────────────────────────


def test_tracking_book_page_and_download(client, django_assert_num_queries):
    dossier = received_dossier()
    client.force_login(dossier.received_by)
    page = client.get(reverse("backoffice:tracking_book"))
    assert page.status_code == 200
    assert date.today().replace(day=1).isoformat() in page.content.decode()
    params = {"date_from": date.today().replace(day=1).isoformat(), "date_to": date.today().isoformat()}
    response = client.get(reverse("backoffice:tracking_book"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    with django_assert_num_queries(5) as few:
        client.get(reverse("backoffice:tracking_book"), params)
    for _ in range(5):
        received_dossier(dossier.received_by, dossier.procedure)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("backoffice:tracking_book"), params)


def test_tracking_book_bad_range_is_explained(client):
    officer = OfficerFactory()
    client.force_login(officer)
    response = client.get(
        reverse("backoffice:tracking_book"), {"date_from": "2026-03-31", "date_to": "2026-03-01"}
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.get(
        reverse("backoffice:tracking_book"), {"date_from": "2024-01-01", "date_to": "2026-03-01"}
    )
    assert "366" in response.content.decode()
