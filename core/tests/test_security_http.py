"""What probing found over HTTP, each checked here (security findings 2, 7, 8 and 9).

2. Stored files were served anonymously from /media/ under names derived from dossier codes.
7. A 40000×40000 PNG gave a 500 on every upload path.
8. A multipart request without a boundary gave a 500.
9. No Content-Security-Policy, no Permissions-Policy, no ``Cache-Control: no-store``, 14-day sessions.
"""

import importlib
import io
import re
import struct
import zlib
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse
from freezegun import freeze_time

from catalog.models import FormField, FormTemplate
from catalog.tests.factories import procedure_with_details
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers import receipts, submission
from dossiers.domain.lifecycle import Action
from dossiers.models import DossierFile
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen

pytestmark = pytest.mark.django_db


def _bomb_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 40000, 40000, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def online_dossier():
    """A submitted online dossier with a scan, its receipt, a notice and a result, as files."""
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(service_level=4, agencies=[counter.agency])
    applicant = citizen()
    draft = submission.start_draft(applicant, procedure)
    for component in procedure.components.filter(required=True):
        submission.attach_file(draft, applicant, component, SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF))
    submission.save_draft(draft, applicant, form_data={}, result_delivery="counter")
    dossier = submission.submit(draft, applicant)
    receipts.receipt_file(dossier)
    perform(dossier, counter, Action.RECEIVE)
    perform(dossier, counter, Action.REQUEST_SUPPLEMENT, supplement_items=[{"name": "Bản sao CCCD"}])
    return dossier, applicant, counter


# ── 2. stored files only through authorized views ────────────────────────────────────────────────


def _every_stored_name():
    names = list(DossierFile.objects.values_list("file", flat=True))
    names += [name for name in FormTemplate.objects.values_list("file", flat=True) if name]
    return names


@pytest.mark.parametrize("settings_module", ["motcua.settings.dev", "motcua.settings.test"])
def test_no_storage_url_serves_a_file_in_any_settings(online_dossier, settings_module, monkeypatch):
    form = procedure_with_details().form_templates.first()
    form.file.save("to-khai.pdf", io.BytesIO(MINIMAL_PDF), save=True)
    names = _every_stored_name()
    assert len(names) >= 4 and all(default_storage.exists(name) for name in names)
    module = importlib.import_module(settings_module)
    with override_settings(DEBUG=module.DEBUG, ROOT_URLCONF="motcua.urls"):
        clear_url_caches()
        importlib.reload(importlib.import_module("motcua.urls"))
        anonymous = Client()
        for name in names:
            response = anonymous.get(default_storage.url(name))
            assert response.status_code == 404, (settings_module, name)
    clear_url_caches()


def test_stored_names_are_content_hashes_never_derived_from_codes_or_ids(online_dossier):
    dossier, _applicant, _counter = online_dossier
    stored = DossierFile.objects.filter(dossier=dossier).values_list("file", "sha256")
    assert stored
    for name, sha256 in stored:
        assert dossier.code not in name and f"/{dossier.pk}/" not in name, name
        assert re.fullmatch(r"[0-9a-f]{64}", sha256), name
        assert name == f"files/{sha256[:2]}/{sha256}.pdf", name


