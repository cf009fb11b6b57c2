"""Where else an article's report ran, and the original its page points search engines to."""

from django import template

from articles.services.duplicates import story_republications

from .reader import canonical_url

register = template.Library()


def _republications(article):
    """`story_republications(article)`, looked up once per page (the head and the body ask)."""
    if not hasattr(article, "_story_republications"):
        article._story_republications = story_republications(article)
    return article._story_republications


@register.simple_tag
def republications_of(article):
    return _republications(article).republications


@register.simple_tag(takes_context=True)
def story_canonical_url(context, article):
    """The original's absolute address on a republication's page, else this page's."""
    original = _republications(article).original
    if original is None:
        return canonical_url(context)
    return context["request"].build_absolute_uri(original.get_absolute_url())
