from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import lxml.html
import pytest
from django.utils import timezone
from lxml import etree
from PIL import Image as PILImage

from articles.feeds import entry_key
from articles.models import Article, ArticleStory, Image, Source, Tag
from articles.services.tag_merging import merge_tags

from .reader_data import committed, make_article, newspaper

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, etree.fromstring(response.content)


@pytest.fixture
def articles():
    paper = newspaper()
    relay = Source.objects.create(name="趣头条", kind=Source.Kind.AGGREGATOR)
    now = timezone.now()
    newest = make_article(
        "临时党支部 战“疫”当先锋",
        source=paper,
        tags=("抗疫", "运城"),
        credits=(("王耀", "reporter"), ("王清波", "correspondent"), ("贾向飞", "correspondent")),
        published_at=now - timedelta(minutes=1),
    )
    make_article(
        "“你们来了,顶了大事!”",
        source=newspaper("人民网"),
        via=relay,
        tags=("志愿者",),
        images=0,
        published_at=now - timedelta(minutes=2),
    )
    make_article("草稿不进订阅", status=Article.Status.DRAFT, tags=("抗疫",), source=paper)
    make_article(
        "定时稿不进订阅",
        published_at=now + timedelta(hours=1),
        tags=("抗疫",),
        source=paper,
    )
    return newest


class TestRss:
    def test_site_feed_carries_full_published_articles(self, client, articles):
        response, rss = feed(client, "/feeds/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        items = rss.findall("channel/item")
        assert [item.findtext("title") for item in items] == [
            "临时党支部 战“疫”当先锋",
            "“你们来了,顶了大事!”",
        ]
        first = items[0]
        assert first.findtext("link") == "http://testserver" + articles.get_absolute_url()
        assert "<h2>党旗插在最高处</h2>" in first.findtext(CONTENT_ENCODED)
        assert first.findtext("description").startswith("“同志您好")
        assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == (
            "记者 王耀 通讯员 王清波 贾向飞"
        )
        assert {category.text for category in first.findall("category")} == {"抗疫", "运城"}
        enclosure = first.find("enclosure")
        assert enclosure.get("url") == f"https://img.example.com/{articles.pk}-0.jpg"
        assert enclosure.get("length") == "0"
        assert enclosure.get("type") == "image/jpeg"
        assert items[1].find("enclosure") is None

    def test_enclosure_of_a_stored_image_has_its_size(self, client, articles):
        buffer = BytesIO()  # a picture Pillow verifies (a checksum-broken one is refused)
        PILImage.new("RGBA", (1, 1)).save(buffer, format="PNG")
        png = buffer.getvalue()
        with committed():
            articles.images.all().delete()
            image = Image(article=articles, caption="樊庶为居民答疑解惑。")
            image.set_file_content(png, "photo.png")
            image.save()
        _, rss = feed(client, "/feeds/rss/")
        enclosure = rss.find("channel/item/enclosure")
        assert enclosure.get("url").startswith("http://testserver/media/images/")
        assert enclosure.get("length") == str(len(png))
        assert enclosure.get("type") == "image/png"

    def test_feed_answers_conditional_get(self, client, articles):
        response, _ = feed(client, "/feeds/rss/")
        assert response.has_header("Last-Modified")
        again = client.get("/feeds/rss/", headers={"If-Modified-Since": response["Last-Modified"]})
        assert again.status_code == 304


class TestAtom:
    def test_site_feed(self, client, articles):
        response, atom = feed(client, "/feeds/atom/")
        assert response["Content-Type"].startswith("application/atom+xml")
        entries = atom.findall(f"{ATOM}entry")
        assert len(entries) == 2
        content = entries[0].find(f"{ATOM}content")
        assert content.get("type") == "html"
        assert "<h2>党旗插在最高处</h2>" in content.text
        enclosure = entries[0].find(f"{ATOM}link[@rel='enclosure']")
        assert enclosure.get("href") == f"https://img.example.com/{articles.pk}-0.jpg"


class TestFilteredFeeds:
    @pytest.mark.parametrize(
        ("url", "titles"),
        [
            ("/tags/抗疫/rss/", ["临时党支部 战“疫”当先锋"]),
            ("/tags/志愿者/rss/", ["“你们来了,顶了大事!”"]),
            ("/sources/运城晚报/rss/", ["临时党支部 战“疫”当先锋"]),
            ("/sources/趣头条/rss/", ["“你们来了,顶了大事!”"]),
        ],
    )
    def test_rss(self, client, articles, url, titles):
        _, rss = feed(client, url)
        assert [item.findtext("title") for item in rss.findall("channel/item")] == titles

    def test_atom_and_titles(self, client, articles):
        _, atom = feed(client, "/tags/抗疫/atom/")
        assert atom.findtext(f"{ATOM}title") == "新闻编辑部 · 标签：抗疫"
        assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == [
            "临时党支部 战“疫”当先锋"
        ]
        _, atom = feed(client, "/sources/运城晚报/atom/")
        assert atom.findtext(f"{ATOM}title") == "新闻编辑部 · 来源：运城晚报"

    @pytest.mark.parametrize("url", ["/tags/没有/rss/", "/sources/没有/atom/"])
    def test_unknown_owner_is_404(self, client, articles, url):
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_a_merged_tags_feed_moves_with_it(self, client, articles, kind):
        """A reader subscribed to a tag an editor merged into another keeps getting its
        articles: the old feed's address redirects to the same feed of the tag it became."""
        merge_tags([Tag.objects.get(name="抗疫")], Tag.objects.get(name="运城"))

        response = client.get(f"/tags/抗疫/{kind}/")

        assert response.status_code == 301
        assert unquote(response["Location"]) == f"/tags/运城/{kind}/"
        _, moved = feed(client, response["Location"])
        titles = moved.iter("{*}title", "title")
        assert "临时党支部 战“疫”当先锋" in [title.text for title in titles]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/",
        "/feeds/atom/",
        "/tags/抗疫/rss/",
        "/sources/运城晚报/atom/",
        "/section/要闻/rss/",
    ],
)
@pytest.mark.parametrize("count", [1, 8])
def test_feed_queries_are_constant(client, django_assert_num_queries, url, count):
    for index in range(count):
        make_article(
            f"稿件{index}",
            credits=(("王耀", "reporter"), ("寇雅楠", "photographer")),
            tags=("抗疫", "运城"),
            images=2,
            source=newspaper(),
            section="要闻",
        )
    # the stored entries, read as they are, in one query; a tag's or source's feed finds its
    # owner first
    with django_assert_num_queries(2 if url.startswith(("/tags/", "/sources/")) else 1):
        assert client.get(url).status_code == 200


