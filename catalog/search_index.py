"""The catalog search's index: built from the database by each process, kept in memory while current.

What the search reads is in the database: the published procedures' folded columns (``Procedure.save``
folds its own; the lower-weight ``search_extra`` also holds the sector's and the dossier components'
names, so saving a component or a sector refreshes it, below, and the catalog import, which writes in
bulk, calls :func:`refresh_search_extra`), their filters (sector, agencies, levels), how much they are
used (``Procedure.popularity``) and the catalog officers' synonyms.

A search reads none of that: each process builds a :class:`SearchIndex` once and keeps it while the
token of :class:`~catalog.models.SearchIndexVersion` is the one it was built with. Before a search the
process reads the token (one indexed row); every write the search depends on changes the token in its
own transaction (the signals below; bulk writers call :func:`rebuild_vocabulary`), so a search never
answers from an index older than the committed catalog, in any process.

For each word of the catalog the index holds the procedures having it anywhere, in the code, name or
subtitle, and in the name, as sets of positions; a search combines them as bitsets (a Python ``int``,
bit *i* for the *i*-th procedure), which costs microseconds over any catalog a province has. Positions
follow the order of equally good matches: the more used procedure first, then the shorter name, then
the code; the lowest bits of a set are its best tie-breaks. The vocabulary (each word, with the number
of procedures containing it, and the pairs of adjacent words) serves the typo correction and the words'
weights. The action each name begins with (:mod:`catalog.procedure_actions`; a few dozen kinds) is kept
per procedure and, for each kind, as a bitset.

Building the index reads every published procedure once: about a second for 20,000 procedures, 0.1 s
for a province's 2,000, and about 30 MB of memory per process for 20,000.
"""

import bisect
import gc
import re
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.prepared import PreparedQuery

from .models import Agency, DossierComponent, Procedure, SearchIndexVersion, Sector, Synonym, searchable
from .procedure_actions import NameAction, name_actions

BATCH = 500
# A word in at least this many procedures keeps its ready-made bitsets; rarer ones keep their positions
# (converted when searched: a few microseconds), which is most of the words and little memory.
BITSET_MIN = 128
PREFIX_CACHE = 1024  # unions of the words beginning with a prefix, kept per index


# --- Bitsets ----------------------------------------------------------------------------------------

_NONZERO_BYTE = re.compile(rb"[^\x00]")
_BITS_OF_BYTE = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]


def to_bits(positions: Iterable[int], size: int) -> int:
    """The bitset of ``positions`` (each below ``size``)."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def positions_of(bits: int) -> Iterator[int]:
    """The positions of a bitset's bits, in increasing order (found by the regular expression engine,
    a byte at a time: dense or sparse, a large set costs little until its end is needed)."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for match in _NONZERO_BYTE.finditer(data):
        start = match.start()
        base = start * 8
        for bit in _BITS_OF_BYTE[data[start]]:
            yield base + bit


# --- The index --------------------------------------------------------------------------------------

# What a list of procedures shows of each (the API's items), kept in the index so that a page of search
# results needs no query; the agencies in the order of Agency.Meta.
LISTED = (
    "code",
    "name",
    "subtitle",
    "sector__code",
    "sector__name",
    "administrative_level",
    "service_level",
    "processing_time",
    "processing_time_unit",
)
AGENCY_ORDER = [
    f"-agency__{field[1:]}" if field.startswith("-") else f"agency__{field}"
    for field in Agency._meta.ordering
] + ["agency__code"]


class Listing(NamedTuple):
    code: str
    name: str
    subtitle: str
    sector_code: str
    sector_name: str
    administrative_level: str
    service_level: int
    processing_time: Decimal
    processing_time_unit: str
    agencies: tuple[tuple[str, str], ...]  # (code, name)


def listings_of(rows: list[tuple], agencies: Mapping[int, tuple[tuple[str, str], ...]]) -> list[Listing]:
    """Listings from rows of ("pk", *LISTED) and each procedure's agencies."""
    return [Listing(*row[1:], agencies.get(row[0], ())) for row in rows]


