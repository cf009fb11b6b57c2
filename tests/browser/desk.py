"""What the desk's browser tests share: a logged-in page per user, screenshots, the body
editor, bulk actions and stored pictures."""

from io import BytesIO

from PIL import Image as PILImage

from articles.models import Image
from tests.articles.admin_fixtures import PASSWORD, make_user
from tests.browser.conftest import ARTIFACTS


def log_in(browser, live_server, username, group):
    """A page of its own (own cookies) for `username`, a member of `group`, logged in."""
    make_user(username, group, email=f"{username}@paper.example")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def write_body(page, text):
    """Type `text` as the whole body, in the rich-text editor, as an editor does."""
    body = page.locator("[contenteditable=true].ProseMirror")
    body.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def select_in_list(page, live_server, titles):
    page.goto(f"{live_server.url}/admin/articles/article/")
    for title in titles:
        page.locator("#result_list tr", has_text=title).locator("input.action-select").check()


def run_action(page, live_server, action, titles):
    select_in_list(page, live_server, titles)
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def stored_picture(article, caption, *, credit="", colour="navy", size=(1200, 800)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    image = Image(article=article, caption=caption, credit=credit)
    image.set_file_content(buffer.getvalue(), "photo.jpg")
    image.save()
    return image
