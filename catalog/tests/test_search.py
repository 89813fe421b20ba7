import pytest
from django.urls import reverse

from catalog.constants import PublicationState
from catalog.models import Procedure, SearchIndexVersion, SearchMiss, Synonym
from catalog.queries import ProcedureFilters, find_procedures
from catalog.search import query_terms
from catalog.search_index import current_index, rebuild_vocabulary, update_popularity
from catalog.tests.factories import AgencyFactory, DossierComponentFactory, ProcedureFactory, SectorFactory

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
    index = current_index()
    counts = index.words
    assert counts["giay"] == 2
    assert index.pairs["lai xe"] == 2
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


# --- The in-memory index: words, use, pages, filters, other processes ---------------------------------


def test_two_words_run_together_are_split():
    ProcedureFactory(name="Cấp Giấy phép kinh doanh vận tải bằng xe ô tô")
    ProcedureFactory(name="Cấp giấy phép vận tải hàng hóa")
    assert search("van tai oto")[0] == "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô"
    assert [term.alternatives for term in query_terms("oto")] == [("o",), ("to",)]


def test_a_word_of_the_catalog_matches_that_word_only():
    """ "mo" (mở, mô) is a word of the catalog: it does not find "một"; "khoang s" is no word, so it
    finds the words it begins."""
    ProcedureFactory(name="Đăng ký thành lập công ty một thành viên")
    ProcedureFactory(name="Cấp giấy phép mở lớp học thêm")
    ProcedureFactory(name="Cấp giấy phép khai thác khoáng sản")
    assert search("mo") == ["Cấp giấy phép mở lớp học thêm"]
    assert search("khoang s") == ["Cấp giấy phép khai thác khoáng sản"]


def test_among_equal_matches_the_more_used_comes_first():
    short = ProcedureFactory(name="Cấp giấy phép lái xe")
    used = ProcedureFactory(name="Cấp, đổi giấy phép lái xe hạng A1")
    assert search("giay phep lai xe") == [short.name, used.name]  # near equals: the shorter name first
    update_popularity({used.pk: 120})
    assert search("giay phep lai xe") == [used.name, short.name]
    # Use does not put a procedure missing a word of the query above one that has it.
    ProcedureFactory(name="Cấp giấy phép lái xe quốc tế")
    assert search("giay phep lai xe quoc te")[0] == "Cấp giấy phép lái xe quốc tế"


def test_a_query_naming_no_action_wants_the_document_issued_before_its_changes():
    names = [
        "Gia hạn giấy phép môi trường",
        "Đăng ký giấy phép môi trường",
        "Cấp lại giấy phép môi trường",
        "Cấp giấy phép môi trường đối với cá nhân",
        "Cấp giấy phép môi trường",
    ]
    procedures = {name: ProcedureFactory(name=name) for name in names}
    assert search("giay phep moi truong") == [
        "Cấp giấy phép môi trường",
        "Cấp giấy phép môi trường đối với cá nhân",
        "Gia hạn giấy phép môi trường",  # the rest alike: by code
        "Đăng ký giấy phép môi trường",
        "Cấp lại giấy phép môi trường",
    ]
    # A change a province uses every week does not come before the issue …
    update_popularity({procedures["Gia hạn giấy phép môi trường"].pk: 50})
    assert search("giay phep moi truong")[0] == "Cấp giấy phép môi trường"
    # … and the change asked for comes first, before the issue, however used.
    update_popularity({procedures["Cấp giấy phép môi trường"].pk: 5000})
    assert search("giay phep moi truong gia han")[0] == "Gia hạn giấy phép môi trường"
    assert search("cap lai giay phep moi truong")[0] == "Cấp lại giấy phép môi trường"


def test_a_query_naming_no_action_wants_a_business_registered():
    for name in (
        "Chấm dứt hoạt động hộ kinh doanh",
        "Tạm ngừng hộ kinh doanh",
        "Cấp hộ kinh doanh",
        "Đăng ký thành lập hộ kinh doanh",
    ):
        ProcedureFactory(name=name)
    assert search("ho kinh doanh") == [
        "Đăng ký thành lập hộ kinh doanh",
        "Cấp hộ kinh doanh",  # another action: less likely
        "Tạm ngừng hộ kinh doanh",  # a change: least (then the longer name)
        "Chấm dứt hoạt động hộ kinh doanh",
    ]


def test_the_fitting_action_is_scored_however_many_names_differ_only_by_theirs(monkeypatch):
    from catalog import search as search_module

    monkeypatch.setattr(search_module, "POOL", 2)
    monkeypatch.setattr(search_module, "POOL_MAX", 3)
    for action in ("Gia hạn", "Điều chỉnh", "Thu hồi", "Cấp lại", "Tạm ngừng"):
        ProcedureFactory(name=f"{action} giấy phép khai thác")
    ProcedureFactory(name="Cấp giấy phép khai thác đối với tổ chức, cá nhân trong khu công nghiệp")
    assert search("giay phep khai thac")[0] == (
        "Cấp giấy phép khai thác đối với tổ chức, cá nhân trong khu công nghiệp"
    )


