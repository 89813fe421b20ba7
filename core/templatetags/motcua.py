"""Vietnamese display helpers shared by every template."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()


def format_vnd(amount) -> str:
    """``1250000`` → ``1.250.000 ₫`` (the Vietnamese grouping, whatever the active language)."""
    if amount is None or amount == "":
        return ""
    value = int(Decimal(amount))
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".") + " ₫"


def format_decimal(value) -> str:
    """``Decimal('0.50')`` → ``0,5``; ``Decimal('15.00')`` → ``15``."""
    if value is None:
        return ""
    normalized = Decimal(value).normalize()
    text = format(normalized, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


register.filter("vnd", format_vnd)
register.filter("decimal_vi", format_decimal)


_DEADLINE_BADGES = {"overdue": ("badge--overdue", _("Overdue")), "soon": ("badge--due-soon", _("Due soon"))}


@register.filter
def deadline_badge(deadline: str) -> str:
    """The inbox badge of a dossier's ``deadline`` ("overdue", "soon"): in words, coloured by CSS.

    A filter, not an included template: it is drawn on every row of every inbox page."""
    if deadline not in _DEADLINE_BADGES:
        return ""
    css_class, label = _DEADLINE_BADGES[deadline]
    return format_html('<strong class="badge {}">{}</strong>', css_class, label)
