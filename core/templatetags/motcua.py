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


def _content_language() -> str:
    """The language of the catalog's and the dossiers' content: the portal's own (Vietnamese)."""
    from django.conf import settings

    return settings.LANGUAGE_CODE.split("-")[0]


def _needs_lang() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").split("-")[0] != _content_language()


@register.filter
def vi(text):
    """Content written in Vietnamese (a procedure's name, an agency's…) inside a page shown in another
    language: marked ``lang="vi"``, so that screen readers pronounce it as Vietnamese (WCAG 3.1.2)."""
    if text is None or text == "":
        return text
    if not _needs_lang():
        return text
    return format_html('<span lang="{}">{}</span>', _content_language(), text)


@register.simple_tag
def content_lang():
    """` lang="vi"` on an element holding Vietnamese content when the page is in another language."""
    return format_html(' lang="{}"', _content_language()) if _needs_lang() else ""


@register.filter
def anchor(bound_field) -> str:
    """The id an error link points at: the field's input, or the first choice of a radio group or a
    list of checkboxes (the group itself has no id)."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    subwidgets = bound_field.subwidgets
    if subwidgets and subwidgets[0].id_for_label:
        return subwidgets[0].id_for_label
    return bound_field.auto_id
