"""Chinese full-text search over articles, one module per database backend.

Each backend module offers `document_fields(headline, body)`, what a search document stores
for an article's headline and body texts; `matching_ids(terms)` and `headline_ids(terms)`: SQL and
parameters selecting the ids of the articles whose search document holds every term
(a run of letters and digits from `text.query_terms`), anywhere or in the headline
(title, kicker, subtitle); `some_ids(terms, limit)`, at most `limit` of them for counts
that stop (`matching_count()`); `estimates(terms)`, SQL for what the count also reads to
choose how pages are found (`Found`); and `condition(terms, walked)` and
`headline_condition(terms, walked)`, the same as conditions on one article, for pages of
results (`conditions()`).
`matching()` is the same for all of them. The indexes are built in migrations 0003 (SQLite)
and 0012 (PostgreSQL) and kept current by `ArticleSearchDocument`.
"""

from functools import partial
from importlib import import_module
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.db.models import BooleanField, Count, FloatField, Max, Q
from django.db.models.expressions import RawSQL

from articles.compiled import CompiledQuery

# Past this many matches a count says `约 10,000+`: counting 89,000 matches of a common
# word took as long as finding the page's 20.
COUNT_CAP = 10000

BACKENDS = {
    "sqlite": "articles.search.sqlite",
    "postgresql": "articles.search.postgresql",
}


def backend_for(alias):
    vendor = connections[alias].vendor
    try:
        return import_module(BACKENDS[vendor])
    except KeyError:
        raise ImproperlyConfigured(
            f"Article search has no backend for the {vendor!r} database; "
            f"use one of {', '.join(BACKENDS)} or add a module to articles.search.BACKENDS."
        ) from None


def matching(queryset, terms):
    """The articles of `queryset` holding every term, annotated with `headline_match`.

    `headline_match` is true when all the terms are in the title, kicker or subtitle.
    """
    backend = backend_for(queryset.db)
    table = queryset.model._meta.db_table
    headline_sql, headline_params = backend.headline_ids(terms)
    return queryset.filter(pk__in=RawSQL(*backend.matching_ids(terms))).annotate(
        headline_match=RawSQL(
            f'"{table}"."id" IN ({headline_sql})', headline_params, output_field=BooleanField()
        )
    )


class Found(NamedTuple):
    """What a search's count found: `count` matches of what readers see (`cap` when `more`
    were found), and for choosing how its pages are found (`walks()`), the share of the
    documents estimated to hold every term anywhere (`share`) and in the headline
    (`headline_share`), of `documents` in all; None where the database keeps no estimate."""

    count: int
    more: bool
    share: float | None = None
    headline_share: float | None = None
    documents: float | None = None

    def walks(self, rows):
        """`(in_headline, anywhere)`: for each tier, whether its first `rows` results are
        found sooner by testing the newest articles one by one than by reading every match
        from the index. A walk tests about `rows / share` articles, the index reads
        `share × documents` matches: `核酸` (77 %) walks, `樱桃丰收` (1 %) reads."""
        if self.share is None or not self.documents or self.documents < 0:
            return False, False
        # Under the cap the count is the share; the tokens' share bounds it from above.
        counted = self.count / self.documents
        anywhere = max(self.share, counted) if self.more else counted
        headline = min(self.headline_share or 0, anywhere)
        return tuple(
            share > 0 and rows / share < share * self.documents for share in (headline, anywhere)
        )


def matching_count(queryset, terms, cap):
    """`Found`: how many of `queryset` hold every term, counting to `cap` at most.

    One query over at most `cap + 1` matching documents: `more` is true when there are
    more than `cap` of them (the count is then `cap`, whatever `queryset` keeps). The same
    query reads the database's estimates of how common the terms are (`Found.walks()`).
    """
    backend = backend_for(queryset.db)
    some = queryset.model._default_manager.filter(pk__in=RawSQL(*backend.some_ids(terms, cap + 1)))
    estimates = {
        name: Max(RawSQL(sql, params, output_field=FloatField()))
        for name, (sql, params) in backend.estimates(terms).items()
    }
    counts = some.aggregate(
        found=Count("pk"),
        kept=Count("pk", filter=Q(pk__in=queryset.values("pk"))),
        **estimates,
    )
    found = {name: counts[name] for name in estimates}
    if counts["found"] > cap:
        return Found(cap, True, **found)
    return Found(counts["kept"], False, **found)