def test_who_may_download_a_dossiers_files(client, online_dossier):
    dossier, applicant, counter = online_dossier
    stored = DossierFile.objects.filter(dossier=dossier, kind=DossierFile.Kind.COMPONENT).first()
    office_url = reverse("backoffice:file", args=[dossier.code, stored.pk])
    citizen_url = reverse("portal:my_file", args=[dossier.pk, stored.pk])
    api_url = f"/api/v1/me/dossiers/{dossier.pk}/files/{stored.pk}"
    # Nobody signed in, another citizen, another agency's officer: nothing.
    assert client.get(office_url).status_code == 302  # to the sign-in page
    assert client.get(citizen_url).status_code == 302
    assert client.get(api_url).status_code == 401
    client.force_login(citizen("khac", personal_id="022190009999", email="k@example.vn", phone="0987654321"))
    assert client.get(citizen_url).status_code == 404 and client.get(api_url).status_code == 404
    client.force_login(OfficerFactory(role=Role.SPECIALIST))
    assert client.get(office_url).status_code == 404
    # The applicant and the handling agency's officers: an attachment, never cached, never sniffed.
    for user, url in ((applicant, citizen_url), (applicant, api_url), (counter, office_url)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="to-khai.pdf"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_a_download_is_named_with_the_extension_of_its_checked_type(client, online_dossier):
    dossier, applicant, _counter = online_dossier
    component = dossier.procedure.components.first()
    submission.attach_file(dossier, applicant, component, SimpleUploadedFile("trang.html", MINIMAL_PDF))
    stored = DossierFile.objects.filter(dossier=dossier, original_name="trang.html").get()
    client.force_login(applicant)
    response = client.get(reverse("portal:my_file", args=[dossier.pk, stored.pk]))
    assert 'filename="trang.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("transfer", ["nginx", "apache"])
def test_the_web_server_can_send_the_bytes(client, online_dossier, settings, transfer):
    dossier, applicant, _counter = online_dossier
    settings.MOTCUA_FILE_TRANSFER = transfer
    stored = DossierFile.objects.filter(dossier=dossier, kind=DossierFile.Kind.COMPONENT).first()
    client.force_login(applicant)
    response = client.get(reverse("portal:my_file", args=[dossier.pk, stored.pk]))
    assert response.status_code == 200 and response.content == b""
    if transfer == "nginx":
        assert response["X-Accel-Redirect"] == f"/protected-media/{stored.file.name}"
    else:
        assert response["X-Sendfile"] == stored.file.path
    assert response["Content-Disposition"].startswith("attachment;")


# ── 7. a decompression bomb on every upload path ─────────────────────────────────────────────────


def test_an_image_bomb_is_an_ordinary_refusal_on_every_upload_path(client, online_dossier):
    dossier, applicant, counter = online_dossier
    component = dossier.procedure.components.first()
    bomb = _bomb_png()
    # The citizen's API, on a new draft.
    draft = submission.start_draft(applicant, dossier.procedure)
    client.force_login(applicant)
    response = client.post(
        f"/api/v1/me/dossiers/{draft.pk}/files",
        {"component": component.pk, "file": SimpleUploadedFile("anh.png", bomb, content_type="image/png")},
    )
    assert response.status_code == 422 and "anh.png" in response.json()["errors"][0]["message"]
    # The citizen's page, answering the supplement request.
    response = client.post(
        reverse("portal:supplement_upload", args=[dossier.pk]),
        {"component": component.pk, "files": SimpleUploadedFile("anh.png", bomb, content_type="image/png")},
    )
    assert response.status_code == 400 and "anh.png" in response.content.decode()
    assert not DossierFile.objects.filter(original_name="anh.png").exists()
    # The counter's reception.
    client.force_login(counter)
    fields = {
        "procedure": dossier.procedure.pk,
        "channel": 1,
        "result_delivery": "counter",
        "applicant_type": 1,
        "applicant_name": "Nguyễn Văn An",
        "id_number": "022301004567",
    }
    for item in dossier.procedure.components.all():
        fields[f"component_{item.pk}"] = "on"
    fields[f"scans_{component.pk}"] = SimpleUploadedFile("anh.png", bomb, content_type="image/png")
    response = client.post(reverse("backoffice:receive"), fields)
    assert response.status_code == 200 and "anh.png" in response.content.decode()
    assert not DossierFile.objects.filter(original_name="anh.png").exists()


# ── 8. a malformed multipart body ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("path", ["/api/v1/me/dossiers", "/accounts/login/", "/api/v1/dossiers"])
def test_a_multipart_body_without_a_boundary_is_a_400_in_the_error_shape(client, path):
    client.force_login(citizen())
    response = client.generic("POST", path, b"--x\r\nnothing\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    if path.startswith("/api/"):
        body = response.json()
        assert set(body) == {"message", "errors"} and body["message"]
    else:
        assert "text/html" in response["Content-Type"]


def test_an_oversized_body_is_a_413_in_the_error_shape(client, settings):
    client.force_login(citizen())
    body = b'{"procedure": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'"}'
    response = client.generic("POST", "/api/v1/me/dossiers", body, content_type="application/json")
    assert response.status_code == 413
    assert set(response.json()) == {"message", "errors"}


# ── 9. headers and sessions ──────────────────────────────────────────────────────────────────────


def test_every_page_carries_the_content_security_and_permissions_policies(client):
    for url in ("/", "/thu-tuc/", "/tra-cuu/", "/accounts/login/", "/api/v1/procedures"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert (
            "camera=()" in response["Permissions-Policy"]
            and "geolocation=()" in response["Permissions-Policy"]
        )


def test_pages_have_no_inline_script_and_their_one_style_element_has_the_nonce(client):
    response = client.get("/thu-tuc/")
    page = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in page
    import re

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "an inline script"
    assert not re.search(r"\son[a-z]+=", page) and ' style="' not in page


def test_personal_pages_and_downloads_are_never_stored_in_a_cache(client, online_dossier):
    dossier, applicant, counter = online_dossier
    client.force_login(applicant)
    for url in (
        reverse("portal:my_dossiers"),
        reverse("portal:my_dossier", args=[dossier.pk]),
        reverse("portal:receipt_download", args=[dossier.pk]),
        "/api/v1/me/dossiers",
        reverse("accounts:profile"),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.force_login(counter)
    for url in (reverse("backoffice:inbox"), reverse("backoffice:dossier", args=[dossier.code])):
        assert "no-store" in client.get(url)["Cache-Control"], url
    anonymous = Client()
    assert (
        "no-store" in anonymous.post("/tra-cuu/", {"ma": dossier.code, "so": "022190001234"})["Cache-Control"]
    )
    assert "no-store" in anonymous.get(f"/api/v1/public/dossiers/{dossier.code}")["Cache-Control"]


@pytest.mark.parametrize(("role", "minutes"), [(Role.COUNTER_OFFICER, 30), (Role.CITIZEN, 120)])
def test_sessions_end_after_their_idle_time(client, role, minutes):
    user = OfficerFactory(role=role) if role != Role.CITIZEN else citizen()
    home = reverse("backoffice:inbox") if role != Role.CITIZEN else reverse("portal:my_dossiers")
    with freeze_time("2026-03-02 02:00:00") as clock:
        client.force_login(user)
        assert client.session.get_expiry_age() == minutes * 60
        clock.tick(timedelta(minutes=minutes - 5))
        assert client.get(home).status_code == 200  # active: the idle time starts again
        clock.tick(timedelta(minutes=minutes - 5))
        assert client.get(home).status_code == 200
        clock.tick(timedelta(minutes=minutes + 1))
        assert client.get(home).status_code == 302  # idle too long: signed out


def test_the_officers_idle_time_is_configurable(client, settings):
    settings.MOTCUA_OFFICER_IDLE_MINUTES = 10
    officer = OfficerFactory()
    with freeze_time("2026-03-02 02:00:00") as clock:
        client.force_login(officer)
        clock.tick(timedelta(minutes=11))
        assert client.get(reverse("backoffice:inbox")).status_code == 302


def test_an_eform_field_with_markup_is_shown_as_text(client):
    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(procedure=procedure, order=1, key="ghi_chu", label="<script>alert(1)</script>")
    page = client.get(reverse("portal:procedure", args=[procedure.code])).content.decode()
    assert "<script>alert(1)</script>" not in page
