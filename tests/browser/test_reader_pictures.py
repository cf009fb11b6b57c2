"""Pictures in place and in sizes, as Chromium loads them from the srcset."""

from io import BytesIO

import pytest
from PIL import Image as PILImage

from articles.models import Image
from tests.articles.reader_data import committed, make_article
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def stored_photo(article, caption):
    buffer = BytesIO()
    PILImage.linear_gradient("L").resize((2000, 1333)).convert("RGB").save(buffer, "JPEG")
    image = Image(article=article, caption=caption, credit="本报记者 王耀摄")
    image.set_file_content(buffer.getvalue(), "photo.jpg")
    with committed():
        image.save()
    return image


@pytest.fixture
def pictured(live_server):
    article = make_article("社区采样点前移", images=0)
    placed = stored_photo(article, "采样点设在楼下")
    article.body = (
        "<p>清晨六点，采样队出发。</p>"
        f'<figure><img src="{placed.url}"><figcaption>采样点设在楼下 本报记者 王耀摄</figcaption></figure>'
        "<p>居民在楼下排队。</p>"
    )
    with committed():
        article.save()
    return article, placed


@pytest.mark.parametrize(
    ("viewport", "scale", "width"),
    [({"width": 1280, "height": 900}, 1, 800), ({"width": 390, "height": 844}, 2, 800),
     ({"width": 1280, "height": 900}, 2, 1200)],
)  # fmt: skip
def test_the_browser_loads_the_webp_rendition_its_screen_needs(
    browser, live_server, pictured, viewport, scale, width
):
    article, placed = pictured
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        picture = page.locator(".story__body figure img")
        picture.scroll_into_view_if_needed()
        page.wait_for_function(
            "document.querySelector('.story__body figure img').complete"
            " && document.querySelector('.story__body figure img').naturalWidth > 0"
        )
        current = picture.evaluate("img => img.currentSrc")
        assert current.endswith(f"{placed.sha256}-{width}w.webp")
        loaded = current.split("/media/", 1)[1]
        with placed.file.storage.open(loaded) as file, PILImage.open(file) as made:
            assert (made.format, made.width) == ("WEBP", width)
        paragraphs = page.locator(".story__body > *").evaluate_all(
            "nodes => nodes.map(node => node.tagName)"
        )
        assert paragraphs == ["P", "FIGURE", "P"], "the picture stands where the body put it"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"reader-picture-{viewport['width']}x{scale}.png"))
    finally:
        context.close()
