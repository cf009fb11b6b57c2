"""An editor at work in a real browser (Debian's Chromium driven by Playwright)."""

from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.admin_fixtures import PASSWORD, ensure_editorial_groups, make_article, make_user
from tests.browser.conftest import ARTIFACTS
from tests.browser.desk import log_in, run_action, shot, stored_picture, write_body

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


@pytest.fixture
def desk(browser, live_server):
    ensure_editorial_groups()
    pages = {
        "editor": log_in(browser, live_server, "editor", "编辑"),
        "chief": log_in(browser, live_server, "chief", "主编"),
    }
    yield pages
    for page in pages.values():
        page.context.close()


def test_an_editor_writes_and_sends_to_review_and_the_chief_publishes(live_server, desk):
    editor, chief = desk["editor"], desk["chief"]
    editor.goto(f"{live_server.url}/admin/articles/article/add/")
    editor.fill("#id_title", "市民公园今起恢复开放")
    write_body(editor, "记者从市园林局获悉，市民公园今起恢复开放。")
    editor.select_option("#id_status", "review")
    shot(editor, "desk-editor-new-article")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    article = Article.objects.get(title="市民公园今起恢复开放")
    assert article.status == "review"

    chief.goto(f"{live_server.url}/admin/")
    assert chief.inner_text('.desk-count[data-count="review"]') == "1"
    shot(chief, "desk-chief-index-queue")
    chief.click("text=待审稿件")
    assert "市民公园今起恢复开放" in chief.inner_text("#result_list")
    shot(chief, "desk-chief-review-queue")
    run_action(chief, live_server, "publish", ["市民公园今起恢复开放"])
    chief.wait_for_selector(".messagelist .success")
    assert "已发布 1 篇文章" in chief.inner_text(".messagelist")
    assert Article.objects.get(pk=article.pk).is_public


def test_the_chief_schedules_and_the_list_marks_it(live_server, desk):
    chief = desk["chief"]
    article = make_article("定时发布的稿件")
    chief.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    chief.select_option("#id_status", "published")
    chief.fill("#id_published_at_0", "2099-01-01")
    chief.fill("#id_published_at_1", "08:00:00")
    chief.click("input[name=_continue]")
    chief.wait_for_selector(".schedule-banner")
    assert "本稿将于 2099-01-01 08:00 出现在网站上" in chief.inner_text(".schedule-banner")
    shot(chief, "desk-chief-scheduled-form")
    chief.goto(f"{live_server.url}/admin/articles/article/?publication=scheduled")
    assert "定时" in chief.inner_text("#result_list .status-scheduled")
    shot(chief, "desk-chief-scheduled-list")


def test_unchecked_warnings_hold_back_bulk_publishing_until_checked(live_server, desk):
    chief = desk["chief"]
    make_article("日期存疑稿", warnings=["日期只写了月日"])
    run_action(chief, live_server, "publish", ["日期存疑稿"])
    chief.wait_for_selector(".messagelist .warning")
    assert "《日期存疑稿》" in chief.inner_text(".messagelist .warning")
    shot(chief, "desk-chief-publish-held-back")
    run_action(chief, live_server, "check_and_publish", ["日期存疑稿"])
    assert "日期只写了月日" in chief.inner_text(".check-and-publish")
    chief.check("#id_checked")
    shot(chief, "desk-chief-check-and-publish")
    chief.click("input[name=apply]")
    chief.wait_for_selector(".messagelist .success")
    assert Article.objects.get(title="日期存疑稿").status == "published"


def test_two_editors_at_once_the_second_sees_the_first_ones_change(live_server, desk):
    from articles.services.revisions import record_revision

    editor, chief = desk["editor"], desk["chief"]
    article = make_article("两人同时编辑的稿件", body="<p>原来的正文。</p>")
    record_revision(article)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    editor.goto(url)
    chief.goto(url)
    chief.fill("#id_title", "主编改过的标题")
    chief.click("input[name=_continue]")
    chief.wait_for_selector(".messagelist .success")

    write_body(editor, "编辑改过的正文。")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".edit-conflict")
    assert "+ 主编改过的标题" in editor.inner_text(".edit-conflict")
    shot(editor, "desk-editor-edit-conflict")
    assert Article.objects.get(pk=article.pk).body == "<p>原来的正文。</p>"
    editor.fill("#id_title", "主编改过的标题")  # the chief's change taken in
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.body) == ("主编改过的标题", "<p>编辑改过的正文。</p>")


