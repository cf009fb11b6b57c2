"""An editor at work in a real browser (Debian's Chromium driven by Playwright)."""

from pathlib import Path

import pytest

from articles.models import Article
from tests.articles.admin_fixtures import PASSWORD, ensure_editorial_groups, make_user
from tests.browser.conftest import ARTIFACTS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    yield page
    page.close()


@pytest.fixture
def editor_in_browser(live_server, browser_page):
    ensure_editorial_groups()
    make_user("editor", "编辑")
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_editor_imports_a_seed_and_accepts_a_suggested_tag(
    live_server, editor_in_browser, settings, tmp_path
):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    page = editor_in_browser
    page.click("text=导入稿件")
    page.set_input_files("input[type=file]", str(SEEDS / "004_072a2f5dead4e409.txt"))
    page.click("input[value=上传并预览]")
    page.wait_for_selector(".import-preview")
    assert "汇聚“红”力量 守护健康“绿”" in page.inner_text(".import-preview")
    assert not Article.objects.exists()  # the preview writes nothing
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-import-preview.png"), full_page=True)

    page.click("input[value=确认导入]")
    page.click(".import-results a")
    page.wait_for_selector(".original-text pre")
    article = Article.objects.get()
    assert "汇聚“红”力量" in page.inner_text(".original-text pre")

    chip = page.locator('.tag-chip[data-tag="永州"]')
    chip.click()
    assert "永州" in page.input_value("#id_tags")
    assert "is-added" in chip.get_attribute("class")
    assert "永州" not in article.tags.names()  # nothing applied before saving

    page.screenshot(path=str(ARTIFACTS / "admin-import-and-tag.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "永州" in Article.objects.get(pk=article.pk).tags.names()
    page.goto(f"{live_server.url}/admin/articles/article/")
    assert "永州" in page.inner_text("#result_list")
    page.screenshot(path=str(ARTIFACTS / "admin-article-list.png"), full_page=True)
