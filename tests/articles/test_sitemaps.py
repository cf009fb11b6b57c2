from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from articles.models import Article

from .reader_data import make_article

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return etree.fromstring(response.content)


def test_sitemap_index_points_at_its_sections(client):
    make_article()
    index = xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")] == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-articles.xml",
    ]


def test_article_sitemap_lists_published_articles_only(client):
    shown = make_article("临时党支部 战“疫”当先锋")
    make_article("草稿", status=Article.Status.DRAFT)
    make_article("定时", published_at=timezone.now() + timedelta(days=1))
    urlset = xml(client, "/sitemap-articles.xml")
    urls = urlset.findall(f"{SITEMAP}url")
    assert [url.findtext(f"{SITEMAP}loc") for url in urls] == [
        "http://testserver" + shown.get_absolute_url()
    ]
    assert urls[0].findtext(f"{SITEMAP}lastmod").startswith(str(timezone.now().year))


def test_page_sitemap(client):
    urlset = xml(client, "/sitemap-pages.xml")
    assert [loc.text for loc in urlset.iter(f"{SITEMAP}loc")] == [
        "http://testserver/",
        "http://testserver/archive/",
        "http://testserver/subscribe/",
    ]


def test_section_sitemap_lists_sections_with_published_articles(client):
    make_article("要闻一", section="要闻")
    make_article("要闻二", section="要闻")
    make_article("民生一", section="民生")
    make_article("草稿栏目", section="未发布栏目", status=Article.Status.DRAFT)
    make_article("无栏目")
    urlset = xml(client, "/sitemap-sections.xml")
    assert [loc.text for loc in urlset.iter(f"{SITEMAP}loc")] == [
        "http://testserver/section/%E8%A6%81%E9%97%BB/",
        "http://testserver/section/%E6%B0%91%E7%94%9F/",
    ]


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
