"""The tag, author and source pages: usage counts, rename, merge and who may merge."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from articles.models import Author, Revision, Source, TagRedirect
from tests.articles.admin_fixtures import make_article, source

pytestmark = pytest.mark.django_db

TAGS = reverse("admin:taggit_tag_changelist")


def merge(client, url, rows, target):
    data = {
        "action": "merge_selected",
        ACTION_CHECKBOX_NAME: [row.pk for row in rows],
        "apply": "1",
        "target": target,
    }
    return client.post(url, data)


class TestTagPage:
    def test_usage_counts_in_fixed_queries(self, editor_client, django_assert_num_queries):
        make_article("甲", tags=["抗疫", "运城"])
        editor_client.get(TAGS)
        with django_assert_num_queries(6):  # one count, of tags alone
            editor_client.get(TAGS)
        for index in range(10):
            make_article(f"稿{index}", tags=["抗疫", f"标签{index}"])
        with django_assert_num_queries(6):
            response = editor_client.get(TAGS)
        counts = {tag.name: tag.usage for tag in response.context["cl"].result_list}
        assert counts["抗疫"] == 11 and counts["运城"] == 1

    def test_rename_keeps_the_old_address(self, editor_client):
        make_article(tags=["防疫"])
        tag = Tag.objects.get(name="防疫")
        old_slug = tag.slug
        url = reverse("admin:taggit_tag_change", args=[tag.pk])
        response = editor_client.post(url, {"name": "疫情防控", "slug": "疫情防控"})
        assert response.status_code == 302
        tag.refresh_from_db()
        assert (tag.name, tag.slug) == ("疫情防控", "疫情防控")
        assert TagRedirect.objects.get(old_slug=old_slug).tag == tag

    def test_rename_to_another_spelling_of_an_existing_tag_points_to_merge(self, editor_client):
        make_article(tags=["CCTV", "央视"])
        tag = Tag.objects.get(name="央视")
        url = reverse("admin:taggit_tag_change", args=[tag.pk])
        response = editor_client.post(url, {"name": " ｃｃｔｖ ", "slug": tag.slug})
        assert "已有标签“CCTV”" in response.content.decode()
        assert Tag.objects.get(pk=tag.pk).name == "央视"

    def test_chief_merges_tags(self, chief_client):
        article = make_article(tags=["防疫", "抗疫"])
        make_article("乙", tags=["防疫"])
        old = Tag.objects.get(name="防疫")
        page = chief_client.post(TAGS, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [old.pk]})
        assert "合并到" in page.content.decode()
        assert merge(chief_client, TAGS, [old], "抗疫").status_code == 302
        assert list(article.tags.names()) == ["抗疫"]
        assert Tag.objects.get(name="抗疫").articles_taggedarticle_items.count() == 2
        assert TagRedirect.objects.filter(old_slug=old.slug, tag__name="抗疫").exists()

    def test_a_merge_keeps_a_revision_of_each_article_it_changed(self, chief_client):
        first = make_article("甲", tags=["防疫"])
        second = make_article("乙", tags=["防疫", "抗疫"])
        untouched = make_article("丙", tags=["民生"])
        merge(chief_client, TAGS, [Tag.objects.get(name="防疫")], "抗疫")
        notes = {
            revision.article_id: (revision.note, revision.data["tags"], revision.user.username)
            for revision in Revision.objects.all()
        }
        assert set(notes) == {first.pk, second.pk}
        assert notes[first.pk][:2] == ("合并", ["抗疫"])
        assert not untouched.revisions.exists()

    def test_merge_into_a_missing_tag_is_refused_with_a_message(self, chief_client):
        make_article(tags=["防疫"])
        page = merge(chief_client, TAGS, [Tag.objects.get(name="防疫")], "不存在")
        assert "没有名为“不存在”的标签" in page.content.decode()
        assert Tag.objects.filter(name="防疫").exists()

    def test_editor_cannot_merge(self, editor_client):
        make_article(tags=["防疫", "抗疫"])
        merge(editor_client, TAGS, [Tag.objects.get(name="防疫")], "抗疫")
        assert Tag.objects.filter(name="防疫").exists()

    def test_plain_staff_cannot_open_the_tag_page(self, client, plain_staff):
        client.force_login(plain_staff)
        assert client.get(TAGS).status_code == 403


class TestAuthorAndSourceMerge:
    def test_chief_merges_authors(self, chief_client):
        article = make_article(credits=[("王耀", "reporter"), ("王耀耀", "reporter")])
        url = reverse("admin:articles_author_changelist")
        assert "王耀耀" in chief_client.get(url).content.decode()
        merge(chief_client, url, [Author.objects.get(name="王耀耀")], "王耀")
        assert list(article.credits.values_list("author__name", flat=True)) == ["王耀"]

    def test_chief_merges_sources(self, chief_client):
        article = make_article(source=source("人民网客户端"), via=source("趣头条"))
        url = reverse("admin:articles_source_changelist")
        merge(chief_client, url, [Source.objects.get(name="人民网客户端")], "人民网")
        assert (
            "没有名为“人民网”的来源"
            in merge(
                chief_client, url, [Source.objects.get(name="人民网客户端")], "人民网"
            ).content.decode()
        )
        source("人民网")
        merge(chief_client, url, [Source.objects.get(name="人民网客户端")], "人民网")
        article.refresh_from_db()
        assert article.source.name == "人民网"

    def test_editor_cannot_merge_people_or_outlets(self, editor_client):
        make_article(credits=[("王耀", "reporter"), ("王耀耀", "reporter")], source=source("甲报"))
        source("乙报")
        merge(
            editor_client,
            reverse("admin:articles_author_changelist"),
            [Author.objects.get(name="王耀耀")],
            "王耀",
        )
        merge(
            editor_client,
            reverse("admin:articles_source_changelist"),
            [Source.objects.get(name="甲报")],
            "乙报",
        )
        assert Author.objects.filter(name="王耀耀").exists()
        assert Source.objects.filter(name="甲报").exists()
