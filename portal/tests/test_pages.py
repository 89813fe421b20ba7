from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.constants import AdministrativeLevel, PublicationState
from catalog.tests.factories import (
    AgencyFactory,
    FormTemplateFactory,
    ProcedureFactory,
    SectorFactory,
    procedure_with_details,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("portal:procedure_list")


def html(response) -> str:
    return response.content.decode()


def detail_url(procedure) -> str:
    return reverse("portal:procedure", args=[procedure.code])


# ---------- home ----------


def test_home_shows_branding_search_sectors_agencies_and_levels(client, settings):
    settings.MOTCUA_BRANDING = {**settings.MOTCUA_BRANDING, "primary_colour": "#123456"}
    transport = SectorFactory(name="Giao thông vận tải")
    department = AgencyFactory(name="Sở Xây dựng", level=AdministrativeLevel.PROVINCE)
    commune = AgencyFactory(name="UBND xã Hòa An", level=AdministrativeLevel.COMMUNE)
    ProcedureFactory(sector=transport, service_level=4, agencies=[department])
    ProcedureFactory(sector=transport, service_level=3, agencies=[department, commune])
    ProcedureFactory(sector=transport, service_level=1, agencies=[commune])
    ProcedureFactory(sector=transport, service_level=2, publication_state=PublicationState.DRAFT)

    response = client.get("/")
    page = html(response)

    assert response.status_code == 200
    assert "--brand: #123456" in page
    assert settings.MOTCUA_BRANDING["province_name"] in page
    assert f'action="{LIST_URL}"' in page and 'name="q"' in page
    assert "Giao thông vận tải" in page
    assert "3 thủ tục" in page  # the draft does not count
    assert "Sở Xây dựng" in page and "UBND xã Hòa An" in page
    assert page.index("Sở Xây dựng") < page.index("UBND xã Hòa An")  # province level first
    # 2 of 3 published procedures can be submitted online: 66.67 %.
    assert "66,67%" in page


def test_home_query_count_does_not_grow_with_the_catalog(client, django_assert_num_queries):
    for _ in range(3):
        ProcedureFactory()
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    for _ in range(15):
        ProcedureFactory(agencies=[AgencyFactory(level=AdministrativeLevel.COMMUNE)])
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get("/").status_code == 200


def test_home_without_data(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có thủ tục nào được công bố." in html(response)


# ---------- catalog list ----------


def test_list_search_finds_driving_licence_first(client):
    ProcedureFactory(name="Đổi giấy phép lái xe do ngành Giao thông vận tải cấp cho người nước ngoài")
    ProcedureFactory(name="Cấp, đổi giấy phép lái xe", code="1.001234")
    ProcedureFactory(name="Cấp phù hiệu xe taxi")
    response = client.get(LIST_URL, {"q": "giay phep lai xe"})
    page = html(response)
    assert response.status_code == 200
    assert page.index("Cấp, đổi giấy phép lái xe") < page.index("Đổi giấy phép lái xe do ngành")
    # Only "xe" of the query is in its name: found, but last.
    assert page.index("Đổi giấy phép lái xe do ngành") < page.index("Cấp phù hiệu xe taxi")
    assert "1.001234" in page


def test_list_result_shows_code_level_words_agencies_and_time(client):
    agency = AgencyFactory(name="Sở Tư pháp")
    ProcedureFactory(
        name="Cấp phiếu lý lịch tư pháp",
        service_level=3,
        processing_time=Decimal("0.5"),
        agencies=[agency],
    )
    page = html(client.get(LIST_URL))
    assert "Sở Tư pháp" in page
    assert "0,5 ngày làm việc" in page
    assert "badge--level-3" in page
    assert "Mức độ 3" in page and "Dịch vụ công trực tuyến một phần" in page


@pytest.mark.parametrize("field", ["level", "sector", "agency", "administrative_level"])
def test_list_filters(client, field):
    wanted = ProcedureFactory(
        name="Thủ tục cần tìm", service_level=3, administrative_level=AdministrativeLevel.COMMUNE
    )
    ProcedureFactory(name="Thủ tục khác", service_level=4)
    value = {
        "level": "3",
        "sector": wanted.sector.code,
        "agency": wanted.agencies.get().code,
        "administrative_level": AdministrativeLevel.COMMUNE,
    }[field]
    page = html(client.get(LIST_URL, {field: value}))
    assert "Thủ tục cần tìm" in page
    assert "Thủ tục khác" not in page
    assert "1 thủ tục" in page


def test_list_ignores_drafts(client):
    ProcedureFactory(name="Thủ tục nháp", publication_state=PublicationState.DRAFT)
    assert "Thủ tục nháp" not in html(client.get(LIST_URL))


def test_list_paginates_twenty_per_page_with_total(client):
    for n in range(45):
        ProcedureFactory(code=f"1.{n:06d}", name=f"Thủ tục {n:02d}")
    first = html(client.get(LIST_URL))
    assert "45 thủ tục" in first
    assert first.count('class="result"') == 20
    assert "Thủ tục 00" in first and "Thủ tục 20" not in first
    third = html(client.get(LIST_URL, {"page": "3"}))
    assert third.count('class="result"') == 5
    assert "Thủ tục 44" in third
    assert 'rel="prev"' in third and 'rel="next"' not in third


def test_pagination_links_keep_the_filters(client):
    for _ in range(25):
        ProcedureFactory(service_level=4)
    page = html(client.get(LIST_URL, {"level": "4"}))
    assert "?level=4&amp;page=2" in page


@pytest.mark.parametrize(
    "params",
    [
        {"level": "9"},
        {"level": "abc"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"agency": "no-such-agency"},
        {"sector": "<script>alert(1)</script>"},
        {"administrative_level": "galaxy"},
        {"q": "x" * 500},
        {"q": "%_'\"\\;--"},
        {"q": "a\x00b"},
        {"agency": "a\x00b", "page": "99999999999999999999999"},
    ],
)
def test_bad_params_do_not_fail(client, params):
    ProcedureFactory(name="Thủ tục còn hiện")
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    assert "<script>alert" not in html(response)


def test_invalid_level_is_reported_and_ignored(client):
    ProcedureFactory(name="Thủ tục còn hiện")
    page = html(client.get(LIST_URL, {"level": "9"}))
    assert "Thủ tục còn hiện" in page
    assert 'aria-invalid="true"' in page
    assert 'href="#id_level"' in page


def test_out_of_range_page_shows_the_last_page_with_a_message(client):
    ProcedureFactory(name="Thủ tục duy nhất")
    page = html(client.get(LIST_URL, {"page": "7"}))
    assert "Thủ tục duy nhất" in page
    assert "notice--warning" in page


def test_list_htmx_request_gets_only_the_results(client):
    ProcedureFactory(name="Thủ tục htmx")
    response = client.get(LIST_URL, {"q": "htmx"}, headers={"HX-Request": "true", "HX-Target": "results"})
    page = html(response)
    assert response.status_code == 200
    assert "<html" not in page
    assert "Thủ tục htmx" in page
    assert 'hx-swap-oob="true"' in page
    assert "HX-Request" in response["Vary"]


def test_list_page_works_without_javascript(client):
    page = html(client.get(LIST_URL))
    assert '<form class="filters" method="get" action="/thu-tuc/"' in page
    for field in ("q", "agency", "sector", "level", "administrative_level"):
        assert f'<label for="id_{field}">' in page


@pytest.mark.parametrize("count", [5, 40])
def test_list_query_count_is_constant(client, django_assert_max_num_queries, count):
    agencies = [AgencyFactory(), AgencyFactory(level=AdministrativeLevel.COMMUNE)]
    for _ in range(count):
        ProcedureFactory(agencies=agencies)
    client.get(LIST_URL)  # the first list builds the search index, kept in memory
    # filter choices: agencies, sectors; then the page and the page's agencies (the count and the order
    # from the search index, which may check its token: one more).
    with django_assert_max_num_queries(5):
        assert client.get(LIST_URL).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(LIST_URL, {"q": "thu tuc", "page": "2"}).status_code == 200


# ---------- procedure page ----------


def test_procedure_page_shows_everything(client):
    agency = AgencyFactory(
        name="Sở Giao thông vận tải", street_address="12 Trần Phú", phone="0203 3825 000", email="sgtvt@x.vn"
    )
    procedure = procedure_with_details(
        name="Cấp, đổi giấy phép lái xe",
        subtitle="Giấy phép lái xe ô tô, mô tô",
        service_level=4,
        agencies=[agency],
        requirements="Đủ tuổi theo quy định",
        how_to_apply="Nộp trực tuyến hoặc tại Trung tâm phục vụ hành chính công",
        for_organizations=True,
    )
    response = client.get(detail_url(procedure))
    page = html(response)
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Cấp, đổi giấy phép lái xe" in page
    assert "Giấy phép lái xe ô tô, mô tô" in page
    assert "Mức độ 4" in page
    assert "1.250.000 ₫" in page and "135.000 ₫" in page
    assert "0,5 ngày làm việc" in page  # the reception step
    assert "5 ngày làm việc" in page
    assert "Bản sao giấy tờ tùy thân" in page and "Mẫu 01" in page
    assert "Phê duyệt" in page
    assert "12 Trần Phú" in page and "0203 3825 000" in page and "sgtvt@x.vn" in page
    assert "Đủ tuổi theo quy định" in page
    assert "Trung tâm phục vụ hành chính công" in page
    assert "Nghị định 118/2025/NĐ-CP" in page
    assert "Giấy chứng nhận" in page


def test_procedure_name_is_shown_exactly(client):
    procedure = ProcedureFactory(name="Thủ tục “đặc biệt” & <khác>")
    page = html(client.get(detail_url(procedure)))
    assert "Thủ tục “đặc biệt” &amp; &lt;khác&gt;" in page


@pytest.mark.parametrize("level,shown", [(1, False), (2, False), (3, True), (4, True)])
def test_submit_online_only_from_level_3(client, level, shown):
    procedure = ProcedureFactory(service_level=level)
    page = html(client.get(detail_url(procedure)))
    submit_url = reverse("portal:submit_start", args=[procedure.code])
    assert (submit_url in page) is shown
    if not shown:
        assert "Thủ tục này chưa thể nộp trực tuyến" in page


def test_level_2_offers_forms_and_counter_addresses(client):
    agency = AgencyFactory(name="UBND xã Hòa An", street_address="1 Lê Lợi")
    procedure = ProcedureFactory(service_level=2, agencies=[agency])
    form = FormTemplateFactory(
        procedure=procedure, name="Tờ khai đăng ký", file="catalog/forms/x/to-khai.docx"
    )
    page = html(client.get(detail_url(procedure)))
    assert 'href="#forms"' in page
    assert f'href="/bieu-mau/{form.pk}/"' in page
    assert "1 Lê Lợi" in page


def test_procedure_page_query_count(client, django_assert_num_queries):
    procedure = procedure_with_details()
    # procedure+sector, agencies, fees, form templates, components (+form templates), steps
    with django_assert_num_queries(7):
        assert client.get(detail_url(procedure)).status_code == 200


@pytest.mark.parametrize("state", [PublicationState.DRAFT, PublicationState.SUSPENDED])
def test_unpublished_procedure_is_404(client, state):
    procedure = ProcedureFactory(publication_state=state)
    response = client.get(detail_url(procedure))
    assert response.status_code == 404


def test_unknown_procedure_is_404_with_the_site_template(client):
    response = client.get(reverse("portal:procedure", args=["9.999999"]))
    assert response.status_code == 404
    page = html(response)
    assert "<main" in page and 'name="q"' in page


# ---------- submission start (the flow itself: test_submission_pages.py) ----------


def test_submit_start_for_level_3_and_4_asks_to_sign_in(client):
    procedure = ProcedureFactory(service_level=3)
    response = client.get(reverse("portal:submit_start", args=[procedure.code]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_submit_start_below_level_3_explains_how_to_apply_in_person(client):
    procedure = ProcedureFactory(service_level=2)
    response = client.get(reverse("portal:submit_start", args=[procedure.code]))
    assert response.status_code == 200
    assert procedure.name in html(response) and detail_url(procedure) in html(response)


def test_submit_start_unknown_is_404(client):
    assert client.get(reverse("portal:submit_start", args=["9.999999"])).status_code == 404


# ---------- site-wide ----------


def test_login_page_is_accessible(client):
    page = html(client.get(reverse("accounts:login")))
    assert '<label for="id_username">' in page and '<label for="id_password">' in page
    assert page.count("<h1") == 1


def test_login_error_shows_a_summary(client):
    page = html(client.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"}))
    assert "error-summary" in page


@pytest.mark.parametrize("url", ["/", LIST_URL])
def test_every_page_has_landmarks_skip_link_and_lang(client, url):
    page = html(client.get(url))
    assert '<html lang="vi"' in page
    assert 'href="#main"' in page and 'id="main"' in page
    for tag in ("<header", "<nav", "<main", "<footer"):
        assert tag in page
    assert page.count("<h1") == 1
    assert 'action="/i18n/setlang/"' in page


def test_server_error_template_renders_without_context():
    from django.template import loader

    assert "<h1>" in loader.get_template("500.html").render()


def test_home_lists_the_most_used_services_right_after_the_search(client):
    from dossiers.tests.factories import OfficerFactory, received_dossier

    quiet = ProcedureFactory(name="Thủ tục ít người dùng", service_level=2)
    busy = ProcedureFactory(name="Đăng ký khai sinh", service_level=2)
    officer = OfficerFactory()
    busy.agencies.add(officer.agency)
    received_dossier(officer, busy)  # one dossier this season: it comes first
    page = client.get("/").content.decode()
    most_used = page.index('id="most-used-title"')
    assert page.index('id="home-search"') < most_used < page.index('id="levels-title"')
    listed = page[most_used:]
    assert listed.index(busy.name) < listed.index(quiet.name)
