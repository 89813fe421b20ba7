"""A citizen applies online and follows the dossier to its result, clicked as a person clicks it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.timezone import localtime

from catalog.models import FormField
from catalog.tests.factories import procedure_with_details
from core.roles import Role
from documents.signing import verify_pdf
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import PDF
from notifications.sms.backends import MemorySender
from notifications.tests.worker import run_worker_once
from portal.tests.e2e.conftest import MOBILE, shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit_main_form(page):
    actions = page.locator("main form .form-actions button[type=submit]")
    (actions if actions.count() else page.locator("main form button[type=submit]")).first.click()
    page.wait_for_load_state()


def the_procedure():
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(
        agencies=[counter.agency], name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", service_level=4
    )
    FormField.objects.create(
        procedure=procedure, order=1, key="birth_place", label="Nơi sinh", kind="text", required=True
    )
    FormField.objects.create(
        procedure=procedure,
        order=2,
        key="record_type",
        label="Loại phiếu",
        kind="choice",
        choices=["Phiếu số 1", "Phiếu số 2"],
    )
    return procedure, counter


def register(page, live_server):
    """Register through the registration page; the new account is signed in at once, then confirms its
    phone with the code sent by SMS (the memory sender of the tests)."""
    MemorySender.outbox.clear()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main a[href*='dang-ky']").first.click()
    page.wait_for_load_state()
    page.fill("#id_full_name", "Nguyễn Thị Lan")
    page.fill("#id_personal_id", "022190001234")
    page.fill("#id_phone", "0912345678")
    page.fill("#id_email", "lan@example.vn")
    page.fill("#id_password1", "Mot-cua-2026!")
    page.fill("#id_password2", "Mot-cua-2026!")
    submit_main_form(page)
    assert page.locator(".account__user").inner_text() == "Nguyễn Thị Lan"
    page.wait_for_url("**/accounts/xac-nhan/*")
    check_accessibility(page, "confirm the phone")
    assert [sms["to"] for sms in MemorySender.outbox] == ["0912345678"]
    code = re.search(r"\b(\d{6})\b", MemorySender.outbox[0]["text"]).group(1)
    assert page.get_attribute("#id_code", "autocomplete") == "one-time-code"
    page.fill("#id_code", code)
    submit_main_form(page)
    page.wait_for_url("**/ho-so-cua-toi/")


def officer_page(new_page, live_server, username):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/can-bo/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/can-bo/")
    return page


def open_dossier(page, code):
    page.get_by_role("link", name=code).first.click()
    page.wait_for_url(f"**/can-bo/ho-so/{code}/")


def take(page, action):
    form = page.locator(f"form[action$='/{action}/']")
    if not form.is_visible():  # actions that need more input fold until opened
        page.locator(f"details:has(form[action$='/{action}/']) > summary").click()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_citizen_submits_answers_a_supplement_and_gets_the_result(live_server, new_page):
    procedure, counter = the_procedure()
    agency = counter.agency
    OfficerFactory(username="chuyenvien", role=Role.SPECIALIST, agency=agency)
    OfficerFactory(username="lanhdao", role=Role.LEADER, agency=agency)
    page = new_page(viewport=MOBILE)
    register(page, live_server)
    page.locator(".account__user").click()  # my account: details, address, API keys
    page.wait_for_url("**/accounts/tai-khoan/")
    check_accessibility(page, "my account")

    # Find "Cấp phiếu lý lịch tư pháp" in the catalog by typing, without diacritics.
    page.goto(f"{live_server.url}/")
    page.fill("#home-search", "cap phieu ly lich tu phap")
    page.locator("form.search-box button[type=submit]").click()
    page.wait_for_url("**/thu-tuc/?q=*")
    page.get_by_role("link", name=procedure.name).first.click()
    page.locator(f"a[href='/nop-ho-so/{procedure.code}/']").first.click()
    page.wait_for_load_state()
    submit_main_form(page)  # start a new online dossier

    # 1. Details and the e-form (the applicant's details are prefilled from the account).
    assert page.input_value("[name=applicant_id_number]") == "022190001234"
    page.fill("[name=eform_birth_place]", "Hạ Long, Quảng Ninh")
    page.check("[name=eform_record_type][value='Phiếu số 1']")
    shot(page, "citizen-eform-mobile")
    check_accessibility(page, "e-form")
    # Enter in a field saves the step and moves on (not the "show the communes" helper button).
    page.press("[name=eform_birth_place]", "Enter")
    page.wait_for_load_state()

    # 2. Documents: a forged file is refused with a message, a real PDF is kept.
    required = procedure.components.get(required=True)
    assert "/giay-to/" in page.url, page.inner_text("main")
    assert Dossier.objects.get().form_data["birth_place"] == "Hạ Long, Quảng Ninh"
    upload = page.locator(f"#component-{required.pk}-input")
    upload.set_input_files(
        files=[{"name": "gia-mao.pdf", "mimeType": "application/pdf", "buffer": b"MZ" + b"\0" * 64}]
    )
    page.locator(f"#component-{required.pk} form.upload-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "gia-mao.pdf" in page.inner_text(f"#component-{required.pk}")
    page.locator(f"#component-{required.pk}-input").set_input_files(
        files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator(f"#component-{required.pk} form.upload-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "to-khai.pdf" in page.inner_text(f"#component-{required.pk}")
    page.locator("main .form-actions a.button").click()
    page.wait_for_load_state()

    # 3. Receiving the result: online; 4. check and submit.
    page.check("[name=result_delivery][value=online]")
    submit_main_form(page)
    page.locator("main form button.button--large").click()
    page.wait_for_load_state()
    dossier = Dossier.objects.exclude(code=None).get()
    receipt_page = page.inner_text("main")
    assert dossier.code in receipt_page
    assert localtime(dossier.appointment_at).strftime("%d/%m/%Y") in receipt_page
    receipt = page.request.get(live_server.url + reverse("portal:receipt_download", args=[dossier.pk]))
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    shot(page, "citizen-submitted-mobile")

    # The counter receives it and asks for a clearer copy, in the back office.
    officer = officer_page(new_page, live_server, "tiepnhan")
    open_dossier(officer, dossier.code)
    take(officer, "receive")
    officer.locator("details:has(form[action$='/request_supplement/']) > summary").click()
    officer.check(f"#id_missing_{required.pk}")
    officer.fill(f"#id_reason_{required.pk}", "Bản chụp bị mờ")
    officer.locator("form[action$='/request_supplement/'] button[type=submit]").click()
    officer.wait_for_load_state()
    assert Dossier.objects.get(pk=dossier.pk).state == "awaiting_supplement"

    # The citizen answers it online from "my dossiers".
    page.goto(f"{live_server.url}/ho-so-cua-toi/")
    page.get_by_role("link", name=dossier.code).click()
    assert "Bản chụp bị mờ" in page.inner_text("main")
    shot(page, "citizen-supplement-mobile")
    check_accessibility(page, "my dossier with a supplement request")
    page.set_input_files(
        "#supplement-file", files=[{"name": "ban-ro.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("form[action$='/bo-sung/tep/'] button").click()
    page.wait_for_load_state()
    page.locator("form[action$='/bo-sung/'] button").click()
    page.wait_for_load_state()
    assert Dossier.objects.get(pk=dossier.pk).state == "received"

    # The agency processes and approves; the leader issues the signed result as a PDF.
    officer.reload()
    take(officer, "assign")
    take(officer, "forward")
    specialist = officer_page(new_page, live_server, "chuyenvien")
    open_dossier(specialist, dossier.code)
    take(specialist, "forward")
    leader = officer_page(new_page, live_server, "lanhdao")
    open_dossier(leader, dossier.code)
    take(leader, "approve")
    leader.locator("details:has(form[action$='/issue_result/']) > summary").click()
    leader.set_input_files(
        "#result-document", files=[{"name": "phieu-lltp.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    leader.locator("form[action$='/issue_result/'] button[type=submit]").click()
    leader.wait_for_load_state()
    assert Dossier.objects.get(pk=dossier.pk).state == "result_issued"

    # The citizen sees the result is ready and downloads it.
    page.reload()
    assert "Đã có kết quả" in page.inner_text("main")
    shot(page, "citizen-result-mobile")
    result = page.locator("main a.button", has_text="Tải kết quả")
    assert result.count() == 1
    downloaded = page.request.get(live_server.url + result.get_attribute("href"))
    # The uploaded result, as the agency sealed it: signed and verifiable.
    assert downloaded.ok and verify_pdf(downloaded.body()).ok

    run_worker_once()
    subjects = [message.subject for message in mail.outbox if "lan@example.vn" in message.to]
    assert len(subjects) == len(set(subjects)) >= 4  # submitted, received, supplement, result: once each
    assert any(dossier.code in subject and "kết quả" in subject.lower() for subject in subjects), subjects
