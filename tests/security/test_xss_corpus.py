"""No XSS vector planted in any field the importer reads comes out executable anywhere.

The corpus (`vectors.py`) goes in through the importer's front door, `import_file(…,
publish=True)`; every article is then published (some arrive as drafts with warnings) and every
page it reaches is read as a browser or feed reader would (`payloads.py`): the public pages with
their JSON-LD and OpenGraph tags, the feeds, the sitemap, the admin's change forms and lists, and
the admin's import preview of the same files.
"""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.importer.pipeline import import_file
from articles.models import Article, ArticleSearchDocument, Author, ImportedFile, Source

from .payloads import findings_in_feed, findings_in_html
from .vectors import corpus

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:articles_importedfile_import")


@pytest.fixture
def imported():
    reports = [
        import_file(name, data, format=forced, publish=True) for name, data, forced in corpus()
    ]
    Article.objects.exclude(status=Article.Status.PUBLISHED).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    ArticleSearchDocument.objects.refresh(Article.objects.values_list("pk", flat=True))
    return reports


def public_urls():
    urls = ["/", "/archive/", "/search/?q=稿", "/search/?q=XSS", "/feeds/rss/", "/feeds/atom/"]
    urls += ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-pages.xml", "/robots.txt"]
    urls += [article.get_absolute_url() for article in Article.objects.all()]
    for owner in [*Tag.objects.all(), *Source.objects.all()]:
        kind = "tags" if isinstance(owner, Tag) else "sources"
        urls += [
            f"/{kind}/{owner.slug}/",
            f"/{kind}/{owner.slug}/rss/",
            f"/{kind}/{owner.slug}/atom/",
        ]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    years = Article.objects.dated().dates("reported_at", "month")
    urls += [f"/archive/{month:%Y}/" for month in years] + [
        f"/archive/{month:%Y/%m}/" for month in years
    ]
    return urls


def admin_urls():
    urls = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_importedfile_changelist"),
    ]
    urls += [
        reverse("admin:articles_article_change", args=[pk])
        for pk in Article.objects.values_list("pk", flat=True)
    ]
    urls += [
        reverse("admin:articles_importedfile_change", args=[pk])
        for pk in ImportedFile.objects.values_list("pk", flat=True)
    ]
    return urls


def findings_in(response, url):
    content_type = response["Content-Type"]
    body = response.content.decode()
    problems = []
    if (
        settings.SECRET_KEY in body or "'True': True" in body
    ):  # `{{ settings.SECRET_KEY }}`, `{% debug %}`
        problems.append(f"{url}: a template vector was evaluated")
    if "xml" in content_type:
        return problems + findings_in_feed(response.content, url)
    if "html" in content_type:
        return problems + findings_in_html(body, url)
    return problems


def test_the_corpus_reaches_the_site(imported):
    """The vectors are really there: most files import, and their markers are shown as text."""
    assert sum(report.status != "failed" for report in imported) >= len(imported) * 9 // 10
    assert Article.objects.count() >= 90  # a plain page and its forced twin are one story
    shown = " ".join(Article.objects.values_list("title", flat=True))
    assert "{{ 7|add:42 }}" in shown and "{% debug %}" in shown


def test_no_public_page_feed_or_sitemap_carries_an_executable_payload(client, imported):
    problems = []
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        problems += findings_in(response, url)
    assert problems == []


def test_no_admin_form_or_list_carries_an_executable_payload(admin_client, imported):
    problems = []
    for url in admin_urls():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        problems += findings_in(response, url)
    assert problems == []


def test_the_admin_import_preview_carries_no_executable_payload(admin_client, settings, tmp_path):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as packed:
        for name, data, _forced in corpus():
            packed.writestr(name, data)
    preview = admin_client.post(
        IMPORT, {"files": [SimpleUploadedFile("xss.zip", archive.getvalue())]}
    )
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "前言稿1" in body  # the files were read and shown
    assert findings_in(preview, IMPORT) == []
