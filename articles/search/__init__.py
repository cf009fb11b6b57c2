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

from importlib import import_module
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import BooleanField, Count, FloatField, Max, Q
from django.db.models.expressions import RawSQL

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
        if not self.documents or self.share is None:
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
