"""The public catalog API v1 (/api/v1/): shapes, search, filters, pagination, errors, query counts."""

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from catalog.constants import AdministrativeLevel, PublicationState
from catalog.models import Procedure
from catalog.schemas import ProcedurePage
from catalog.tests.factories import (
    AgencyFactory,
    ProcedureFactory,
    SectorFactory,
    procedure_with_details,
)
from core.time_units import TimeUnit
from documents.tests.samples import MINIMAL_PDF

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "openapi.json"
REGENERATE = ".venv/bin/python scripts/export_openapi.py"


def get(client, path, **params):
    return client.get(f"/api/v1{path}", params)


# --- agencies and sectors -------------------------------------------------------------------------


def test_agencies_shape_and_level_filter(client):
    province = AgencyFactory(
        code="000.00.04.G18",
        name="Sở Giao thông vận tải",
        short_name="Sở GTVT",
        street_address="12 Trần Phú",
        province_code=1,
        ward_code=70,
        phone="0220 3850 000",
        email="sogtvt@haidong.gov.vn",
        website="https://sogtvt.haidong.gov.vn",
    )
    AgencyFactory(
        code="000.01.04.H22", name="UBND xã An Bình", level=AdministrativeLevel.COMMUNE, parent=province
    )
    AgencyFactory(code="000.02.04.H22", name="Đơn vị đã giải thể", is_active=False)
    AgencyFactory(code="000.00.00.G01", name="Bộ Công an", level=AdministrativeLevel.CENTRAL)

    body = get(client, "/agencies").json()
    assert body["count"] == 3
    # from the top of the hierarchy down, then by name
    assert [a["code"] for a in body["items"]] == ["000.00.00.G01", "000.00.04.G18", "000.01.04.H22"]
    by_code = {a["code"]: a for a in body["items"]}
    assert by_code["000.00.04.G18"] == {
        "code": "000.00.04.G18",
        "name": "Sở Giao thông vận tải",
        "short_name": "Sở GTVT",
        "level": "province",
        "parent_code": None,
        "address": "12 Trần Phú, Phường Hoàn Kiếm, Thành phố Hà Nội",
        "phone": "0220 3850 000",
        "email": "sogtvt@haidong.gov.vn",
        "website": "https://sogtvt.haidong.gov.vn",
    }
    assert by_code["000.01.04.H22"]["parent_code"] == "000.00.04.G18"

    communes = get(client, "/agencies", level="commune").json()
    assert communes["count"] == 1
    assert communes["items"][0]["code"] == "000.01.04.H22"


def test_agencies_bad_level_is_422(client):
    response = get(client, "/agencies", level="planet")
    assert response.status_code == 422
    assert "level" in response.json()["message"]


def test_sectors_count_published_procedures_only(client):
    transport = SectorFactory(code="GTVT", name="Đường bộ")
    land = SectorFactory(code="DD", name="Đất đai")
    SectorFactory(code="TP", name="Tư pháp")
    ProcedureFactory.create_batch(2, sector=transport)
    ProcedureFactory(sector=transport, publication_state=PublicationState.DRAFT)
    ProcedureFactory(sector=land, publication_state=PublicationState.SUSPENDED)

    body = get(client, "/sectors").json()
    assert body["count"] == 3
    assert {s["code"]: s["procedure_count"] for s in body["items"]} == {"GTVT": 2, "DD": 0, "TP": 0}
    assert set(body["items"][0]) == {"code", "name", "procedure_count"}


def test_agencies_and_sectors_run_constant_queries(client, django_assert_num_queries):
    parent = AgencyFactory()
    AgencyFactory.create_batch(3, parent=parent)
    for sector in SectorFactory.create_batch(3):
        ProcedureFactory.create_batch(2, sector=sector)
    with django_assert_num_queries(1):
        assert get(client, "/agencies").status_code == 200
    with django_assert_num_queries(1):
        assert get(client, "/sectors").status_code == 200

    AgencyFactory.create_batch(10, parent=parent)
    for sector in SectorFactory.create_batch(10):
        ProcedureFactory.create_batch(2, sector=sector)
    with django_assert_num_queries(1):
        assert get(client, "/agencies").json()["count"] > 20
    with django_assert_num_queries(1):
        assert get(client, "/sectors").json()["count"] == 13


# --- procedure list -------------------------------------------------------------------------------

ITEM_KEYS = {
    "code",
    "name",
    "subtitle",
    "sector",
    "agencies",
    "administrative_level",
    "service_level",
    "online_kind",
    "allows_online_submission",
    "allows_online_payment",
    "processing_time",
    "processing_time_unit",
    "url",
}