def agencies_of(procedures) -> dict[int, tuple[tuple[str, str], ...]]:
    """Each procedure's agencies (code, name) in order, for a queryset or a list of procedure ids."""
    links = Procedure.agencies.through.objects.filter(procedure__in=procedures).order_by(*AGENCY_ORDER)
    found: dict[int, list[tuple[str, str]]] = {}
    shared: dict[tuple[str, str], tuple[str, str]] = {}
    for procedure_id, code, name in links.values_list(
        "procedure_id", "agency__code", "agency__name"
    ).iterator(chunk_size=5000):
        agency = shared.setdefault((code, name), (code, name))
        found.setdefault(procedure_id, []).append(agency)
    return {procedure_id: tuple(agencies) for procedure_id, agencies in found.items()}


@dataclass(frozen=True)
class SearchFilters:
    """The filters a search is narrowed by (empty: not narrowed)."""

    agency: str = ""  # agency code
    sector: str = ""  # sector code
    level: int | None = None  # online service level 1–4
    administrative_level: str = ""


@dataclass(eq=False)
class SearchIndex:
    """The published procedures as the search reads them, in the order of equals (see module)."""

    token: str
    ids: list[int]  # position → procedure id
    names: list[str]  # folded, with a leading space
    uses: list[int]  # Procedure.popularity
    name_sizes: list[int]  # the number of distinct words of each name
    listings: list[Listing]
    words: dict[str, int]  # word → procedures containing it
    pairs: dict[str, int]  # "word word" adjacent in a code, name or subtitle → procedures
    synonyms: dict[str, str]  # folded phrase → folded expansion
    anywhere: dict[str, int | tuple[int, ...]]  # word → bitset, or positions when rare
    in_text: dict[str, int | tuple[int, ...]]  # … in the code, name or subtitle
    in_name: dict[str, int | tuple[int, ...]]
    by_filter: dict[tuple[str, object], int]  # ("sector", code), ("agency", code), ("level", n), …
    actions: list[NameAction]  # the distinct actions names begin with (catalog.procedure_actions) …
    action_of: list[int]  # … position → its number there
    by_action: list[int]  # … and the procedures of each, as bitsets
    ordered: list[str] = field(init=False)
    by_code: dict[str, int] = field(init=False)
    in_code_order: list[int] = field(init=False)  # positions
    everything: int = field(init=False)
    build_seconds: float = field(init=False, default=0.0)
    _prefixes: dict[tuple[str, str], int] = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.ordered = sorted(self.words)
        self.by_code = {listing.code: position for position, listing in enumerate(self.listings)}
        self.in_code_order = [self.by_code[code] for code in sorted(self.by_code)]
        self.everything = (1 << len(self.ids)) - 1

    @property
    def total(self) -> int:
        """Published procedures (at least 1, as a divisor)."""
        return max(len(self.ids), 1)

    def is_prefix(self, term: str) -> bool:
        """Whether some word starts with ``term`` (or is it)."""
        index = bisect.bisect_left(self.ordered, term)
        return index < len(self.ordered) and self.ordered[index].startswith(term)

    def starting_with(self, term: str) -> list[str]:
        return self.ordered[
            bisect.bisect_left(self.ordered, term) : bisect.bisect_left(self.ordered, term + "\x7f")
        ]

    def having(self, column: str, terms: Iterable[str], *, prefix: bool) -> int:
        """The procedures with any of the words ``terms`` (with ``prefix``, a word beginning with one of
        them) in ``column``: "anywhere", "in_text" (the code, name or subtitle) or "in_name"."""
        table = getattr(self, column)
        bits = 0
        for term in terms:
            if not prefix:
                bits |= self._union(table, [term])
                continue
            key = (column, term)
            found = self._prefixes.get(key)
            if found is None:
                found = self._union(table, self.starting_with(term))
                if len(self._prefixes) >= PREFIX_CACHE:
                    self._prefixes.clear()
                self._prefixes[key] = found
            bits |= found
        return bits

    def _union(self, table: dict, words: list[str]) -> int:
        bits, scattered = 0, []
        for word in words:
            posting = table.get(word)
            if posting is None:
                continue
            if isinstance(posting, int):
                bits |= posting
            else:
                scattered.extend(posting)
        if scattered:
            bits |= to_bits(scattered, len(self.ids))
        return bits

    def narrowed(self, filters: SearchFilters) -> int:
        """The procedures passing ``filters``, as a bitset."""
        bits = self.everything
        for key in (
            ("agency", filters.agency),
            ("sector", filters.sector),
            ("level", filters.level),
            ("administrative_level", filters.administrative_level),
        ):
            if key[1]:
                bits &= self.by_filter.get(key, 0)
        return bits


