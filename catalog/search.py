"""Procedure search that finds what people mean, identically on SQLite and PostgreSQL.

A search reads the process's in-memory index of the published catalog (:mod:`catalog.search_index`),
not the database. The query is folded (:func:`core.text.fold`: no accents, no case, so a missing or
wrong diacritic does not matter), then:

1. phrases catalog officers listed as synonyms (``gplx``, ``so do``) are replaced by their expansion;
2. a word the catalog does not have, made of two of its words run together ("oto" for "ô tô"), is split;
3. a word that begins no word of the catalog is replaced by the catalog's words one edit away (a letter
   wrong, missing, extra or two letters swapped); a word of two letters only by those that follow or
   precede a neighbouring word of the query somewhere in the catalog ("lai se" → "lai xe");
4. each word is weighed by its rarity: 10 × ln(1 + procedures / procedures containing it), the same for
   all the words in fewer than 1 % of the procedures.

A word of the catalog matches that word; a word the catalog does not have matches the words it begins
("khoang s"). Each word adds its weight times 3 when it is in the name, 2 in the code or subtitle, 1 in
the result's, the sector's or a dossier component's name: the *base score*.

**Found** are the procedures containing any of the query's rarest words (together in at most 3 % of the
catalog, or 200 procedures) and those whose base score is at least ⅔ of the best one: a search finds
nothing only when none of its words is in the catalog, and a rare word that is only chatter ("lam" in
"lam so do") does not hide what the others mean.

**Ranked**: the index gives the found procedures by decreasing base score a group at a time, from its
bitsets, never procedure by procedure; the first fifty or so get the rest of the score: adjacent words
of the query side by side in the name add the weight of the pair (by its own rarity: "khai sinh" is
rarer than "khai"); the whole query as the name, or as its beginning, adds more; the procedure's use
(its dossiers of the last 12 months) adds 8 × ln(1 + dossiers); the exact code comes first. A name
whose action does not fit the query's loses ACTION_WEIGHT or twice that (:mod:`catalog.procedure_actions`:
"gia han …" wants "Gia hạn …", a query naming no change wants the document issued or the registration,
not "Cấp lại …"), and each of its words the query does not have costs LENGTH_WEIGHT × ln(1 + such
words). Within a group of equal base score the names whose action fits best are scored first. Among
equals: the more used procedure, then the shorter name, then the code. The procedures beyond those
follow by base score (a page that deep is seldom asked for).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from heapq import heappop, heappush
from itertools import count
from math import ceil, log, log1p
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.text import fold

from .models import SearchMiss
from .procedure_actions import FITS, LESS_LIKELY, MISMATCH, action_penalty, query_actions
from .search_index import Listing, SearchFilters, SearchIndex, current_index, positions_of

MAX_TERMS = 12
MAX_CORRECTIONS = 3
MAX_PHRASE_WORDS = 5
MAX_BEGUN = 30  # a word's beginning matches the words it begins: counted as the query's when this few
NAME, TEXT, EXTRA = 3, 2, 1
CODE_BONUS = 1_000_000
USE_WEIGHT = 8
# What a name whose action does not fit the query's loses (catalog.procedure_actions), per level: about
# what a procedure used every few days gains, less than a rare word of the query in the name.
ACTION_WEIGHT = 40
# What each name word the query does not have costs, sublinearly: LENGTH_WEIGHT × ln(1 + such words).
LENGTH_WEIGHT = 10
RARE_MIN = 200
RARE_SHARE = 0.03
RARE_FLOOR = 0.01
FOUND_SHARE_OF_BEST = 2 / 3  # found: what scores at least this share of the best match
# The procedures given the whole score: the found ones with the highest base scores, whole groups of
# equal base score while they fit in POOL_MAX.
POOL = 50
POOL_MAX = 300
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Term:
    """A word of the query, or the words it was corrected to (any of them matches), and its weight."""

    alternatives: tuple[str, ...]
    weight: int
    frequency: int  # procedures containing it
    anywhere: int = field(default=0, repr=False)  # bitsets of the procedures containing it …
    in_text: int = field(default=0, repr=False)  # … in the code, name or subtitle
    in_name: int = field(default=0, repr=False)


def search(query: str | None, filters: SearchFilters | None = None) -> "Ranking | None":
    """The published procedures matching ``query`` within ``filters``, best first; None when the query
    has no word (then nothing is searched for)."""
    index = current_index()
    filters = filters or SearchFilters()
    terms = query_terms(query, index)
    if not terms:
        return None
    raw_code = (query or "").strip()
    narrowed = index.narrowed(filters)
    present = [term for term in terms if term.frequency]
    rare, found = [], 0
    for term in sorted(present, key=lambda term: term.frequency):
        if found + term.frequency > rare_limit(index.total):
            break
        rare.append(term)
        found += term.frequency
    anything = reduce(or_, (term.anywhere for term in present), 0) & narrowed
    best = next(base_score_groups(anything, present), (0, 0))[0]
    # What has a rare word of the query, and what matches at least ⅔ as well as the best match
    # (the query's other words mean something when its rare ones are chatter: "lam" in "lam so do").
    selected = reduce(or_, (term.anywhere for term in rare), 0) & narrowed
    selected |= scoring_at_least(anything, present, ceil(best * FOUND_SHARE_OF_BEST))
    code_position = index.by_code.get(raw_code)
    if code_position is not None and not narrowed >> code_position & 1:
        code_position = None
    if code_position is not None:
        selected |= 1 << code_position
    return Ranking(index, terms, selected, code_position)


def browse(filters: SearchFilters | None = None) -> "Browsing":
    """The published procedures within ``filters``, in code order (a list without a query)."""
    index = current_index()
    return Browsing(index, index.narrowed(filters or SearchFilters()))


class Found:
    """Procedures of the index in an order: their number, and the order as far as a page needs it."""

    index: SearchIndex
    count: int

    def positions(self, start: int, stop: int) -> list[int]:
        """The index positions of the procedures ranked ``start`` (from 0) to ``stop`` (excluded)."""
        raise NotImplementedError

    def ids(self, start: int, stop: int) -> list[int]:
        """The ids of the procedures ranked ``start`` to ``stop``."""
        return [self.index.ids[position] for position in self.positions(start, stop)]

    def listings(self, start: int, stop: int) -> list[Listing]:
        """What a list shows of the procedures ranked ``start`` to ``stop``, from the index."""
        return [self.index.listings[position] for position in self.positions(start, stop)]


class Browsing(Found):
    def __init__(self, index: SearchIndex, narrowed: int):
        self.index = index
        self.count = narrowed.bit_count()
        self._narrowed = (
            None if narrowed == index.everything else narrowed.to_bytes(len(index.ids) // 8 + 1, "little")
        )

    def positions(self, start: int, stop: int) -> list[int]:
        in_code_order = self.index.in_code_order
        if self._narrowed is None:
            return in_code_order[start:stop]
        narrowed, found, skipped = self._narrowed, [], 0
        for position in in_code_order:  # a few microseconds for each procedure before the page's last
            if narrowed[position >> 3] >> (position & 7) & 1:
                if skipped < start:
                    skipped += 1
                    continue
                found.append(position)
                if len(found) >= stop - start:
                    break
        return found


class Ranking(Found):
    """The found procedures in order: the count at once, the order as far as a page needs it."""

    def __init__(self, index: SearchIndex, terms: list[Term], selected: int, code_position: int | None):
        self.index = index
        self.count = selected.bit_count()
        asked = query_actions([term.alternatives[0] for term in terms])
        levels = [action_penalty(asked, action) for action in index.actions]
        # Within a group of equal base score, the names whose action fits the query first.
        self._by_fit = [
            reduce(
                or_, (bits for bits, level in zip(index.by_action, levels, strict=True) if level == fit), 0
            )
            for fit in (FITS, LESS_LIKELY, MISMATCH)
        ]
        penalties = [ACTION_WEIGHT * level for level in levels]
        groups = base_score_groups(selected, terms)
        pool: dict[int, int] = {}  # position → base score
        if code_position is not None:
            pool[code_position] = 0
        remainder: Iterator[int] = iter(())
        for score, bits in groups:
            members = self._members(bits)
            for position in members:
                pool[position] = score
                if len(pool) >= POOL_MAX:
                    remainder = members
                    break
            if len(pool) >= POOL:
                break
        scores = whole_scores(index, terms, pool, code_position, penalties)
        self._order = sorted(pool, key=lambda position: (-scores[position], position))
        self._rest = self._following(pool, remainder, groups)

    def _members(self, bits: int) -> Iterator[int]:
        """The positions of ``bits``, those whose name's action fits the query best first."""
        for fit in self._by_fit:
            yield from positions_of(bits & fit)

    def _following(self, pool: dict[int, int], remainder: Iterator[int], groups) -> Iterator[int]:
        for position in remainder:
            if position not in pool:  # the exact code, put first
                yield position
        for _score, bits in groups:
            for position in self._members(bits):
                if position not in pool:
                    yield position

    def positions(self, start: int, stop: int) -> list[int]:
        while len(self._order) < stop:
            position = next(self._rest, None)
            if position is None:
                break
            self._order.append(position)
        return self._order[start:stop]


