"""Renditions: made once with Pillow, kept in storage, drawn as `<picture>` with srcset."""

from io import BytesIO

import lxml.html
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import RequestFactory
from django.views.static import serve
from PIL import Image as PILImage

from articles import renditions
from articles.models import Article, ArticleStory, Image

from .reader_data import build_article, committed, make_article

pytestmark = pytest.mark.django_db


def picture_bytes(size=(1600, 1000), image_format="JPEG", mode="RGB", colour="navy"):
    buffer = BytesIO()
    PILImage.new(mode, size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def stored(article, caption="樊庶为居民答疑解惑。", **picture):
    """A stored picture of `article`, committed: its card is drawn again."""
    image = Image(article=article, caption=caption, credit="人民网 寇雅楠摄")
    image.set_file_content(picture_bytes(**picture), "photo.jpg")
    with committed():
        image.save()
    return image


def fresh(image):
    """The row as another request reads it: no cached property, no memory of renditions."""
    cache.clear()
    return Image.objects.get(pk=image.pk)


def test_article_renditions_are_webp_and_the_originals_kind_at_three_widths():
    image = stored(make_article("图片测试", images=0))
    picture = image.picture
    webp = [candidate.split() for candidate in picture.webp_srcset.split(", ")]
    assert [width for _url, width in webp] == ["480w", "800w", "1200w"]
    assert picture.srcset.count(".jpg ") == 3 and ".webp" not in picture.srcset
    assert picture.src.endswith(f"{image.sha256}-1200w.jpg")
    for url, width in webp:
        name = url.removeprefix("/media/")
        assert name == renditions.rendition_name(image.sha256, int(width[:-1]), "webp")
        with default_storage.open(name) as file, PILImage.open(file) as made:
            assert (made.format, made.width) == ("WEBP", int(width[:-1]))
            assert made.height == round(int(width[:-1]) * 1000 / 1600)


@pytest.mark.parametrize(
    ("width", "widths"),
    [(640, ["480w", "640w"]), (300, ["300w"]), (1200, ["480w", "800w", "1200w"])],
)
def test_no_rendition_is_wider_than_the_original(width, widths):
    image = stored(make_article("小图", images=0), size=(width, 200))
    assert [candidate.split()[1] for candidate in image.picture.webp_srcset.split(", ")] == widths


def test_a_transparent_png_falls_back_to_png():
    image = stored(
        make_article("透明图", images=0), size=(900, 600), image_format="PNG", mode="RGBA"
    )
    assert image.file.name.endswith(".png")
    assert image.picture.src.endswith("-900w.png")


def test_a_rendition_present_in_storage_is_never_made_again():
    image = stored(make_article("只做一次", images=0))
    image.picture  # noqa: B018 – made at first use
    name = renditions.rendition_name(image.sha256, 800, "webp")
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"kept as it is"))
    names_before = sorted(default_storage.listdir(name.rsplit("/", 1)[0])[1])

    again = fresh(image).picture
    assert f"/media/{name} 800w" in again.webp_srcset
    with default_storage.open(name) as file:
        assert file.read() == b"kept as it is", "the stored rendition was not rewritten"
    assert sorted(default_storage.listdir(name.rsplit("/", 1)[0])[1]) == names_before


def test_once_known_a_rendition_costs_the_storage_no_question(monkeypatch):
    image = stored(make_article("不再询问", images=0))
    image.picture  # noqa: B018
    asked, exists = [], FileSystemStorage.exists
    monkeypatch.setattr(
        FileSystemStorage, "exists", lambda self, name: asked.append(name) or exists(self, name)
    )
    Image.objects.get(pk=image.pk).picture  # noqa: B018 – the cache remembers them
    assert asked == []


def test_a_remote_image_has_no_renditions_and_keeps_its_address():
    article = make_article("远程图片", images=1)
    image = article.images.get()
    assert image.picture is None and image.card_picture is None
    assert image.url == image.original_url


def test_an_address_that_is_not_http_is_never_shown():
    article = make_article("坏地址", images=0)
    [image] = Image.objects.bulk_create(
        [Image(article=article, original_url="javascript:alert(1)")]
    )
    assert image.url == ""


def test_a_stored_image_is_served_with_its_content_type(settings):
    image = stored(make_article("内容类型", images=0), image_format="PNG")
    response = serve(RequestFactory().get("/"), image.file.name, document_root=settings.MEDIA_ROOT)
    assert response["Content-Type"] == "image/png"


def loaded_addresses(page):
    """Every address the page's `<img>` and `<source>` elements may load."""
    return {
        candidate.split()[0]
        for element in page.iter("img", "source")
        for candidate in [element.get("src", ""), *element.get("srcset", "").split(",")]
        if candidate.strip()
    }


