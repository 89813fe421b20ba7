"""Charts of the statistics as SVG drawn on the server: no script, nothing fetched from elsewhere.

Every chart is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that reads the whole data
out (what a screen reader announces), sized by its ``viewBox`` only, so that it fills its container and
keeps its proportions on a phone. Each bar and each point carries its own ``<title>`` (the browser's
tooltip). Every text that comes from outside (agency and procedure names, series names) is escaped, and
the characters XML forbids are dropped, so that the result is well-formed whatever the names hold.

The colours keep a contrast of at least 3:1 with the white background (WCAG 1.4.11, graphical
objects), and the line chart tells its series apart by dash pattern and marker shape too, not by
colour alone.

The functions return safe strings: a template can print them as they are.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .queries import MonthFigures, Table
from .wording import format_count

#: Distinct hues, each at least 3:1 against white (checked by the tests).
PALETTE = ("#1f5fa8", "#b5500b", "#23803d", "#7b3fa0", "#b3261e", "#4b5563")
TEXT_COLOUR = "#1f2937"
AXIS_COLOUR = "#4b5563"
GRID_COLOUR = "#d1d5db"
#: The system's sans-serif fonts; the PDF passes its embedded font's name instead.
SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"

WIDTH = 600
#: The plot area's height in the view box; the chart's height adds the legend and the labels.
PLOT_HEIGHT = 220
FONT_SIZE = 13
_SLANT = 35
_LEGEND_ROW = 20
_DASHES = ("", "7 4", "2 3", "10 3 2 3")
_MARKERS = ("circle", "square", "diamond", "triangle")
#: Characters XML 1.0 does not allow (a name holding one would make the whole SVG unreadable).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LONGEST_SLANTED_LABEL = 22


Number = int | float | Decimal


@dataclass(frozen=True)
class Series:
    """One named row of values, one value per label; ``None`` where there is nothing to show."""

    name: str
    values: Sequence[Number | None]


def _text(value: object) -> str:
    """``value`` as XML text or attribute content: escaped, XML's forbidden characters dropped."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _shortened(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    """A sans-serif text's width, estimated (about 0.55 em a character)."""
    return len(text) * size * 0.55


def _nice_ticks(maximum: float, count: int = 5, integers: bool = True) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (0, 2, 4 … or 0, 50, 100 …)."""
    maximum = max(float(maximum), 1.0)
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if integers else (1, 2, 2.5, 5, 10)
    step = next(f * magnitude for f in factors if f * magnitude >= raw)
    if integers:
        step = max(1.0, math.ceil(step))
    top = math.ceil(maximum / step - 1e-9) * step
    return [round(i * step, 6) for i in range(int(round(top / step)) + 1)]


def _chart_id(chart_id: str, *parts: object) -> str:
    if chart_id:
        return re.sub(r"[^A-Za-z0-9_-]", "-", chart_id)
    digest = hashlib.blake2s(repr(parts).encode("utf-8"), digest_size=5).hexdigest()
    return f"chart-{digest}"


def _values_text(value: Number | None, unit: str) -> str:
    if value is None:
        return "—"
    return format_count(value) + unit


def _described(description: str, labels: Sequence[str], series: Sequence[Series], unit: str) -> str:
    """The caller's description, then the data: "label: series value, series value; label: …"."""
    data = "; ".join(
        f"{label}: " + ", ".join(f"{s.name} {_values_text(s.values[i], unit)}" for s in series)
        for i, label in enumerate(labels)
    )
    return f"{description} {data}".strip() if description else data


@dataclass
class _Frame:
    """Where things go in the view box: the plot area, the value scale, the labels' slots. The width is
    fixed; the height grows with the legend's rows and with slanted labels, the plot's own height not."""

    labels: Sequence[str]
    ticks: list[float]
    top: float
    left: float
    bottom: float
    height: float
    slanted: bool
    right: float = WIDTH - 12

    @property
    def slot(self) -> float:
        return (self.right - self.left) / max(len(self.labels), 1)

    def x(self, index: int) -> float:
        return self.left + (index + 0.5) * self.slot

    def y(self, value: float) -> float:
        return self.bottom - (float(value) / self.ticks[-1]) * (self.bottom - self.top)