def base_score_groups(selected: int, terms: list[Term]) -> Iterator[tuple[int, int]]:
    """The ``selected`` procedures as (base score, bitset) groups of equal score, highest first.

    A best-first split of the set by each word (heaviest first) into the procedures with the word in
    the name, only in the code or subtitle, only in the lower-weight column, and without it: a part's
    bound is the score it would have with every word still undecided in the name, so a group is given
    once no part could score more.
    """
    words = sorted((term for term in terms if term.frequency), key=lambda term: -term.weight)
    splits = [
        (
            term.in_name,
            term.in_text & ~term.in_name,
            term.anywhere & ~term.in_text,
            ~term.anywhere,
            term.weight,
        )
        for term in words
    ]
    sequence = count()
    heap = [(-NAME * sum(term.weight for term in words), next(sequence), 0, selected)]
    while heap:
        bound = heap[0][0]
        group = 0
        while heap and heap[0][0] == bound:
            _bound, _sequence, decided, bits = heappop(heap)
            if decided == len(splits):
                group |= bits
                continue
            in_name, in_text, in_extra, absent, weight = splits[decided]
            for part, kept in ((in_name, NAME), (in_text, TEXT), (in_extra, EXTRA), (absent, 0)):
                loss = (NAME - kept) * weight
                part &= bits
                if part:
                    heappush(heap, (bound + loss, next(sequence), decided + 1, part))
        if group:
            yield -bound, group


