"""Bulk actions on the article list and who may run them."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Revision
from tests.articles.admin_fixtures import make_article, source

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def run(client, action, articles, **fields):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **fields}
    return client.post(CHANGELIST, data)


def statuses(*articles):
    return [Article.objects.get(pk=a.pk).status for a in articles]


class TestTagActions:
    def test_add_tags_asks_then_applies_with_chinese_separators(self, editor_client):
        first, second = make_article("甲", tags=["抗疫"]), make_article("乙")
        page = run(editor_client, "add_tags", [first, second])
        assert page.status_code == 200
        assert "添加标签" in page.content.decode() and "甲" in page.content.decode()

        done = run(editor_client, "add_tags", [first, second], apply="1", tags="永州，民生、抗疫")
        assert done.status_code == 302
        assert sorted(first.tags.names()) == ["抗疫", "民生", "永州"]
        assert sorted(second.tags.names()) == ["抗疫", "民生", "永州"]
        assert Revision.objects.filter(article__in=[first, second]).count() == 2

    def test_adding_tags_an_article_already_has_keeps_no_empty_revision(self, editor_client):
        article = make_article("甲")
        run(editor_client, "add_tags", [article], apply="1", tags="永州")
        run(editor_client, "add_tags", [article], apply="1", tags="永州")
        assert Revision.objects.filter(article=article).count() == 1

    def test_add_tags_with_nothing_typed_shows_an_error(self, editor_client):
        article = make_article()
        page = run(editor_client, "add_tags", [article], apply="1", tags=" ，、 ")
        assert "请至少填写一个标签" in page.content.decode()

    def test_remove_tags_is_case_insensitive(self, editor_client):
        article = make_article(tags=["CCTV", "抗疫"])
        run(editor_client, "remove_tags", [article], apply="1", tags="cctv")
        assert list(article.tags.names()) == ["抗疫"]


class TestSetSource:
    def test_set_source_through_an_intermediate_page(self, editor_client):
        people = source("人民网")
        first, second = make_article("甲"), make_article("乙", via=people)
        assert "设置来源" in run(editor_client, "set_source", [first]).content.decode()
        run(editor_client, "set_source", [first, second], apply="1", source=people.pk)
        assert Article.objects.get(pk=first.pk).source == people
        assert Article.objects.get(pk=second.pk).source is None  # its relay is that outlet


class TestWorkflow:
    def test_editor_sends_drafts_to_review_but_cannot_publish(self, editor_client):
        draft, published = make_article("草稿"), make_article("已发", status="published")
        run(editor_client, "send_to_review", [draft, published])
        assert statuses(draft, published) == ["review", "published"]

        run(editor_client, "publish", [draft])
        run(editor_client, "unpublish", [published])
        assert statuses(draft, published) == ["review", "published"]
        actions = editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices
        assert "publish" not in dict(actions)

    def test_chief_publishes_now_or_on_schedule_and_unpublishes(self, chief_client):
        now_article = make_article("即时")
        later = timezone.now() + timedelta(hours=2)
        scheduled = make_article("定时", status="review", published_at=later)
        response = run(chief_client, "publish", [now_article, scheduled])
        assert response.status_code == 302
        shown = [str(m) for m in chief_client.get(CHANGELIST).context["messages"]]
        assert "已发布 2 篇文章。" in shown
        assert "其中 1 篇将在设定的发布时间出现。" in shown
        assert statuses(now_article, scheduled) == ["published", "published"]
        assert list(Article.objects.published()) == [Article.objects.get(pk=now_article.pk)]
        assert Article.objects.get(pk=scheduled.pk).published_at == later

        run(chief_client, "unpublish", [now_article])
        article = Article.objects.get(pk=now_article.pk)
        assert (article.status, article.published_at) == ("draft", None)
        assert not Article.objects.published().exists()


class TestDelete:
    def test_only_chiefs_delete_articles(self, client, editor, chief):
        article = make_article()
        url = reverse("admin:articles_article_delete", args=[article.pk])
        client.force_login(editor)
        assert client.get(url).status_code == 403
        assert "delete_selected" not in dict(
            client.get(CHANGELIST).context["action_form"].fields["action"].choices
        )
        client.force_login(chief)
        assert client.post(url, {"post": "yes"}).status_code == 302
        assert not Article.objects.exists()


class TestPublishingUncheckedWarnings:
    def test_bulk_publish_holds_back_articles_with_unchecked_warnings_and_names_them(
        self, chief_client
    ):
        clean = make_article("无提示稿")
        unchecked = make_article("日期存疑稿", warnings=["日期只写了月日"])
        checked = make_article("已核对稿", warnings=["未找到署名"], warnings_checked=True)
        response = run(chief_client, "publish", [clean, unchecked, checked])
        assert statuses(clean, unchecked, checked) == ["published", "draft", "published"]
        shown = [str(m) for m in chief_client.get(response["Location"]).context["messages"]]
        assert "已发布 2 篇文章。" in shown
        (held,) = [m for m in shown if "尚未核对" in m]
        assert "《日期存疑稿》" in held and "无提示稿" not in held
        assert reverse("admin:articles_article_change", args=[unchecked.pk]) in held
        assert "核对并发布" in held

    def test_check_and_publish_shows_the_warnings_then_asks_for_the_check(self, chief_client):
        article = make_article("日期存疑稿", warnings=["日期只写了月日", "未找到署名"])
        page = run(chief_client, "check_and_publish", [article]).content.decode()
        assert "日期只写了月日" in page and "未找到署名" in page
        assert "我已对照原稿核对以上导入提示" in page

        refused = run(chief_client, "check_and_publish", [article], apply="1")
        assert "请先核对导入提示并勾选此项" in refused.content.decode()
        assert statuses(article) == ["draft"]

        done = run(chief_client, "check_and_publish", [article], apply="1", checked="on")
        assert done.status_code == 302
        article.refresh_from_db()
        assert (article.status, article.warnings_checked) == ("published", True)
        assert article.revisions.get().note == "发布"

    def test_editors_are_not_offered_check_and_publish(self, editor_client):
        article = make_article(warnings=["日期只写了月日"])
        actions = editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices
        assert "check_and_publish" not in dict(actions)
        run(editor_client, "check_and_publish", [article], apply="1", checked="on")
        assert statuses(article) == ["draft"]

    def test_the_form_refuses_to_publish_unchecked_warnings_unless_ticked(self, chief_client):
        from tests.articles.test_admin_articles import change_url, form_data

        article = make_article(warnings=["日期只写了月日"])
        refused = chief_client.post(change_url(article), form_data(article, status="published"))
        assert "本稿有 1 条导入提示尚未核对" in refused.content.decode()
        assert statuses(article) == ["draft"]
        ticked = form_data(article, status="published", warnings_checked="on")
        assert chief_client.post(change_url(article), ticked).status_code == 302
        assert statuses(article) == ["published"]


EDITOR_ACTIONS = {"add_tags", "remove_tags", "set_source", "send_to_review"}
CHIEF_ACTIONS = EDITOR_ACTIONS | {
    "publish",
    "check_and_publish",
    "return_to_author",
    "unpublish",
    "delete_selected",
    "pin_as_headline",
    "pin_to_section",
    "lift_pins",
}


@pytest.mark.parametrize(
    ("who", "offered"), [("editor_client", EDITOR_ACTIONS), ("chief_client", CHIEF_ACTIONS)]
)
def test_each_group_is_offered_the_actions_it_may_run(request, who, offered):
    client = request.getfixturevalue(who)
    make_article()
    choices = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert {value for value, _label in choices if value} == offered
