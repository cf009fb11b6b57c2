"""The sections (栏目) the reader site's navigation offers: counted once, then kept.

Counting the published articles of every section reads the whole table (at 100,000
articles ~40 ms on PostgreSQL), so the answer is kept in Django's cache: a new
section appears in the navigation within `NAVIGATION_SECONDS`; its page and feeds are
there as soon as its first article is published.
"""

from django.core.cache import cache

NAVIGATION_LENGTH = 8
NAVIGATION_SECONDS = 10 * 60
NAVIGATION_KEY = "reader-sections"


def navigation():
    """The names of the `NAVIGATION_LENGTH` sections with the most published articles."""
    return cache.get_or_set(NAVIGATION_KEY, _busiest_sections, NAVIGATION_SECONDS)


def _busiest_sections():
    from articles.models import Article

    counts = Article.objects.published().section_counts()
    return [name for name, _count in counts[:NAVIGATION_LENGTH]]