def test_procedure_list_item_shape(client):
    agency = AgencyFactory(code="000.00.04.G18", name="Sở Giao thông vận tải")
    sector = SectorFactory(code="GTVT", name="Đường bộ")
    ProcedureFactory(
        code="1.001234",
        name="Cấp, đổi giấy phép lái xe",
        subtitle="Bằng lái xe máy, ô tô",
        sector=sector,
        agencies=[agency],
        service_level=3,
        processing_time=Decimal("0.5"),
        processing_time_unit=TimeUnit.DAY,
    )
    body = get(client, "/procedures").json()
    assert set(body["items"][0]) == ITEM_KEYS
    assert body == {
        "items": [
            {
                "code": "1.001234",
                "name": "Cấp, đổi giấy phép lái xe",
                "subtitle": "Bằng lái xe máy, ô tô",
                "sector": {"code": "GTVT", "name": "Đường bộ"},
                "agencies": [{"code": "000.00.04.G18", "name": "Sở Giao thông vận tải"}],
                "administrative_level": "province",
                "service_level": 3,
                "online_kind": "partial",
                "allows_online_submission": True,
                "allows_online_payment": False,
                "processing_time": 0.5,
                "processing_time_unit": "day",
                "url": "/thu-tuc/1.001234/",
            }
        ],
        "count": 1,
        "page": 1,
        "page_size": 20,
    }


def test_list_items_match_the_schema_and_the_detail(client):
    """The list is built from plain rows, the detail from model instances: they must agree."""
    for level in (1, 3, 4):
        procedure_with_details(
            service_level=level,
            subtitle="Phụ đề",
            processing_time_unit=TimeUnit.HOUR,
            agencies=AgencyFactory.create_batch(3),
        )
    response = get(client, "/procedures", page_size=100)
    detail_type = get(client, f"/procedures/{response.json()['items'][0]['code']}")["Content-Type"]
    assert response["Content-Type"] == detail_type
    page = ProcedurePage.model_validate(response.json())
    assert page.model_dump(mode="json") == response.json()
    for item in response.json()["items"]:
        detail = get(client, f"/procedures/{item['code']}").json()
        assert {key: detail[key] for key in ITEM_KEYS} == item


@pytest.mark.parametrize(
    ("level", "kind", "submission", "payment"),
    [
        (1, "", False, False),
        (2, "", False, False),
        (3, "partial", True, False),
        (4, "full_process", True, True),
    ],
)
def test_online_kind_follows_service_level(client, level, kind, submission, payment):
    ProcedureFactory(service_level=level)
    item = get(client, "/procedures").json()["items"][0]
    assert item["service_level"] == level
    assert item["online_kind"] == kind
    assert item["allows_online_submission"] is submission
    assert item["allows_online_payment"] is payment


def test_search_without_accents_lists_driving_licence_first(client):
    ProcedureFactory(name="Cấp giấy phép kinh doanh vận tải bằng xe ô tô")
    ProcedureFactory(name="Đổi giấy phép lái xe do ngành Giao thông vận tải cấp")
    ProcedureFactory(name="Cấp phù hiệu xe taxi, xe hợp đồng")
    ProcedureFactory(name="Cấp, đổi giấy phép lái xe")
    ProcedureFactory(name="Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp", publication_state="draft")

    response = client.get("/api/v1/procedures?search=giay%20phep%20lai%20xe")
    assert response.status_code == 200
    names = [item["name"] for item in response.json()["items"]]
    assert names[0] == "Cấp, đổi giấy phép lái xe"
    assert "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp" in names
    # Only "xe" of the query is in its name: found, but last.
    assert names[-1] == "Cấp phù hiệu xe taxi, xe hợp đồng"
    assert "Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp" not in names
    assert response.json()["count"] == len(names) == 4


def test_search_with_accents_and_by_code(client):
    ProcedureFactory(code="1.005129", name="Đăng ký hộ kinh doanh")
    ProcedureFactory(code="2.000635", name="Cấp phép xây dựng")
    assert [i["code"] for i in get(client, "/procedures", search="ĐĂNG KÝ").json()["items"]] == ["1.005129"]
    assert [i["code"] for i in get(client, "/procedures", search="2.000635").json()["items"]] == ["2.000635"]


