"""Pages of long lists whose exact length is not worth counting."""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows (then says "more than cap").

    Counting an agency's 50,000 matching dossiers exactly costs tens of milliseconds on every inbox
    page, for a number nobody reads past the first digits; the officer narrows the filters instead.
    Pages beyond the cap are not offered.
    """

    def __init__(self, object_list, per_page, *, cap: int = 2000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        if hasattr(rows, "values"):  # a queryset: count keys only, not the page's annotations
            rows = rows.values("pk")
        return rows[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.counted > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)
