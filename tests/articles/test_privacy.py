"""Tag, author and source pages and their feeds are unknown until their first published article.

An embargoed story's tags, reporters and outlet must not be readable from an empty public page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .reader_data import make_article, newspaper

pytestmark = pytest.mark.django_db

PAGES = (
    "/tags/禁发/",
    "/tags/禁发/rss/",
    "/tags/禁发/atom/",
    "/authors/密稿记者/",
    "/sources/未公开晚报/",
    "/sources/未公开晚报/rss/",
    "/sources/未公开晚报/atom/",
)


@pytest.fixture
def embargoed():
    """A draft and a scheduled article, all a tag, an author and a source have."""
    paper = newspaper("未公开晚报")
    unpublished = dict(tags=("禁发",), credits=(("密稿记者", "reporter"),), source=paper)
    make_article("禁发的调查稿", status=Article.Status.DRAFT, **unpublished)
    return make_article(
        "定时的专访稿", published_at=timezone.now() + timedelta(hours=2), **unpublished
    )


@pytest.mark.parametrize("url", PAGES)
def test_pages_and_feeds_of_unpublished_work_are_404(client, embargoed, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "禁发的调查稿" not in response.content.decode()
    assert "定时的专访稿" not in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_the_first_published_article_opens_them(client, embargoed, url):
    embargoed.published_at = timezone.now() - timedelta(minutes=1)
    embargoed.save()
    response = client.get(url)
    assert response.status_code == 200
    assert "定时的专访稿" in response.content.decode()
    assert "禁发的调查稿" not in response.content.decode()


def test_a_relayed_article_opens_the_relaying_source(client):
    relay = newspaper("转载平台")
    make_article("转载的稿件", source=newspaper("原发报纸"), via=relay)
    assert client.get("/sources/转载平台/").status_code == 200
    assert client.get("/sources/转载平台/rss/").status_code == 200