def test_a_name_saying_more_than_asked_loses_a_little_less_than_real_use():
    plain = ProcedureFactory(name="Cấp giấy phép môi trường")
    particular = ProcedureFactory(
        name="Cấp giấy phép môi trường cho dự án đầu tư nhóm I trong khu công nghiệp"
    )
    update_popularity({particular.pk: 3})
    assert search("giay phep moi truong") == [plain.name, particular.name]
    update_popularity({particular.pk: 100})
    assert search("giay phep moi truong") == [particular.name, plain.name]


def test_pages_beyond_the_fully_scored_procedures_follow_them(monkeypatch):
    from catalog import search as search_module

    monkeypatch.setattr(search_module, "POOL", 2)
    monkeypatch.setattr(search_module, "POOL_MAX", 3)
    for n in range(7):
        ProcedureFactory(name=f"Cấp giấy phép loại {n}")
    exact = ProcedureFactory(name="Giấy phép")
    ProcedureFactory(name="Cấp giấy chứng nhận")  # "giấy" only: a lower base score
    results = find_procedures(ProcedureFilters(search="giay phep"))
    assert results.count() == 9
    ranked = [procedure.name for procedure in results[0:9]]
    assert ranked[0] == exact.name  # the whole query as the name
    assert ranked[-1] == "Cấp giấy chứng nhận"
    assert len(set(ranked)) == 9
    assert [p.name for p in results[2:5]] == ranked[2:5]


def test_filters_narrow_a_search():
    sector = SectorFactory(name="Đường bộ")
    licence = ProcedureFactory(name="Cấp giấy phép lái xe", sector=sector, service_level=3)
    ProcedureFactory(name="Đổi giấy phép lái xe", service_level=4)
    assert search("giay phep", sector=sector.code) == [licence.name]
    assert search("giay phep", level=3) == [licence.name]
    assert search("giay phep", agency=licence.agencies.get().code) == [licence.name]
    assert search("giay phep", administrative_level="commune") == []


def test_the_listings_of_the_index_are_the_database_s():
    from catalog.search_index import LISTED, Listing

    procedure = ProcedureFactory(name="Cấp giấy phép lái xe", subtitle="Đổi bằng lái")
    procedure.agencies.add(AgencyFactory(name="Sở B"), AgencyFactory(name="Sở A"))
    agencies = tuple((a.code, a.name) for a in procedure.agencies.order_by("level", "name", "code"))
    expected = Listing(*Procedure.objects.values_list(*LISTED).get(), agencies)
    assert find_procedures(ProcedureFilters(search="giay phep lai xe")).listings(0, 1) == [expected]
    assert find_procedures(ProcedureFilters()).listings(0, 1) == [expected]
    assert [name for _code, name in expected.agencies][:2] == ["Sở A", "Sở B"]


def test_a_list_without_a_query_is_in_code_order_within_the_filters():
    sector = SectorFactory()
    for code in ("2.000003", "1.000002", "1.000001", "2.000004"):
        ProcedureFactory(code=code, sector=sector if code != "2.000004" else SectorFactory())
    ProcedureFactory(code="1.000000", publication_state=PublicationState.DRAFT)
    everything = find_procedures(ProcedureFilters())
    assert (everything.count(), everything.ids(0, 4)) == (4, everything.ids(0, 10))
    assert [p.code for p in everything[1:3]] == ["1.000002", "2.000003"]
    in_sector = find_procedures(ProcedureFilters(sector=sector.code))
    assert [p.code for p in in_sector] == ["1.000001", "1.000002", "2.000003"]
    assert [p.code for p in in_sector[1:5]] == ["1.000002", "2.000003"]
    assert find_procedures(ProcedureFilters(sector="none")).count() == 0


def test_a_change_by_another_process_is_searched_within_the_token_check(monkeypatch):
    from catalog import search_index

    ProcedureFactory(name="Cấp giấy phép lái xe")
    assert search("giay phep") == ["Cấp giấy phép lái xe"]
    # Another process: a bulk write without signals, then the token it changes (rebuild_vocabulary
    # would also drop this process's index; another process cannot).
    Procedure.objects.bulk_create(
        [Procedure(**{**_copy_of(Procedure.objects.get()), "code": "1.999999", "name": "Giấy phép"})]
    )
    Procedure.objects.filter(code="1.999999").update(
        name_folded=" giay phep", search_text=" 1.999999 giay phep", name_length=9
    )
    SearchIndexVersion.objects.update(token="changed elsewhere")
    assert search("giay phep") == ["Cấp giấy phép lái xe"]  # checked less than a second ago
    monkeypatch.setattr(search_index, "TOKEN_CHECK_SECONDS", 0)
    assert search("giay phep") == ["Giấy phép", "Cấp giấy phép lái xe"]


def _copy_of(procedure: Procedure) -> dict:
    fields = {field.attname: getattr(procedure, field.attname) for field in Procedure._meta.concrete_fields}
    fields.pop("id")
    return fields


def test_suspending_a_procedure_removes_it_from_the_search(admin_client):
    procedure = ProcedureFactory(name="Cấp giấy phép lái xe")
    assert search("giay phep") == [procedure.name]
    admin_client.post(
        reverse("admin:catalog_procedure_changelist"),
        {"action": "suspend", "_selected_action": [procedure.pk]},
    )
    assert Procedure.objects.get().publication_state == PublicationState.SUSPENDED
    assert search("giay phep") == []
