"""Related articles ranked at commit and stored (`articles.related`), on both databases."""

import io

import lxml.html
import pytest
from django.core.management import call_command

from articles import related
from articles.models import Article, RelatedArticle
from articles.services.workflow import change_status

from .reader_data import committed, make_article, newspaper

pytestmark = pytest.mark.django_db


def stored(article):
    return list(
        RelatedArticle.objects.filter(article=article)
        .order_by("rank")
        .values_list("related__title", flat=True)
    )


def shown(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content.decode())
    return [link.text_content() for link in document.cssselect(".related li a")]


@pytest.fixture
def article():
    return make_article("临时党支部", tags=("抗疫", "志愿者"), source=newspaper())


def test_stored_at_commit_by_shared_tags_then_source_then_newest(article):
    other = newspaper("永州日报")
    make_article("一个共同标签", tags=("抗疫",), source=other)
    make_article("两个共同标签", tags=("抗疫", "志愿者"), source=other)
    make_article("同一来源", tags=("别的",), source=article.source)
    make_article("一个共同标签，较新", tags=("志愿者",), source=other)
    make_article("毫无关系", tags=("别的",), source=other)
    with committed():
        article.save()
    assert stored(article) == ["两个共同标签", "一个共同标签，较新", "一个共同标签", "同一来源"]


def test_a_new_article_joins_the_lists_of_its_related_articles(article):
    assert stored(article) == []
    make_article("新发布", tags=("抗疫",))
    assert stored(article) == ["新发布"]


def test_publishing_and_withdrawing_through_the_workflow(article):
    draft = make_article("草稿", tags=("抗疫",), status=Article.Status.DRAFT)
    assert stored(article) == [] and stored(draft) == []
    with committed():
        change_status([draft], Article.Status.PUBLISHED)
    assert stored(article) == ["草稿"]
    assert stored(draft) == ["临时党支部"]
    with committed():
        change_status([draft], Article.Status.DRAFT)
    # its own list dropped, and the lists that named it ranked again
    assert stored(draft) == []
    assert stored(article) == []


def test_a_tag_change_ranks_the_list_again(article):
    make_article("志愿者服务", tags=("志愿者",))
    make_article("垃圾分类", tags=("环保",))
    assert stored(article) == ["志愿者服务"]
    with committed():
        article.tags.set(["环保"])
    assert stored(article) == ["垃圾分类"]


def test_the_page_shows_published_ones_only_at_once(client, article):
    make_article("两个共同标签", tags=("抗疫", "志愿者"))
    withdrawn = make_article("一个共同标签", tags=("抗疫",))
    assert shown(client, article) == ["两个共同标签", "一个共同标签"]
    # a bulk update sends no signal: the stored list still names it, the page does not
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.DRAFT)
    assert stored(article) == ["两个共同标签", "一个共同标签"]
    assert shown(client, article) == ["两个共同标签"]


def test_a_line_is_stored_with_the_related_articles_story_and_redrawn_with_it(client, article):
    other = make_article("旧标题", tags=("抗疫",))
    assert "旧标题" in other.story.line_html
    with committed():
        other.title = "新标题"
        other.save()
    assert shown(client, article) == ["新标题"]


def test_a_line_without_a_current_story_is_drawn(client, article):
    other = make_article("相关稿件", tags=("抗疫",))
    other.story.delete()
    assert shown(client, article) == ["相关稿件"]


def test_the_command_ranks_every_published_archive_article(article):
    make_article("相关稿件", tags=("抗疫",))
    RelatedArticle.objects.all().delete()
    call_command("refresh_related_articles", stdout=io.StringIO())
    assert stored(article) == ["相关稿件"]


def test_at_most_the_stored_number_are_kept(article, monkeypatch):
    monkeypatch.setattr(related, "RELATED_STORED", 3)
    for index in range(5):
        make_article(f"相关稿件{index}", tags=("抗疫",))
    with committed():
        article.save()
    assert stored(article) == ["相关稿件4", "相关稿件3", "相关稿件2"]
