import pytest
from django.urls import reverse

from catalog.constants import PublicationState
from catalog.models import Procedure, SearchMiss, SearchWord, Synonym
from catalog.queries import ProcedureFilters, find_procedures
from catalog.search import query_terms
from catalog.search_index import rebuild_vocabulary
from catalog.tests.factories import DossierComponentFactory, ProcedureFactory, SectorFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [p.name for p in queryset]


def test_driving_licence_first_without_accents():
    ProcedureFactory(name="Cấp giấy phép kinh doanh vận tải bằng xe ô tô")
    ProcedureFactory(name="Cấp phù hiệu xe taxi, xe hợp đồng")
    ProcedureFactory(name="Cấp, đổi giấy phép lái xe")
    ProcedureFactory(name="Đổi giấy phép lái xe do ngành Giao thông vận tải quản lý cấp cho người nước ngoài")
    result = names(find_procedures(ProcedureFilters(search="giay phep lai xe")))
    assert result[0] == "Cấp, đổi giấy phép lái xe"
    # Only "xe" of the query is in its name: found, but last.
    assert result[-1] == "Cấp phù hiệu xe taxi, xe hợp đồng"


def test_d_folds_and_case_is_ignored():
    ProcedureFactory(name="Đăng ký hộ kinh doanh")
    assert names(find_procedures(ProcedureFilters(search="DANG KY ho kinh doanh"))) == [
        "Đăng ký hộ kinh doanh"
    ]
    assert names(find_procedures(ProcedureFilters(search="đăng ký"))) == ["Đăng ký hộ kinh doanh"]


def test_code_search_finds_exact_code_first():
    ProcedureFactory(code="1.001234", name="Thủ tục A")
    ProcedureFactory(code="1.001235", name="Thủ tục B 1.001234")
    assert names(find_procedures(ProcedureFilters(search="1.001234")))[0] == "Thủ tục A"


def test_only_published_procedures_are_found():
    ProcedureFactory(name="Cấp phép xây dựng", publication_state=PublicationState.DRAFT)
    ProcedureFactory(name="Cấp phép xây dựng nhà ở", publication_state=PublicationState.SUSPENDED)
    assert names(find_procedures(ProcedureFilters(search="xay dung"))) == []


def test_filters_by_level_sector_and_agency():
    level3 = ProcedureFactory(name="Thủ tục mức ba", service_level=3)
    level4 = ProcedureFactory(name="Thủ tục mức bốn", service_level=4)
    assert names(find_procedures(ProcedureFilters(level=3))) == [level3.name]
    assert names(find_procedures(ProcedureFilters(sector=level4.sector.code))) == [level4.name]
    agency = level3.agencies.get()
    assert names(find_procedures(ProcedureFilters(agency=agency.code))) == [level3.name]


def search(query: str, **filters) -> list[str]:
    return names(find_procedures(ProcedureFilters(search=query, **filters)))


