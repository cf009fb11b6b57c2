import pytest
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Author, Image, Source, TagRedirect
from articles.services.author_merging import merge_authors
from articles.services.source_merging import merge_sources
from articles.services.tag_merging import merge_tags, rename_tag
from tests.articles.admin_fixtures import make_article, source

pytestmark = pytest.mark.django_db


class TestMergeTags:
    def test_articles_move_without_duplicates_and_the_old_slug_redirects(self):
        both = make_article("两者皆有", tags=["抗疫", "防疫"])
        only_old = make_article("只有旧标签", tags=["防疫"])
        old, new = Tag.objects.get(name="防疫"), Tag.objects.get(name="抗疫")

        moved = merge_tags([old], new)

        assert moved == 1
        assert not Tag.objects.filter(pk=old.pk).exists()
        assert list(both.tags.names()) == ["抗疫"]
        assert list(only_old.tags.names()) == ["抗疫"]
        assert TagRedirect.objects.get(old_slug=old.slug).tag == new

    def test_redirects_follow_a_second_merge_and_never_shadow_a_live_slug(self):
        make_article(tags=["甲", "乙", "丙"])
        a, b, c = (Tag.objects.get(name=n) for n in "甲乙丙")
        merge_tags([a], b)
        merge_tags([b], c)
        assert set(TagRedirect.objects.values_list("old_slug", "tag__name")) == {
            (a.slug, "丙"),
            (b.slug, "丙"),
        }
        Tag.objects.create(name="乙", slug=b.slug)  # the name comes back as a new tag
        merge_tags([Tag.objects.get(name="丙")], Tag.objects.get(name="乙"))
        assert not TagRedirect.objects.filter(old_slug=b.slug).exists()

    def test_merging_into_itself_changes_nothing(self):
        make_article(tags=["抗疫"])
        tag = Tag.objects.get(name="抗疫")
        assert merge_tags([tag], tag) == 0
        assert Tag.objects.filter(pk=tag.pk).exists()

    def test_rename_with_a_new_slug_keeps_the_old_address(self):
        make_article(tags=["防疫"])
        tag = Tag.objects.get(name="防疫")
        old_slug = tag.slug
        rename_tag(tag, "疫情防控", "疫情防控")
        assert TagRedirect.objects.get(old_slug=old_slug).tag == tag


class TestMergeAuthors:
    def test_credits_move_and_no_credit_is_repeated(self):
        shared = make_article("合写", credits=[("王耀", "reporter"), ("王耀", "correspondent")])
        wang_yao = Author.objects.get(name="王耀")
        duplicate = Author.objects.create(name="王耀（记者）")
        ArticleAuthor.objects.create(article=shared, author=duplicate, role="reporter")
        solo = make_article("独写")
        ArticleAuthor.objects.create(article=solo, author=duplicate, role="photographer")
        photo = Image.objects.create(
            article=solo, original_url="https://example.com/a.png", credit_author=duplicate
        )

        moved = merge_authors([duplicate], wang_yao)

        assert moved == 1
        assert not Author.objects.filter(pk=duplicate.pk).exists()
        assert set(shared.credits.values_list("author__name", "role")) == {
            ("王耀", "reporter"),
            ("王耀", "correspondent"),
        }
        assert list(solo.credits.values_list("author__name", "role")) == [("王耀", "photographer")]
        photo.refresh_from_db()
        assert photo.credit_author == wang_yao

    def test_two_duplicates_credited_on_one_article_leave_one_credit(self):
        article = make_article(credits=[("崔萌", "reporter"), ("崔 萌x", "reporter")])
        target = Author.objects.create(name="崔萌萌")
        merge_authors(list(Author.objects.exclude(pk=target.pk)), target)
        assert list(article.credits.values_list("author__name", "role")) == [("崔萌萌", "reporter")]


class TestMergeSources:
    def test_source_and_via_move_and_never_become_the_same(self):
        people, qtt = source("人民网"), source("趣头条")
        people_dup = Source.objects.create(name="人民网客户端")
        relayed = make_article("转载", source=people_dup, via=qtt)
        relaying = make_article("经由", source=qtt, via=people_dup)
        collapsing = make_article("同源", source=people, via=people_dup)

        changed = merge_sources([people_dup], people)

        assert changed == 2
        assert not Source.objects.filter(pk=people_dup.pk).exists()
        assert Article.objects.get(pk=relayed.pk).source == people
        assert Article.objects.get(pk=relaying.pk).via == people
        collapsing.refresh_from_db()
        assert (collapsing.source, collapsing.via) == (people, None)
