"""Showing the figures: counts grouped the Vietnamese way (13.680), rates as 12,85 %, "—" for none."""

from decimal import Decimal

from django import template

from stats.domain.indicators import Rate

register = template.Library()


def format_figure(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Rate):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


@register.filter
def figure(figures, name: str) -> str:
    """``{{ row.figures|figure:"resolved_late" }}``"""
    return format_figure(getattr(figures, name))


@register.filter
def raw_figure(figures, name: str):
    value = getattr(figures, name)
    return value.numerator if isinstance(value, Rate) else value


@register.filter
def count(value) -> str:
    return format_figure(value)


@register.filter
def used_count(service_levels, level: int) -> str:
    """``12 / 196``: the services of ``level`` that received online dossiers, of those deployed."""
    used = service_levels.used(int(level))
    return f"{format_figure(used.numerator)} / {format_figure(used.denominator)}"


@register.filter
def administrative_level(value: str):
    from catalog.constants import AdministrativeLevel

    return AdministrativeLevel(value).label if value in AdministrativeLevel.values else value


@register.filter
def column_title(column) -> str:
    """A column's heading under its groups, in one line: "Dossiers resolved – Late"."""
    return " – ".join(str(part) for part in (*column.groups, column.heading))
