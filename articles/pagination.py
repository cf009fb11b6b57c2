"""Pagination that stays fast on deep pages."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cards import QuerysetCards


def kept_count(kind, key, count, seconds):
    """`count()`, kept in Django's cache for `seconds` under `kind` and `key` (a path, a query)."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    return cache.get_or_set(f"{kind}-count:{digest}", count, seconds)


class DeferredJoinPaginator(Paginator):
    """Finds a page's ids first, then loads just those rows with their relations.

    `OFFSET 19980` over a covering index is cheap; over whole article rows (bodies
    included) it is not; pages past the middle are counted from the end. `load(ids)`
    returns the articles for those ids in any order.
    """

    def __init__(self, object_list, per_page, *, load, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.load = load
        self._count_objects = count

    @cached_property
    def count(self):
        """`count()` when given (a cached count, say), else the list's own count."""
        return self._count_objects() if self._count_objects else super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.page_ids(bottom, self.page_top(number, bottom))
        by_id = {article.pk: article for article in self.load(ids)}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)

    def page_top(self, number, bottom):
        # Not cut at `count`, which may be a kept one: the last page takes its orphans and
        # whatever was published since the count.
        return bottom + self.per_page + (self.orphans if number == self.num_pages else 0)

    def page_ids(self, bottom, top):
        return self.from_nearer_end(QuerysetCards(self.object_list).ids, bottom, top)

    def skipped(self, bottom, top):
        """How many rows `from_nearer_end()` skips to reach `rows[bottom:top]`."""
        return bottom if bottom <= self.count // 2 else max(0, self.count - top)

    def from_nearer_end(self, read, bottom, top):
        """The list's rows `bottom:top`, in its order, read from its nearer end by
        `read(offset, limit, reverse)` (`reverse`: counted from the other end)."""
        if bottom <= self.count // 2:
            return read(bottom, top - bottom, False)
        # Past the middle, walk the index from the other end: the last of 5,000 pages at
        # 100,000 articles skipped 99,980 index entries (14-22 ms), now it skips none.
        start = max(0, self.count - top)
        return read(start, self.count - bottom - start, True)[::-1]


class StoredCardPaginator(DeferredJoinPaginator):
    """A list of stored cards (see `articles.cards`): a page's ids and its cards in one query.

    Finding the ids first, then their cards, took two queries of the home page's three.
    `cards` reads the list (`cards.QuerysetCards`, `cards.CompiledCards`), `complete(rows)`
    returns the page's rows with a card drawn for those without a current one.
    """

    def __init__(self, object_list, per_page, *, cards, complete, **kwargs):
        super().__init__(object_list, per_page, load=None, **kwargs)
        self.cards = cards
        self.complete = complete

    # Rows skipped past which the ids are found first, as `DeferredJoinPaginator` does: an
    # OFFSET over the rows joined with their cards reads every row it skips (page 250 of
    # 500 at 10,000 articles: 160 → 60 req/s in one query).
    ONE_QUERY_DEPTH = 100

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = self.page_top(number, bottom)
        if self.skipped(bottom, top) <= self.ONE_QUERY_DEPTH:
            rows = self.from_nearer_end(self.cards.rows, bottom, top)
        else:
            ids = self.from_nearer_end(self.cards.ids, bottom, top)
            by_id = {row.pk: row for row in self.cards.rows_of(ids)}
            rows = [by_id[pk] for pk in ids if pk in by_id]
        return self._get_page(self.complete(rows), number, self)


class SearchPaginator(DeferredJoinPaginator):
    """Search results, counted by `count()` and paged by `ids(offset, limit, found)`.

    `count()` returns a `search.Found`, `(count, more, …)`: `more` is true when the count
    stopped at a cap (`paginator.more`: "约 10,000+"); `ids()` is given it to choose its plans.
    """

    def __init__(self, object_list, per_page, *, count, ids, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count_and_more = count
        self._ids = ids

    @cached_property
    def _counted(self):
        return self._count_and_more()

    @property
    def count(self):
        return self._counted[0]

    @property
    def more(self):
        return self._counted[1]

    def page_top(self, number, bottom):
        # Cut at an exact count: ranking stops as soon as the page is full.
        top = super().page_top(number, bottom)
        return top if self.more else min(top, self.count)

    def page_ids(self, bottom, top):
        return self._ids(bottom, top - bottom, self._counted)
