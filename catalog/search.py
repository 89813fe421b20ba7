"""Accent- and case-insensitive procedure search, ranked by relevance, on SQLite and PostgreSQL.

Each procedure stores ``search_text`` (code, name and subtitle) and ``name_folded``, both folded by
:func:`core.text.fold`. A query is folded the same way and every term must occur in ``search_text``.
On PostgreSQL a pg_trgm GIN index on that column serves the ``LIKE '%term%'`` filters; on SQLite
the folded column is scanned.

Rank, best first: the exact code; a name equal to the query; a name starting with it; a name
containing it as a phrase; a subtitle containing it; then anything containing all the terms. Among
equals shorter names come first (the query covers more of them), then the code.
"""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from core.text import search_terms

MAX_TERMS = 12


def search_procedures(queryset: QuerySet, query: str | None) -> QuerySet:
    """Filter ``queryset`` to procedures matching ``query``, best match first.

    Without a query the procedures come in code order.
    """
    terms = search_terms(query)[:MAX_TERMS]
    if not terms:
        return queryset.order_by("code")
    phrase = " ".join(terms)
    raw_code = (query or "").strip()
    all_terms = Q()
    for term in terms:
        all_terms &= Q(search_text__contains=term)
    queryset = queryset.filter(all_terms | Q(code=raw_code)).annotate(
        relevance=Case(
            When(code=raw_code, then=Value(50)),
            When(name_folded=phrase, then=Value(40)),
            When(name_folded__startswith=f"{phrase} ", then=Value(30)),
            When(name_folded__contains=f" {phrase} ", then=Value(20)),
            When(name_folded__endswith=f" {phrase}", then=Value(20)),
            When(search_text__contains=phrase, then=Value(10)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    # No trigram similarity in the ordering: computing it for every matching row before picking the
    # first page cost 85 of 97 ms for one-word queries on 20,000 procedures (bench/catalog_search.py),
    # and leaving it out makes SQLite and PostgreSQL rank identically.
    return queryset.order_by("-relevance", "name_length", "code")
