from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from articles import search as search_backends
from articles.models import Article, ArticleSearchDocument, Author
from articles.search import text as search_text
from articles.search.text import document_tokens, query_terms, snippet_beyond
from articles.views import SEARCH_PAGES

from .reader_data import build_article, committed, make_article

pytestmark = pytest.mark.django_db


class TestTokens:
    def test_document_tokens_are_bigrams_in_order_then_characters(self):
        assert document_tokens("记者 王耀") == "记者 王耀 记 者 王 耀"

    def test_no_bigram_spans_punctuation(self):
        assert "耀核" not in document_tokens("王耀，核酸").split()

    @pytest.mark.parametrize(
        ("query", "terms"),
        [
            ("王耀", ["王耀"]),
            ("  党 ", ["党"]),
            ("王耀 核酸！", ["王耀", "核酸"]),
            ("ＣＯＶＩＤ", ["covid"]),
            ("", []),
            ("，。！？——……", []),
            ("党" * 201, []),
        ],
    )
    def test_query_terms(self, query, terms):
        assert query_terms(query) == terms

    def test_snippet_highlights_the_match_and_escapes_the_rest(self):
        text = "<b>开头</b>" + "很长的铺垫" * 20 + "志愿者王芳每天坚持开展志愿服务" + "结尾" * 40
        html = snippet_beyond("导语", text, ["王芳"])
        assert "<mark>王芳</mark>" in html
        assert "<b>" not in html
        assert html.startswith("…") and html.endswith("…")

    @pytest.mark.parametrize(
        ("shown", "text", "terms", "expected"),
        [
            # the lead holds the match: no second line
            ("下沉干部樊庶与居民沟通", "下沉干部樊庶与居民沟通。别的段落。", ["樊庶"], ""),
            # the body repeats the lead, the match is further on: quoted from there only
            (
                "社区网格员每天巡查",
                "社区网格员每天巡查 志愿者王芳在一线",
                ["王芳"],
                "志愿者<mark>王芳</mark>在一线",
            ),
            # found only in a credit or a tag: nothing from the body
            ("社区网格员每天巡查", "社区网格员每天巡查 别的段落", ["王耀"], ""),
            # one term in the lead, the other beyond it: quoted around the other
            ("核酸检测点", "核酸检测点 党员志愿者", ["核酸", "党员"], "<mark>党员</mark>志愿者"),
        ],
    )
    def test_a_snippet_only_quotes_what_the_lead_does_not_show(self, shown, text, terms, expected):
        assert snippet_beyond(shown, text, terms) == expected


def titles(query):
    return [article.title for article in Article.objects.published().search(query)]


@pytest.fixture
def articles():
    make_article(
        "机关干部下沉 助力疫情防控",
        credits=(("王耀", "reporter"),),
        tags=("抗疫",),
        body="<p>八一西街社区网格员每天巡查小区，组织居民有序参加核酸检测。</p>",
    )
    make_article(
        "核酸检测点前的“守门员”",
        credits=(("崔萌", "reporter"), ("贾向飞", "correspondent")),
        tags=("社区",),
        body="<p>下沉包联干部樊庶正在与想要进入管控区的居民沟通。</p>",
    )
    make_article(
        "让党旗在疫情防控一线高高飘扬",
        credits=(("寇雅楠", "photographer"),),
        tags=("志愿服务",),
        kicker="回民区",
        body="<p>全区1411名医护人员、1728名社区工作者和志愿者坚守岗位。</p>",
    )
    make_article(
        "草稿里的核酸",
        status=Article.Status.DRAFT,
        body="<p>王耀 樊庶 志愿者</p>",
    )
    make_article(
        "定时发布的核酸稿",
        published_at=timezone.now() + timedelta(hours=1),
        body="<p>王耀 樊庶 志愿者</p>",
    )


class ChosenPlans:
    """A `search.Found` whose `walks()` answers `walked` whatever is asked."""

    def __init__(self, walked):
        self.walked = walked

    def walks(self, rows):
        return self.walked


