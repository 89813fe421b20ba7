"""The document wallet end to end: a second dossier of the same applicant takes a component from the
wallet without an upload, and the counter officer sees it marked reused; the wallet page on a phone."""

import pytest

from accounts.models import User
from catalog.tests.factories import DossierComponentFactory, procedure_with_details
from core.roles import Role
from dossiers.models import Dossier, DossierFile
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import PDF
from dossiers.tests.wallet_data import issued_result
from portal.tests.e2e.conftest import shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility
from portal.tests.e2e.test_citizen_flow_e2e import officer_page, open_dossier, submit_main_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LAN = "022190001234"
PASSWORD = "secret-pass-123"


def the_wallet():
    """The driving-licence procedure, whose signed result Lan holds, and the exchange procedure, whose
    "copy of the licence in use" accepts that result."""
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER)
    issuing = procedure_with_details(
        code="1.002809", name="Cấp giấy phép lái xe", agencies=[counter.agency], service_level=4
    )
    issuing.result_name = "Giấy phép lái xe hạng B"
    issuing.save()
    exchange = procedure_with_details(
        code="1.002810", name="Đổi giấy phép lái xe", agencies=[counter.agency], service_level=4
    )
    copy = DossierComponentFactory(
        procedure=exchange, name="Bản sao giấy phép lái xe đang sử dụng", position=3, required=True
    )
    copy.accepts_results_of.set([issuing])
    lan = User.objects.create_user(
        username="lan",
        password=PASSWORD,
        first_name="Lan",
        last_name="Nguyễn Thị",
        personal_id=LAN,
        phone="0912345678",
        email="lan@example.vn",
        role=Role.CITIZEN,
    )
    result = issued_result(LAN, issuing, officer=counter)
    return counter, exchange, copy, lan, result


def sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_second_dossier_takes_the_licence_from_the_wallet_and_the_officer_sees_it(live_server, new_page):
    counter, exchange, copy, lan, result = the_wallet()
    page = new_page(viewport={"width": 320, "height": 800}, is_mobile=True, has_touch=True)
    sign_in(page, live_server.url, "lan")

    # Start the exchange online; the details are prefilled from the account.
    page.goto(f"{live_server.url}/nop-ho-so/{exchange.code}/")
    submit_main_form(page)
    submit_main_form(page)
    assert "/giay-to/" in page.url, page.inner_text("main")

    # The form is uploaded; the copy of the licence is offered from the wallet and taken in one click.
    form = exchange.components.get(position=1)
    page.locator(f"#component-{form.pk}-input").set_input_files(
        files=[{"name": "don-de-nghi.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator(f"#component-{form.pk} form.upload-form button[type=submit]").click()
    page.wait_for_load_state()
    offer = page.locator(f"#component-{copy.pk} .wallet-offer")
    assert "Giấy phép lái xe hạng B" in offer.inner_text()
    assert "Cấp giấy phép lái xe" in offer.inner_text()
    assert page.locator(f"#component-{form.pk} .wallet-offer").count() == 0
    shot(page, "citizen-wallet-offer-mobile")
    check_accessibility(page, "documents step with a wallet offer")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    offer.locator("button[type=submit]").click()
    page.wait_for_load_state()
    attached = page.locator(f"#component-{copy.pk} .file-list")
    assert result.original_name in attached.inner_text()
    assert attached.locator(".badge--wallet").count() == 1
    assert page.locator(f"#component-{copy.pk} .wallet-offer").count() == 0

    # Continue and submit without uploading the copy.
    page.locator("main .form-actions a.button").click()
    page.wait_for_load_state()
    submit_main_form(page)
    page.locator("main form button.button--large").click()
    page.wait_for_load_state()
    dossier = Dossier.objects.exclude(code=None).get(procedure=exchange)
    assert dossier.code in page.inner_text("main")
    reused = dossier.files.get(component=copy)
    assert (reused.reused_from_id, reused.file.name, reused.sha256) == (
        result.pk,
        result.file.name,
        result.sha256,
    )
    assert DossierFile.objects.filter(file=result.file.name).count() == 2  # one stored file, two rows

    # The counter officer opens the dossier and sees the copy marked reused, with its source dossier.
    officer = officer_page(new_page, live_server, "tiepnhan")
    open_dossier(officer, dossier.code)
    row = officer.locator("tr", has=officer.locator(".badge--wallet"))
    assert row.count() == 1
    assert copy.name in row.inner_text()
    assert result.dossier.code in row.locator(".badge--wallet").inner_text()
    shot(officer, "officer-reused-from-wallet")


def test_the_wallet_page_on_a_phone_lists_downloads_and_links_verification(live_server, new_page):
    counter, exchange, copy, lan, result = the_wallet()
    page = new_page(viewport={"width": 320, "height": 800}, is_mobile=True, has_touch=True)
    sign_in(page, live_server.url, "lan")

    page.goto(f"{live_server.url}/")
    page.locator("a[href='/tai-khoan/kho-du-lieu/']").first.click()
    page.wait_for_url("**/tai-khoan/kho-du-lieu/")
    card = page.locator(".wallet-card")
    assert card.count() == 1
    assert "Giấy phép lái xe hạng B" in card.inner_text()
    assert card.locator(".badge--signed").count() == 1
    assert card.locator(f"a[href='/xac-thuc/{result.public_id}/']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check_accessibility(page, "the wallet page")
    shot(page, "citizen-wallet-mobile")
    download = page.request.get(live_server.url + card.locator("a[download]").get_attribute("href"))
    assert download.ok and download.body().startswith(b"%PDF")
