"""Article cards rendered once, when an article or what it shows changes, and stored.

A list page of 20 cards spent most of its time in template lookups, translation calls and
model helpers (at 100,000 articles: 68 ms a page, 25 ms of it SQL). A card is now rendered
at commit by the same writes that refresh the search document (`ArticleCard.objects.store`)
and a list page reads the 20 stored cards in one query. A card is used only while the
templates that drew it are unchanged and for the site's own language; otherwise, and for
search results (which highlight the query), cards are drawn as before.
"""

import hashlib
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import router
from django.template.loader import get_template, render_to_string
from django.utils import translation

from .compiled import CompiledQuery, columns_of

CARD_TEMPLATE = "includes/article_card.html"
IMAGE_TEMPLATE = "includes/card_image.html"
META_TEMPLATE = "includes/card_meta.html"
# Every template the card includes: a change to any of them retires the stored cards.
CARD_TEMPLATES = (
    CARD_TEMPLATE,
    IMAGE_TEMPLATE,
    META_TEMPLATE,
    "includes/article_date.html",
    "includes/source_line.html",
    "includes/credits.html",
    "includes/tags.html",
)


@cache
def rendering_key(template_names):
    """The language and these templates' sources, hashed: which stored renderings are current."""
    sources = [get_template(name).template.source for name in template_names]
    digest = hashlib.sha256("\0".join([settings.LANGUAGE_CODE, *sources]).encode()).hexdigest()
    return digest[:32]


def card_key():
    """Which stored cards are current (`rendering_key()` of the card templates)."""
    return rendering_key(CARD_TEMPLATES)


def render_card(article):
    """`(card, parts)` of `article` (credits, tags and images prefetched), in the site's
    language: the card's HTML, and its picture and meta lines (`{"image_html", "meta_html"}`)
    apart, which a search result shows around its highlighted title and summary."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"article": article}
        parts = {
            "image_html": render_to_string(IMAGE_TEMPLATE, context).strip(),
            "meta_html": render_to_string(META_TEMPLATE, context).strip(),
        }
        return render_to_string(CARD_TEMPLATE, {**context, "parts": parts}), parts


def with_current_cards(articles):
    """`articles` (a queryset) with `card_html`: each one's current stored card, or None."""
    return articles.with_stored_card(card_key())


# What a list reads of each article (`CardRow`), from `with_current_cards()`.
CARD_ROW_FIELDS = ("pk", "source_id", "via_id", "card_html", "card_source_id", "card_via_id")


@dataclass(slots=True)
class CardRow:
    """An article on a list: its id and sources, its current stored card (`card_html`, None
    when it has none) and the source and relay that card was drawn with."""

    pk: int
    source_id: int | None
    via_id: int | None
    card_html: str | None
    card_source_id: int | None
    card_via_id: int | None


class QuerysetCards:
    """What `StoredCardPaginator` reads of a list, `articles` (a queryset in the list's order):
    `rows(offset, limit, reverse)` the articles in that slice with their current cards,
    `ids(offset, limit, reverse)` the ids alone, `rows_of(ids)` those ids' articles still
    listed, in any order. `reverse` reads the list from its other end."""

    def __init__(self, articles):
        self.articles = articles

    def rows(self, offset, limit, reverse=False):
        return list(with_current_cards(_read(self.articles, reverse))[offset : offset + limit])

    def ids(self, offset, limit, reverse=False):
        ids = _read(self.articles, reverse).values_list("pk", flat=True)
        return list(ids[offset : offset + limit])

    def rows_of(self, ids):
        return list(with_current_cards(self.articles.filter(pk__in=ids)))


class CompiledCards:
    """`QuerysetCards` of `listed(owner)` (the list's queryset for an owner: a tag's id, a
    section's name, None for the home page) read by queries compiled once per process
    (`articles.compiled`), the owner, the time and the card key bound at each run;
    `of(owner)` reads one owner's list. Building and compiling the home page's query took
    more than half of its ~8 ms warm (bench/README.md).

    `generic_plan` (see `CompiledQuery`) is for the pages read in one query, near either end:
    the deep pages' queries PostgreSQL already plans generically by itself (prepared, 40 of
    45 runs), and setting it for them cost each 0.13 ms more."""

    def __init__(self, listed, *, generic_plan=False):
        def card_rows(articles, key):
            return articles.with_stored_card(key).values_list(*CARD_ROW_FIELDS)

        self.pages = {
            reverse: CompiledQuery(
                lambda owner, key, reverse=reverse: card_rows(_read(listed(owner), reverse), key),
                generic_plan=generic_plan,
            )
            for reverse in (False, True)
        }
        self.page_ids = {
            reverse: CompiledQuery(
                lambda owner, reverse=reverse: _read(listed(owner), reverse).values_list("pk")
            )
            for reverse in (False, True)
        }
        self.rows_of_ids = CompiledQuery(
            lambda owner, key, ids: card_rows(listed(owner).filter(pk__any_of=ids), key)
        )

    def of(self, owner):
        return CompiledCardsOf(self, owner)


