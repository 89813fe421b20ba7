"""A province manager in Chromium: the dashboard, down to a late dossier, the Excel download; and the
public statistics page for an anonymous visitor."""

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from core.roles import Role
from dossiers.tests.factories import OfficerFactory
from portal.tests.e2e.conftest import MOBILE, shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MARCH = "?period=month&year=2026&number=3"


def test_a_manager_drills_down_to_a_late_dossier_and_downloads_the_excel(live_server, new_page, province):
    a, b = province
    OfficerFactory(username="thongke", role=Role.PROVINCE_MANAGER, agency=a.agency)
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=" + quote(f"/can-bo/thong-ke/{MARCH}"))
    page.fill("#id_username", "thongke")
    page.fill("#id_password", "secret-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/can-bo/thong-ke/**")
    table = page.get_by_role("table", name="Kết quả giải quyết thủ tục hành chính, 03/2026")
    assert table.is_visible()
    check_accessibility(page, "statistics dashboard")
    shot(page, "statistics-dashboard-desktop")
    # Province → the commune's agency → its late dossier.
    page.get_by_role("link", name="UBND xã An Bình").first.click()
    page.wait_for_url("**agency=*")
    assert page.get_by_role("heading", level=1).inner_text().endswith("UBND xã An Bình")
    page.get_by_role("link", name="Tổng số: Số hồ sơ đã giải quyết – Trễ hạn: 1").click()
    page.wait_for_url("**figure=resolved_late*")
    assert f"{b.agency.code}-260316-" in page.inner_text("main")
    check_accessibility(page, "the dossiers behind a figure")
    # The Excel file of the same report opens, with the agency's row.
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename == "thong-ke-20260301-20260331.xlsx"
    with open(download.value.path(), "rb") as downloaded:
        workbook = load_workbook(io.BytesIO(downloaded.read()))
    texts = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]
    assert "UBND xã An Bình" in texts


def test_the_public_statistics_page_shows_the_province_to_anyone(live_server, new_page, province):
    page = new_page(viewport=MOBILE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Thống kê").first.click()
    page.wait_for_url("**/thong-ke/")
    page.get_by_label("Kỳ báo cáo", exact=True).select_option("month")
    page.get_by_label("Năm", exact=True).select_option("2026")
    page.get_by_label("Tháng, quý hoặc nửa năm").select_option("3")
    page.get_by_role("button", name="Xem số liệu").click()
    page.wait_for_url("**period=month**")
    total = page.locator("tfoot tr").inner_text().split()
    assert total[:4] == ["Tổng", "số", "8", "1"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], "the page scrolls sideways; only its tables may"
    check_accessibility(page, "public statistics")
    shot(page, "statistics-public-mobile")
