from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "slug", "updated_at").order_by("-id")

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:article_list", "articles:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap}
