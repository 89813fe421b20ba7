"""Vietnamese text folding for accent- and case-insensitive search.

One function serves every database: the folded text is stored in an indexed column, and queries are
folded the same way, so "giay phep lai xe" matches "Cấp, đổi giấy phép lái xe" on SQLite and PostgreSQL
alike. Unicode decomposition removes the tone and vowel marks; đ/Đ have no decomposition and are mapped
explicitly.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z.]+")
_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, without diacritics, punctuation collapsed to single spaces.

    Dots are kept because procedure and agency codes (``1.001234``, ``000.00.04.G18``) contain them;
    a dot at either end of a word is dropped.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    lowered = stripped.lower().translate(_D_MAP)
    words = _NON_WORD.sub(" ", lowered).split()
    return " ".join(word.strip(".") for word in words if word.strip("."))


def search_terms(query: str | None) -> list[str]:
    """Split a search query into folded terms, dropping duplicates but keeping their order."""
    seen: dict[str, None] = {}
    for term in fold(query).split():
        seen.setdefault(term, None)
    return list(seen)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