def pair_weight(first: Term, second: Term, index: SearchIndex) -> int:
    """What two adjacent words of the query add when side by side in a name: the weight of the pair by
    its own rarity in the catalog's codes, names and subtitles ("khai sinh" is rarer than "khai")."""
    found = max(index.pairs.get(f"{a} {b}", 0) for a in first.alternatives for b in second.alternatives)
    return weight(found, index.total) if found else 0


def scoring_at_least(selected: int, terms: list[Term], threshold: int) -> int:
    """The ``selected`` procedures whose base score is at least ``threshold``: the same split as
    :func:`base_score_groups`, depth first, a part kept whole as soon as what it has decided reaches
    the threshold and dropped as soon as even its bound does not."""
    words = sorted((term for term in terms if term.frequency), key=lambda term: -term.weight)
    remaining = [NAME * sum(term.weight for term in words[k:]) for k in range(len(words) + 1)]
    kept = 0
    stack = [(selected, 0, 0)]
    while stack:
        bits, decided, score = stack.pop()
        if score >= threshold:
            kept |= bits
            continue
        if score + remaining[decided] < threshold or decided == len(words):
            continue
        term = words[decided]
        for part, factor in (
            (bits & term.in_name, NAME),
            (bits & term.in_text & ~term.in_name, TEXT),
            (bits & term.anywhere & ~term.in_text, EXTRA),
            (bits & ~term.anywhere, 0),
        ):
            if part:
                stack.append((part, decided + 1, score + factor * term.weight))
    return kept


def whole_scores(
    index: SearchIndex,
    terms: list[Term],
    base: dict[int, int],
    code_position: int | None,
    action_penalties: list[int],
) -> dict[int, int]:
    """The base scores plus what goes beyond single words: adjacent words of the query side by side in
    the name, the whole query as the name or its beginning, the procedure's use, the exact code; less
    what the name's action does not fit (``action_penalties``, by the index's kinds of action) and the
    name's words the query does not have."""
    asked = [f" {word} " for word in query_words(terms, index)]
    action_of, name_sizes = index.action_of, index.name_sizes
    adjacent = [
        (
            [f" {a} {b}" for a in first.alternatives for b in second.alternatives],
            pair_weight(first, second, index),
        )
        for first, second in zip(terms, terms[1:], strict=False)
        if first.frequency and second.frequency
    ]
    phrase = " " + " ".join(term.alternatives[0] for term in terms)
    phrase_start = phrase + " "
    full = NAME * sum(term.weight for term in terms)
    scores = {}
    for position, score in base.items():
        name = index.names[position]
        for texts, weight in adjacent:
            for text in texts:
                if text in name:
                    score += weight
                    break
        if name == phrase:
            score += 2 * full
        elif name.startswith(phrase_start):
            score += full
        if position == code_position:
            score += CODE_BONUS
        score += use_bonus(index.uses[position])
        score -= action_penalties[action_of[position]]
        unasked = name_sizes[position] - sum(map((name + " ").__contains__, asked))
        score -= length_penalty(unasked)
        scores[position] = score
    return scores