def test_filters_combine(client):
    transport = SectorFactory(code="GTVT")
    land = SectorFactory(code="DD")
    department = AgencyFactory(code="000.00.04.G18")
    commune = AgencyFactory(code="000.01.04.H22", level=AdministrativeLevel.COMMUNE)
    ProcedureFactory(code="1.000001", sector=transport, agencies=[department], service_level=4)
    ProcedureFactory(code="1.000002", sector=transport, agencies=[department, commune], service_level=3)
    ProcedureFactory(
        code="1.000003",
        sector=land,
        agencies=[commune],
        service_level=2,
        administrative_level=AdministrativeLevel.COMMUNE,
    )

    def codes(**params):
        return [item["code"] for item in get(client, "/procedures", **params).json()["items"]]

    assert codes() == ["1.000001", "1.000002", "1.000003"]
    assert codes(sector="GTVT") == ["1.000001", "1.000002"]
    assert codes(agency="000.01.04.H22") == ["1.000002", "1.000003"]
    assert codes(level=3) == ["1.000002"]
    assert codes(administrative_level="commune") == ["1.000003"]
    assert codes(sector="GTVT", agency="000.01.04.H22", level=3) == ["1.000002"]
    assert codes(sector="GTVT", level=2) == []
    assert codes(agency="000.99.99.H99") == []


def test_pagination(client):
    for n in range(45):
        ProcedureFactory(code=f"1.{n:06d}")

    def page(**params):
        return get(client, "/procedures", **params).json()

    first = page(page_size=20)
    assert (first["count"], first["page"], first["page_size"], len(first["items"])) == (45, 1, 20, 20)
    assert first["items"][0]["code"] == "1.000000"
    third = page(page=3, page_size=20)
    assert (third["count"], third["page"], len(third["items"])) == (45, 3, 5)
    assert third["items"][0]["code"] == "1.000040"
    beyond = page(page=4, page_size=20)
    assert (beyond["count"], beyond["items"]) == (45, [])
    assert len(page(page_size=100)["items"]) == 45
    assert page()["page_size"] == 20


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
        ({"level": "7"}, "level"),
        ({"level": "0"}, "level"),
        ({"level": "ba"}, "level"),
        ({"administrative_level": "bogus"}, "administrative_level"),
        ({"search": "x" * 201}, "search"),
        ({"search": "1.001234\x00"}, "search"),
        ({"agency": "000.00.04.G18\x00"}, "agency"),
        ({"sector": "\x00"}, "sector"),
    ],
)
def test_invalid_parameters_are_422_with_a_message(client, params, field):
    response = get(client, "/procedures", **params)
    assert response.status_code == 422
    body = response.json()
    assert field in body["message"]
    assert [problem["field"] for problem in body["errors"]] == [field]
    assert body["errors"][0]["message"]


def test_several_invalid_parameters_are_all_reported(client):
    body = get(client, "/procedures", page="0", page_size="1000", level="7").json()
    assert {problem["field"] for problem in body["errors"]} == {"page", "page_size", "level"}


def _sixty_procedures_with_several_agencies():
    agencies = AgencyFactory.create_batch(5)
    sectors = SectorFactory.create_batch(4)
    for n in range(60):
        ProcedureFactory(
            code=f"1.{n:06d}",
            name=f"Cấp giấy phép số {n}",
            sector=sectors[n % 4],
            agencies=agencies[n % 3 : n % 3 + 3],
        )


def test_procedure_list_runs_constant_queries(client, django_assert_max_num_queries):
    _sixty_procedures_with_several_agencies()
    get(client, "/procedures")  # the first list builds the search index, kept in memory
    # At most the index's token: the count, the order and the listed values come from the index.
    sector = Procedure.objects.values_list("sector__code", flat=True).first()
    for params in ({}, {"search": "giay phep"}, {"sector": sector}):
        for page_size in (2, 50):
            with django_assert_max_num_queries(1):
                body = get(client, "/procedures", page_size=page_size, **params).json()
            assert len(body["items"]) == min(page_size, body["count"])
            assert all(len(item["agencies"]) == 3 for item in body["items"])


# --- procedure detail -----------------------------------------------------------------------------


