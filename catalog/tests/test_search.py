import pytest

from catalog.constants import PublicationState
from catalog.queries import ProcedureFilters, find_procedures
from catalog.tests.factories import ProcedureFactory

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
    assert "Cấp phù hiệu xe taxi, xe hợp đồng" not in result


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
