"""A procedure name's action word against the query's (catalog.procedure_actions)."""

import pytest

from catalog.procedure_actions import (
    FITS,
    LESS_LIKELY,
    MISMATCH,
    NameAction,
    action_penalty,
    name_actions,
    query_actions,
)


@pytest.mark.parametrize(
    ("name", "actions", "document"),
    [
        ("Cấp giấy phép môi trường", {"cap"}, True),
        ("Cấp lại giấy phép môi trường", {"cap lai"}, True),
        ("Cấp, đổi giấy phép lái xe", {"cap", "doi"}, True),  # a comma lists two actions
        ("Cấp đổi thẻ hướng dẫn viên du lịch", {"doi"}, True),  # one: an exchange
        ("Cấp, cấp lại, gia hạn chứng chỉ hành nghề", {"cap", "cap lai", "gia han"}, True),
        ("Đăng ký thay đổi hộ kinh doanh", {"thay doi"}, False),
        ("Đăng ký thành lập hộ kinh doanh", {"dang ky"}, False),
        ("Chấm dứt hoạt động hộ kinh doanh", {"cham dut"}, False),
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", set(), False),  # no known action
        ("Cấp hộ chiếu phổ thông ở trong nước", {"cap"}, True),
        ("Thẩm định thiết kế xây dựng", {"tham dinh"}, False),
    ],
)
def test_a_name_begins_with_its_actions_then_its_subject(name, actions, document):
    assert name_actions(name) == NameAction(frozenset(actions), document)


@pytest.mark.parametrize(
    ("query", "actions"),
    [
        ("giay phep moi truong", set()),
        ("gia han giay phep moi truong", {"gia han"}),
        ("xin cap lai the huong dan vien", {"cap lai"}),  # after "xin"
        ("giay phep lai xe gia han", {"gia han"}),  # a change named anywhere
        ("doi bang lai", {"doi"}),
        ("chuyen doi muc dich", {"doi"}),
        ("muc dich chuyen doi", set()),  # a lone "doi" only at the start
        ("cap giay phep", {"cap"}),
        ("dang ky thay doi ho kinh doanh", {"thay doi"}),
        ("lam giay khai sinh", set()),
    ],
)
def test_a_query_names_the_action_it_begins_with_and_changes_anywhere(query, actions):
    assert query_actions(query.split()) == frozenset(actions)


def penalty(query: str, name: str) -> int:
    return action_penalty(query_actions(query.split()), name_actions(name))


def test_a_query_naming_a_change_wants_exactly_it():
    assert penalty("gia han giay phep", "Gia hạn giấy phép môi trường") == FITS
    assert penalty("gia han giay phep", "Cấp, gia hạn giấy phép môi trường") == FITS
    assert penalty("gia han giay phep", "Cấp giấy phép môi trường") == MISMATCH
    assert penalty("gia han giay phep", "Cấp lại giấy phép môi trường") == MISMATCH
    assert penalty("gia han giay phep", "Chứng thực bản sao") == MISMATCH
    assert penalty("doi giay phep lai xe", "Cấp, đổi giấy phép lái xe") == FITS
    assert penalty("doi the", "Cấp đổi thẻ hướng dẫn viên") == FITS


def test_without_a_change_a_document_is_issued_anything_else_registered():
    assert penalty("giay phep moi truong", "Cấp giấy phép môi trường") == FITS
    assert penalty("giay phep lai xe", "Cấp, đổi giấy phép lái xe") == FITS
    assert penalty("giay phep moi truong", "Đăng ký giấy phép môi trường") == MISMATCH
    assert penalty("giay phep moi truong", "Xác nhận giấy phép môi trường") == MISMATCH
    assert penalty("giay phep moi truong", "Gia hạn giấy phép môi trường") == MISMATCH
    assert penalty("ho kinh doanh", "Đăng ký thành lập hộ kinh doanh") == FITS
    assert penalty("ho kinh doanh", "Cấp hộ kinh doanh") == LESS_LIKELY
    assert penalty("ho kinh doanh", "Tạm ngừng hộ kinh doanh") == MISMATCH
    assert penalty("ban sao", "Chứng thực bản sao") == FITS
    # A query naming the issue or another action is not asking for a change either.
    assert penalty("cap giay phep", "Cấp lại giấy phép môi trường") == MISMATCH
    assert penalty("xac nhan tinh trang hon nhan", "Xác nhận tình trạng hôn nhân") == FITS
    assert penalty("dang ky giay phep", "Đăng ký giấy phép môi trường") == FITS
