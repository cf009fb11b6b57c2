"""Chinese full-text search over articles, one module per database backend.

Each backend module names the SQL that selects the ids of matching articles
(`MATCHING_IDS`, one parameter) and writes that parameter for a list of terms
(`query(terms, headline=False)`); `matching()` is the same for all of them.
The index itself is built in migration 0003 and kept current by
`ArticleSearchDocument`.
"""

from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

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

    `terms` come from `text.query_terms`; `headline_match` is true when all of them
    are in the title, kicker or subtitle.
    """
    backend = backend_for(queryset.db)
    table = queryset.model._meta.db_table
    return queryset.filter(pk__in=RawSQL(backend.MATCHING_IDS, [backend.query(terms)])).annotate(
        headline_match=RawSQL(
            f'"{table}"."id" IN ({backend.MATCHING_IDS})',
            [backend.query(terms, headline=True)],
            output_field=BooleanField(),
        )
    )
