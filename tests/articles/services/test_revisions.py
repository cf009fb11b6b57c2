from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Revision
from articles.services.revisions import diff, history, record_revision, restore_revision, snapshot
from tests.articles.admin_fixtures import make_article

pytestmark = pytest.mark.django_db


def test_snapshot_holds_text_date_credits_tags_and_status():
    article = make_article(
        "原标题",
        kicker="引题",
        body="<p>正文</p>",
        reported_at=datetime(2022, 4, 20, tzinfo=ZoneInfo("Asia/Shanghai")),
        credits=[("王耀", "reporter")],
        tags=["抗疫", "运城"],
    )
    data = snapshot(article)
    assert data["title"] == "原标题"
    assert data["kicker"] == "引题"
    assert data["credits"] == [["王耀", "reporter"]]
    assert data["tags"] == ["抗疫", "运城"]
    assert data["status"] == "draft"
    assert data["reported_at"].startswith("2022-04-20")


def test_diff_lists_only_changed_fields_readably():
    older = {
        "title": "旧标题",
        "body": "<p>第一段</p><p>第二段</p>",
        "tags": ["抗疫"],
        "status": "draft",
    }
    newer = {
        "title": "新标题",
        "body": "<p>第一段</p><p>改写的第二段</p>",
        "tags": ["抗疫"],
        "status": "review",
    }
    changes = {change.label: change.lines for change in diff(older, newer)}
    assert set(changes) == {"标题", "正文", "状态"}
    assert ("removed", "旧标题") in changes["标题"]
    assert ("added", "新标题") in changes["标题"]
    assert ("context", "第一段") in changes["正文"]
    assert ("added", "改写的第二段") in changes["正文"]
    assert changes["状态"] == [("removed", "草稿"), ("added", "待审")]


def test_dates_and_precision_read_as_an_editor_would():
    older = {"date_precision": "unknown", "published_at": None}
    newer = {"date_precision": "day", "published_at": "2026-11-23T08:20:30.210740+00:00"}
    changes = {change.label: change.lines for change in diff(older, newer)}
    assert changes["日期精度"] == [("removed", "日期不详"), ("added", "精确到日")]
    assert changes["发布时间"] == [("added", "2026-11-23 16:20:30")]


def test_restore_brings_back_text_credits_and_tags_but_not_status():
    user = User.objects.create_user("e")
    article = make_article("第一稿", credits=[("王耀", "reporter")], tags=["抗疫"])
    first = record_revision(article, user)
    article.title = "第二稿"
    article.status = Article.Status.REVIEW
    article.save()
    article.credits.all().delete()
    article.tags.set(["防疫"])
    record_revision(article, user)

    restored = restore_revision(first, user)

    article.refresh_from_db()
    assert article.title == "第一稿"
    assert article.status == Article.Status.REVIEW
    assert list(article.credits.values_list("author__name", "role")) == [("王耀", "reporter")]
    assert list(article.tags.names()) == ["抗疫"]
    assert restored.note.startswith("恢复自")
    assert Revision.objects.filter(article=article).count() == 3
    newest, changes = history(article)[0]
    assert newest == restored
    assert {change.label for change in changes} == {"标题", "署名", "标签"}
