from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services.workflow import change_status, held_back
from tests.articles.admin_fixtures import make_article

pytestmark = pytest.mark.django_db


def test_publishing_sets_now_or_keeps_a_scheduled_time():
    before = timezone.now()
    later = before + timedelta(days=1)
    now_article, scheduled = make_article("即时"), make_article("定时", published_at=later)

    changed = change_status([now_article, scheduled], Article.Status.PUBLISHED)

    assert changed == [now_article, scheduled]
    assert before <= Article.objects.get(pk=now_article.pk).published_at <= timezone.now()
    assert Article.objects.get(pk=scheduled.pk).published_at == later
    assert list(Article.objects.published()) == [now_article]


def test_scheduled_article_appears_when_its_time_comes_without_a_job():
    article = make_article(published_at=timezone.now() + timedelta(minutes=5))
    change_status([article], Article.Status.PUBLISHED)
    assert not Article.objects.published().exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().get() == article


def test_back_to_draft_clears_the_publication_time_and_unchanged_ones_are_skipped():
    published = make_article("已发", status=Article.Status.PUBLISHED)
    draft = make_article("草稿")
    assert change_status([published, draft], Article.Status.DRAFT) == [published]
    published.refresh_from_db()
    assert (published.status, published.published_at) == ("draft", None)


def test_publishing_holds_back_unchecked_warnings_unless_checked_by_the_publisher(
    django_user_model,
):
    chief = django_user_model.objects.create_user("chief")
    unchecked = make_article("存疑", warnings=["日期只写了月日"])
    assert held_back([unchecked]) == [unchecked]
    assert change_status([unchecked], Article.Status.PUBLISHED, chief) == []
    assert Article.objects.get(pk=unchecked.pk).status == "draft"

    assert change_status([unchecked], Article.Status.PUBLISHED, chief, check_warnings=True) == [
        unchecked
    ]
    unchecked.refresh_from_db()
    assert (unchecked.status, unchecked.warnings_checked) == ("published", True)
    assert held_back([unchecked]) == []
    revision = unchecked.revisions.get()
    assert (revision.user, revision.note, revision.data["status"]) == (chief, "发布", "published")
