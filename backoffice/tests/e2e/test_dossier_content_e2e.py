"""A counter officer opens an online dossier in Chromium and reads what the applicant gave: the e-form
answers, the phone and where the result is to be posted."""

import pytest

from backoffice.tests.e2e.test_one_stop_flow_e2e import sign_in
from backoffice.tests.test_dossier_content import POSTAL
from core.roles import Role
from dossiers import submission
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen, complete, procedure  # noqa: F401  (fixture)
from portal.tests.e2e.conftest import MOBILE, shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_counter_reads_the_answers_the_phone_and_the_delivery_address(
    live_server,
    new_page,
    procedure,  # noqa: F811
):
    applicant = citizen(street="Số 2 Trần Hưng Đạo")
    draft = submission.start_draft(applicant, procedure)
    complete(draft, applicant)
    submission.save_draft(
        draft, applicant, form_data={"copies": "2"}, result_delivery="post", delivery_address=POSTAL
    )
    dossier = submission.submit(draft, applicant)
    OfficerFactory(username="tiepnhan", agency=dossier.agency, role=Role.COUNTER_OFFICER)

    page = sign_in(new_page, live_server, "tiepnhan")
    page.get_by_role("link", name=dossier.code).click()
    page.wait_for_load_state()
    answers = page.locator("#answers")
    assert answers.locator("dt", has_text="Ngày sinh").count() == 1
    assert "25/03/1990" in answers.inner_text() and "Phiếu số 1" in answers.inner_text()
    phone = page.get_by_role("link", name="0912345678")
    assert phone.get_attribute("href") == "tel:0912345678"
    main = page.inner_text("main")
    assert "Số 15 phố Lê Thánh Tông" in main  # where the result is posted
    check_accessibility(page, "online dossier's page for the counter")
    shot(page, "backoffice-online-dossier-desktop")
    phone = new_page(viewport=MOBILE)
    phone.goto(f"{live_server.url}/tra-cuu/?ma={dossier.code}")
    shot(phone, "lookup-mobile")