def query_words(terms: list[Term], index: SearchIndex) -> set[str]:
    """The catalog words the query's terms match (a word's beginning: the words it begins, when few)."""
    words = set()
    for term in terms:
        for alternative in term.alternatives:
            if alternative in index.words:
                words.add(alternative)
            else:
                begun = index.starting_with(alternative)
                words.update(begun if len(begun) <= MAX_BEGUN else ())
    return words


@lru_cache(maxsize=256)
def length_penalty(unasked: int) -> int:
    """What a name loses for its ``unasked`` words (those the query does not have): a name saying more
    than the query asks is a more particular procedure ("… do bị mất, hư hỏng"); sublinear, as the
    real names are long."""
    return round(LENGTH_WEIGHT * log1p(unasked))


def query_terms(query: str | None, index: SearchIndex | None = None) -> list[Term]:
    """The weighed terms a query is searched as (synonyms replaced, words split or corrected)."""
    words = fold(query).split()
    if not words:
        return []
    index = index or current_index()
    words = split_run_together(expand_synonyms(words, index.synonyms), index)
    unique = list(dict.fromkeys(words))[:MAX_TERMS]
    terms = []
    for position, word in enumerate(unique):
        neighbours = (
            unique[position - 1] if position else None,
            unique[position + 1] if position + 1 < len(unique) else None,
        )
        # A word of the catalog matches that word ("mo" is not "mot"); only a word the catalog does not
        # have matches the words it begins ("khoang s").
        prefix = False
        if word in index.words:
            alternatives = (word,)
        elif index.is_prefix(word):  # a word's beginning, or a typo that happens to begin a word
            alternatives = (word, *corrections(word, neighbours, index, in_context_only=True))
            prefix = True
        else:
            alternatives = corrections(word, neighbours, index) or (word,)
        anywhere = index.having("anywhere", alternatives, prefix=prefix)
        frequency = anywhere.bit_count()
        if frequency:
            in_text = index.having("in_text", alternatives, prefix=prefix)
            in_name = index.having("in_name", alternatives, prefix=prefix)
        else:
            in_text = in_name = 0
        terms.append(
            Term(alternatives, weight(frequency, index.total), frequency, anywhere, in_text, in_name)
        )
    return terms


@lru_cache(maxsize=4096)  # a handful of distinct counts: most procedures have none or a few
def use_bonus(dossiers: int) -> int:
    """What a procedure's use adds: USE_WEIGHT × ln(1 + its dossiers of the last 12 months), for a
    procedure used every day about what a word in 1 % of the catalog adds once: enough to decide between
    names that match alike, not to put a procedure missing a word of the query above one that has it."""
    return round(USE_WEIGHT * log1p(dossiers))


def rare_limit(total: int) -> int:
    """Words in at most this many procedures are rare: any of them is enough to find a procedure."""
    return max(RARE_MIN, round(RARE_SHARE * total))


def weight(frequency: int, total: int) -> int:
    """Rarer words weigh more: 10 × ln(1 + procedures / procedures containing the word), the same for
    every word in fewer than RARE_FLOOR of the procedures (a word that rare is as often a chatter word
    of the query that some subtitle happens to have, "mở", as the one the search is about)."""
    return max(1, round(10 * log(1 + total / max(frequency, RARE_FLOOR * total, 1))))


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


def split_run_together(words: list[str], index: SearchIndex) -> list[str]:
    """Split a word the catalog does not know into two that it has side by side ("oto" → "o to",
    "xemay" → "xe may"): where the split is found most often."""
    split: list[str] = []
    for word in words:
        if len(word) > 2 and word.isalpha() and word not in index.words and not index.is_prefix(word):
            found, at = max(
                (index.pairs.get(f"{word[:at]} {word[at:]}", 0), at) for at in range(1, len(word))
            )
            if found:
                split += [word[:at], word[at:]]
                continue
        split.append(word)
    return split


def corrections(
    word: str, neighbours: tuple[str | None, str | None], index: SearchIndex, in_context_only: bool = False
) -> tuple[str, ...]:
    """Catalog words one edit away from ``word``, the likeliest first (none for numbers, codes).

    ``in_context_only``, or for a word of two letters, only those found next to a neighbouring word.
    """
    if len(word) < 2 or not word.isalpha():
        return ()
    previous, following = neighbours

    def context(candidate: str) -> int:
        return index.pairs.get(f"{previous} {candidate}", 0) + index.pairs.get(f"{candidate} {following}", 0)

    candidates = [candidate for candidate in edits(word) if candidate in index.words]
    if in_context_only or len(word) == 2:  # "xe", "se", "de", … are all words: the context tells
        candidates = [candidate for candidate in candidates if context(candidate)]
    candidates.sort(key=lambda candidate: (-context(candidate), -index.words[candidate], candidate))
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
