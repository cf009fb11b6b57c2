"""The reader's lists read by compiled queries (`articles.compiled`, `cards.CompiledCards`): the
rows of their querysets, on SQLite and PostgreSQL, with a change seen at the next request."""

import itertools
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.compiled import CompiledQuery, Slot
from articles.models import Article, ArticleStory, Author, DuplicateCluster, DuplicateMember
from articles.views import (
    ArticleListView,
    AuthorDetailView,
    SectionDetailView,
    SourceDetailView,
    TagDetailView,
)

from .reader_data import make_article, newspaper

pytestmark = pytest.mark.django_db


def listed(view, owner, offset=0, limit=100, reverse=False):
    """The ids of `view`'s list for `owner`, read by its compiled query."""
    return [row.pk for row in view.compiled_cards().of(owner).rows(offset, limit, reverse)]


def expected(view, owner):
    return list(view.listed(owner).values_list("pk", flat=True))


@pytest.fixture
def owners():
    """Articles under several owners, some hidden from readers, one a republication."""
    now = timezone.now()
    yuncheng, yongzhou = newspaper(), newspaper("永州日报")
    made = [
        make_article(
            f"第{index}篇",
            published_at=now - timedelta(minutes=index),
            tags=("抗疫",) if index % 2 else ("社区",),
            credits=(("王耀", "reporter"),) if index % 3 else (("王清波", "correspondent"),),
            source=yuncheng if index % 4 else yongzhou,
            via=yongzhou if index == 5 else None,
            section="要闻" if index % 2 else "民生",
            images=0,
        )
        for index in range(12)
    ]
    make_article("草稿", status=Article.Status.DRAFT, tags=("抗疫",), section="要闻")
    make_article("定时", published_at=now + timedelta(hours=1), tags=("抗疫",), section="要闻")
    original, republication = made[1], made[3]
    cluster = DuplicateCluster.objects.create(original=original)
    for article in (original, republication):
        DuplicateMember.objects.create(cluster=cluster, article=article)
    return {
        ArticleListView: None,
        TagDetailView: Tag.objects.get(name="抗疫").pk,
        AuthorDetailView: Author.objects.get(name="王耀").pk,
        SourceDetailView: yongzhou.pk,
        SectionDetailView: "要闻",
    }


VIEWS = [ArticleListView, TagDetailView, AuthorDetailView, SourceDetailView, SectionDetailView]


@pytest.mark.parametrize("view", VIEWS)
def test_a_compiled_list_holds_the_querysets_rows_from_either_end(owners, view):
    owner = owners[view]
    rows = expected(view, owner)
    assert len(rows) >= 2
    assert listed(view, owner) == rows
    assert listed(view, owner, reverse=True) == rows[::-1]
    assert listed(view, owner, offset=1, limit=2) == rows[1:3]
    read = view.compiled_cards().of(owner)
    assert read.ids(1, 2) == rows[1:3] and read.ids(0, 1, reverse=True) == rows[-1:]
    assert sorted(row.pk for row in read.rows_of([*rows[:2], 10**12])) == sorted(rows[:2])


def test_only_published_articles_are_listed_and_a_story_once(owners):
    shown = Article.objects.filter(pk__in=listed(ArticleListView, None))
    titles = set(shown.values_list("title", flat=True))
    assert "草稿" not in titles and "定时" not in titles
    assert "第3篇" not in titles and "第1篇" in titles  # the republication, its original
    assert len(titles) == 11


def test_a_tag_lists_only_its_own_published_articles(owners):
    tag = owners[TagDetailView]
    shown = Article.objects.filter(pk__in=listed(TagDetailView, tag))
    assert {title for title in shown.values_list("title", flat=True)} == {
        "第1篇",
        "第5篇",
        "第7篇",
        "第9篇",
        "第11篇",
    }


def test_a_publication_and_a_withdrawal_are_seen_at_once():
    first = make_article("第一篇", tags=("抗疫",))
    tag = Tag.objects.get(name="抗疫").pk
    assert listed(TagDetailView, tag) == [first.pk]
    second = make_article("第二篇", tags=("抗疫",))
    assert listed(TagDetailView, tag) == [second.pk, first.pk]
    first.status = Article.Status.DRAFT
    first.save()
    assert listed(TagDetailView, tag) == [second.pk]
    assert len(TagDetailView.compiled_cards().pages[False].compiled) == 1  # compiled once


