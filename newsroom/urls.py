from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import sitemaps
from articles.views import RobotsView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemaps.section,
        {"sitemaps": sitemaps.SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
