"""A dossier's whole trip through the one-stop shop, clicked as the officers click it."""

import re

import pytest
from django.utils.timezone import localtime

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory
from portal.tests.e2e.conftest import shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ACTIONS = ["receive", "assign", "forward", "forward", "approve", "issue_result", "return_result"]
DATE_TIME = re.compile(r"\d{2}:\d{2} \d{2}/\d{2}/\d{4}")


def sign_in(new_page, live_server, username):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/can-bo/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/can-bo/")
    return page


def take(page, action):
    form = page.locator(f"form[action$='/{action}/']")
    if not form.is_visible():  # actions that need more input fold until opened
        page.locator(f"details:has(form[action$='/{action}/']) > summary").click()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_counter_specialist_leader_and_return(live_server, new_page):
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER)
    agency = counter.agency
    OfficerFactory(username="chuyenvien", role=Role.SPECIALIST, agency=agency)
    OfficerFactory(username="lanhdao", role=Role.LEADER, agency=agency)
    procedure = procedure_with_details(agencies=[agency], name="Cấp Phiếu lý lịch tư pháp")

    page = sign_in(new_page, live_server, "tiepnhan")
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.select_option("#id_procedure", str(procedure.pk))
    # htmx swaps in the procedure's checklist; the counter ticks the required component.
    required = procedure.components.get(required=True)
    page.check(f"#id_component_{required.pk}")
    check_accessibility(page, "reception with the component checklist")
    shot(page, "backoffice-reception-desktop")
    page.fill("#id_applicant_name", "Nguyễn Thị Hồng Nhung")
    page.fill("#id_id_number", "022301004567")
    page.fill("#id_phone", "0912345678")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/can-bo/ho-so/**")
    code = Dossier.objects.get().code
    assert code in page.inner_text("h1")
    receipt_path = page.get_by_role("link", name="In giấy tiếp nhận").get_attribute("href")
    receipt = page.request.get(live_server.url + receipt_path)
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")
    take(page, "assign")
    take(page, "forward")
    check_accessibility(page, "dossier page")

    page = sign_in(new_page, live_server, "chuyenvien")
    shot(page, "backoffice-inbox-desktop")
    check_accessibility(page, "inbox with its filters and badges")
    page.get_by_role("link", name=code).click()
    assert page.locator("select[name=consulted_agency]").count() == 1  # inter-agency: choose the agency
    check_accessibility(page, "dossier page with the supplement and inter-agency forms")
    take(page, "forward")

    page = sign_in(new_page, live_server, "lanhdao")
    page.get_by_role("link", name=code).click()
    take(page, "approve")
    take(page, "issue_result")

    page = sign_in(new_page, live_server, "tiepnhan")
    page.get_by_role("link", name=code).click()
    take(page, "return_result")

    dossier = Dossier.objects.get()
    assert dossier.state == "returned"
    log_rows = page.locator("h2:has-text('Nhật ký') + .table-wrap table tbody tr")
    assert log_rows.count() == 7
    steps = page.locator("h2:has-text('Quy trình') + .table-wrap table tbody tr")
    assert steps.count() == 3
    for row in range(3):
        cells = steps.nth(row).locator("td")
        step = dossier.steps.get(index=row)
        # Each step shows its own due time (from its budget) and when it was done, early or on time.
        assert cells.nth(3).inner_text().strip() == localtime(step.due_at).strftime("%H:%M %d/%m/%Y")
        assert cells.nth(4).inner_text().strip() == localtime(step.done_at).strftime("%H:%M %d/%m/%Y")
        assert cells.nth(5).inner_text().strip().lower() in {"trước hạn", "đúng hạn"}
    log = [[cell.strip() for cell in log_rows.nth(row).locator("td").all_inner_texts()] for row in range(7)]
    # Every hand-off in words, from whom to whom, with the step's due time and its mark.
    assert all(row[1] and row[1] != action for row, action in zip(log, ACTIONS, strict=True)), log
    forwards = [row for row in log if row[4]]
    assert len(forwards) == 3 and all(DATE_TIME.fullmatch(row[6]) for row in forwards), log
    assert all(row[7].lower() in {"trước hạn", "đúng hạn"} for row in forwards), log
    assert log[0][3].startswith("tiepnhan") and log[3][2].startswith("chuyenvien"), log
    shot(page, "backoffice-dossier-desktop")