def test_the_editor_compares_revisions_and_restores_after_confirming(live_server, desk):
    editor = desk["editor"]
    article = make_article("第一稿")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    for title in ("第一稿", "第二稿", "第三稿"):
        editor.goto(url)
        editor.fill("#id_title", title)
        editor.click("input[name=_continue]")
        editor.wait_for_selector(".messagelist .success")
    editor.click("text=修订记录")
    editor.locator(".revision").nth(2).locator("input[name=from]").check()
    editor.locator(".revision").nth(0).locator("input[name=to]").check()
    editor.click("input[value=比较所选的两个修订]")
    comparison = editor.inner_text(".revision-comparison")
    assert "− 第一稿" in comparison and "+ 第三稿" in comparison
    shot(editor, "desk-editor-compare-revisions")
    editor.locator(".revision").nth(2).locator("text=恢复到此修订…").click()
    assert "+ 第一稿" in editor.inner_text(".restore-preview")
    shot(editor, "desk-editor-restore-confirmation")
    assert Article.objects.get(pk=article.pk).title == "第三稿"
    editor.click("input[value=确认恢复]")
    editor.wait_for_selector(".messagelist .success")
    assert Article.objects.get(pk=article.pk).title == "第一稿"


def test_the_chief_merges_two_tags(live_server, desk):
    chief = desk["chief"]
    make_article("甲", tags=["防疫"])
    make_article("乙", tags=["抗疫"])
    chief.goto(f"{live_server.url}/admin/taggit/tag/")
    chief.locator("#result_list tr", has_text="防疫").locator("input.action-select").check()
    chief.select_option("select[name=action]", "merge_selected")
    chief.click("button[name=index]")
    chief.fill("#id_target", "抗疫")
    shot(chief, "desk-chief-merge-tags")
    chief.click("input[name=apply]")
    chief.wait_for_selector(".messagelist .success")
    assert sorted(Article.objects.get(title="甲").tags.names()) == ["抗疫"]


