"""The reader site in Debian's Chromium: home, an article, search, a tag's pages."""

import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone
from PIL import Image as PillowImage

from articles.models import Article, Source
from tests.articles.reader_data import make_article, newspaper, shanghai
from tests.browser.conftest import ARTIFACTS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def photo_bytes(width, height):
    """A JPEG standing in for the remote photo host: a warm gradient, no text."""
    picture = PillowImage.new("RGB", (width, height))
    picture.putdata(
        [
            (180 + x * 60 // width, 120 + y * 80 // height, 90)
            for y in range(height)
            for x in range(width)
        ]
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    photo = photo_bytes(640, 427)
    # The only outside boundary: the remote photo host, answered locally.
    context.route(
        "https://img.example.com/**",
        lambda route: route.fulfill(status=200, content_type="image/jpeg", body=photo),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def newsroom():
    paper = newspaper()
    relay = Source.objects.create(name="趣头条", kind=Source.Kind.AGGREGATOR)
    now = timezone.now()
    for index in range(23):
        make_article(
            f"社区防控第{index + 1}站：下沉干部的一天",
            source=paper,
            tags=("抗疫",),
            images=1 if index % 3 == 0 else 0,
            reported_at=shanghai(2022, 4, 19) if index % 2 else None,
            published_at=now - timedelta(hours=index + 2),
        )
    return make_article(
        "临时党支部 战“疫”当先锋",
        kicker="机关干部下沉 助力疫情防控",
        subtitle="盐湖区畜牧局家属院的六天六夜",
        source=paper,
        via=relay,
        dateline="运城",
        reported_at=shanghai(2022, 4, 20),
        date_precision=Article.DatePrecision.DAY,
        original_url="https://www.example.com/2022-04/20/content.html",
        credits=(
            ("王耀", "reporter"),
            ("王清波", "correspondent"),
            ("贾向飞", "correspondent"),
            ("寇雅楠", "photographer"),
        ),
        tags=("抗疫", "志愿者", "运城"),
        images=3,
        lead="盐湖区畜牧局家属院、动物检疫站家属院和煤建公司家属院，3个家属院共有54户、162人。",
        published_at=now - timedelta(minutes=5),
    )


def screenshot(page, name):
    """The whole page, its lazy images loaded first."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_home_then_article_with_captions(live_server, page, newsroom):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator(".card").count() == 20
    first_card = page.locator(".card").first
    assert "记者 王耀" in " ".join(first_card.inner_text().split())
    screenshot(page, "home-desktop.png")

    first_card.get_by_role("link", name="临时党支部 战“疫”当先锋").click()
    page.wait_for_url(f"**/articles/{newsroom.pk}/**")
    assert page.get_by_role("heading", level=1).inner_text() == "临时党支部 战“疫”当先锋"
    captions = page.locator("figure figcaption")
    assert captions.count() == 3
    assert captions.nth(1).inner_text() == "下沉干部为居民答疑解惑（第2张） 人民网 寇雅楠摄"
    assert captions.nth(0).is_visible()
    lead_photo = page.locator("figure img").first
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=lead_photo.element_handle()
    )
    credits = page.locator(".story__credits .credit").all_inner_texts()
    assert [" ".join(credit.split()) for credit in credits] == [
        "记者 王耀",
        "通讯员 王清波 贾向飞",
        "摄影 寇雅楠",
    ]
    screenshot(page, "article-desktop.png")

    page.set_viewport_size(PHONE)
    page.reload()
    # nothing sticks out sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "article-phone.png")
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "home-phone.png")


def test_chinese_search_from_the_header(live_server, page, newsroom):
    make_article("无关的稿件", body="<p>今天天气很好。</p>", tags=(), credits=())
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="搜索文章").fill("核酸")
    page.get_by_role("searchbox", name="搜索文章").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "找到 24 篇" in page.get_by_role("status").inner_text()
    marks = page.locator(".card__summary mark").all_inner_texts()
    assert marks and set(marks) == {"核酸"}

    page.goto(live_server.url + "/search/?q=" + quote("贾向飞"))
    assert page.locator(".card__title").all_inner_texts() == ["临时党支部 战“疫”当先锋"]
    screenshot(page, "search-desktop.png")


def test_page_through_a_tag(live_server, page, newsroom):
    page.goto(live_server.url + "/")
    page.locator(".story, .card").first.get_by_role("link", name="抗疫").click()
    page.wait_for_url("**/tags/**")
    assert page.get_by_role("heading", level=1).inner_text() == "抗疫"
    assert page.locator(".card").count() == 20
    page.get_by_role("link", name="下一页 →").click()
    page.wait_for_url("**page=2")
    assert page.locator(".card").count() == 4
    assert "第 2 页，共 2 页" in page.locator(".pagination").inner_text()
    page.get_by_role("link", name="← 上一页").click()
    page.wait_for_url("**page=1")
    assert page.locator(".card").count() == 20


def test_keyboard_user_can_skip_to_content(live_server, page, newsroom):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()


def test_front_page_headline_sections_and_subscribing(live_server, page):
    until = timezone.now() + timedelta(hours=6)
    for index in range(3):
        make_article(f"民生新闻第{index + 1}篇", section="民生")
    make_article("要闻：春耕备耕有序推进", section="要闻")
    make_article(
        "今日头条：全市核酸检测点全部开放",
        lead="全市 120 个核酸检测点今天起全部开放。",
        section="要闻",
        pin=Article.Pin.HEADLINE,
        pinned_until=until,
    )
    make_article(
        "民生置顶：菜篮子供应充足",
        section="民生",
        pin=Article.Pin.SECTION,
        pinned_until=until,
        published_at=timezone.now() - timedelta(days=3),
    )

    page.goto(live_server.url + "/")
    headline = page.locator(".pinned--headline")
    assert headline.locator(".pinned__label").inner_text() == "头条"
    assert headline.get_by_role("heading").inner_text() == "今日头条：全市核酸检测点全部开放"
    headline_box, list_box = headline.bounding_box(), page.locator(".cards").bounding_box()
    assert headline_box["y"] < list_box["y"]
    screenshot(page, "home-headline-desktop.png")

    sections = page.get_by_role("navigation", name="栏目")
    assert sections.get_by_role("link").all_inner_texts() == ["民生", "要闻"]
    sections.get_by_role("link", name="民生").click()
    page.wait_for_url("**/section/" + quote("民生") + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "民生"
    assert page.locator(".pinned__title").inner_text() == "民生置顶：菜篮子供应充足"
    assert page.locator("[aria-current=page]").inner_text() == "民生"
    titles = page.locator(".card__title").all_inner_texts()
    assert titles[0] == "民生新闻第3篇" and titles[-1] == "民生置顶：菜篮子供应充足"
    rss = page.get_by_role("link", name="RSS").first.get_attribute("href")
    assert page.request.get(live_server.url + rss).ok

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "section-phone.png")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("contentinfo").get_by_role("link", name="订阅本站").click()
    page.wait_for_url("**/subscribe/")
    assert page.get_by_role("heading", level=1).inner_text() == "订阅本站"
    assert page.get_by_role("heading", name="什么是 RSS 和 Atom").is_visible()
    assert live_server.url + "/feeds/rss/" in page.locator("code").all_inner_texts()
    screenshot(page, "subscribe-desktop.png")


def test_the_favicon_is_served(live_server, page):
    make_article("稿件")
    page.goto(live_server.url + "/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.endswith(".svg")
    response = page.request.get(live_server.url + "/favicon.ico")
    assert response.ok
    assert response.url.endswith(icon)