def _frame(labels, series, *, y_max, integers: bool, legend_rows: int, unit: str, axis_labels) -> _Frame:
    values = [float(v) for s in series for v in s.values if v is not None]
    ticks = _nice_ticks(y_max if y_max is not None else max(values, default=0), integers=integers)
    x_label, y_label = axis_labels
    left = max(_text_width(format_count(tick) + unit) for tick in ticks) + 10 + (24 if y_label else 4)
    slot = (WIDTH - 12 - left) / max(len(labels), 1)
    shown = [_shortened(label, _LONGEST_SLANTED_LABEL) for label in labels]
    slanted = any(_text_width(label) > slot - 6 for label in labels)
    if slanted:
        widest = max(_text_width(label) for label in shown)
        drop = widest * math.sin(math.radians(_SLANT)) + FONT_SIZE + 8
        left = max(left, widest * math.cos(math.radians(_SLANT)) - slot / 2 + 4)
    else:
        drop = FONT_SIZE + 12
    top = 12 + legend_rows * _LEGEND_ROW + 10
    bottom = top + PLOT_HEIGHT
    height = bottom + drop + (FONT_SIZE + 12 if x_label else 4)
    return _Frame(labels, ticks, top=top, left=left, bottom=bottom, height=math.ceil(height), slanted=slanted)


def _legend_rows(series: Sequence[Series]) -> list[list[tuple[int, Series, float]]]:
    """The legend's entries (index, series, x) in rows that fit the width."""
    rows, x = [[]], 12.0
    for index, one in enumerate(series):
        width = 34 + _text_width(one.name) + 18
        if rows[-1] and x + width > WIDTH - 12:
            rows.append([])
            x = 12.0
        rows[-1].append((index, one, x))
        x += width
    return rows


def _legend(rows, *, line: bool) -> list[str]:
    parts = ['<g class="chart-legend">']
    for row_number, row in enumerate(rows):
        y = 12 + row_number * _LEGEND_ROW + 10
        for index, one, x in row:
            colour = PALETTE[index % len(PALETTE)]
            if line:
                dash = _DASHES[index % len(_DASHES)]
                dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(
                    f'<line x1="{_number(x)}" y1="{y}" x2="{_number(x + 26)}" y2="{y}" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attribute}/>'
                )
                parts.append(_marker(index, x + 13, y, colour))
            else:
                parts.append(f'<rect x="{_number(x)}" y="{y - 6}" width="26" height="12" fill="{colour}"/>')
            parts.append(
                f'<text x="{_number(x + 32)}" y="{y + 4}" fill="{TEXT_COLOUR}">{_text(one.name)}</text>'
            )
    parts.append("</g>")
    return parts