class TestPages:
    def test_the_card_shows_a_small_rendition_never_the_original(self, client):
        image = stored(make_article("卡片缩略图", images=0))
        page = lxml.html.fromstring(client.get("/").content)
        [card_image] = page.cssselect(".card__image img")
        [source] = page.cssselect(".card__image source")
        assert card_image.get("src").endswith(f"{image.sha256}-400w.jpg")
        assert source.get("srcset").endswith(f"{image.sha256}-400w.webp 400w")
        assert source.get("type") == "image/webp"
        assert image.file.url not in loaded_addresses(page)

    def test_the_article_page_draws_a_picture_with_srcset_sizes_and_dimensions(self, client):
        article = make_article("文章页图片", images=0)
        image = stored(article)
        page = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
        [figure] = page.cssselect("figure.figure")
        [source] = figure.cssselect("picture source[type='image/webp']")
        [img] = figure.cssselect("picture img")
        assert source.get("srcset") == image.picture.webp_srcset
        assert img.get("srcset") == image.picture.srcset
        assert img.get("sizes") == source.get("sizes") == renditions.ARTICLE_SIZES
        assert (img.get("width"), img.get("height")) == ("1600", "1000")
        assert image.file.url not in loaded_addresses(page), "the browser never loads the original"

    def test_pictures_stand_at_their_place_in_the_body(self, client):
        with committed():
            article = build_article("图片在原位", images=0)
            first = stored(article, "第一张图", colour="red")
            second = stored(article, "第二张图", colour="blue")
            remote = Image.objects.create(
                article=article,
                order=3,
                original_url="https://img.example.com/3.jpg",
                caption="远程",
            )
            article.body = (
                "<p>开头一段。</p>"
                f'<figure><img src="{second.url}" alt=""><figcaption>第二张图 寇雅楠摄</figcaption>'
                "</figure><p>中间一段。</p>"
                f'<figure><img src="{remote.original_url}"><figcaption>远程</figcaption></figure>'
                "<p>结尾一段。</p>"
            )
            article.save()
        page = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
        [body] = page.cssselect(".story__body")
        order = [
            element.text_content() if element.tag == "p" else element.get("src")
            for element in body.iter("p", "img")
        ]
        assert order == [
            "开头一段。",
            second.picture.src,
            "中间一段。",
            "https://img.example.com/3.jpg",
            "结尾一段。",
        ]
        assert body.cssselect("figure")[0].get("class") == "figure"
        assert body.cssselect("figcaption")[0].text_content() == "第二张图 寇雅楠摄"
        # the image the body does not show follows it; none is shown above it or twice
        gallery = page.cssselect(".story__gallery figure")
        assert [figure.cssselect("figcaption")[0].text_content() for figure in gallery] == [
            "第一张图 人民网 寇雅楠摄"
        ]
        assert len(page.cssselect("figure")) == 3
        assert first.file.url not in loaded_addresses(page)

    def test_a_hot_link_the_article_does_not_hold_is_left_out_with_its_caption(self, client):
        article = make_article("别处的图", images=1)
        article.body = (
            "<p>开头一段。</p><figure><img src='https://elsewhere.example/x.jpg'>"
            "<figcaption>别处的图说</figcaption></figure><p><img src='javascript:alert(1)'></p>"
            "<p>结尾一段。</p>"
        )
        with committed():
            article.save()
        page = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
        [body] = page.cssselect(".story__body")
        assert [p.text_content() for p in body.iter("p")] == ["开头一段。", "结尾一段。"]
        assert not body.cssselect("figure, img")
        assert "javascript:" not in lxml.html.tostring(page, encoding="unicode")


IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


def every_rendition_name(image):
    widths = [*renditions.ARTICLE_WIDTHS, renditions.CARD_WIDTH]
    return {
        renditions.rendition_name(image.sha256, width, extension)
        for width in widths
        for extension in ("webp", "jpg")
    }


class TestMadeWhenStored:
    def test_storing_a_picture_makes_its_renditions_once_the_transaction_commits(self, settings):
        settings.TASKS = IMMEDIATE_TASKS
        image = Image(article=make_article("入库即生成", images=0), caption="采样")
        with committed() as queued:
            image.set_file_content(picture_bytes(size=(2000, 1333)), "photo.jpg")
            image.save()
            assert not any(map(default_storage.exists, every_rendition_name(image)))
        assert queued, "queued on commit, not before"
        assert all(map(default_storage.exists, every_rendition_name(image)))

    def test_a_rolled_back_store_queues_nothing(self, settings):
        settings.TASKS = IMMEDIATE_TASKS
        image = Image(article=make_article("未提交", images=0))
        image.set_file_content(picture_bytes(colour="teal"), "photo.jpg")
        image.save()  # the test's transaction is rolled back: no commit, no task
        assert not any(map(default_storage.exists, every_rendition_name(image)))

    def test_queued_in_the_database_for_a_worker(self, settings):
        from django_tasks_db.models import DBTaskResult

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        image = Image(article=make_article("排队生成", images=0))
        with committed():
            image.set_file_content(picture_bytes(colour="maroon"), "photo.jpg")
            image.save()
        (queued,) = DBTaskResult.objects.filter(task_path="articles.tasks.make_renditions")
        assert queued.args_kwargs["args"] == [image.file.name, image.sha256, 1600]

    def test_a_page_missing_a_rendition_makes_it(self, client):
        article = make_article("任务未跑", images=0)
        image = stored(article, colour="olive")  # queued outside the commit: never run
        column = renditions.rendition_name(image.sha256, 800, "webp")
        default_storage.delete(column)  # its stored page, drawn at commit, had made it: lost
        cache.clear()
        Article.objects.filter(pk=article.pk).update(title="任务未跑，页面重画")
        ArticleStory.objects.filter(article=article).delete()
        assert client.get(article.get_absolute_url()).status_code == 200
        assert default_storage.exists(column)


def test_a_shared_link_shows_a_1200_pixel_rendition_not_the_original(client):
    import json

    article = make_article("分享图", images=0, status="published")
    image = stored(article, size=(2400, 1600))
    page = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
    shared = f"http://testserver/media/{renditions.rendition_name(image.sha256, 1200, 'jpg')}"
    meta = {tag.get("property"): tag.get("content") for tag in page.cssselect("meta[property]")}
    assert meta["og:image"] == shared
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "800")
    (script,) = page.cssselect("script[type='application/ld+json']")
    assert json.loads(script.text)["image"] == [shared]
