"""The server-drawn SVG charts: well-formed whatever the names hold, accessible, drawn to scale."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from stats.charts import (
    PALETTE,
    MonthlyCharts,
    Series,
    bar_chart,
    line_chart,
    printable,
    received_by_row_chart,
)
from stats.domain.indicators import DossierFigures
from stats.queries import GroupBy, MonthFigures, Row, Table
from stats.wording import format_count

SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = "Sở <script>alert('x')</script> & \"Đầu tư\""


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _tree(svg):
    return ET.fromstring(svg)


def _texts(tree, group):
    return [text.text for text in tree.find(f"{SVG}g[@class='{group}']").iter(f"{SVG}text")]


def test_a_bar_chart_is_an_accessible_image_that_scales():
    svg = bar_chart(
        "Hồ sơ tiếp nhận", ["01/2026", "02/2026"], [Series("Trực tuyến", [3, 5])], chart_id="received"
    )
    tree = _tree(svg)
    assert tree.tag == f"{SVG}svg"
    assert tree.get("role") == "img"
    assert tree.get("aria-labelledby") == "received-title received-desc"
    assert tree.find(f"{SVG}title").get("id") == "received-title"
    assert tree.find(f"{SVG}title").text == "Hồ sơ tiếp nhận"
    assert tree.find(f"{SVG}desc").get("id") == "received-desc"
    assert tree.find(f"{SVG}desc").text == "01/2026: Trực tuyến 3; 02/2026: Trực tuyến 5"
    assert re.fullmatch(r"0 0 600 \d+", tree.get("viewBox"))
    assert tree.get("width") is None and tree.get("height") is None
    assert "<script" not in svg and "style=" not in svg and "href" not in svg


def test_every_label_and_name_is_escaped():
    svg = bar_chart(
        SCRIPT,
        ["01/2026", SCRIPT],
        [Series(SCRIPT, [1, 2]), Series("B\x00\x1f", [None, 4])],
        description=SCRIPT,
        x_label=SCRIPT,
        y_label=SCRIPT,
    )
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    tree = _tree(svg)  # well-formed, even with characters XML does not allow in a name
    assert not list(tree.iter("script")) and not list(tree.iter(f"{SVG}script"))
    assert tree.find(f"{SVG}title").text == SCRIPT
    assert SCRIPT in _texts(tree, "chart-legend")
    assert "B" in _texts(tree, "chart-legend")
    assert any(text.startswith("Sở <script>") for text in _texts(tree, "chart-axes"))  # shortened, slanted
    assert tree.find(f"{SVG}desc").text.startswith(f"{SCRIPT} 01/2026: {SCRIPT} 1, B —; {SCRIPT}: ")
    line = _tree(line_chart(SCRIPT, [SCRIPT, "x"], [Series(SCRIPT, [1, 2])]))
    assert line.find(f"{SVG}title").text == SCRIPT


def test_bars_are_drawn_to_scale_on_round_ticks():
    tree = _tree(
        bar_chart("T", ["a", "b", "c"], [Series("Một", [7, 0, None]), Series("Hai", [3.5, 1234, 2])])
    )
    assert _texts(tree, "chart-axes")[:6] == ["0", "500", "1.000", "1.500", "a", "b"]
    bars = tree.find(f"{SVG}g[@class='chart-bars']").findall(f"{SVG}rect")
    assert len(bars) == 5  # no bar for the missing value
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[0] == pytest.approx(heights[3] * 7 / 1234, abs=0.01)  # (drawn to 0.01)
    assert heights[0] == pytest.approx(heights[1] * 2, abs=0.02)
    assert heights[2] == 0
    assert [bar.find(f"{SVG}title").text for bar in bars[1:4]] == [
        "a – Hai: 3,5",
        "b – Một: 0",
        "b – Hai: 1.234",
    ]
    assert [bar.get("fill") for bar in bars] == [PALETTE[0], PALETTE[1], PALETTE[0], PALETTE[1], PALETTE[1]]
    small = _tree(bar_chart("T", ["a"], [Series("Một", [7])]))
    assert _texts(small, "chart-axes")[:5] == ["0", "2", "4", "6", "8"]
    empty = _tree(bar_chart("T", ["a"], [Series("Một", [0])]))
    assert _texts(empty, "chart-axes")[:2] == ["0", "1"]


def test_a_line_breaks_where_a_value_is_missing_and_series_differ_by_more_than_colour():
    tree = _tree(
        line_chart(
            "Tỷ lệ",
            ["01", "02", "03", "04"],
            [Series("A", [50, None, 80, 90]), Series("B", [10, 20, 30, 40])],
            unit=" %",
            y_max=100,
        )
    )
    lines = tree.find(f"{SVG}g[@class='chart-lines']")
    polylines = lines.findall(f"{SVG}polyline")
    assert [len(p.get("points").split()) for p in polylines] == [2, 4]  # 03–04 for A; 01 stands alone
    assert polylines[0].get("stroke-dasharray") is None and polylines[1].get("stroke-dasharray") == "7 4"
    assert [m.find(f"{SVG}title").text for m in lines.findall(f"{SVG}circle")] == [
        "01 – A: 50 %",
        "03 – A: 80 %",
        "04 – A: 90 %",
    ]
    assert len(lines.findall(f"{SVG}rect")) == 4  # B's markers are squares
    assert _texts(tree, "chart-axes")[:6] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]


def test_the_colours_stand_out_from_the_white_background():
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert all((1.05) / (luminance(colour) + 0.05) >= 3 for colour in PALETTE)


def test_series_and_labels_must_match():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        bar_chart("T", ["a", "b", "c"], [Series("Một", [1, 2])])


def _month(month, **period):
    return MonthFigures(date(2026, month, 1), DossierFigures(period=period, before={}))


def test_the_monthly_charts_read_the_monthly_series():
    charts = MonthlyCharts.of(
        [
            _month(1),
            _month(2, received=4, received_online=1, resolved_early=1, resolved_on_time=2, resolved_late=1),
            _month(3, received=2, received_online=2, resolved_late=3),
        ]
    )
    assert charts.labels == ("01/2026", "02/2026", "03/2026")
    assert charts.received_online == (0, 1, 2)
    assert charts.received_direct_or_postal == (0, 3, 0)
    assert charts.resolved_in_time == (0, 3, 0)
    assert charts.resolved_late == (0, 1, 3)
    assert [None if rate is None else str(rate) for rate in charts.on_time_rate] == [None, "75.00", "0.00"]
    received, resolved, on_time = (_tree(svg) for svg in charts.charts())
    assert received.find(f"{SVG}title").text == _("Dossiers received per month")
    assert _texts(received, "chart-legend") == [_("Received online"), _("Received at the counter or by post")]
    assert _texts(resolved, "chart-legend") == [_("Resolved early or on time"), _("Resolved late")]
    assert on_time.find(f"{SVG}desc").text == (
        f"01/2026: {_('On-time rate')} —; 02/2026: {_('On-time rate')} 75 %; 03/2026: {_('On-time rate')} 0 %"
    )
    assert [svg.get("aria-labelledby").split()[0] for svg in (received, resolved, on_time)] == [
        "chart-received-title",
        "chart-resolved-title",
        "chart-on-time-title",
    ]


def test_a_table_gives_a_bar_chart_per_row():
    rows = [
        Row(1, "Sở Tư pháp", DossierFigures(period={"received": 5, "received_online": 2}, before={})),
        Row(2, SCRIPT, DossierFigures(period={"received": 1}, before={})),
    ]
    table = Table(GroupBy.AGENCY, rows, DossierFigures(period={}, before={}))
    tree = _tree(received_by_row_chart(table))
    assert tree.find(f"{SVG}desc").text == (
        f"Sở Tư pháp: {_('Received online')} 2, {_('Received at the counter or by post')} 3; "
        f"{SCRIPT}: {_('Received online')} 0, {_('Received at the counter or by post')} 1"
    )
    assert _texts(tree, "chart-axes")[-2:] == [str(GroupBy.AGENCY.label), _("Dossiers")]


def test_the_printed_chart_drops_only_its_title_and_description():
    svg = bar_chart(SCRIPT, ["a"], [Series("Một", [1])], description=SCRIPT)
    printed = printable(svg)
    tree = _tree(printed)
    assert tree.find(f"{SVG}title") is None and tree.find(f"{SVG}desc") is None
    assert printed == re.sub(r"<title id=.*?</desc>", "", svg, count=1)
    assert tree.find(f"{SVG}g[@class='chart-bars']/{SVG}rect/{SVG}title") is not None


@pytest.mark.parametrize(
    ("value", "printed"),
    [(0, "0"), (7, "7"), (12345, "12.345"), (1234567.0, "1.234.567"), (2.5, "2,5"), (-1500, "-1.500")],
)
def test_counts_are_grouped_the_vietnamese_way(value, printed):
    assert format_count(value) == printed
