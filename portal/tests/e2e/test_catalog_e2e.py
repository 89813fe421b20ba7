"""End to end: a citizen finds the driving licence procedure on a phone or a desktop.

Also checks the main pages with axe-core (zero violations) and refreshes docs/screenshots/.
"""

import re
from decimal import Decimal

import pytest

from catalog.constants import AdministrativeLevel
from catalog.tests.factories import (
    AgencyFactory,
    FeeFactory,
    FormTemplateFactory,
    ProcedureFactory,
    SectorFactory,
    procedure_with_details,
)

from .conftest import DESKTOP, MOBILE, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def demo_catalog():
    """A small but realistic catalog: two departments, two communes, five sectors, all four levels."""
    transport = SectorFactory(code="GTVT", name="Đường bộ")
    justice = SectorFactory(code="TP", name="Hộ tịch")
    construction = SectorFactory(code="XD", name="Hoạt động xây dựng")
    business = SectorFactory(code="DKKD", name="Thành lập và hoạt động của hộ kinh doanh")
    complaints = SectorFactory(code="KNTC", name="Giải quyết khiếu nại")
    department = AgencyFactory(
        code="000.00.20.H99",
        name="Sở Xây dựng tỉnh Hải Đông",
        street_address="Số 2 Trần Hưng Đạo, phường Bắc Sơn",
        phone="0203 3825 111",
        email="sxd@haidong.gov.vn",
        website="https://sxd.haidong.gov.vn",
    )
    justice_dept = AgencyFactory(
        code="000.00.21.H99",
        name="Sở Tư pháp tỉnh Hải Đông",
        street_address="Số 8 Lê Lợi, phường Bắc Sơn",
        phone="0203 3825 222",
    )
    hoa_an = AgencyFactory(
        code="000.21.30.H99",
        name="UBND xã Hòa An",
        level=AdministrativeLevel.COMMUNE,
        street_address="Thôn Đông, xã Hòa An",
        phone="0203 3999 001",
    )
    bac_son = AgencyFactory(
        code="000.22.30.H99",
        name="UBND phường Bắc Sơn",
        level=AdministrativeLevel.COMMUNE,
        street_address="Số 15 Quang Trung, phường Bắc Sơn",
    )
    licence = procedure_with_details(
        code="1.002809",
        name="Cấp, đổi giấy phép lái xe",
        subtitle="Cấp mới hoặc đổi giấy phép lái xe mô tô, ô tô khi hết hạn, hỏng hoặc mất",
        sector=transport,
        service_level=4,
        agencies=[department],
        requirements=(
            "Người đủ tuổi, đủ sức khỏe theo quy định của Luật Trật tự, an toàn giao thông đường bộ."
        ),
        how_to_apply=(
            "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công, hoặc trực tiếp tại Trung tâm Phục vụ hành chính "
            "công tỉnh, hoặc qua dịch vụ bưu chính công ích."
        ),
        result_name="Giấy phép lái xe",
        legal_basis="Luật Trật tự, an toàn giao thông đường bộ 2024\nThông tư 35/2024/TT-BGTVT",
    )
    ProcedureFactory(
        code="1.002804",
        name="Đổi giấy phép lái xe do ngành Giao thông vận tải quản lý cấp cho người nước ngoài",
        sector=transport,
        service_level=3,
        agencies=[department],
    )
    ProcedureFactory(
        code="1.001234",
        name="Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
        subtitle="Giấy phép xây dựng cho công trình lớn",
        sector=construction,
        service_level=3,
        processing_time=Decimal("20"),
        agencies=[department],
    )
    ProcedureFactory(
        code="2.000488",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        subtitle="Xin phiếu lý lịch tư pháp (giấy xác nhận không có án tích)",
        sector=justice,
        service_level=4,
        processing_time=Decimal("10"),
        agencies=[justice_dept],
    )
    birth = ProcedureFactory(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        sector=justice,
        service_level=4,
        processing_time=Decimal("0.5"),
        administrative_level=AdministrativeLevel.COMMUNE,
        agencies=[hoa_an, bac_son],
    )
    FeeFactory(procedure=birth, name="Lệ phí đăng ký khai sinh", amount=0, applies_when="Đăng ký đúng hạn")
    copy = ProcedureFactory(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        sector=justice,
        service_level=2,
        processing_time=Decimal("1"),
        administrative_level=AdministrativeLevel.COMMUNE,
        agencies=[hoa_an, bac_son],
    )
    FormTemplateFactory(procedure=copy, name="Phiếu yêu cầu chứng thực", code="Mẫu 01")
    FeeFactory(procedure=copy, name="Phí chứng thực", amount=2000, applies_when="Mỗi trang")
    ProcedureFactory(
        code="2.000720",
        name="Đăng ký thành lập hộ kinh doanh",
        sector=business,
        service_level=3,
        processing_time=Decimal("3"),
        administrative_level=AdministrativeLevel.COMMUNE,
        agencies=[hoa_an],
    )
    ProcedureFactory(
        code="2.002165",
        name="Giải quyết khiếu nại lần đầu",
        sector=complaints,
        service_level=1,
        processing_time=Decimal("30"),
        administrative_level=AdministrativeLevel.COMMUNE,
        agencies=[bac_son],
    )
    return licence


