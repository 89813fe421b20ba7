"""Procedure search that finds what people mean, identically on SQLite and PostgreSQL.

A query is folded (:func:`core.text.fold`: no accents, no case, so a missing or wrong diacritic does not
matter), then, in memory (:mod:`catalog.search_index`, no query to the database):

1. phrases catalog officers listed as synonyms (``gplx``, ``so do``) are replaced by their expansion;
2. a word that begins no word of the catalog's vocabulary is replaced by the vocabulary words one edit
   away (a letter wrong, missing, extra or two letters swapped); a word of two letters only by those
   that follow or precede a neighbouring word of the query somewhere in the catalog ("lai se" → "lai xe");
3. each word is weighed by its rarity in the catalog (inverse document frequency).

Procedures containing *any* of the query's rarest words (together in at most 3 % of the catalog, or 200
procedures) are found, or, when even the rarest word is more common, those containing every word in the
name, code or subtitle (and when none has them all, those with any of them): a word matches the
beginning of a word of the procedure's folded columns, each stored with a leading space so that
``LIKE '% term%'`` does it (on PostgreSQL the pg_trgm GIN indexes on ``search_text`` and
``search_extra`` serve it; SQLite scans the folded columns).
The score adds, for each word, its weight times 3 when it is in the name, 2 in the code or subtitle, 1
in the result's, the sector's or a dossier component's name; adjacent words of the query found side by
side in the name add the lesser weight of the two; the whole query as the name, at its start or inside
it adds more, and the exact code wins. Among equals shorter names come first, then the code. In a
catalog of any size, zero results only when no word is anywhere in the catalog.
"""

from dataclasses import dataclass
from functools import reduce
from math import log
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import Case, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from core.text import fold

from .models import SearchMiss
from .search_index import Vocabulary, vocabulary

MAX_TERMS = 12
MAX_CORRECTIONS = 3
MAX_PHRASE_WORDS = 5
NAME, TEXT, EXTRA = 3, 2, 1
CODE_BONUS = 1_000_000
RARE_MIN = 200
RARE_SHARE = 0.03
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Term:
    """A word of the query, or the words it was corrected to (any of them matches), and its weight."""

    alternatives: tuple[str, ...]
    weight: int
    frequency: int  # procedures containing it, by the vocabulary