def test_procedure_detail_shape(client):
    procedure = procedure_with_details(code="1.001234", name="Cấp, đổi giấy phép lái xe", service_level=4)
    body = get(client, "/procedures/1.001234").json()
    assert set(body) == ITEM_KEYS | {
        "requirements",
        "how_to_apply",
        "legal_basis",
        "result_name",
        "for_citizens",
        "for_organizations",
        "fees",
        "components",
        "form_templates",
        "steps",
        "updated_at",
    }
    assert body["code"] == "1.001234"
    assert body["online_kind"] == "full_process"
    assert body["processing_time"] == 5
    assert body["url"] == "/thu-tuc/1.001234/"
    assert body["legal_basis"] == "Nghị định 118/2025/NĐ-CP"
    assert body["result_name"] == "Giấy chứng nhận"
    assert (body["for_citizens"], body["for_organizations"]) == (True, False)
    assert body["requirements"] == "" and body["how_to_apply"] == ""
    assert body["fees"] == [
        {"name": "Lệ phí cấp", "amount": 135000, "applies_when": "Cấp mới"},
        {"name": "Phí thẩm định", "amount": 1250000, "applies_when": ""},
    ]
    assert body["form_templates"] == [{"code": "Mẫu 01", "name": "Tờ khai đề nghị", "url": None}]
    component_ids = [c["id"] for c in body["components"]]
    assert component_ids == list(procedure.components.order_by("position", "id").values_list("id", flat=True))
    assert [{k: v for k, v in c.items() if k != "id"} for c in body["components"]] == [
        {
            "name": "Tờ khai đề nghị",
            "originals": 1,
            "copies": 0,
            "required": True,
            "form_template": {"code": "Mẫu 01", "name": "Tờ khai đề nghị", "url": None},
        },
        {
            "name": "Bản sao giấy tờ tùy thân",
            "originals": 0,
            "copies": 1,
            "required": False,
            "form_template": None,
        },
    ]
    assert body["steps"] == [
        {
            "position": 1,
            "name": "Tiếp nhận hồ sơ",
            "role": "counter_officer",
            "handling_unit": "Phòng chuyên môn",
            "budget": 0.5,
        },
        {
            "position": 2,
            "name": "Thẩm định",
            "role": "specialist",
            "handling_unit": "Phòng chuyên môn",
            "budget": 4,
        },
        {
            "position": 3,
            "name": "Phê duyệt",
            "role": "leader",
            "handling_unit": "Phòng chuyên môn",
            "budget": 0.5,
        },
    ]
    assert sum(step["budget"] for step in body["steps"]) == body["processing_time"]
    procedure.refresh_from_db()
    assert body["updated_at"].startswith(procedure.updated_at.date().isoformat())


def test_form_file_url(client):
    from django.core.files.base import ContentFile

    procedure = procedure_with_details(code="1.001234")
    form = procedure.form_templates.get()
    form.file.save("to-khai.pdf", ContentFile(MINIMAL_PDF), save=True)
    body = get(client, "/procedures/1.001234").json()
    # The address of the download view, never of the storage.
    url = body["form_templates"][0]["url"]
    assert url == f"/bieu-mau/{form.pk}/" and not url.startswith(settings.MEDIA_URL)
    assert body["components"][0]["form_template"]["url"] == url
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("state", [PublicationState.DRAFT, PublicationState.SUSPENDED])
def test_unpublished_procedure_is_404(client, state):
    ProcedureFactory(code="1.001234", publication_state=state)
    response = get(client, "/procedures/1.001234")
    assert response.status_code == 404
    assert "1.001234" in response.json()["message"]


def test_code_with_nul_is_404_not_500(client):
    assert client.get("/api/v1/procedures/1.001234%00").status_code == 404


def test_unknown_procedure_is_404_with_a_translated_message(client):
    response = client.get("/api/v1/procedures/9.999999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"message": "There is no published procedure with the code 9.999999."}


def test_procedure_detail_runs_constant_queries(client, django_assert_num_queries):
    small = procedure_with_details(code="1.000001")
    large = procedure_with_details(code="1.000002", agencies=AgencyFactory.create_batch(4))
    for _ in range(5):
        procedure_with_details(code=f"1.9{_:05d}")
    large.fees.create(name="Phí khác", amount=5000)
    # procedure (with its sector), agencies, fees, form templates, components (with their form
    # templates), steps
    for procedure in (small, large):
        with django_assert_num_queries(6):
            assert get(client, f"/procedures/{procedure.code}").status_code == 200


# --- OpenAPI schema and docs ----------------------------------------------------------------------


def test_openapi_schema_is_served_and_matches_the_committed_file(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    live = response.json()
    assert "/api/v1/procedures" in live["paths"]
    assert "/api/v1/procedures/{code}" in live["paths"]
    assert SCHEMA_FILE.exists(), f"{SCHEMA_FILE} is missing: run `{REGENERATE}`."
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert live == committed, (
        f"The API changed but {SCHEMA_FILE.relative_to(settings.BASE_DIR)} did not: run `{REGENERATE}` "
        "and commit the result."
    )


def test_docs_page_uses_local_assets_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "https://" not in html, (
        "The API docs load Swagger UI from a CDN, which closed government networks cannot reach: add "
        '"ninja" to INSTALLED_APPS so django-ninja serves its bundled copy from static files.'
    )
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert f"{settings.STATIC_URL}{asset}" in html
        assert finders.find(asset), f"{asset} is not found by the static files finders"


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document names each schema by its class: two classes of one name (e.g. the officers'
    and the citizens' DossierPage) would silently publish one shape for both."""
    from ninja import Schema

    import motcua.api  # noqa: F401 -- every router registered, so every schema class is defined

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {cls for cls in subclasses(Schema) if not cls.__name__.startswith("Ninja")}  # ninja's own
    names = Counter(cls.__name__ for cls in ours)
    assert not [name for name, count in names.items() if count > 1]
