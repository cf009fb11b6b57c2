"""Chinese full-text search over articles, one module per database backend.

Each backend module offers `document_fields(headline, body)`, what a search document stores
for an article's headline and body texts; `matching_ids(terms)` and `headline_ids(terms)`: SQL and
parameters selecting the ids of the articles whose search document holds every term
(a run of letters and digits from `text.query_terms`), anywhere or in the headline
(title, kicker, subtitle); `some_ids(terms, limit)`, at most `limit` of them for counts
that stop (`matching_count()`); and `condition(terms)` and `headline_condition(terms)`,
the same as conditions on one article, for pages of results (`conditions()`).
`matching()` is the same for all of them. The indexes are built in migrations 0003 (SQLite)
and 0012 (PostgreSQL) and kept current by `ArticleSearchDocument`.
"""

from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import BooleanField, Count, Q
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


def matching_count(queryset, terms, cap):
    """`(count, more)`: how many of `queryset` hold every term, counting to `cap` at most.

    One query over at most `cap + 1` matching documents: `more` is true when there are
    more than `cap` of them (the count is then `cap`, whatever `queryset` keeps).
    """
    backend = backend_for(queryset.db)
    some = queryset.model._default_manager.filter(pk__in=RawSQL(*backend.some_ids(terms, cap + 1)))
    counts = some.aggregate(
        found=Count("pk"),
        kept=Count("pk", filter=Q(pk__in=queryset.values("pk"))),
    )
    if counts["found"] > cap:
        return cap, True
    return counts["kept"], False


def conditions(alias, terms):
    """`(in_headline, anywhere)`: conditions on an article for every term in its headline,
    and anywhere, as plain SQL (no function) so that the planner sees the whole query."""
    backend = backend_for(alias)
    return tuple(
        Q(RawSQL(sql, params, output_field=BooleanField()))
        for sql, params in (backend.headline_condition(terms), backend.condition(terms))
    )