def _axes(frame: _Frame, *, x_label: str, y_label: str, unit: str) -> list[str]:
    parts = ['<g class="chart-axes">']
    for tick in frame.ticks:
        y = _number(frame.y(tick))
        parts.append(
            f'<line x1="{_number(frame.left)}" y1="{y}" x2="{_number(frame.right)}" y2="{y}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{_number(frame.left - 6)}" y="{_number(frame.y(tick) + 4)}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{_text(format_count(tick) + unit)}</text>'
        )
    bottom = _number(frame.bottom)
    parts.append(
        f'<line x1="{_number(frame.left)}" y1="{_number(frame.top)}" x2="{_number(frame.left)}" '
        f'y2="{bottom}" stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    parts.append(
        f'<line x1="{_number(frame.left)}" y1="{bottom}" x2="{_number(frame.right)}" y2="{bottom}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    for index, label in enumerate(frame.labels):
        x, y = frame.x(index), frame.bottom + FONT_SIZE + 6
        if frame.slanted:
            parts.append(
                f'<text x="{_number(x)}" y="{_number(y)}" text-anchor="end" fill="{TEXT_COLOUR}" '
                f'transform="rotate(-{_SLANT} {_number(x)} {_number(y)})">'
                f"{_text(_shortened(str(label), _LONGEST_SLANTED_LABEL))}</text>"
            )
        else:
            parts.append(
                f'<text x="{_number(x)}" y="{_number(y)}" text-anchor="middle" fill="{TEXT_COLOUR}">'
                f"{_text(label)}</text>"
            )
    if x_label:
        parts.append(
            f'<text x="{_number((frame.left + frame.right) / 2)}" y="{_number(frame.height - 8)}" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}" font-weight="bold">{_text(x_label)}</text>'
        )
    if y_label:
        middle = _number((frame.top + frame.bottom) / 2)
        parts.append(
            f'<text x="16" y="{middle}" text-anchor="middle" fill="{TEXT_COLOUR}" font-weight="bold" '
            f'transform="rotate(-90 16 {middle})">{_text(y_label)}</text>'
        )
    parts.append("</g>")
    return parts


def _marker(index: int, x: float, y: float, colour: str, tooltip: str = "") -> str:
    """A point of series ``index``: a circle, square, diamond or triangle (told apart without colour)."""
    shape = _MARKERS[index % len(_MARKERS)]
    if shape == "circle":
        tag, attributes = "circle", f'cx="{_number(x)}" cy="{_number(y)}" r="4"'
    elif shape == "square":
        tag, attributes = "rect", f'x="{_number(x - 4)}" y="{_number(y - 4)}" width="8" height="8"'
    else:
        if shape == "diamond":
            points = ((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y))
        else:
            points = ((x, y - 5), (x + 5, y + 4), (x - 5, y + 4))
        tag, attributes = (
            "path",
            'd="M' + " L".join(f"{_number(px)} {_number(py)}" for px, py in points) + ' Z"',
        )
    if not tooltip:
        return f'<{tag} {attributes} fill="{colour}"/>'
    return f'<{tag} {attributes} fill="{colour}"><title>{_text(tooltip)}</title></{tag}>'


def _svg(
    chart_id: str, title: str, description: str, body: list[str], font_family: str, height: float
) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="chart" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{_text(font_family)}" font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{_text(title)}</title>'
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 -- every text inside went through _text


_TITLE_AND_DESC = re.compile(r'<title id="[^"]*">[^<]*</title><desc id="[^"]*">[^<]*</desc>')


def printable(svg: str) -> str:
    """The chart without its ``<title>`` and ``<desc>`` (for a PDF, which prints its own heading and
    whose SVG reader does not know them); their texts are escaped, so they hold no ``<``."""
    return _TITLE_AND_DESC.sub("", svg, count=1)


def _checked(labels: Sequence[str], series: Sequence[Series]) -> tuple[list[str], list[Series]]:
    labels = [str(label) for label in labels]
    series = [Series(str(s.name), list(s.values)) for s in series]
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"the series {one.name!r} has {len(one.values)} values for {len(labels)} labels")
    return labels, series


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    description: str = "",
    x_label: str = "",
    y_label: str = "",
    unit: str = "",
    chart_id: str = "",
    font_family: str = SANS,
) -> SafeString:
    """Bars side by side for each label, one per series (a simple bar chart with one series)."""
    labels, series = _checked(labels, series)
    legend = _legend_rows(series)
    frame = _frame(
        labels,
        series,
        y_max=None,
        integers=True,
        legend_rows=len(legend),
        unit=unit,
        axis_labels=(x_label, y_label),
    )
    chart_id = _chart_id(chart_id, "bar", title, labels, [(s.name, s.values) for s in series])
    width = frame.slot * 0.8 / max(len(series), 1)
    body = [*_legend(legend, line=False), *_axes(frame, x_label=x_label, y_label=y_label, unit=unit)]
    body.append('<g class="chart-bars">')
    for index, label in enumerate(labels):
        start = frame.left + index * frame.slot + frame.slot * 0.1
        for number, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            top = frame.y(value)
            body.append(
                f'<rect x="{_number(start + number * width)}" y="{_number(top)}" '
                f'width="{_number(max(width - 1, 1))}" height="{_number(max(frame.bottom - top, 0))}" '
                f'fill="{PALETTE[number % len(PALETTE)]}">'
                f"<title>{_text(f'{label} – {one.name}: {_values_text(value, unit)}')}</title></rect>"
            )
    body.append("</g>")
    described = _described(description, labels, series, unit)
    return _svg(chart_id, title, described, body, font_family, frame.height)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    description: str = "",
    x_label: str = "",
    y_label: str = "",
    unit: str = "",
    y_max: float | None = None,
    chart_id: str = "",
    font_family: str = SANS,
) -> SafeString:
    """A line per series across the labels, broken where a value is ``None``; ``y_max`` fixes the top of
    the scale (100 for a rate)."""
    labels, series = _checked(labels, series)
    legend = _legend_rows(series)
    frame = _frame(
        labels,
        series,
        y_max=y_max,
        integers=y_max is None,
        legend_rows=len(legend),
        unit=unit,
        axis_labels=(x_label, y_label),
    )
    chart_id = _chart_id(chart_id, "line", title, labels, [(s.name, s.values) for s in series])
    body = [*_legend(legend, line=True), *_axes(frame, x_label=x_label, y_label=y_label, unit=unit)]
    body.append('<g class="chart-lines">')
    for number, one in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        dash = _DASHES[number % len(_DASHES)]
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        segments, current = [], []
        for index, value in enumerate(one.values):
            if value is None:
                segments.append(current)
                current = []
            else:
                current.append((frame.x(index), frame.y(value)))
        segments.append(current)
        for segment in segments:
            if len(segment) > 1:
                points = " ".join(f"{_number(x)},{_number(y)}" for x, y in segment)
                body.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5" '
                    f'stroke-linejoin="round"{dash_attribute}/>'
                )
        for index, value in enumerate(one.values):
            if value is not None:
                tooltip = f"{labels[index]} – {one.name}: {_values_text(value, unit)}"
                body.append(_marker(number, frame.x(index), frame.y(value), colour, tooltip))
    body.append("</g>")
    described = _described(description, labels, series, unit)
    return _svg(chart_id, title, described, body, font_family, frame.height)