def search_procedures(queryset: QuerySet, query: str | None) -> QuerySet:
    """Filter ``queryset`` to procedures matching ``query``, best match first.

    Without a query the procedures come in code order.
    """
    terms = query_terms(query)
    if not terms:
        return queryset.order_by("code")
    raw_code = (query or "").strip()
    matches = [_matching(term, "search_text") | _matching(term, "search_extra") for term in terms]
    # The rarest words select, as many as together are in at most rare_limit() procedures; when even
    # the rarest is more common, every word must be in the name, code or subtitle (scoring most of a
    # large catalog row by row would cost far more than the 10 ms a search may take).
    rare, found = [], 0
    for match, term in sorted(zip(matches, terms, strict=True), key=lambda pair: pair[1].frequency):
        if not term.frequency:
            continue  # in no procedure: selects nothing, and must not make the others look rare
        found += term.frequency
        if found > rare_limit():
            break
        rare.append(match)
    if rare:
        selected = reduce(or_, rare)
    else:
        selected = reduce(lambda a, b: a & b, map(_in_text, terms))
        if not queryset.filter(selected).exists():
            # Nothing has every word: rather than "no result", rank what has any of them (rare: only
            # queries of common words that never occur together; one more query, and a slower one).
            selected = reduce(or_, matches)
    scores = [Case(When(Q(code=raw_code), then=Value(CODE_BONUS)), default=Value(0))]
    for term in terms:
        scores.append(
            Case(
                When(_matching(term, "name_folded"), then=Value(NAME * term.weight)),
                When(_matching(term, "search_text"), then=Value(TEXT * term.weight)),
                When(_matching(term, "search_extra"), then=Value(EXTRA * term.weight)),
                default=Value(0),
            )
        )
    for first, second in zip(terms, terms[1:], strict=False):
        pairs = Q()
        for a in first.alternatives:
            for b in second.alternatives:
                pairs |= Q(name_folded__contains=f" {a} {b}")
        scores.append(Case(When(pairs, then=Value(min(first.weight, second.weight))), default=Value(0)))
    phrase = " ".join(term.alternatives[0] for term in terms)
    full = NAME * sum(term.weight for term in terms)
    scores.append(
        Case(
            When(name_folded=f" {phrase}", then=Value(2 * full)),
            When(name_folded__startswith=f" {phrase} ", then=Value(full)),
            When(name_folded__contains=f" {phrase}", then=Value(full // 2)),
            default=Value(0),
        )
    )
    relevance = reduce(lambda a, b: a + b, scores)
    queryset = queryset.filter(selected | Q(code=raw_code)).annotate(
        relevance=ExpressionWrapper(relevance, output_field=IntegerField())
    )
    return queryset.order_by("-relevance", "name_length", "code")


def _in_text(term: Term) -> Q:
    return _matching(term, "search_text")


def _matching(term: Term, column: str) -> Q:
    return reduce(or_, (Q(**{f"{column}__contains": f" {word}"}) for word in term.alternatives))


def query_terms(query: str | None) -> list[Term]:
    """The weighed terms a query is searched as (synonyms replaced, mistyped words corrected)."""
    words = fold(query).split()
    if not words:
        return []
    known = vocabulary()
    words = expand_synonyms(words, known.synonyms)
    unique = list(dict.fromkeys(words))[:MAX_TERMS]
    terms = []
    for index, word in enumerate(unique):
        neighbours = (
            unique[index - 1] if index else None,
            unique[index + 1] if index + 1 < len(unique) else None,
        )
        if word in known.words:
            alternatives = (word,)
        elif known.is_prefix(word):  # a word's beginning, or a typo that happens to begin a word
            alternatives = (word, *corrections(word, neighbours, known, in_context_only=True))
        else:
            alternatives = corrections(word, neighbours, known) or (word,)
        frequency = max(known.frequency(alternative) for alternative in alternatives)
        terms.append(Term(alternatives, weight(frequency, known.total), frequency))
    return terms


def rare_limit() -> int:
    """Words in at most this many procedures are rare: any of them is enough to find a procedure."""
    known = vocabulary()
    return max(RARE_MIN, round(RARE_SHARE * known.total))


def weight(frequency: int, total: int) -> int:
    """Rarer words weigh more: 10 × ln(1 + procedures / procedures containing the word)."""
    return max(1, round(10 * log(1 + total / max(frequency, 1))))


def expand_synonyms(words: list[str], synonyms: dict[str, str]) -> list[str]:
    """Replace the longest phrases of ``words`` that are synonyms, left to right, by their expansions."""
    if not synonyms:
        return words
    expanded: list[str] = []
    index = 0
    while index < len(words):
        for length in range(min(MAX_PHRASE_WORDS, len(words) - index), 0, -1):
            expansion = synonyms.get(" ".join(words[index : index + length]))
            if expansion:
                expanded += expansion.split()
                index += length
                break
        else:
            expanded.append(words[index])
            index += 1
    return expanded


def corrections(
    word: str, neighbours: tuple[str | None, str | None], known: Vocabulary, in_context_only: bool = False
) -> tuple[str, ...]:
    """Vocabulary words one edit away from ``word``, the likeliest first (none for numbers, codes).

    ``in_context_only``, or for a word of two letters, only those found next to a neighbouring word.
    """
    if len(word) < 2 or not word.isalpha():
        return ()
    previous, following = neighbours

    def context(candidate: str) -> int:
        return known.words.get(f"{previous} {candidate}", 0) + known.words.get(f"{candidate} {following}", 0)

    candidates = [candidate for candidate in edits(word) if candidate in known.words and " " not in candidate]
    if in_context_only or len(word) == 2:  # "xe", "se", "de", … are all words: the context tells
        candidates = [candidate for candidate in candidates if context(candidate)]
    candidates.sort(key=lambda candidate: (-context(candidate), -known.words[candidate], candidate))
    return tuple(candidates[:MAX_CORRECTIONS])


def edits(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


def record_miss(query: str) -> None:
    """Count a search that found nothing, for catalog officers (codes and ID numbers are not kept)."""
    folded = fold(query)[:200]
    if not any(character.isalpha() for character in folded):
        return
    example = query.strip()[:200]
    now = timezone.now()
    seen = SearchMiss.objects.filter(query_folded=folded)
    if seen.update(count=F("count") + 1, last_seen=now, example=example):
        return
    try:
        with transaction.atomic():
            SearchMiss.objects.create(query_folded=folded, example=example, last_seen=now)
    except IntegrityError:  # another request recorded it first
        seen.update(count=F("count") + 1, last_seen=now, example=example)
