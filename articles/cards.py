"""Article cards rendered once, when an article or what it shows changes, and stored.

A list page of 20 cards spent most of its time in template lookups, translation calls and
model helpers (at 100,000 articles: 68 ms a page, 25 ms of it SQL). A card is now rendered
at commit by the same writes that refresh the search document (`ArticleCard.objects.store`)
and a list page reads the 20 stored cards in one query. A card is used only while the
templates that drew it are unchanged and for the site's own language; otherwise, and for
search results (which highlight the query), cards are drawn as before.
"""

import hashlib
from functools import cache

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import translation

CARD_TEMPLATE = "includes/article_card.html"
# Every template the card includes: a change to any of them retires the stored cards.
CARD_TEMPLATES = (
    CARD_TEMPLATE,
    "includes/article_date.html",
    "includes/source_line.html",
    "includes/credits.html",
    "includes/tags.html",
)


@cache
def card_key():
    """The language and the card templates' sources, hashed: which stored cards are current."""
    sources = [get_template(name).template.source for name in CARD_TEMPLATES]
    digest = hashlib.sha256("\0".join([settings.LANGUAGE_CODE, *sources]).encode()).hexdigest()
    return digest[:32]


def render_card(article):
    """The card of `article` (credits, tags and images prefetched), in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(CARD_TEMPLATE, {"article": article})


def page_articles(ids):
    """The articles of one list page: stored `card_html` where current, else full rows.

    One query when every card is current. Articles without a current card (none yet,
    older templates, or a source changed by a bulk update) are loaded with their relations
    and their cards drawn and stored for the next reader.
    """
    from articles.models import Article, ArticleCard

    articles = Article.objects.filter(pk__in=ids)
    if translation.get_language() != settings.LANGUAGE_CODE:
        return articles.for_listing()
    stored = [
        article
        for article in articles.with_stored_card(card_key())
        if article.card_html
        and (article.card_source_id, article.card_via_id) == (article.source_id, article.via_id)
    ]
    missing = set(ids) - {article.pk for article in stored}
    if missing:
        drawn = list(articles.filter(pk__in=missing).for_listing())
        for article, card in zip(drawn, ArticleCard.objects.store(drawn), strict=True):
            article.card_html = card.html
        stored.extend(drawn)
    return stored
