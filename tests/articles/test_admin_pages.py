"""Every admin page an editor uses opens for editors and chief editors, and for nobody else."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Author, ImportedFile, Revision, Source, TagRedirect
from tests.articles.admin_fixtures import make_article, source

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    article = make_article(
        "样稿", source=source("人民网"), credits=[("王耀", "reporter")], tags=["抗疫"], images=1
    )
    tag = Tag.objects.get(name="抗疫")
    return {
        "article": article,
        "author": Author.objects.get(name="王耀"),
        "source": Source.objects.get(name="人民网"),
        "tag": tag,
        "redirect": TagRedirect.objects.create(old_slug="防疫", tag=tag),
        "importedfile": ImportedFile.objects.create(
            name="a.txt", sha256="0" * 64, outcome="imported", original_text="原文"
        ),
        "revision": Revision.objects.create(
            article=article, data={"title": "样稿", "credits": [], "tags": []}
        ),
    }


def pages(rows):
    article = rows["article"]
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_revisions", args=[article.pk]),
        reverse("admin:articles_article_revisions", args=[article.pk])
        + f"?from={rows['revision'].pk}&to={rows['revision'].pk}",
        reverse("admin:articles_article_restore", args=[article.pk, rows["revision"].pk]),
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:articles_image_changelist"),
        reverse("admin:articles_image_change", args=[article.images.get().pk]),
        reverse("admin:articles_author_changelist"),
        reverse("admin:articles_author_change", args=[rows["author"].pk]),
        reverse("admin:articles_source_changelist"),
        reverse("admin:articles_source_change", args=[rows["source"].pk]),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:taggit_tag_change", args=[rows["tag"].pk]),
        reverse("admin:articles_tagredirect_changelist"),
        reverse("admin:articles_importedfile_changelist"),
        reverse("admin:articles_importedfile_change", args=[rows["importedfile"].pk]),
        reverse("admin:articles_importedfile_import"),
        reverse("admin:autocomplete")
        + "?app_label=articles&model_name=articleauthor&field_name=author&term=王",
    ]


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_editors_and_chiefs_open_every_page(client, request, rows, who):
    client.force_login(request.getfixturevalue(who))
    for url in pages(rows):
        assert client.get(url).status_code == 200, url


def test_plain_staff_opens_none_but_the_index(client, plain_staff, rows):
    client.force_login(plain_staff)
    index, *others = pages(rows)
    assert client.get(index).status_code == 200
    for url in others:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_the_login_page(client, rows):
    for url in pages(rows):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_tags_are_found_under_articles_not_in_a_section_of_their_own(client, editor):
    client.force_login(editor)
    index = client.get(reverse("admin:index"))
    sections = {app["app_label"]: app for app in index.context["app_list"]}
    assert "taggit" not in sections
    assert "标签" in [model["name"] for model in sections["articles"]["models"]]
    page = index.content.decode()
    assert "标签项" not in page and "Model name" not in page
    folded = client.get(reverse("admin:app_list", args=["taggit"]))
    assert folded.status_code == 302
    assert folded["Location"] == reverse("admin:app_list", args=["articles"])
    tags_page = client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert "标签项" not in tags_page