def test_an_entry_without_a_stored_story_reads_its_parts(client, django_assert_num_queries):
    make_article("新稿", credits=(("王耀", "reporter"),), tags=("抗疫",), images=1)
    stored = make_article("旧稿", credits=(("寇雅楠", "photographer"),), tags=("运城",))
    expected = feed(client, "/feeds/rss/")[1]
    ArticleStory.objects.exclude(article=stored).delete()
    # the stored entries, then the one without a story drawn: its row, credits, tags, images
    with django_assert_num_queries(5):
        _, rss = feed(client, "/feeds/rss/")
    assert entries(rss) == entries(expected)
    assert entries(rss)[1][2] == "记者 王耀"


def entries(rss):
    """What a feed reader shows of each item: title, summary, credits, tags, picture."""
    return [
        (
            item.findtext("title"),
            item.findtext("description"),
            item.findtext("{http://purl.org/dc/elements/1.1/}creator"),
            sorted(category.text for category in item.findall("category")),
            item.find("enclosure").get("url") if item.find("enclosure") is not None else None,
        )
        for item in rss.findall("channel/item")
    ]


@pytest.mark.parametrize(
    ("url", "summary"),
    [("/feeds/rss/", "channel/item/description"), ("/feeds/atom/", f"{ATOM}entry/{ATOM}summary")],
)
@pytest.mark.parametrize(
    "lead", ["<script>alert(1)</script>核酸检测", "&lt;script&gt;alert(1)&lt;/script&gt;核酸检测"]
)
def test_a_plain_text_summary_reaches_the_reader_as_text(client, url, summary, lead):
    """A feed reader renders the summary as HTML: it must hold the lead escaped, as text."""
    make_article("导语里有脚本", lead=lead)
    _, tree = feed(client, url)
    html = tree.find(summary).text  # what the feed reader renders
    assert "<script" not in html
    assert lxml.html.fragment_fromstring(html, create_parent="div").text_content() == lead


