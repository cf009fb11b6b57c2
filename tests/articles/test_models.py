from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.db import IntegrityError, transaction
from django.test.utils import override_script_prefix
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Author, Image, Source, normalise_name

pytestmark = pytest.mark.django_db


def make_article(**fields):
    fields.setdefault("title", "临时党支部 战“疫”当先锋")
    return Article.objects.create(**fields)


class TestPublishedQuerySet:
    def test_only_published_articles_whose_time_has_come(self):
        now = timezone.now()
        shown = make_article(
            status=Article.Status.PUBLISHED, published_at=now - timedelta(minutes=1)
        )
        make_article(
            title="定时", status=Article.Status.PUBLISHED, published_at=now + timedelta(hours=1)
        )
        make_article(title="草稿", status=Article.Status.DRAFT)
        make_article(title="待审", status=Article.Status.REVIEW)

        assert list(Article.objects.published()) == [shown]

    def test_scheduled_article_appears_when_its_time_comes(self):
        soon = timezone.now() + timedelta(seconds=30)
        article = make_article(status=Article.Status.PUBLISHED, published_at=soon)
        assert not Article.objects.published().exists()

        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() - timedelta(seconds=1)
        )
        assert list(Article.objects.published()) == [article]

    def test_publishing_without_a_time_sets_it_to_now(self):
        before = timezone.now()
        article = make_article(status=Article.Status.PUBLISHED)
        assert before <= article.published_at <= timezone.now()
        assert article.is_public

    def test_for_listing_loads_relations_in_fixed_queries(self, django_assert_num_queries):
        source = Source.objects.create(name="运城晚报", kind=Source.Kind.NEWSPAPER)
        for index in range(3):
            article = make_article(
                title=f"稿件{index}", source=source, status=Article.Status.PUBLISHED
            )
            for name in ("王耀", "崔萌"):
                author, _ = Author.objects.get_or_create(name=name)
                ArticleAuthor.objects.create(article=article, author=author)
            article.tags.add("防疫", "运城")
            Image.objects.create(article=article, original_url="https://example.com/a.png")

        with django_assert_num_queries(4):
            for article in Article.objects.published().for_listing():
                _ = article.source.name
                _ = [credit.author.name for credit in article.credits.all()]
                _ = [tag.name for tag in article.tags.all()]
                _ = article.lead_image.url


class TestSlugs:
    def test_chinese_title_keeps_its_characters(self):
        article = make_article(title="“你们来了,顶了大事!”")
        assert article.slug == "你们来了顶了大事"
        assert unquote(article.get_absolute_url()) == f"/articles/{article.pk}/你们来了顶了大事/"

    @pytest.mark.parametrize(
        "slug", ["你们来了顶了大事", "20220420-17", "a-b_c", "百分比%与空格 x", "{pk}", "~slug~"]
    )
    def test_an_address_from_id_and_slug_is_what_reverse_gives(self, slug):
        """`url_for()` fills in the address `reverse()` gave once: the same, quoted alike."""
        expected = reverse("articles:article_detail", kwargs={"pk": 17, "slug": slug})
        assert Article.url_for(17, slug) == expected
        with override_script_prefix("/newsroom/"):
            assert Article.url_for(17, slug) == "/newsroom" + expected

    def test_a_slug_the_pattern_refuses_is_refused_by_reverse(self):
        with pytest.raises(NoReverseMatch):
            Article.url_for(17, "a/b")

    def test_title_without_word_characters_falls_back_to_date_and_id(self):
        article = make_article(title="……!!", reported_at=timezone.now())
        article.refresh_from_db()
        local_day = timezone.localtime(article.reported_at)
        assert article.slug == f"{local_day:%Y%m%d}-{article.pk}"

    def test_sources_and_authors_get_unique_unicode_slugs(self):
        first = Source.objects.create(name="人民网")
        second = Source.objects.create(name="人民网!")
        assert first.slug == "人民网"
        assert second.slug == "人民网-2"
        assert unquote(first.get_absolute_url()) == "/sources/人民网/"
        assert (
            unquote(Author.objects.create(name="寇雅楠").get_absolute_url()) == "/authors/寇雅楠/"
        )


class TestNames:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("寇 雅楠", "寇雅楠"),
            ("ＷＡＮＧ  Yao", "WANG Yao"),
            (" 王耀\u3000", "王耀"),
        ],
    )
    def test_normalise_name(self, raw, expected):
        assert normalise_name(raw) == expected

    def test_author_name_is_normalised_on_save(self):
        assert Author.objects.create(name=" 杨 希 ").name == "杨希"


class TestConstraints:
    def test_source_name_is_unique(self):
        Source.objects.create(name="永州日报")
        with pytest.raises(IntegrityError), transaction.atomic():
            Source.objects.create(name="永州日报", slug="other")

    def test_import_key_is_unique(self):
        make_article(import_key="k1")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_article(import_key="k1")

    def test_one_credit_per_author_and_role_but_several_roles_allowed(self):
        article = make_article()
        author = Author.objects.create(name="寇雅楠")
        ArticleAuthor.objects.create(article=article, author=author, role="reporter")
        ArticleAuthor.objects.create(article=article, author=author, role="photographer")
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleAuthor.objects.create(article=article, author=author, role="reporter")

    def test_image_needs_a_file_or_an_address(self):
        article = make_article()
        with pytest.raises(IntegrityError), transaction.atomic():
            Image.objects.create(article=article)

    def test_via_cannot_be_the_source_itself(self):
        source = Source.objects.create(name="红网")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_article(source=source, via=source)


class TestStrings:
    def test_str(self):
        article = make_article(title="市宾馆")
        author = Author.objects.create(name="王耀")
        credit = ArticleAuthor.objects.create(article=article, author=author, role="reporter")
        assert str(article) == "市宾馆"
        assert str(author) == "王耀"
        assert str(credit) == "记者 王耀"
        assert str(Source.objects.create(name="人民网")) == "人民网"

    def test_credits_by_role_groups_in_print_order(self):
        article = make_article()
        for order, (name, role) in enumerate(
            [("王清波", "correspondent"), ("贾向飞", "correspondent"), ("寇雅楠", "photographer")]
        ):
            ArticleAuthor.objects.create(
                article=article, author=Author.objects.create(name=name), role=role, order=order
            )
        grouped = [(role, [a.name for a in authors]) for role, authors in article.credits_by_role()]
        assert grouped == [("通讯员", ["王清波", "贾向飞"]), ("摄影", ["寇雅楠"])]


def test_stored_image_fills_size_and_hash(tmp_path):
    from io import BytesIO

    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    image = Image(article=make_article())
    image.set_file_content(buffer.getvalue(), "photo.PNG")
    image.save()
    image.refresh_from_db()
    assert (image.width, image.height) == (40, 30)
    assert len(image.sha256) == 64
    assert image.file.name.endswith(".png")