class TestSearch:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            # two characters in mid-sentence, in the body and in a credit
            ("樊庶", ["核酸检测点前的“守门员”"]),
            ("王耀", ["机关干部下沉 助力疫情防控"]),
            # a title match ranks above a body match, newest first within each
            ("核酸", ["核酸检测点前的“守门员”", "机关干部下沉 助力疫情防控"]),
            # one character
            ("党", ["让党旗在疫情防控一线高高飘扬"]),
            # four characters mid-sentence, and a phrase that is not in any text
            ("有序参加", ["机关干部下沉 助力疫情防控"]),
            ("检测核酸", []),
            # three characters, in a body and in a tag
            ("志愿者", ["让党旗在疫情防控一线高高飘扬"]),
            ("志愿服务", ["让党旗在疫情防控一线高高飘扬"]),
            # kicker, tag, credit role name is not indexed but the name is
            ("回民区", ["让党旗在疫情防控一线高高飘扬"]),
            (
                "社区",
                [
                    "让党旗在疫情防控一线高高飘扬",
                    "核酸检测点前的“守门员”",
                    "机关干部下沉 助力疫情防控",
                ],
            ),
            # every word must be found
            ("核酸 樊庶", ["核酸检测点前的“守门员”"]),
            ("樊庶 王耀", []),
            # numbers
            ("1728", ["让党旗在疫情防控一线高高飘扬"]),
        ],
    )
    def test_finds_published_articles(self, articles, query, expected):
        assert titles(query) == expected

    @pytest.mark.parametrize("walked", [(False, False), (True, True), (True, False), (False, True)])
    @pytest.mark.parametrize(
        "query",
        ["党", "核酸", "社区", "志愿服务", "有序参加", "检测核酸", "樊庶 王耀", "核酸 樊庶"],
    )
    def test_a_page_of_ids_is_that_slice_of_the_results(self, articles, query, walked):
        """Search pages rank one tier at a time, each walked or read from the index's set;
        it must agree with `search()` anywhere, however the tiers are found."""
        make_article("社区核酸检测", body="<p>党员志愿服务队有序参加。</p>")
        make_article("正文里才有", body="<p>社区党员志愿服务，核酸检测有序参加。</p>")
        make_article("测核酸", body="<p>检测 核酸，检测核查</p>")
        published = Article.objects.published()
        ranked = list(published.search(query).values_list("pk", flat=True))
        found = ChosenPlans(walked)
        for offset in range(len(ranked) + 1):
            for limit in (1, 2, 20):
                page = SEARCH_PAGES.ids(query_terms(query), offset, limit, found)
                assert page == ranked[offset : offset + limit]

    @pytest.mark.parametrize(
        ("found", "rows", "walked"),
        [
            # 核酸 at 100,000 articles: in 77 % of them, 5 % of the headlines
            (search_backends.Found(10000, True, 0.77, 0.05, 100000), 20, (True, True)),
            # a deep page of a word in 5 % of the headlines reads them from the index
            (search_backends.Found(10000, True, 0.77, 0.05, 100000), 1000, (False, True)),
            # 樱桃丰收 (1 %): none of its tokens is among the commonest, the count says 1 %
            (search_backends.Found(1000, False, 0.0, 0.0, 100000), 20, (False, False)),
            # common tokens, rarely together: under the cap the count is the share
            (search_backends.Found(3, False, 0.5, 0.2, 100000), 20, (False, False)),
            # before the first ANALYZE, or on SQLite: the index
            (search_backends.Found(500, False), 20, (False, False)),
            # a table whose size PostgreSQL has not yet counted (`reltuples` -1)
            (search_backends.Found(500, False, 0.5, 0.2, -1.0), 20, (False, False)),
        ],
    )
    def test_a_tier_is_walked_only_when_that_tests_fewer_articles(self, found, rows, walked):
        assert found.walks(rows) == walked

    @pytest.mark.parametrize("query", ["党", "核酸", "社区", "有序参加", "核酸 樊庶", "樊庶 王耀"])
    def test_count_is_exact_under_the_cap_and_keeps_only_what_readers_see(self, articles, query):
        published = Article.objects.published()
        # drafts and scheduled articles match 核酸 too, but are not counted
        assert published.search_count(query)[:2] == (len(titles(query)), False)

    @pytest.mark.parametrize(("query", "matches"), [("党", 1), ("核酸", 4), ("有序参加", 1)])
    def test_count_stops_at_the_cap(self, articles, monkeypatch, query, matches):
        """1-, 2- and 4-character queries; drafts count towards the cap (the documents do)."""
        monkeypatch.setattr(search_backends, "COUNT_CAP", matches - 1)
        assert Article.objects.published().search_count(query)[:2] == (matches - 1, True)
        monkeypatch.setattr(search_backends, "COUNT_CAP", matches)
        assert Article.objects.published().search_count(query)[1] is False

    @pytest.mark.parametrize("query", ["", "   ", "，。！？", "党" * 201, '"王耀" OR *', "'&|!<->"])
    def test_awkward_queries_find_nothing_and_do_not_fail(self, articles, query):
        assert titles(query) == []

    def test_every_bigram_present_is_not_enough_the_phrase_must_be(self, articles):
        make_article("核查与检测", body="<p>先做核酸检测，再做检测核查。</p>")
        assert titles("核酸检测") == [
            "核酸检测点前的“守门员”",
            "核查与检测",
            "机关干部下沉 助力疫情防控",
        ]
        # 酸检, 检测 and 测核 are all in that body, but never in a row
        assert titles("酸检测核") == []
        assert titles("检测核查") == ["核查与检测"]

    def test_document_follows_edits_of_credits_tags_and_names(self, articles):
        article = Article.objects.get(title="机关干部下沉 助力疫情防控")
        assert titles("杨希") == []

        with committed():
            author = Author.objects.create(name="杨希")
            article.credits.create(author=author, role="correspondent")
        assert titles("杨希") == [article.title]

        with committed():
            author.name = "杨曦"
            author.save()
        assert titles("杨希") == []
        assert titles("杨曦") == [article.title]

        with committed():
            article.tags.add("抗击疫情")
        assert titles("抗击") == [article.title]
        with committed():
            article.tags.remove("抗击疫情")
        assert titles("抗击") == []

        with committed():
            image = article.images.create(
                original_url="https://img.example.com/b.jpg", caption="门卫解银平在值守"
            )
        assert titles("解银平") == [article.title]
        with committed():
            image.delete()
        assert titles("解银平") == []

        with committed():
            article.title = "市宾馆的一天"
            article.save()
        assert titles("宾馆") == [article.title]

    def test_one_refresh_at_commit_however_many_writes(self, django_assert_num_queries):
        with TestCase.captureOnCommitCallbacks() as callbacks:
            article = build_article(
                "临时党支部 战“疫”当先锋",
                credits=(("王耀", "reporter"), ("王清波", "correspondent")),
                tags=("抗疫", "运城", "志愿者"),
                images=3,
            )
            Author.objects.create(name="贾向飞").credits.create(
                article=article, role="correspondent"
            )
            # written, but not yet searchable: the document waits for the commit
            assert titles("贾向飞") == []
        # the article, its credits, tags and images, then one write of its card, one of its
        # page's story and one of the document; its related articles: those stored, and the
        # newest articles of each of its three tags (none: nothing to rank, nothing written)
        with django_assert_num_queries(11):
            for callback in callbacks:
                callback()
        assert titles("贾向飞") == titles("临时党支部") == [article.title]

    def test_a_rolled_back_savepoint_does_not_lose_the_batch(self):
        from django.db import transaction

        with committed():
            kept = build_article("留下的稿件", body="<p>樊庶在值守。</p>")
            with pytest.raises(ValueError), transaction.atomic():
                build_article("撤回的稿件", body="<p>樊庶在巡查。</p>")
                raise ValueError("the editor cancelled")
        assert titles("樊庶") == [kept.title]

    def test_deleting_an_article_removes_its_document(self, articles):
        article = Article.objects.get(title="机关干部下沉 助力疫情防控")
        article.delete()
        assert not ArticleSearchDocument.objects.filter(pk=article.pk).exists()
        assert titles("王耀") == []

    def test_refresh_rebuilds_documents_written_without_signals(self, articles):
        ArticleSearchDocument.objects.all().delete()
        assert titles("樊庶") == []
        written = ArticleSearchDocument.objects.refresh(
            Article.objects.values_list("pk", flat=True)
        )
        assert written == Article.objects.count()
        assert titles("樊庶") == ["核酸检测点前的“守门员”"]