@pytest.fixture
def catalog():
    """A few procedures of the demo catalog, with close rivals for each search below."""
    for name, result in (
        ("Cấp, đổi giấy phép lái xe", "Giấy phép lái xe"),
        ("Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "Giấy phép kinh doanh vận tải"),
        ("Cấp phù hiệu xe taxi, xe hợp đồng", "Phù hiệu xe"),
        ("Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", "Giấy phép kinh doanh lữ hành"),
        ("Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc", "Giấy chứng nhận"),
        ("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "Giấy chứng nhận"),
        ("Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn", "Văn bản xác nhận"),
        ("Cấp giấy phép khai thác khoáng sản", "Giấy phép khai thác khoáng sản"),
        ("Đăng ký khai sinh", "Giấy khai sinh"),
        ("Đăng ký kết hôn", "Giấy chứng nhận kết hôn"),
        ("Đăng ký thành lập hộ kinh doanh", "Giấy chứng nhận đăng ký hộ kinh doanh"),
        ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Phiếu lý lịch tư pháp"),
        (
            "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "Giấy chứng nhận quyền sử dụng đất",
        ),
        ("Cấp hộ chiếu phổ thông ở trong nước", "Hộ chiếu phổ thông"),
    ):
        ProcedureFactory(name=name, result_name=result)
    rebuild_vocabulary()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # Not every word is in the name: the rarer words decide.
        ("kinh doanh xang dau", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"),
        ("bien quang cao", "Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn"),
        # A word's beginning.
        ("khai thac khoang s", "Cấp giấy phép khai thác khoáng sản"),
        ("dang ky ket", "Đăng ký kết hôn"),
    ],
)
def test_partial_queries_rank_the_best_match_first(catalog, query, first):
    assert search(query)[0] == first


@pytest.mark.parametrize(
    "query",
    [
        "giay phep lai se",  # a two-letter word: corrected by its neighbour ("lai xe")
        "giay phep lai xw",
        "giay phep lia xe",  # two letters swapped
        "giayy phep lai xe",  # a letter too many
        "giay phep lai x",  # a word's beginning
    ],
)
def test_one_wrong_letter_is_tolerated(catalog, query):
    assert search(query)[0] == "Cấp, đổi giấy phép lái xe"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("cap doi giay phep lai xe", "Cấp, đổi giấy phép lái xe"),
        ("giấy phép lài xé", "Cấp, đổi giấy phép lái xe"),  # wrong diacritics
        ("ho chieu pho thong", "Cấp hộ chiếu phổ thông ở trong nước"),
        ("KHOÁNG SAN", "Cấp giấy phép khai thác khoáng sản"),
    ],
)
def test_missing_or_wrong_diacritics_do_not_matter(catalog, query, first):
    assert search(query)[0] == first


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("GPLX", "Cấp, đổi giấy phép lái xe"),
        ("doi bang lai", "Cấp, đổi giấy phép lái xe"),
        (
            "sổ đỏ",
            "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        ),
        (
            "so hong",
            "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        ),
        ("lam giay khai sinh", "Đăng ký khai sinh"),
        ("ĐKKD hộ", "Đăng ký thành lập hộ kinh doanh"),
        ("lý lịch tư pháp", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"),
    ],
)
def test_seeded_synonyms_find_the_procedure_first(catalog, query, first):
    assert search(query)[0] == first


def test_a_synonym_added_by_an_officer_is_used_as_a_phrase(catalog):
    Synonym.objects.create(phrase="Xin visa", expansion="hộ chiếu phổ thông")
    assert search("xin visa")[0] == "Cấp hộ chiếu phổ thông ở trong nước"
    # Only the whole phrase is replaced: "visa" alone is not a word of the catalog.
    assert search("visa") == []
    assert [term.alternatives for term in query_terms("GPLX")] == [("giay",), ("phep",), ("lai",), ("xe",)]


def test_the_result_sector_and_components_are_searched_with_less_weight():
    sector = SectorFactory(name="Quản lý xuất nhập cảnh")
    in_name = ProcedureFactory(name="Thủ tục xuất cảnh")
    in_sector = ProcedureFactory(name="Thủ tục B", sector=sector)
    in_result = ProcedureFactory(name="Thủ tục C", result_name="Giấy thông hành xuất cảnh")
    in_component = ProcedureFactory(name="Thủ tục D")
    DossierComponentFactory(procedure=in_component, name="Tờ khai xuất cảnh")
    ProcedureFactory(name="Thủ tục E")
    found = search("xuat canh")
    assert found[0] == in_name.name
    assert set(found[1:]) == {in_sector.name, in_result.name, in_component.name}


def test_the_lower_weight_column_follows_components_and_sectors():
    procedure = ProcedureFactory(name="Thủ tục A")
    component = DossierComponentFactory(procedure=procedure, name="Bản vẽ thiết kế")
    assert search("ban ve") == ["Thủ tục A"]
    component.name = "Sơ đồ vị trí"
    component.save()
    assert search("ban ve") == []
    assert search("so do vi tri") == ["Thủ tục A"]
    component.delete()
    assert search("vi tri") == []
    procedure.sector.name = "Hàng hải"
    procedure.sector.save()
    assert search("hang hai") == ["Thủ tục A"]
    assert Procedure.objects.get().search_extra == " giay chung nhan hang hai"


def test_zero_results_only_when_no_word_is_found(catalog):
    assert search("xin cấp giấy phép câu cá") != []
    assert search("qwzx") == []


def test_the_vocabulary_counts_published_procedures():
    ProcedureFactory(name="Cấp giấy phép lái xe")
    ProcedureFactory(name="Đổi giấy phép lái xe")
    ProcedureFactory(name="Cấp giấy phép bay", publication_state=PublicationState.DRAFT)
    rebuild_vocabulary()
    counts = dict(SearchWord.objects.values_list("word", "procedures"))
    assert counts["giay"] == 2
    assert counts["lai xe"] == 2
    assert counts["doi"] == 1
    assert "bay" not in counts


def test_a_search_without_results_is_logged_for_catalog_officers(client, catalog):
    client.get(reverse("portal:procedure_list"), {"q": "Giấy phép câu cá"})
    assert not SearchMiss.objects.exists()  # "giấy phép" is found
    for _ in range(2):
        client.get(reverse("portal:procedure_list"), {"q": "Qwzx  Blorp"})
    client.get("/api/v1/procedures", {"search": "qwzx blorp"})
    miss = SearchMiss.objects.get()
    assert (miss.query_folded, miss.example, miss.count) == ("qwzx blorp", "qwzx blorp", 3)
    # Not when other filters narrowed the search, nor for codes and ID numbers.
    client.get("/api/v1/procedures", {"search": "khoang san", "level": 2})
    client.get(reverse("portal:procedure_list"), {"q": "001234567890"})
    assert SearchMiss.objects.count() == 1


def test_catalog_officers_see_the_misses_and_keep_synonyms(admin_client):
    SearchMiss.objects.create(query_folded="qwzx", example="Qwzx", count=4, last_seen="2026-01-01T00:00Z")
    page = admin_client.get(reverse("admin:catalog_searchmiss_changelist"))
    assert page.status_code == 200
    assert "Qwzx" in page.content.decode()
    assert admin_client.get(reverse("admin:catalog_searchmiss_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:catalog_synonym_add"),
        {"phrase": "Giấy phép câu cá", "expansion": "khai thác thủy sản"},
    )
    assert response.status_code == 302
    assert Synonym.objects.get(phrase_folded="giay phep cau ca").expansion_folded == "khai thac thuy san"
    duplicate = admin_client.post(
        reverse("admin:catalog_synonym_add"), {"phrase": "GIAY PHEP CAU CA", "expansion": "x"}
    )
    assert duplicate.status_code == 200  # refused: the phrase has a synonym


def test_common_words_that_never_occur_together_still_find_what_has_some_of_them(monkeypatch):
    """In a large catalog even the rarest word of a query may be common; then every word must match,
    and when no procedure has them all, those with some of them are ranked instead of "no result"."""
    from catalog import search

    monkeypatch.setattr(search, "RARE_MIN", 0)
    monkeypatch.setattr(search, "RARE_SHARE", 0)  # every word counts as common here
    licence = ProcedureFactory(name="Cấp giấy phép lái xe")
    ProcedureFactory(name="Đăng ký hộ kinh doanh")
    rebuild_vocabulary()
    found = list(find_procedures(ProcedureFilters(search="giay phep kinh doanh qwzx")))
    assert set(found) == {licence, Procedure.objects.get(name="Đăng ký hộ kinh doanh")}