def build_index(token: str) -> SearchIndex:
    """Read the published catalog and build its index (see the module's docstring)."""
    published = Procedure.objects.published()
    rows = list(
        published.values_list(
            "pk", "name_folded", "search_text", "search_extra", "popularity", "name_length", *LISTED
        )
    )
    rows.sort(key=lambda row: (-row[4], row[5], row[6]))  # more used, shorter name, code
    size = len(rows)
    numbers = list(range(size))  # one int object per position, shared by every posting
    anywhere: dict[str, list[int]] = {}
    in_text: dict[str, list[int]] = {}
    in_name: dict[str, list[int]] = {}
    pairs: Counter = Counter()
    grouped: dict[tuple[str, object], list[int]] = {}
    kinds: dict[NameAction, int] = {}  # the distinct actions of names → their number
    of_kind: list[list[int]] = []  # number → the procedures
    action_of = []
    name_sizes: list[int] = []
    shared: dict[object, object] = {}  # one object for each sector's code, name, … repeated in rows
    listed = []
    for position, row in enumerate(rows):
        number = numbers[position]
        name, text, extra = row[1], row[2], row[3]
        text_words = text.split()
        text_set = set(text_words)
        name_words = name.split()
        name_set = set(name_words)
        name_sizes.append(len(name_set))
        for word in name_set:
            in_name.setdefault(word, []).append(number)
        for word in text_set:
            in_text.setdefault(word, []).append(number)
        for word in text_set.union(extra.split()):
            anywhere.setdefault(word, []).append(number)
        pairs.update({f"{a} {b}" for a, b in zip(text_words, text_words[1:], strict=False)})
        kind = kinds.setdefault(name_actions(row[7], name_words), len(kinds))
        if kind == len(of_kind):
            of_kind.append([])
        of_kind[kind].append(number)
        action_of.append(kind)
        values = (row[0], *(shared.setdefault((type(value), value), value) for value in row[6:]))
        listed.append(values)
        _pk, _code, _name, _subtitle, sector, _sector_name, administrative, level = values[:8]
        for key in (("sector", sector), ("level", level), ("administrative_level", administrative)):
            grouped.setdefault(key, []).append(number)
    agencies = agencies_of(published)
    position_of = {row[0]: position for position, row in enumerate(rows)}
    for procedure_id, links in agencies.items():
        for code, _name in links:
            grouped.setdefault(("agency", code), []).append(position_of[procedure_id])

    def compact(postings: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
        return {
            word: to_bits(found, size) if len(found) >= BITSET_MIN else tuple(found)
            for word, found in postings.items()
        }

    return SearchIndex(
        token=token,
        ids=[row[0] for row in rows],
        names=[row[1] for row in rows],
        uses=[row[4] for row in rows],
        name_sizes=name_sizes,
        listings=listings_of(listed, agencies),
        words={word: len(found) for word, found in anywhere.items()},
        pairs=dict(pairs),
        synonyms=dict(Synonym.objects.values_list("phrase_folded", "expansion_folded")),
        anywhere=compact(anywhere),
        in_text=compact(in_text),
        in_name=compact(in_name),
        by_filter={key: to_bits(sorted(found), size) for key, found in grouped.items()},
        actions=list(kinds),
        action_of=action_of,
        by_action=[to_bits(found, size) for found in of_kind],
    )


# --- Keeping it current -----------------------------------------------------------------------------

VERSION_ROW = 1
# A process reads the token at most this often: a change made by another process is searched within
# this delay, a change made by this process at once (it drops its index). Reading it on every search
# would cost a round trip to the database for a value that changes a few times a day.
TOKEN_CHECK_SECONDS = 1.0
_token_query = PreparedQuery(lambda pk: SearchIndexVersion.objects.filter(pk=pk).values_list("token"))
_index: SearchIndex | None = None
_checked_at = 0.0


def current_index() -> SearchIndex:
    """This process's index, rebuilt first when the catalog changed since it was built."""
    global _index, _checked_at
    now = time.monotonic()
    index = _index
    if index is not None and now - _checked_at < TOKEN_CHECK_SECONDS:
        return index
    found = _token_query.rows(VERSION_ROW)
    token = found[0][0] if found else ""
    _checked_at = now
    if index is None or index.token != token:
        started = time.perf_counter()
        gc.unfreeze()  # what the last build froze may be collected again (see below)
        index = _index = build_index(token)
        index.build_seconds = time.perf_counter() - started
        # Left out of the garbage collector's full collections, which walk every object a process
        # keeps: with the index and the application's modules there, one took ~100 ms, a stalled request.
        gc.freeze()
    return index


def forget_vocabulary() -> None:
    """Drop this process's index (the next search builds it again, after reading the token)."""
    global _index
    _index = None


def rebuild_vocabulary() -> None:
    """After writes the signals do not see (bulk creation or update): every process, this one
    included, builds its index again at its next search."""
    forget_vocabulary()
    token = uuid.uuid4().hex
    if not SearchIndexVersion.objects.filter(pk=VERSION_ROW).update(token=token):
        SearchIndexVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"token": token})