class CompiledCardsOf:
    """`CompiledCards` of one owner's list: the reads `StoredCardPaginator` makes."""

    def __init__(self, queries, owner):
        self.queries = queries
        self.owner = owner

    def rows(self, offset, limit, reverse=False):
        found = self.queries.pages[reverse].rows(self.owner, card_key(), offset=offset, limit=limit)
        return [CardRow(*row) for row in found]

    def ids(self, offset, limit, reverse=False):
        found = self.queries.page_ids[reverse].rows(self.owner, offset=offset, limit=limit)
        return [pk for (pk,) in found]

    def rows_of(self, ids):
        return [CardRow(*row) for row in self.queries.rows_of_ids.rows(self.owner, card_key(), ids)]


def _read(articles, reverse):
    """`articles` in their order, or from the other end."""
    return articles.reverse() if reverse else articles


def completed(rows):
    """`rows` of `with_current_cards()`, in their order, each with a current card.

    Those without one (none yet, older templates, or a source changed by a bulk update)
    are loaded with their relations and their cards drawn and stored for the next reader.
    """
    from articles.models import Article, ArticleCard

    missing = [
        row.pk
        for row in rows
        if not row.card_html or (row.card_source_id, row.card_via_id) != (row.source_id, row.via_id)
    ]
    if not missing:
        return rows
    drawn = list(Article.objects.filter(pk__in=missing).for_listing())
    for article, card in zip(drawn, ArticleCard.objects.store(drawn), strict=True):
        article.card_html = card.html
    by_id = {article.pk: article for article in drawn}
    return [by_id.get(row.pk, row) for row in rows]


# What `with_stored_card_parts()` adds to a search result's article.
CARD_PART_FIELDS = ("card_image_html", "card_meta_html", "card_source_id", "card_via_id")


def _search_result_columns():
    """The columns of `SEARCH_RESULT_FIELDS`, in the model's order (`Model.from_db()`'s)."""
    from articles.models import SEARCH_RESULT_FIELDS, Article

    meta = Article._meta
    wanted = {
        (meta.pk if name == "pk" else meta.get_field(name)).attname for name in SEARCH_RESULT_FIELDS
    }
    return [column for column in columns_of(Article) if column in wanted]


def _search_result_rows(ids, key):
    from articles.models import Article

    return (
        Article.objects.filter(pk__any_of=ids)
        .with_stored_card_parts(key)
        .values_list(*_search_result_columns(), *CARD_PART_FIELDS)
    )


_search_results = CompiledQuery(_search_result_rows)


def search_results(ids, using=None):
    """The articles `ids` as `with_stored_card_parts(card_key())` reads them, in any order,
    by a query compiled once per process: building and compiling it took ~2 ms of a warm
    search page's ~10 ms of CPU."""
    from articles.models import Article

    using = using or router.db_for_read(Article)
    columns = _search_result_columns()
    articles = []
    for row in _search_results.rows(ids, card_key(), using=using):
        article = Article.from_db(using, columns, row[: len(columns)])
        for name, value in zip(CARD_PART_FIELDS, row[len(columns) :], strict=True):
            setattr(article, name, value)
        articles.append(article)
    return articles


def with_parts(rows):
    """`rows` (of `articles.with_stored_card_parts(card_key())`), in their order, each with
    `card_parts` (see `render_card()`) from a current stored card, or drawn and stored now."""
    from articles.models import Article, ArticleCard

    missing = [
        row.pk
        for row in rows
        if not row.card_meta_html
        or (row.card_source_id, row.card_via_id) != (row.source_id, row.via_id)
    ]
    for row in rows:
        if row.pk not in missing:
            row.card_parts = {"image_html": row.card_image_html, "meta_html": row.card_meta_html}
    if not missing:
        return rows
    drawn = list(Article.objects.filter(pk__in=missing).for_listing())
    for article, card in zip(drawn, ArticleCard.objects.store(drawn), strict=True):
        article.card_parts = {"image_html": card.image_html, "meta_html": card.meta_html}
    by_id = {article.pk: article for article in drawn}
    return [by_id.get(row.pk, row) for row in rows]


def in_site_language():
    """Whether stored cards may be shown: they are drawn in the site's own language."""
    return translation.get_language() == settings.LANGUAGE_CODE
