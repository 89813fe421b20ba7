"""A citizen applies online and follows the dossier to its result, clicked as a person clicks it."""

from pathlib import Path

import pytest
from django.core import mail

from accounts.roles import Role
from catalog.models import FormField
from catalog.tests.factories import procedure_with_details
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import PDF
from notifications.tests.worker import run_worker_once
from portal.tests.e2e.conftest import MOBILE
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


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


def register_or_sign_in(page, live_server):
    """Register through the registration page (accounts); the account then signs in with its phone."""
    page.goto(f"{live_server.url}/accounts/login/")
    register = page.locator("a[href*='dang-ky'], a[href*='register']")
    if register.count():
        register.first.click()
        page.wait_for_load_state()
        fields = {
            "#id_full_name": "Nguyễn Thị Lan",
            "#id_personal_id": "022190001234",
            "#id_phone": "0912345678",
            "#id_email": "lan@example.vn",
            "#id_password1": "Mot-cua-2026!",
            "#id_password2": "Mot-cua-2026!",
        }
        for selector, value in fields.items():
            if page.locator(selector).count():
                page.fill(selector, value)
        submit_main_form(page)
        return
    from dossiers.tests.test_submission import citizen

    citizen("lan", email="lan@example.vn", phone="0912345678", personal_id="022190001234")
    page.fill("#id_username", "lan")
    page.fill("#id_password", "secret-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_citizen_submits_answers_a_supplement_and_gets_the_result(live_server, new_page):
    procedure, counter = the_procedure()
    page = new_page(viewport=MOBILE)
    register_or_sign_in(page, live_server)

    # Find the procedure in the catalog, without diacritics.
    page.goto(f"{live_server.url}/thu-tuc/?q=ly+lich+tu+phap")
    page.get_by_role("link", name=procedure.name).first.click()
    page.locator(f"a[href='/nop-ho-so/{procedure.code}/']").first.click()
    page.wait_for_load_state()
    submit_main_form(page)  # start a new online dossier

    # 1. Details and the e-form (the applicant's details are prefilled from the account).
    page.fill("[name=eform_birth_place]", "Hạ Long, Quảng Ninh")
    page.check("[name=eform_record_type][value='Phiếu số 1']")
    shot(page, "citizen-eform-mobile")
    check_accessibility(page, "e-form")
    submit_main_form(page)

    # 2. Documents: a forged file is refused with a message, a real PDF is kept.
    required = procedure.components.get(required=True)
    assert "/giay-to/" in page.url, page.inner_text("main")
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

    # 3. Receiving the result: at the counter (the default); 4. check and submit.
    submit_main_form(page)
    page.locator("main form button.button--large").click()
    page.wait_for_load_state()
    dossier = Dossier.objects.exclude(code=None).get()
    assert dossier.code in page.inner_text("main")
    shot(page, "citizen-submitted-mobile")

    # The counter receives it and asks for a clearer copy.
    perform(dossier, counter, Action.RECEIVE)
    perform(
        Dossier.objects.get(pk=dossier.pk),
        counter,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": required.name, "reason": "Bản chụp bị mờ"}],
    )

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
    dossier.refresh_from_db()
    assert dossier.state == "received"

    # The agency processes and approves; the result is ready.
    for user, action in [(counter, Action.ASSIGN), (counter, Action.FORWARD)]:
        perform(Dossier.objects.get(pk=dossier.pk), user, action)
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    leader = OfficerFactory(role=Role.LEADER, agency=counter.agency)
    perform(Dossier.objects.get(pk=dossier.pk), specialist, Action.FORWARD)
    perform(Dossier.objects.get(pk=dossier.pk), leader, Action.APPROVE)
    perform(Dossier.objects.get(pk=dossier.pk), leader, Action.ISSUE_RESULT)

    page.reload()
    assert Dossier.objects.get(pk=dossier.pk).state == "result_issued"
    assert "Đã có kết quả" in page.inner_text("main") or "result is ready" in page.inner_text("main")
    shot(page, "citizen-result-mobile")

    run_worker_once()
    subjects = [message.subject for message in mail.outbox if "lan@example.vn" in message.to]
    assert any(dossier.code in subject for subject in subjects)
    assert len(subjects) == len(set(subjects)) >= 4  # submitted, received, supplement, result: once each
