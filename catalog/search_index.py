"""What catalog search reads besides the query: the folded columns and the vocabulary.

``Procedure.save`` folds its own columns. The lower-weight ``search_extra`` also holds the sector's and
the dossier components' names, so saving a component or a sector refreshes it (signals below), and the
catalog import, which writes components in bulk, calls :func:`refresh_search_extra` itself.

The vocabulary (:class:`catalog.models.SearchWord`) lists the words of the published procedures with
the number of procedures containing each: search corrects a mistyped word to a vocabulary word one
edit away and weighs the words of a query by rarity. :func:`rebuild_vocabulary` recounts it (the import,
``manage.py rebuild_search_index`` and the migration that created it do); a procedure saved in between
adds its new words at once, counted once. Each process keeps the vocabulary and the synonyms in memory
for :data:`VOCABULARY_SECONDS` (a few thousand words, and the pairs of adjacent words): a query looks
words up in memory, not in the database; a change made in this process is seen at once.
"""

import bisect
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .constants import PublicationState
from .models import DossierComponent, Procedure, SearchWord, Sector, Synonym, searchable

VOCABULARY_SECONDS = 60
BATCH = 500


def words_of(*columns: str) -> set[str]:
    """The words of folded columns, and each pair of adjacent words ("lai xe"), which the typo
    correction of a short word looks at."""
    found = set()
    for column in columns:
        words = column.split()
        found.update(words)
        found.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return found


def add_words(procedure: Procedure) -> None:
    """Add a published procedure's words missing from the vocabulary (counted once until a rebuild)."""
    if procedure.publication_state != PublicationState.PUBLISHED:
        forget_vocabulary()
        return
    words = words_of(procedure.search_text, procedure.search_extra)
    known = _cache.words if _cache is not None else {}
    new = [SearchWord(word=word[:100]) for word in sorted(words) if word not in known]
    if new:
        SearchWord.objects.bulk_create(new, ignore_conflicts=True)
    forget_vocabulary()  # the number of published procedures changed, maybe


def refresh_search_extra(procedure_ids: Iterable[int]) -> None:
    """Recompute ``search_extra`` of these procedures from their result, sector and components."""
    ids = sorted(set(procedure_ids))
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
            .only("id", "result_name", "search_extra", "publication_state", "search_text", "sector__name")
        ):
            extra = searchable(
                procedure.result_name, procedure.sector.name, *components.get(procedure.pk, [])
            )
            if extra != procedure.search_extra:
                procedure.search_extra = extra
                changed.append(procedure)
        if changed:
            Procedure.objects.bulk_update(changed, ["search_extra"])
            for procedure in changed:
                add_words(procedure)


def rebuild_vocabulary() -> int:
    """Recount the vocabulary from the published procedures; returns the number of words."""
    counts: Counter = Counter()
    published = Procedure.objects.published().values_list("search_text", "search_extra")
    for search_text, search_extra in published.iterator(chunk_size=2000):
        counts.update(words_of(search_text, search_extra))
    with transaction.atomic():
        SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create(
            [SearchWord(word=word[:100], procedures=count) for word, count in sorted(counts.items())],
            batch_size=2000,
            ignore_conflicts=True,
        )
    forget_vocabulary()
    return len(counts)


@dataclass(frozen=True)
class Vocabulary:
    """The catalog's words and the synonyms, as one process keeps them for a while."""

    words: dict[str, int]  # word (or pair of words) → procedures containing it
    ordered: list[str]
    synonyms: dict[str, str]  # folded phrase → folded expansion
    total: int  # published procedures (at least 1)
    expires: float

    def is_prefix(self, term: str) -> bool:
        """Whether some word starts with ``term`` (or is it)."""
        index = bisect.bisect_left(self.ordered, term)
        return index < len(self.ordered) and self.ordered[index].startswith(term)

    def frequency(self, term: str) -> int:
        """About how many procedures have a word beginning with ``term`` (at most all of them)."""
        found = 0
        for index in range(bisect.bisect_left(self.ordered, term), len(self.ordered)):
            word = self.ordered[index]
            if not word.startswith(term) or found >= self.total:
                break
            if " " not in word:
                found += self.words[word]
        return min(found, self.total)


_cache: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    global _cache
    if _cache is None or _cache.expires < time.monotonic():
        words = dict(SearchWord.objects.values_list("word", "procedures"))
        total = max(Procedure.objects.published().count(), max(words.values(), default=1), 1)
        synonyms = dict(Synonym.objects.values_list("phrase_folded", "expansion_folded"))
        _cache = Vocabulary(words, sorted(words), synonyms, total, time.monotonic() + VOCABULARY_SECONDS)
    return _cache


def forget_vocabulary() -> None:
    """Read the vocabulary again at the next search (this process changed it)."""
    global _cache
    _cache = None


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


@receiver(post_save, sender=Synonym, dispatch_uid="catalog_synonym_saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="catalog_synonym_deleted")
def _synonym_changed(sender, raw=False, **kwargs):
    forget_vocabulary()