def test_a_scheduled_article_is_listed_when_its_time_comes():
    publish_at = timezone.now() + timedelta(hours=2)
    article = make_article("定时发布的稿件", published_at=publish_at)
    assert listed(ArticleListView, None) == []
    with mock.patch("django.utils.timezone.now", return_value=publish_at + timedelta(seconds=1)):
        assert listed(ArticleListView, None) == [article.pk]


def test_the_pinned_article_is_the_newest_pinned_of_its_list():
    until = timezone.now() + timedelta(days=1)
    in_section = make_article(
        "要闻置顶", section="要闻", pin=Article.Pin.SECTION, pinned_until=until
    )
    make_article("民生置顶", section="民生", pin=Article.Pin.SECTION, pinned_until=until)
    make_article("已过期", section="要闻", pin=Article.Pin.SECTION, pinned_until=timezone.now())
    (pinned,) = SectionDetailView.compiled_pinned().instances("要闻", limit=1)
    assert (pinned.pk, pinned.title, pinned.get_absolute_url()) == (
        in_section.pk,
        "要闻置顶",
        in_section.get_absolute_url(),
    )
    assert ArticleListView.compiled_pinned().instances(None, limit=1) == []


def test_a_slot_has_no_value_outside_a_compiled_query():
    with pytest.raises(TypeError, match="section"):
        list(Article.objects.filter(section=Slot("section")))


def test_instances_are_read_from_the_models_own_columns_in_its_order():
    make_article("核酸检测点")
    query = CompiledQuery(lambda: Article.objects.values_list("slug", "title"))
    with pytest.raises(ValueError, match="order"):
        query.instances()


def test_the_article_page_reads_its_article_story_and_cluster_place_in_one_query(
    django_assert_num_queries,
):
    """`instances()` builds the relations named by the columns, as `select_related()` would:
    a missing one is None, and reading it costs no query."""
    from articles.views import ArticleDetailView

    alone, original, relay = (make_article(title) for title in ("独家", "首发", "转载"))
    cluster = DuplicateCluster.objects.create(original=original)
    DuplicateMember.objects.create(cluster=cluster, article=relay, similarity=0.9)
    Article.objects.filter(pk=alone.pk).update(title="独家（改）")  # its stored story is stale
    stored = ArticleStory.objects.get(article=alone)
    compiled = ArticleDetailView.compiled_article()
    with django_assert_num_queries(2):
        (first,) = compiled.instances(alone.pk, limit=1)
        (second,) = compiled.instances(relay.pk, limit=1)
    with django_assert_num_queries(0):
        assert first.title == "独家（改）" and first.story.article_id == alone.pk
        assert (first.story.key, first.story.body_html) == (stored.key, stored.body_html)
        assert not hasattr(first, "duplicate_membership")  # none: cached as missing
        assert second.duplicate_membership.cluster_id == cluster.pk
    assert first.get_deferred_fields() == {"body", "lead", "original_text", "imported_values"}
    assert compiled.instances(10**9, limit=1) == []


def test_instances_take_the_models_own_columns_before_its_relations():
    make_article("核酸检测点")
    query = CompiledQuery(lambda: Article.objects.values_list("story__article_id", "id"))
    with pytest.raises(ValueError, match="before"):
        query.instances()


WORKERS = "max_parallel_workers_per_gather"


def plans_of(view, connection):
    """`(generic plans, custom plans)` of the prepared statement of `view`'s first pages."""
    sql = view.compiled_cards().pages[False].compiled[connection.alias][0] + " LIMIT %s OFFSET %s"
    parameters = itertools.count(1)
    numbered = re.sub("%s", lambda _: f"${next(parameters)}", sql)  # as psycopg sends it
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = %s",
            [numbered],
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_a_list_read_along_one_index_is_planned_once_per_connection(owners):
    """The home page's and a section's lists keep a generic plan (`generic_plan`); a tag's is
    planned for each tag. Outside a transaction, as readers' requests run: inside one the
    setting would outlast the query."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    runs = connection.settings_dict["OPTIONS"]["prepare_threshold"] + 2
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [WORKERS])
        (workers_before,) = cursor.fetchone()  # the connection's (settings.parallel_plans)
    for view in (ArticleListView, SectionDetailView, TagDetailView):
        for _ in range(runs):
            assert listed(view, owners[view], limit=20) == expected(view, owners[view])[:20]
    for view in (ArticleListView, SectionDetailView):
        generic, custom = plans_of(view, connection)
        assert generic >= 1 and custom == 0
    generic, custom = plans_of(TagDetailView, connection)
    assert generic == 0 and custom >= 1
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("auto",)  # the settings lasted the query alone
        cursor.execute("SELECT current_setting(%s)", [WORKERS])
        assert cursor.fetchone() == (workers_before,)