class TestSearchOverImportedSeeds:
    """The real importer on the five seed reports, then searched like a reader would."""

    QUERIES = ["王耀", "核酸", "樊庶", "志愿者", "党", "寇雅楠", "下沉干部", "临时党支部"]

    @pytest.fixture
    def seeds(self, settings):
        from articles.importer.pipeline import import_paths

        with committed():
            report = import_paths([settings.BASE_DIR / "seeds"])
        assert report.as_json()["summary"]["created"] >= 5
        Article.objects.update(status=Article.Status.PUBLISHED, published_at=timezone.now())
        return Article.objects.all()

    @staticmethod
    def from_file(prefix):
        return Article.objects.filter(imported_file__name__contains=prefix)

    @staticmethod
    def everything_readable(article):
        """The article's words as a reader could find them, by brute force."""
        return search_text.document_text(
            article.title,
            article.kicker,
            article.subtitle,
            article.lead,
            article.body_text,
            *(f"{image.caption} {image.credit}" for image in article.images.all()),
            *(credit.author.name for credit in article.credits.all()),
            *(tag.name for tag in article.tags.all()),
        )

    def test_finds_exactly_the_articles_holding_the_words(self, seeds):
        texts = {article.pk: self.everything_readable(article) for article in seeds.for_listing()}
        for query in self.QUERIES:
            expected = {pk for pk, text in texts.items() if query in text}
            found = [article.pk for article in Article.objects.published().search(query)]
            assert expected, f"the seeds hold {query}"
            assert len(found) == len(set(found)), query
            assert set(found) == expected, query

    def test_a_reporter_is_found_by_name(self, seeds):
        (found,) = Article.objects.published().search("王耀")
        assert [str(credit) for credit in found.credits.all()][0] == "记者 王耀"
        assert found.imported_file.name.endswith("001_c4ca35cf7287a038.txt")

    def test_mid_sentence_name_and_photo_credit_in_the_front_matter_post(self, seeds):
        post = self.from_file("000_").get()
        assert list(Article.objects.published().search("樊庶")) == [post]
        assert list(Article.objects.published().search("寇雅楠")) == [post]

    def test_headline_matches_come_first(self, seeds):
        found = list(Article.objects.published().search("志愿者"))
        in_title = ["志愿者" in article.title for article in found]
        assert in_title[0]
        assert in_title == sorted(in_title, reverse=True)