# ------------------------------------------------------------------------------- the reports' charts


def month_label(month) -> str:
    """The month of a chart's axis: ``03/2026``."""
    return f"{month.month:02d}/{month.year}"


@dataclass(frozen=True)
class MonthlyCharts:
    """The month-by-month figures the dashboard and the monthly report draw, from
    :func:`stats.queries.monthly_series`."""

    labels: tuple[str, ...]
    received_online: tuple[int, ...]
    received_direct_or_postal: tuple[int, ...]
    resolved_in_time: tuple[int, ...]
    resolved_late: tuple[int, ...]
    #: The on-time rate in percent per month; ``None`` for a month where nothing was resolved.
    on_time_rate: tuple[Decimal | None, ...]

    @classmethod
    def of(cls, months: Iterable[MonthFigures]) -> MonthlyCharts:
        months = list(months)
        figures = [month.figures for month in months]
        return cls(
            labels=tuple(month_label(month.month) for month in months),
            received_online=tuple(f.received_online for f in figures),
            received_direct_or_postal=tuple(f.received_direct_or_postal for f in figures),
            resolved_in_time=tuple(f.resolved_early + f.resolved_on_time for f in figures),
            resolved_late=tuple(f.resolved_late for f in figures),
            on_time_rate=tuple(f.on_time_rate.percent for f in figures),
        )

    def received_series(self) -> list[Series]:
        return [
            Series(gettext("Received online"), self.received_online),
            Series(gettext("Received at the counter or by post"), self.received_direct_or_postal),
        ]

    def resolved_series(self) -> list[Series]:
        return [
            Series(gettext("Resolved early or on time"), self.resolved_in_time),
            Series(gettext("Resolved late"), self.resolved_late),
        ]

    def on_time_series(self) -> list[Series]:
        return [Series(gettext("On-time rate"), self.on_time_rate)]

    def received_chart(self, **options) -> SafeString:
        return self._bars(
            RECEIVED_TITLE, self.received_series(), options.pop("chart_id", "chart-received"), options
        )

    def resolved_chart(self, **options) -> SafeString:
        return self._bars(
            RESOLVED_TITLE, self.resolved_series(), options.pop("chart_id", "chart-resolved"), options
        )

    def on_time_chart(self, **options) -> SafeString:
        return line_chart(
            str(ON_TIME_TITLE),
            self.labels,
            self.on_time_series(),
            x_label=gettext("Month"),
            y_label=gettext("Rate (%)"),
            unit=" %",
            y_max=100,
            chart_id=options.pop("chart_id", "chart-on-time"),
            **options,
        )

    def titles(self) -> list[str]:
        """The titles of :meth:`charts`, in their order."""
        return [str(RECEIVED_TITLE), str(RESOLVED_TITLE), str(ON_TIME_TITLE)]

    def charts(self, **options) -> list[SafeString]:
        """The three charts, in the order the reports show them (``options``: ``font_family``)."""
        return [self.received_chart(**options), self.resolved_chart(**options), self.on_time_chart(**options)]

    def _bars(self, title, series: list[Series], chart_id: str, options: dict) -> SafeString:
        return bar_chart(
            str(title),
            self.labels,
            series,
            x_label=gettext("Month"),
            y_label=gettext("Dossiers"),
            chart_id=chart_id,
            **options,
        )


def received_by_row_chart(table: Table, **options) -> SafeString:
    """Received online and at the counter or by post, one group of bars per row of ``table`` (per
    agency, per sector, …)."""
    labels = [row.label for row in table.rows]
    series = [
        Series(gettext("Received online"), [row.figures.received_online for row in table.rows]),
        Series(
            gettext("Received at the counter or by post"),
            [row.figures.received_direct_or_postal for row in table.rows],
        ),
    ]
    x_label = str(table.group_by.label) if table.group_by is not None else ""
    options.setdefault("chart_id", f"chart-received-by-{table.group_by or 'total'}")
    return bar_chart(
        str(RECEIVED_BY_ROW_TITLE), labels, series, x_label=x_label, y_label=gettext("Dossiers"), **options
    )


RECEIVED_TITLE = _("Dossiers received per month")
RESOLVED_TITLE = _("Dossiers resolved per month")
ON_TIME_TITLE = _("On-time rate per month")
RECEIVED_BY_ROW_TITLE = _("Dossiers received")