def ranked_ids(*, headline, headline_count, rest, offset, limit):
    """Ids `offset` to `offset + limit` of a search's results, one rank at a time: first the
    headline matches (`headline(start, stop)`, newest first), then the rest (`rest`);
    `headline_count()` is asked only for a page past every headline match."""
    ids = headline(offset, offset + limit)
    if len(ids) == limit:
        return ids
    # Counted from the index's set (`headline_count`): a walk would test every article.
    counted = offset + len(ids) if ids or not offset else headline_count()
    start = max(0, offset - counted)
    return ids + rest(start, start + limit - len(ids))


class CompiledSearch:
    """Pages of `listed().search(query)`'s ids (`listed()`: a queryset, the published
    articles), found one rank at a time (`ranked_ids()`) by queries compiled once per
    process, database and plan (`articles.compiled`), the terms bound at each run.

    Each rank is a plain query, either walking the newest articles and testing each (a
    common word: 20 results of `核酸` test ~30 articles) or reading the index's set of
    matches (a rare one), as `found` (the query's `search_count()`) estimates cheaper
    (`Found.walks()`); without it, from the index. Sorting every match by `headline_match`
    read all 89,000 matches of a common word; building and compiling a rank's query took
    ~1.5 ms of CPU, as long as PostgreSQL took to answer it.
    """

    def __init__(self, listed):
        self.listed = listed
        self.queries = {}

    def ids(self, terms, offset, limit, found=None, using=None):
        if not terms:
            return []
        using = using or router.db_for_read(None)
        walked = found.walks(offset + limit) if found else (False, False)
        backend = backend_for(using)
        headline_params = backend.headline_condition(terms, walked[0])[1]
        anywhere_params = backend.condition(terms, walked[1])[1]
        counted_params = backend.headline_condition(terms)[1]

        def read(tier, values, plan=walked):
            def page(start, stop):
                query = self._query(using, tier, plan)
                rows = query.rows(*values, offset=start, limit=stop - start, using=using)
                return [pk for (pk,) in rows]

            return page

        def headline_count():
            query = self._query(using, "headline", (False, False))
            return len(query.rows(*counted_params, using=using))

        if walked == (False, False):
            # Both ranks from the index's sets: one query sorts the few matches by rank.
            return read("ranked", [*anywhere_params, *headline_params])(offset, offset + limit)
        return ranked_ids(
            headline=read("headline", headline_params),
            headline_count=headline_count,
            rest=read("rest", [*anywhere_params, *headline_params]),
            offset=offset,
            limit=limit,
        )

    def _query(self, using, tier, walked):
        key = (using, tier, walked)
        if key not in self.queries:
            self.queries[key] = CompiledQuery(partial(self._tier, using, tier, walked))
        return self.queries[key]

    def _tier(self, using, tier, walked, *slots):
        backend = backend_for(using)
        headline_sql, headline_params = backend.headline_condition(SAMPLE_TERMS, walked[0])
        anywhere_sql, anywhere_params = backend.condition(SAMPLE_TERMS, walked[1])
        if tier == "headline":
            return self.listed().filter(_raw(headline_sql, slots)).newest_first().values_list("pk")
        anywhere_slots, headline_slots = (
            slots[: len(anywhere_params)],
            slots[len(anywhere_params) :],
        )
        articles = self.listed().filter(_raw(anywhere_sql, anywhere_slots))
        if tier == "rest":
            articles = articles.exclude(_raw(headline_sql, headline_slots)).newest_first()
        else:
            in_headline = RawSQL(headline_sql, list(headline_slots), output_field=BooleanField())
            articles = articles.alias(headline_match=in_headline).order_by(
                "-headline_match", "-published_at", "-id"
            )
        return articles.values_list("pk")


# Terms whose conditions' SQL stands for every query's: the SQL does not change with them.
SAMPLE_TERMS = ["核酸检测"]


def _raw(sql, params):
    return Q(RawSQL(sql, list(params), output_field=BooleanField()))


def conditions(alias, terms, walked=(False, False)):
    """`(in_headline, anywhere)`: conditions on an article for every term in its headline,
    and anywhere, as plain SQL. `walked` says for each whether it is tested on the newest
    articles one by one (`Found.walks()`): on PostgreSQL a string search in the document's
    words, where the index's function cost ~0.5 ms an article; otherwise the index's set."""
    backend = backend_for(alias)
    headline_walked, walked_anywhere = walked
    return tuple(
        Q(RawSQL(sql, params, output_field=BooleanField()))
        for sql, params in (
            backend.headline_condition(terms, headline_walked),
            backend.condition(terms, walked_anywhere),
        )
    )
