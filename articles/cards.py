"""Article cards rendered once, when an article or what it shows changes, and stored.

A list page of 20 cards spent most of its time in template lookups, translation calls and
model helpers (at 100,000 articles: 68 ms a page, 25 ms of it SQL). A card is now rendered
at commit by the same writes that refresh the search document (`ArticleCard.objects.store`)
and a list page reads the 20 stored cards in one query. A card is used only while the
templates that drew it are unchanged and for the site's own language; otherwise cards are
drawn as before.

A search result highlights the query in its card: the card is stored a second time with marks
where its title, summary and snippet go (`SLOTS`), beside the plain summary and body text they
are drawn from, and a result fills the marks by string work alone (`search_result_html()`):
drawing 20 results through the card's templates was ~80 % of a warm search page's ~5 ms of CPU.
"""

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import router
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .compiled import CompiledQuery
from .search import text as search_text

CARD_TEMPLATE = "includes/article_card.html"
SNIPPET_TEMPLATE = "includes/card_snippet.html"
# Every template the card includes: a change to any of them retires the stored cards.
CARD_TEMPLATES = (
    CARD_TEMPLATE,
    SNIPPET_TEMPLATE,
    "includes/card_image.html",
    "includes/card_meta.html",
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


# Where a stored search result's highlighted title, summary and snippet go: comments, which no
# text in the card can spell (the templates escape every `<` of it).
SLOTS = {name: mark_safe(f"<!--{name}-->") for name in ("title", "summary", "snippet")}
SLOT = re.compile("|".join(re.escape(mark) for mark in SLOTS.values()))
SLOT_NAMES = {mark: name for name, mark in SLOTS.items()}


def render_card(article):
    """What `ArticleCard` stores of `article` (credits, tags and images prefetched), in the
    site's language: the card's HTML, the same as a search result with `SLOTS` (`result_html`),
    and the plain summary and body text a result highlights and quotes."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "html": render_to_string(CARD_TEMPLATE, {"article": article}),
            "result_html": render_to_string(CARD_TEMPLATE, {"article": article, "slots": SLOTS}),
            "summary": article.summary(),
            "text": article.body_text,
        }


def search_result_html(result_html, title, summary, text, terms):
    """A stored search result (`render_card()`'s `result_html`) with `title` and `summary`
    highlighted and a snippet of `text` beyond the summary, if the terms are there."""
    found = search_text.snippet_beyond(summary, text, terms)
    filled = {
        "title": search_text.highlight(title, terms),
        "summary": search_text.highlight(summary, terms),
        "snippet": snippet_frame().replace(SLOTS["snippet"], found) if found else "",
    }
    return SLOT.sub(lambda mark: filled[SLOT_NAMES[mark.group(0)]], result_html)


@cache
def snippet_frame():
    """A search result's snippet paragraph with the snippet's mark, drawn once per process."""
    return render_to_string(SNIPPET_TEMPLATE, {"found": SLOTS["snippet"]}).strip()


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


def is_current(row, stored_html):
    """Whether a row's stored rendering `stored_html` may be shown: there is one, and it names
    the article's source and relay (a bulk update changes them without a signal)."""
    return bool(stored_html) and (row.card_source_id, row.card_via_id) == (
        row.source_id,
        row.via_id,
    )


def completed(rows):
    """`rows` of `with_current_cards()`, in their order, each with a current card.

    Those without one (none yet, older templates, or a source changed by a bulk update)
    are loaded with their relations and their cards drawn and stored for the next reader.
    """
    from articles.models import Article, ArticleCard

    missing = [row.pk for row in rows if not is_current(row, row.card_html)]
    if not missing:
        return rows
    drawn = list(Article.objects.filter(pk__in=missing).for_listing())
    for article, card in zip(drawn, ArticleCard.objects.store(drawn), strict=True):
        article.card_html = card.html
    by_id = {article.pk: article for article in drawn}
    return [by_id.get(row.pk, row) for row in rows]


# What a search result reads (`ResultRow`), from `with_stored_result()`.
RESULT_ROW_FIELDS = (
    *("pk", "title", "source_id", "via_id"),
    *("result_html", "card_summary", "card_text", "card_source_id", "card_via_id"),
)


@dataclass(slots=True)
class ResultRow:
    """A search result: its article's id, title and sources, its current stored card's
    `result_html`, summary and body text (None when it has none) and the source and relay
    that card was drawn with; `card_html` once drawn (`search_results()`)."""

    pk: int
    title: str
    source_id: int | None
    via_id: int | None
    result_html: str | None
    card_summary: str | None
    card_text: str | None
    card_source_id: int | None
    card_via_id: int | None
    card_html: str | None = None


def _result_rows(ids, key):
    from articles.models import Article

    return (
        Article.objects.filter(pk__any_of=ids)
        .with_stored_result(key)
        .order_by()
        .values_list(*RESULT_ROW_FIELDS)
    )


_result_rows_query = CompiledQuery(_result_rows)


def search_results(ids, terms, using=None):
    """The articles `ids` as search results for `terms`, in any order, each with `card_html`
    (`search_result_html()`) from its current stored card, or drawn and stored now. One query,
    compiled once per process: building and compiling it took ~2 ms of a warm search page's
    ~10 ms of CPU."""
    from articles.models import Article, ArticleCard

    using = using or router.db_for_read(Article)
    rows = [ResultRow(*row) for row in _result_rows_query.rows(ids, card_key(), using=using)]
    missing = {row.pk: row for row in rows if not is_current(row, row.result_html)}
    if missing:
        drawn = list(Article.objects.filter(pk__in=missing).for_listing())
        for card in ArticleCard.objects.store(drawn):
            row = missing[card.article_id]
            row.result_html, row.card_summary, row.card_text = (
                card.result_html,
                card.summary,
                card.text,
            )
    for row in rows:
        row.card_html = search_result_html(
            row.result_html, row.title, row.card_summary, row.card_text, terms
        )
    return rows


def in_site_language():
    """Whether stored cards may be shown: they are drawn in the site's own language."""
    return translation.get_language() == settings.LANGUAGE_CODE