class TestStoredEntries:
    """Each entry is drawn at commit with its story and the feed reads it as stored."""

    def test_the_feed_writes_the_stored_entries(self, client, articles):
        story = ArticleStory.objects.get(article=articles)
        assert story.feed_key == entry_key()
        assert story.rss_item.startswith("<item><title>临时党支部 战“疫”当先锋</title><link><>/")
        marked = story.rss_item.replace("党旗插在最高处", "写入时的条目")
        ArticleStory.objects.filter(pk=story.pk).update(rss_item=marked)
        _, rss = feed(client, "/feeds/rss/")
        first = rss.find("channel/item")
        assert "<h2>写入时的条目</h2>" in first.findtext(CONTENT_ENCODED)
        assert first.findtext("link") == "http://testserver" + articles.get_absolute_url()

    @pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
    def test_stored_entries_read_as_entries_drawn_now(self, client, articles, url):
        stored = client.get(url, secure=True).content
        ArticleStory.objects.update(feed_key="")
        drawn = client.get(url, secure=True).content
        assert drawn == stored
        assert b"https://testserver/articles/" in drawn

    def test_an_entry_not_current_is_drawn_and_stored(self, client, django_assert_num_queries):
        article = make_article("旧条目")
        ArticleStory.objects.update(feed_key="")
        # the entries, the one not current drawn (one query: its story is stored), then stored
        with django_assert_num_queries(3):
            feed(client, "/feeds/rss/")
        assert ArticleStory.objects.get(article=article).feed_key == entry_key()
        with django_assert_num_queries(1):
            feed(client, "/feeds/rss/")

    def test_a_bulk_update_retires_the_entry(self, client, articles):
        """The admin's bulk actions move `updated_at` without redrawing the story."""
        later = timezone.now() + timedelta(minutes=5)
        Article.objects.filter(pk=articles.pk).update(updated_at=later)
        _, atom = feed(client, "/feeds/atom/")
        assert atom.find(f"{ATOM}entry/{ATOM}updated").text == later.isoformat()


class TestChangesReachTheNextFeed:
    def test_title_and_body(self, client, articles):
        feed(client, "/feeds/rss/")
        with committed():
            articles.title = "改过的标题"
            articles.body = "<p>改过的正文</p>"
            articles.save()
        _, rss = feed(client, "/feeds/rss/")
        first = rss.find("channel/item")
        assert first.findtext("title") == "改过的标题"
        assert first.findtext(CONTENT_ENCODED) == "<p>改过的正文</p>"

    def test_tags(self, client, articles):
        feed(client, "/tags/抗疫/atom/")
        with committed():
            articles.tags.add("核酸检测")
            articles.tags.remove("运城")
        _, rss = feed(client, "/feeds/rss/")
        categories = {category.text for category in rss.find("channel/item").findall("category")}
        assert categories == {"抗疫", "核酸检测"}
        _, atom = feed(client, "/tags/核酸检测/atom/")
        assert len(atom.findall(f"{ATOM}entry")) == 1
        assert client.get("/tags/运城/rss/").status_code == 404

    def test_source_rename(self, client, articles):
        source = articles.source
        feed(client, f"/sources/{source.slug}/rss/")
        with committed():
            source.name = "运城日报"
            source.save()
        _, rss = feed(client, f"/sources/{source.slug}/rss/")
        assert rss.findtext("channel/title") == "新闻编辑部 · 来源：运城日报"
        assert len(rss.findall("channel/item")) == 1

    @pytest.mark.parametrize("bulk", [False, True])
    def test_unpublish(self, client, articles, bulk):
        feed(client, "/feeds/rss/")
        with committed():
            if bulk:
                Article.objects.filter(pk=articles.pk).update(status=Article.Status.DRAFT)
            else:
                articles.status = Article.Status.DRAFT
                articles.save()
        _, rss = feed(client, "/feeds/rss/")
        assert [item.findtext("title") for item in rss.findall("channel/item")] == [
            "“你们来了,顶了大事!”"
        ]
        assert client.get(f"/sources/{articles.source.slug}/rss/").status_code == 404