def test_refresh_command_rebuilds_every_document(articles):
    from io import StringIO

    from django.core.management import call_command

    ArticleSearchDocument.objects.all().delete()
    out = StringIO()
    call_command("refresh_search_documents", stdout=out)
    assert (
        out.getvalue().strip() == f"已重建 {Article.objects.count()} 篇文章的检索文档、卡片与页面。"
    )
    assert titles("樊庶") == ["核酸检测点前的“守门员”"]


class TestPostgreSQLTokens:
    """The index's tokens, cut in SQL from the stored words, are the tokens queries look for."""

    TEXTS = [
        "记者 王耀",
        "王耀，核酸检测点前的“守门员”；ＣＯＶＩＤ-19 疫情",
        "党",
        "",
        "a",
        "社区志愿者连续奋战十天，居民送来热乎的饺子。Straße 𠀀𠀁",
    ]

    def test_words_are_the_runs_queries_are_cut_into(self):
        assert search_text.document_text("记者：王耀", "", "ＣＯＶＩＤ-19") == "记者 王耀 covid 19"

    @pytest.mark.parametrize("text", TEXTS)
    def test_the_functions_tokens_are_the_documents(self, text):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL's index function")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(articles_search_tokens(%s))",
                [search_text.document_text(text)],
            )
            (tokens,) = cursor.fetchone()
        assert sorted(tokens) == sorted(set(document_tokens(text).split()))

    def test_the_words_function_runs_in_the_leader_only(self):
        """A parallel plan paging a common word read every article (migration 0013)."""
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL's index function")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT proparallel FROM pg_proc WHERE proname = 'articles_search_tokens'"
            )
            assert cursor.fetchone() == ("r",)