def check_accessibility(page, name):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    if results.violations_count:
        print(f"axe-core violations on {name}:\n{results.generate_report()}")
    assert results.violations_count == 0, f"{results.violations_count} accessibility violations on {name}"


def test_find_the_driving_licence_and_see_how_to_apply(live_server, page):
    licence = demo_catalog()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_label("Tìm thủ tục theo tên hoặc mã").fill("giay phep lai xe")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/thu-tuc/\?q=giay\+phep\+lai\+xe"))

    results = page.locator(".result__title a")
    assert results.first.inner_text() == "Cấp, đổi giấy phép lái xe"
    # The two driving licence procedures first; others sharing only "giấy phép" come after them.
    assert results.nth(1).inner_text().startswith("Đổi giấy phép lái xe")
    listed = page.locator("#results").inner_text()
    assert "Giải quyết khiếu nại" not in listed or listed.index("Giải quyết khiếu nại") > listed.index(
        "Đổi giấy phép lái xe"
    )
    results.first.click()

    page.wait_for_url(f"**/thu-tuc/{licence.code}/")
    assert page.locator("h1").inner_text() == "Cấp, đổi giấy phép lái xe"
    fees = page.locator("#fees-title + table")
    assert "1.250.000 ₫" in fees.inner_text()
    assert "135.000 ₫" in fees.inner_text()
    submit = page.get_by_role("link", name="Nộp hồ sơ trực tuyến")
    assert submit.is_visible()
    assert submit.get_attribute("href") == f"/nop-ho-so/{licence.code}/"
    submit.click()
    # Online submission needs an account: the sign-in page, which comes back here afterwards.
    page.wait_for_url(f"**/accounts/login/?next=/nop-ho-so/{licence.code}/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    assert page.locator("main a[href*='/accounts/dang-ky/']").is_visible()


def test_filters_update_the_results_in_place_and_the_address(live_server, page):
    demo_catalog()
    page.goto(live_server.url + "/thu-tuc/")
    assert page.locator(".result").count() == 8
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Mức độ dịch vụ công trực tuyến").select_option("3")
    page.wait_for_url(re.compile(r"level=3"))
    page.wait_for_function("document.querySelectorAll('.result').length === 3")
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped the results, no reload
    assert "Tìm thấy 3 thủ tục" in page.locator("#results-title").inner_text()
    # Switching the language keeps the filters chosen in place.
    page.get_by_role("button", name="English").click()
    page.wait_for_url(re.compile(r"level=3"))
    assert page.locator("h1").inner_text() == "Administrative procedures"
    assert page.locator(".result").count() == 3
    # Back in history restores the unfiltered list.
    page.go_back()
    page.go_back()
    page.wait_for_function("document.querySelectorAll('.result').length === 8")


def test_language_switch(live_server, page):
    demo_catalog()
    page.goto(live_server.url + "/thu-tuc/?level=4")
    assert page.locator("h1").inner_text() == "Thủ tục hành chính"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Administrative procedures"
    assert "level=4" in page.url
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Thủ tục hành chính"


@pytest.mark.parametrize("viewport,suffix", [(DESKTOP, "desktop"), (MOBILE, "mobile")])
def test_main_pages_are_accessible_and_screenshots(live_server, new_page, viewport, suffix):
    licence = demo_catalog()
    page = new_page(viewport=viewport)
    pages = [
        ("home", "/"),
        ("list", "/thu-tuc/?q=giay+phep"),
        ("list-all", "/thu-tuc/"),
        ("procedure", f"/thu-tuc/{licence.code}/"),
        ("procedure-level-2", "/thu-tuc/2.000815/"),
        ("login", "/accounts/login/"),
        ("not-found", "/thu-tuc/9.999999/"),
    ]
    for name, path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        check_accessibility(page, f"{name} ({suffix})")
        if name in ("home", "list", "procedure"):
            shot(page, f"{name}-{suffix}")
