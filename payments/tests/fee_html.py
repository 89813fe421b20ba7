"""Reading the fee lines table (``payments/_fee_lines.html``) out of a page, for the tests."""

import re
from html import unescape

_ROW = re.compile(r'<tr data-fee="[^"]*"( data-exempted)?>\s*<th[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>', re.S)
_TOTAL = re.compile(r'<strong class="fee-total">(.*?)</strong>')
_TAGS = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(unescape(_TAGS.sub(" ", html)).split())


def fee_rows(page: str) -> list[tuple[str, str, bool]]:
    """(the line as shown, its amount as shown, exempted) for each row of the page's fee table."""
    return [(_text(name), _text(amount), bool(exempted)) for exempted, name, amount in _ROW.findall(page)]


def fee_total(page: str) -> str | None:
    found = _TOTAL.search(page)
    return _text(found.group(1)) if found else None