def test_the_editor_writes_the_body_in_the_rich_text_editor(live_server, desk):
    editor = desk["editor"]
    editor.goto(f"{live_server.url}/admin/articles/article/add/")
    editor.fill("#id_title", "市民公园恢复开放")
    editor.locator("[contenteditable=true].ProseMirror").click()
    editor.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            const paste = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
            document.querySelector("[contenteditable=true].ProseMirror").dispatchEvent(paste);
        }""",
        "记者从市园林局获悉，公园今起恢复开放。\n\n开放时间为每天6时至22时。",
    )
    editor.keyboard.press("Control+End")
    editor.keyboard.press("Enter")
    editor.keyboard.press("Control+b")
    editor.keyboard.type("游客须佩戴口罩。")
    menu = editor.inner_text(".prose-menubar")
    assert "Paragraph" not in menu and "Heading" not in menu
    shot(editor, "desk-editor-rich-text")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    saved = Article.objects.get(title="市民公园恢复开放").body
    assert "<p>记者从市园林局获悉，公园今起恢复开放。</p>" in saved
    assert "<p>开放时间为每天6时至22时。</p>" in saved
    assert "<strong>游客须佩戴口罩。</strong>" in saved


def test_the_article_list_is_usable_at_phone_width(live_server, browser):
    ensure_editorial_groups()
    make_user("editor", "编辑")
    make_article("临时党支部战“疫”当先锋", kicker="机关干部下沉", warnings=["日期只写了月日"])
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/")
    assert not page.locator("#result_list .field-kicker").first.is_visible()
    assert page.locator("#result_list .field-title").first.bounding_box()["width"] > 120
    assert page.locator("#result_list .field-needs_checking").first.is_visible()
    shot(page, "desk-editor-list-phone")
    page.close()


def test_the_editor_inserts_pictures_into_the_body_at_the_cursor(live_server, desk):
    article = make_article(
        "社区志愿者上门采样",
        body="<p>第一段：清晨六点，采样队出发。</p><p>第二段：居民在楼下排队。</p>",
    )
    own = stored_picture(article, "采样队出发", credit="本报记者 王耀摄")
    elsewhere = make_article("核酸检测进小区")
    library = stored_picture(elsewhere, "居民排队检测", credit="寇雅楠摄", colour="olive")
    stored_picture(elsewhere, "街道夜景", colour="black")
    editor = desk["editor"]
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor.wait_for_selector('.body-images[data-loaded="true"]')
    assert editor.locator('[data-list="article"] .body-images__pick').count() == 1

    # the cursor at the end of the first paragraph, then the article's own picture
    editor.locator(".ProseMirror p", has_text="第一段").click()
    editor.keyboard.press("End")
    editor.locator(f'[data-list="article"] [data-image="{own.pk}"]').click()

    # the library searched by caption, its picture put at the end of the second paragraph
    editor.fill("#body-images-search", "排队")
    expect(editor.locator('[data-list="library"] .body-images__pick')).to_have_count(1)
    editor.locator(".ProseMirror p", has_text="第二段").click()
    editor.keyboard.press("End")
    editor.locator(f'[data-list="library"] [data-image="{library.pk}"]').click()
    expect(editor.locator('[data-list="article"] .body-images__pick')).to_have_count(2)
    expect(editor.locator(".body-images__error")).to_be_hidden()
    shot(editor, "desk-editor-insert-pictures")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    copy = article.images.get(caption="居民排队检测")
    assert copy.file.name == library.file.name, "reused, not uploaded again"
    document = lxml.html.fragment_fromstring(article.body, create_parent="div")
    order = [
        element.text_content() if element.tag == "p" else element.get("src")
        for element in document.iter("p", "img")
        if element.getparent().tag != "figure" or element.tag == "img"
    ]
    assert order == [
        "第一段：清晨六点，采样队出发。",
        own.url,
        "第二段：居民在楼下排队。",
        copy.url,
    ]
    captions = [caption.text_content() for caption in document.iter("figcaption")]
    assert captions == ["采样队出发 本报记者 王耀摄", "居民排队检测 寇雅楠摄"]


def test_the_editor_searches_the_image_library(live_server, desk):
    stored_picture(make_article("核酸检测进小区"), "居民排队检测", credit="寇雅楠摄")
    stored_picture(make_article("夜市重开"), "街道夜景", credit="本报记者 王耀摄", colour="black")
    editor = desk["editor"]
    editor.goto(f"{live_server.url}/admin/")
    editor.click("#content-main a[href$='/admin/articles/image/']")
    expect(editor.locator("#result_list tbody tr")).to_have_count(2)
    editor.fill("#searchbar", "王耀")
    editor.press("#searchbar", "Enter")
    expect(editor.locator("#result_list tbody tr")).to_have_count(1)
    row = editor.locator("#result_list tbody tr")
    assert "街道夜景" in row.inner_text()
    thumbnail = row.locator("img.library-thumbnail")
    assert "/renditions/" in thumbnail.get_attribute("src")
    editor.wait_for_function("document.querySelector('img.library-thumbnail').naturalWidth > 0")
    assert thumbnail.evaluate("img => img.naturalWidth") == 160
    shot(editor, "desk-image-library-search")


def test_the_editor_filters_the_list_by_an_author_typed_in_the_filter(live_server, desk):
    """The author filter lists nobody: the editor types part of a name and picks it."""
    editor = desk["editor"]
    make_article("王耀写的稿", credits=[("王耀", "reporter")])
    make_article("崔萌写的稿", credits=[("崔萌", "reporter")])
    editor.goto(f"{live_server.url}/admin/articles/article/")
    editor.click("#changelist-filter .autocomplete-filter:has(#filter-author) .select2-selection")
    editor.fill(".select2-search__field", "王")
    editor.click(".select2-results__option:has-text('王耀')")
    editor.wait_for_url(lambda address: "author=" in address)
    expect(editor.locator("#result_list tbody tr")).to_have_count(1)
    assert "王耀写的稿" in editor.inner_text("#result_list")
    shot(editor, "desk-editor-author-filter")
