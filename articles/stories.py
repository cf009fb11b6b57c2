"""The article page's story, rendered once, when the article or what it shows changes, and stored.

An article page drew its header (credits, date, source), its body with the pictures placed
by lxml, its footer (desk credits, tags) and its linked data from the article and three
prefetched relations on every request: 6 queries warm. The story is now rendered at commit by
the writes that refresh the search document and the card (`ArticleStory.objects.store`), and
the page reads it with the article in one query. As with cards, a stored story is shown only
while its templates are unchanged, for the site's own language, and while the article's
source and relay are the ones it names; otherwise it is drawn again (and stored, in the
site's language). Its line among another article's related articles is stored with it too
(`line_html`, see `articles.related`). What stays per request: the republications (同题报道,
the near-duplicate clusters change without the article), which of the related articles are
still published, and the absolute addresses of the page's linked data.
Feeds read a story's summary, credits, tags and lead picture too (`feed_entries()`), and its
entries in the feeds are drawn and stored with it (`articles.feeds`).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles import cards

HEADER_TEMPLATE = "includes/story_header.html"
BODY_TEMPLATE = "includes/story_body.html"
FOOTER_TEMPLATE = "includes/story_footer.html"
# Its line on the pages of the articles it is related to (`articles.related`).
LINE_TEMPLATE = "includes/related_line.html"
# Every template a story includes: a change to any of them retires the stored stories.
STORY_TEMPLATES = (
    HEADER_TEMPLATE,
    BODY_TEMPLATE,
    FOOTER_TEMPLATE,
    LINE_TEMPLATE,
    "includes/figure.html",
    "includes/picture.html",
    "includes/article_date.html",
    "includes/source_line.html",
    "includes/credits.html",
    "includes/tags.html",
)


def story_key():
    """Which stored stories are current: the language and the story templates' sources."""
    return cards.rendering_key(STORY_TEMPLATES)


def draw(article):
    """The unsaved `ArticleStory` of `article` (credits, tags and images prefetched), in the
    current language. Its HTML comes from fields sanitised when they were saved."""
    from articles import feeds
    from articles.models import FEED_FIELDS, ArticleStory, feed_entry

    context = {"article": article}
    header, body, footer, line = (
        render_to_string(name, context)
        for name in (HEADER_TEMPLATE, BODY_TEMPLATE, FOOTER_TEMPLATE, LINE_TEMPLATE)
    )
    image = article.lead_image
    shared = image.shared if image else None  # a 1,200-pixel rendition, not the original
    summary = article.summary()
    head = {
        "lead_image": [shared.url, shared.width, shared.height] if shared else None,
        "lead_file": image.file.name if image and image.file else "",
        "linked_data": linked_data(article),
    }
    entry = feed_entry({name: getattr(article, name) for name in FEED_FIELDS}, summary, head)
    return ArticleStory(
        article=article,
        key=story_key(),
        drawn_source_id=article.source_id,
        drawn_via_id=article.via_id,
        summary=summary,
        header_html=header.strip(),
        body_html=body.strip(),
        footer_html=footer.strip(),
        line_html=line.strip(),
        head=head,
        **feeds.stored_entry(entry),
    )


def linked_data(article):
    """schema.org `NewsArticle` of `article`, its addresses site-relative (made absolute per
    request by `{% news_article_json_ld %}`); empty values left out."""
    publisher = article.source.name if article.source else settings.NEWSROOM_SITE_NAME
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "alternativeHeadline": article.subtitle or None,
        "description": article.summary(),
        "inLanguage": "zh-Hans",
        "datePublished": (
            article.reported_at or article.published_at or article.created_at
        ).isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": [
            {"@type": "Person", "name": person.name, "jobTitle": str(role)}
            for role, people in article.byline()
            for person in people
        ],
        "publisher": {"@type": "Organization", "name": publisher},
        "image": [image.shared.url for image in article.images.all() if image.shared.url],
        "keywords": [tag.name for tag in article.tags.all()],
        "articleSection": article.section or None,
        "isBasedOn": article.original_url or None,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def is_current(story, article):
    return (
        story is not None
        and story.key == story_key()
        and (story.drawn_source_id, story.drawn_via_id) == (article.source_id, article.via_id)
    )


def related_lines(rows):
    """The lines of related articles on another article's page, from rows `(pk, line_html,
    line_source_id, source_id)` of `for_related_line()`: as stored with their stories when
    current, the others drawn from their articles (one query)."""
    from articles.models import Article

    stored_current = cards.in_site_language()
    stale = [
        pk
        for pk, line, line_source_id, source_id in rows
        if not (stored_current and line and line_source_id == source_id)
    ]
    drawn = {
        article.pk: render_to_string(LINE_TEMPLATE, {"article": article}).strip()
        for article in (Article.objects.filter(pk__in=stale).for_related_line() if stale else ())
    }
    return [mark_safe(drawn.get(pk, line)) for pk, line, *_ in rows if pk in drawn or line]


def shown(article):
    """The story to show for `article`: the one `attach()` found, else drawn now (an admin's
    preview, say, whose article was loaded without it). Drawn once per article object."""
    if getattr(article, "shown_story", None) is None:
        article.shown_story = draw(article)
    return article.shown_story


def attach(article):
    """Give `article` (loaded `with_story()`) the story its page shows, as `shown_story`.

    A stored, current story is used as it is; otherwise the article's relations are loaded
    and its story drawn, and stored for the next reader when drawn in the site's language.
    """
    from articles.models import Article, ArticleStory

    stored = getattr(article, "story", None)
    if cards.in_site_language() and is_current(stored, article):
        article.shown_story = stored
        return article
    full = Article.objects.for_indexing().get(pk=article.pk)
    if cards.in_site_language():
        [story] = ArticleStory.objects.store([full])
    else:
        story = draw(full)
    article.shown_story = story
    return article
