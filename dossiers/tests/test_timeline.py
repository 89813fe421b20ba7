from datetime import UTC, datetime
from types import SimpleNamespace

from dossiers.domain.lifecycle import Action
from dossiers.timeline import INTERNAL_ACTIONS, describe, public_timeline

AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def entry(action, comment="", to_unit=""):
    return SimpleNamespace(at=AT, action=action, comment=comment, to_unit=to_unit)


def test_every_action_has_its_own_public_sentence():
    generic = describe("something-else")
    for action in Action:
        if action.value not in INTERNAL_ACTIONS:
            assert describe(action.value, unit="Phòng Hộ tịch", agency="Sở Tư pháp") != generic


def test_the_drafts_of_the_result_stay_inside():
    dossier = SimpleNamespace(agency_id=1, agency="Sở Tư pháp")
    events = public_timeline(
        dossier, [entry("assign"), entry("draft_result", "Bản dự thảo số 1"), entry("approve")]
    )
    assert [event.action for event in events] == ["assign", "approve"]


def test_internal_comments_stay_inside_and_notices_are_shown():
    dossier = SimpleNamespace(agency_id=1, agency="Sở Tư pháp")
    requests = [SimpleNamespace(items=[{"name": "Giấy khai sinh", "reason": "Bản chụp mờ"}, {"name": "Ảnh"}])]
    events = public_timeline(
        dossier,
        [
            entry("receive", comment="Ghi chú nội bộ của cán bộ"),
            entry("forward", comment="Anh Hùng xem giúp", to_unit="Phòng Hộ tịch"),
            entry("request_supplement", comment="nội bộ"),
            entry("reject", comment="Không thuộc thẩm quyền"),
        ],
        requests,
    )
    assert [e.detail for e in events] == [
        "",
        "",
        "Giấy khai sinh: Bản chụp mờ; Ảnh",
        "Không thuộc thẩm quyền",
    ]
    assert "Phòng Hộ tịch" in events[1].text
    assert "Sở Tư pháp" in events[0].text