def refresh_search_extra(procedure_ids: Iterable[int]) -> None:
    """Recompute ``search_extra`` of these procedures from their result, sector and components."""
    ids = sorted(set(procedure_ids))
    changed_any = False
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        components: dict[int, list[str]] = {}
        rows = DossierComponent.objects.filter(procedure_id__in=batch).order_by(
            "procedure_id", "position", "id"
        )
        for procedure_id, name in rows.values_list("procedure_id", "name"):
            components.setdefault(procedure_id, []).append(name)
        changed = []
        for procedure in (
            Procedure.objects.filter(pk__in=batch)
            .select_related("sector")
            .only("id", "result_name", "search_extra", "sector__name")
        ):
            extra = searchable(
                procedure.result_name, procedure.sector.name, *components.get(procedure.pk, [])
            )
            if extra != procedure.search_extra:
                procedure.search_extra = extra
                changed.append(procedure)
        if changed:
            Procedure.objects.bulk_update(changed, ["search_extra"])
            changed_any = True
    if changed_any:
        rebuild_vocabulary()


def update_popularity(use: Mapping[int, int]) -> int:
    """Set each procedure's ``popularity`` to its number in ``use`` (procedure id → dossiers), 0 when
    absent; returns the number of procedures changed."""
    changed = []
    for procedure in Procedure.objects.only("id", "popularity"):
        count = use.get(procedure.pk, 0)
        if procedure.popularity != count:
            procedure.popularity = count
            changed.append(procedure)
    with transaction.atomic():
        Procedure.objects.bulk_update(changed, ["popularity"], batch_size=BATCH)
        if changed:
            rebuild_vocabulary()
    return len(changed)


def _changed(**kwargs) -> None:
    if not kwargs.get("raw"):
        rebuild_vocabulary()


@receiver(post_save, sender=Procedure, dispatch_uid="catalog_procedure_saved")
@receiver(post_delete, sender=Procedure, dispatch_uid="catalog_procedure_deleted")
@receiver(post_save, sender=Agency, dispatch_uid="catalog_agency_saved")
@receiver(post_save, sender=Synonym, dispatch_uid="catalog_synonym_saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="catalog_synonym_deleted")
def _catalog_changed(sender, **kwargs):
    _changed(**kwargs)


@receiver(m2m_changed, sender=Procedure.agencies.through, dispatch_uid="catalog_procedure_agencies")
def _agencies_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        rebuild_vocabulary()


@receiver(post_save, sender=DossierComponent, dispatch_uid="catalog_component_saved")
@receiver(post_delete, sender=DossierComponent, dispatch_uid="catalog_component_deleted")
def _component_changed(sender, instance, raw=False, origin=None, **kwargs):
    # A deletion from a procedure's (cascading) or a queryset's delete needs no refresh one by one.
    if not raw and (origin is None or isinstance(origin, DossierComponent)):
        refresh_search_extra([instance.procedure_id])


@receiver(post_save, sender=Sector, dispatch_uid="catalog_sector_saved")
def _sector_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        refresh_search_extra(instance.procedures.values_list("pk", flat=True))
        rebuild_vocabulary()  # its code may have changed: the sector filter
