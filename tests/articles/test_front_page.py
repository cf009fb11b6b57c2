"""The desk's front page (issue 12): 头条 and section pins, sections, 订阅, feed dates, favicon."""

from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import lxml.html
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from articles.models import Article
from tests.articles.admin_fixtures import make_article as make_draft

from .reader_data import make_article, shanghai

pytestmark = pytest.mark.django_db

HOME = reverse("articles:article_list")
CHANGELIST = reverse("admin:articles_article_changelist")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.content.decode())


def pinned_title(document):
    found = document.cssselect(".pinned__title")
    return found[0].text_content().strip() if found else None


def card_titles(document):
    return [title.text_content().strip() for title in document.cssselect(".card__title")]


def section_url(name):
    return reverse("articles:section_detail", kwargs={"name": name})


def pinned(title, pin=Article.Pin.HEADLINE, hours=2, **fields):
    until = timezone.now() + timedelta(hours=hours)
    return make_article(title, pin=pin, pinned_until=until, **fields)


class TestHeadline:
    def test_the_pinned_headline_leads_the_home_page(self, client):
        make_article("最新的稿件")
        pinned("头条稿件", lead="今天的头条导语。")
        document = page(client, HOME)
        assert pinned_title(document) == "头条稿件"
        assert document.cssselect(".pinned__label")[0].text_content() == "头条"
        assert "今天的头条导语。" in document.cssselect(".pinned__summary")[0].text_content()
        # above the latest list, where it is listed as well
        html = lxml.html.tostring(document, encoding="unicode")
        assert html.index("pinned__title") < html.index('<h1 class="page-title">')

    def test_a_pin_lapses_by_itself_when_its_time_passes(self, client):
        article = pinned("头条稿件", hours=1)
        assert pinned_title(page(client, HOME)) == "头条稿件"
        later = article.pinned_until + timedelta(seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            assert pinned_title(page(client, HOME)) is None

    @pytest.mark.parametrize(
        "fields",
        [
            {"status": Article.Status.DRAFT},
            {"status": Article.Status.REVIEW},
            {"published_at": timezone.now() + timedelta(hours=1)},
        ],
    )
    def test_an_unpublished_headline_shows_nothing(self, client, fields):
        make_article("已发布")
        pinned("未发布的头条", **fields)
        document = page(client, HOME)
        assert pinned_title(document) is None
        assert "未发布的头条" not in lxml.html.tostring(document, encoding="unicode")

    def test_a_section_pin_is_not_the_headline(self, client):
        pinned("栏目置顶稿", pin=Article.Pin.SECTION, section="要闻")
        assert pinned_title(page(client, HOME)) is None

    def test_only_the_first_page_opens_with_it(self, client):
        for index in range(21):
            make_article(f"稿件{index}")
        pinned("头条稿件")
        assert pinned_title(page(client, HOME + "?page=2")) is None

    def test_a_pin_needs_an_end(self):
        article = Article(title="头条", pin=Article.Pin.HEADLINE)
        with pytest.raises(ValidationError, match="置顶至"):
            article.validate_constraints()

    def test_a_new_headline_lifts_the_old_one(self):
        old = pinned("旧头条")
        new = make_article("新头条")
        Article.objects.filter(pk=new.pk).pin_as(Article.Pin.HEADLINE, old.pinned_until)
        assert list(Article.objects.pinned(Article.Pin.HEADLINE)) == [new]
        old.refresh_from_db()
        assert (old.pin, old.pinned_until) == ("", None)

    def test_a_section_pin_lifts_only_its_own_sections(self):
        until = timezone.now() + timedelta(hours=1)
        news = pinned("要闻置顶", pin=Article.Pin.SECTION, section="要闻")
        life = pinned("民生置顶", pin=Article.Pin.SECTION, section="民生")
        newer = make_article("要闻新置顶", section="要闻")
        Article.objects.filter(pk=newer.pk).pin_as(Article.Pin.SECTION, until)
        assert set(Article.objects.pinned(Article.Pin.SECTION)) == {life, newer}
        news.refresh_from_db()
        assert news.pin == ""


class TestSections:
    def test_a_section_lists_its_published_articles_newest_first_pinned_on_top(self, client):
        make_article("较早要闻", section="要闻", published_at=shanghai(2022, 4, 19))
        make_article("较新要闻", section="要闻", published_at=shanghai(2022, 4, 20))
        pinned("置顶要闻", pin=Article.Pin.SECTION, section="要闻")
        make_article("民生稿", section="民生")
        make_article("要闻草稿", section="要闻", status=Article.Status.DRAFT)
        document = page(client, section_url("要闻"))
        assert pinned_title(document) == "置顶要闻"
        assert document.cssselect(".pinned__label")[0].text_content() == "置顶"
        assert card_titles(document) == ["置顶要闻", "较新要闻", "较早要闻"]
        assert document.cssselect("h1.page-title")[0].text_content() == "要闻"

    def test_another_sections_pin_is_not_shown(self, client):
        make_article("要闻稿", section="要闻")
        pinned("民生置顶", pin=Article.Pin.SECTION, section="民生")
        assert pinned_title(page(client, section_url("要闻"))) is None

    def test_a_chinese_name_works_in_the_address(self, client):
        make_article("乡村稿", section="乡村振兴")
        assert section_url("乡村振兴") == "/section/" + quote("乡村振兴") + "/"
        assert card_titles(page(client, "/section/乡村振兴/")) == ["乡村稿"]

    def test_a_section_without_published_articles_is_404(self, client):
        make_article("草稿", section="未发布", status=Article.Status.DRAFT)
        assert client.get(section_url("未发布")).status_code == 404
        assert client.get(section_url("没有这个栏目")).status_code == 404

    def test_the_navigation_lists_the_busiest_sections(self, client):
        for index in range(3):
            make_article(f"民生{index}", section="民生")
        make_article("要闻", section="要闻")
        make_article("草稿", section="草稿栏目", status=Article.Status.DRAFT)
        make_article("斜杠", section="A/B")
        nav = page(client, HOME).cssselect("nav.section-nav a")
        assert [link.text_content() for link in nav] == ["民生", "要闻"]
        assert nav[0].get("href") == section_url("民生")
        current = page(client, section_url("要闻")).cssselect("nav.section-nav [aria-current]")
        assert [link.text_content() for link in current] == ["要闻"]

    def test_the_navigation_is_counted_once_then_kept(self, client, django_assert_num_queries):
        make_article("要闻", section="要闻")
        client.get("/archive/")
        # the archive's month list only: the sections come from the cache
        with django_assert_num_queries(1):
            document = page(client, "/archive/")
        assert [a.text_content() for a in document.cssselect("nav.section-nav a")] == ["要闻"]

    def test_a_sections_feeds_list_its_articles(self, client):
        make_article("要闻稿", section="要闻")
        make_article("民生稿", section="民生")
        for name in ("articles:section_feed_rss", "articles:section_feed_atom"):
            response = client.get(reverse(name, kwargs={"name": "要闻"}))
            assert response.status_code == 200
            content = response.content.decode()
            assert "要闻稿" in content and "民生稿" not in content
            assert "栏目：要闻" in content
        document = page(client, section_url("要闻"))
        feeds = document.xpath("//link[@rel='alternate']/@href")
        assert reverse("articles:section_feed_rss", kwargs={"name": "要闻"}) in feeds

    def test_a_feed_of_a_section_without_published_articles_is_404(self, client):
        make_article("草稿", section="未发布", status=Article.Status.DRAFT)
        url = reverse("articles:section_feed_rss", kwargs={"name": "未发布"})
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("articles", [1, 10])
    def test_feed_queries_are_constant(self, client, django_assert_num_queries, articles):
        for index in range(articles):
            make_article(f"要闻{index}", section="要闻", tags=("抗疫", "运城"), images=2)
        # the articles with their stored stories (credits, tags and images drawn in them)
        with django_assert_num_queries(1):
            client.get(reverse("articles:section_feed_rss", kwargs={"name": "要闻"}))


class TestSubscribe:
    def test_the_page_explains_the_feeds_in_chinese(self, client):
        make_article("要闻稿", section="要闻")
        document = page(client, reverse("articles:subscribe"))
        text = document.text_content()
        assert "什么是 RSS 和 Atom" in text and "怎样添加到阅读器" in text
        codes = [code.text_content() for code in document.cssselect("code")]
        assert "http://testserver/feeds/rss/" in codes
        assert "http://testserver/feeds/atom/" in codes
        assert "http://testserver/tags/标签名/rss/" in codes
        assert "http://testserver/sources/来源名/rss/" in codes
        assert "http://testserver/section/栏目名/rss/" in codes
        links = document.xpath("//a/@href")
        assert reverse("articles:section_feed_rss", kwargs={"name": "要闻"}) in links

    def test_linked_from_the_navigation_and_the_footer(self, client):
        document = page(client, HOME)
        subscribe = reverse("articles:subscribe")
        assert document.cssselect(f".site-nav a[href='{subscribe}']")
        assert document.cssselect(f".site-footer a[href='{subscribe}']")


class TestFeedDates:
    def rss_dates(self, client):
        channel = etree.fromstring(client.get(reverse("articles:feed_rss")).content)
        return {item.findtext("title"): item.findtext("pubDate") for item in channel.iter("item")}

    def test_an_item_is_dated_as_its_page(self, client):
        make_article(
            "有原稿日期",
            reported_at=shanghai(2022, 4, 19),
            published_at=shanghai(2022, 4, 25, 15),
        )
        make_article("无原稿日期", published_at=shanghai(2022, 4, 25, 16))
        dates = self.rss_dates(client)
        assert dates["有原稿日期"] == "Tue, 19 Apr 2022 01:00:00 +0000"
        assert dates["无原稿日期"] == "Mon, 25 Apr 2022 08:00:00 +0000"
        atom = client.get(reverse("articles:feed_atom")).content.decode()
        assert "<published>2022-04-19T01:00:00+00:00</published>" in atom

    def test_the_page_shows_the_same_date(self, client):
        dated = make_article("有原稿日期", reported_at=shanghai(2022, 4, 19))
        undated = make_article("无原稿日期", published_at=shanghai(2022, 4, 25, 16))
        assert "2022年4月19日" in page(client, dated.get_absolute_url()).text_content()
        shown = page(client, undated.get_absolute_url()).cssselect(".story__header .date-published")
        assert " ".join(shown[0].text_content().split()) == "本站发布于 2022年4月25日 16:00"


class TestSearchSnippets:
    def test_the_lead_is_shown_once(self, client):
        lead = "下沉干部樊庶与居民沟通。"
        make_article("守门员", lead=lead, body=f"<p>{lead}</p><p>别的段落。</p>")
        document = page(client, reverse("articles:search") + "?q=" + quote("樊庶"))
        card = document.cssselect(".card")[0]
        assert card.text_content().count("与居民沟通") == 1
        assert not card.cssselect(".card__snippet")

    def test_a_match_beyond_the_lead_is_quoted_after_it(self, client):
        lead = "下沉干部与居民沟通。"
        body = f"<p>{lead}</p><p>志愿者王芳每天坚持开展志愿服务。</p>"
        make_article("守门员", lead=lead, body=body)
        document = page(client, reverse("articles:search") + "?q=" + quote("王芳"))
        card = document.cssselect(".card")[0]
        assert card.text_content().count("与居民沟通") == 1
        snippet = card.cssselect(".card__snippet")[0]
        assert [mark.text_content() for mark in snippet.cssselect("mark")] == ["王芳"]


class TestFavicon:
    def test_favicon_ico_leads_to_the_linked_icon(self, client):
        document = page(client, HOME)
        (icon,) = document.xpath("//link[@rel='icon']/@href")
        response = client.get("/favicon.ico")
        assert response.status_code == 301
        assert response["Location"] == icon
        assert icon.endswith(".svg")


class TestPinningInTheAdmin:
    def run(self, client, action, articles, **fields):
        data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **fields}
        return client.post(CHANGELIST, data)

    def test_a_chief_pins_a_headline_until_a_time(self, chief_client):
        article = make_draft("头条", status=Article.Status.PUBLISHED)
        asked = self.run(chief_client, "pin_as_headline", [article])
        assert "置顶至" in asked.content.decode()
        until = timezone.localtime() + timedelta(days=2)
        done = self.run(
            chief_client,
            "pin_as_headline",
            [article],
            apply="1",
            until_0=f"{until:%Y-%m-%d}",
            until_1=f"{until:%H:%M:%S}",
        )
        assert done.status_code == 302
        article.refresh_from_db()
        assert article.pin == Article.Pin.HEADLINE
        assert abs(article.pinned_until - until) < timedelta(seconds=1)
        listed = chief_client.get(CHANGELIST).content.decode()
        assert "头条，至" in listed

    def test_a_pin_in_the_past_is_refused(self, chief_client):
        article = make_draft("头条", status=Article.Status.PUBLISHED)
        past = timezone.localtime() - timedelta(hours=1)
        refused = self.run(
            chief_client,
            "pin_as_headline",
            [article],
            apply="1",
            until_0=f"{past:%Y-%m-%d}",
            until_1=f"{past:%H:%M:%S}",
        )
        assert "须在将来" in refused.content.decode()
        article.refresh_from_db()
        assert article.pin == ""

    def test_pinning_to_a_section_skips_articles_without_one(self, chief_client):
        with_section = make_draft("有栏目", section="要闻")
        without = make_draft("无栏目")
        until = timezone.localtime() + timedelta(days=1)
        self.run(
            chief_client,
            "pin_to_section",
            [with_section, without],
            apply="1",
            until_0=f"{until:%Y-%m-%d}",
            until_1=f"{until:%H:%M:%S}",
        )
        assert list(Article.objects.exclude(pin="")) == [with_section]

    def test_lifting_pins(self, chief_client):
        article = pinned("头条")
        self.run(chief_client, "lift_pins", [article])
        article.refresh_from_db()
        assert (article.pin, article.pinned_until) == ("", None)

    def test_a_lapsed_pin_is_marked_in_the_list(self, chief_client):
        make_article("过期头条", pin=Article.Pin.HEADLINE, pinned_until=shanghai(2022, 4, 20))
        assert "已过期" in chief_client.get(CHANGELIST).content.decode()

    def test_editors_may_not_pin(self, editor_client):
        article = make_draft("头条", status=Article.Status.PUBLISHED)
        actions = editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices
        assert not {"pin_as_headline", "pin_to_section", "lift_pins"} & set(dict(actions))
        form = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        assert "pin" not in form.context["adminform"].form.fields

    def test_a_chief_pins_through_the_form(self, chief_client):
        from tests.articles.test_admin_articles import form_data

        old = pinned("旧头条")
        article = make_draft("新头条", status=Article.Status.PUBLISHED)
        until = timezone.localtime() + timedelta(days=1)
        response = chief_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            form_data(
                article,
                published_at_0=f"{timezone.localtime(article.published_at):%Y-%m-%d}",
                published_at_1=f"{timezone.localtime(article.published_at):%H:%M:%S}",
                pin=Article.Pin.HEADLINE,
                pinned_until_0=f"{until:%Y-%m-%d}",
                pinned_until_1=f"{until:%H:%M:%S}",
            ),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert list(Article.objects.pinned(Article.Pin.HEADLINE)) == [article]
        old.refresh_from_db()
        assert old.pin == ""

    def test_a_pin_without_an_end_is_refused_in_the_form(self, chief_client):
        from tests.articles.test_admin_articles import form_data

        article = make_draft("头条")
        response = chief_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            form_data(article, pin=Article.Pin.HEADLINE),
        )
        assert response.status_code == 200
        assert "置顶须填写" in response.content.decode()
