from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.motcua import format_decimal, format_vnd
from core.text import fold, search_terms


def test_fold_removes_tones_and_folds_d():
    assert fold("Cấp, đổi giấy phép lái xe") == "cap doi giay phep lai xe"
    assert fold("ĐĂNG KÝ hộ kinh doanh") == "dang ky ho kinh doanh"
    assert fold("Phiếu lý lịch tư pháp") == "phieu ly lich tu phap"


def test_fold_keeps_codes():
    assert fold("1.001234") == "1.001234"
    assert fold("Mã 000.00.04.G18.") == "ma 000.00.04.g18"


def test_fold_of_nothing_is_empty():
    assert fold(None) == ""
    assert fold("  ,;  ") == ""


def test_search_terms_deduplicates_in_order():
    assert search_terms("Giấy giay PHÉP") == ["giay", "phep"]


@given(st.text())
def test_fold_is_idempotent_and_ascii(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.lower()
    assert "đ" not in folded


def test_money_and_decimals_in_vietnamese():
    assert format_vnd(1250000) == "1.250.000 ₫"
    assert format_vnd(0) == "0 ₫"
    assert format_decimal("0.50") == "0,5"
    assert format_decimal("15.00") == "15"
