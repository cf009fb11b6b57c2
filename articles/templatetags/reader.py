"""Template helpers for the reader site: canonical URLs, search highlights, JSON-LD."""

import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import cards, sections, stories
from articles.search import text as search_text

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def site_name():
    return settings.NEWSROOM_SITE_NAME


# How many renderings of the page chrome each process keeps: one per language and search
# query (the header's search box shows it) and section (the navigation marks it), and a list
# owner's header and feed links per owner and count.
KEPT_RENDERINGS = 512


@lru_cache(maxsize=KEPT_RENDERINGS)
def _kept(template_name, language, script_prefix, values):
    return mark_safe(render_to_string(template_name, dict(values)))


@receiver(setting_changed, dispatch_uid="reader_kept_chrome")
def _forget_kept(**kwargs):
    """A test that changes a setting (the site's name, static files) sees it in the chrome."""
    _kept.cache_clear()


def kept(template_name, **values):
    """`template_name` rendered with `values` once per language, then reused.

    For the page chrome (header, navigation, footer): at 10,000 articles the base template
    took 2.3 ms of the home page's ~5 ms, half of it reversing URLs, on every request.
    Only what is passed in `values` (hashable) may vary what the template shows; under
    `DEBUG` it is drawn anew each time, so edited templates show at once.
    """
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name, values))
    key = tuple(sorted(values.items()))
    return _kept(template_name, translation.get_language(), get_script_prefix(), key)


@register.simple_tag(name="kept")
def kept_tag(template_name, **values):
    """`{% kept "includes/site_footer.html" %}`: a part that depends on the language alone, or
    on the (hashable) values given too: `{% kept "includes/tag_header.html" name=tag.name … %}`.
    A tag page's header and feed links took ~0.2 ms of its ~0.6 ms of template."""
    return kept(template_name, **values)


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header: site name, main navigation, search box (with the query searched for) and
    the busiest sections (栏目), kept in Django's cache (see `articles.sections`)."""
    return kept(
        "includes/site_header.html",
        query=context.get("query") or "",
        sections=tuple(sections.navigation()),
        current_section=context.get("section") or "",
    )


@register.simple_tag(takes_context=True)
def article_cards(context, articles):
    """Each article's card: its stored one (`card_html`, see `articles.cards`) as it is, else
    drawn here (another language). As a template loop the 20 stored cards of a list page took
    ~0.16 ms, as much as its header."""
    template = context.template.engine.get_template(cards.CARD_TEMPLATE)
    shown = []
    for article in articles:
        stored = getattr(article, "card_html", None)
        if stored:
            shown.append(stored)
            continue
        with context.push(article=article):
            shown.append(template.render(context))
    return mark_safe("".join(shown))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute address without tracking parameters; a page number is kept."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url) if url else ""


@register.simple_tag
def highlight(text, terms):
    return search_text.highlight(text, terms)


@register.simple_tag
def search_snippet(article, terms):
    """Where the query was found in the body beyond the card's summary, highlighted, or `""`."""
    return search_text.snippet_beyond(article.summary(), article.body_text, terms)


@register.simple_tag
def story_of(article):
    """The article page's story (`articles.stories.shown()`): stored, or drawn now."""
    return stories.shown(article)


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, story):
    """schema.org `NewsArticle` for `article` from its `story`, as a safe `<script>` element,
    its addresses made absolute for this request's host."""
    absolute = context["request"].build_absolute_uri
    data = dict(story.head.get("linked_data", {}))
    url = absolute(article.get_absolute_url())
    data["url"] = data["mainEntityOfPage"] = url
    if "image" in data:
        data["image"] = [absolute(address) for address in data["image"]]
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
