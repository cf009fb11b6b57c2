"""The desk's queue: what waits on the index, the review queue oldest first, scheduled articles."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_fixtures import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def age(article, hours):
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(hours=hours))


@pytest.fixture
def desk():
    make_article("草稿")
    newer = make_article("新送审", status="review")
    older = make_article("早送审", status="review", warnings=["日期只写了月日"])
    age(newer, 1)
    age(older, 30)
    later = timezone.now() + timedelta(hours=3)
    make_article("定时稿", status="published", published_at=later)
    make_article("已上线稿", status="published")
    return {"later": later}


@pytest.mark.parametrize("who", ["editor_client", "chief_client"])
def test_the_index_counts_what_waits_for_the_desk(request, desk, who):
    client = request.getfixturevalue(who)
    response = client.get(reverse("admin:index"))
    assert response.context["desk"] == {"review": 2, "unchecked": 1, "scheduled": 1}
    page = response.content.decode()
    assert f'href="{CHANGELIST}?status__exact=review"' in page
    assert f'href="{CHANGELIST}?warnings=open"' in page
    assert f'href="{CHANGELIST}?publication=scheduled"' in page
    assert '<td class="desk-count" data-count="review">2</td>' in page


def test_the_index_asks_the_database_once_for_the_counts(
    editor_client, desk, django_assert_num_queries
):
    editor_client.get(reverse("admin:index"))
    with django_assert_num_queries(6):
        editor_client.get(reverse("admin:index"))


def test_the_review_queue_lists_the_longest_waiting_first(editor_client, desk):
    response = editor_client.get(CHANGELIST, {"status__exact": "review"})
    assert [a.title for a in response.context["cl"].result_list] == ["早送审", "新送审"]
    page = response.content.decode()
    assert "已等待" in page and "1\xa0日" in page


def test_scheduled_articles_are_marked_timed_in_the_list_and_filterable(editor_client, desk):
    page = editor_client.get(CHANGELIST).content.decode()
    assert page.count('<span class="status-scheduled"') == 1
    when = f"{timezone.localtime(desk['later']):%Y-%m-%d %H:%M}"
    assert when in page
    scheduled = editor_client.get(CHANGELIST, {"publication": "scheduled"})
    assert [a.title for a in scheduled.context["cl"].result_list] == ["定时稿"]
    live = editor_client.get(CHANGELIST, {"publication": "live"})
    assert [a.title for a in live.context["cl"].result_list] == ["已上线稿"]


def test_the_form_of_a_scheduled_article_says_when_it_appears(editor_client, desk):
    article = Article.objects.get(title="定时稿")
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    when = f"{timezone.localtime(desk['later']):%Y-%m-%d %H:%M}"
    assert f"本稿将于 {when} 出现在网站上" in page.content.decode()
