"""An editor compares a cluster of near-duplicate reports in a real browser and decides."""

import pytest

from articles.models import Article, DistinctPair, DuplicateCluster
from tests.articles.admin_fixtures import PASSWORD, ensure_editorial_groups, make_user
from tests.articles.duplicate_files import grant_duplicate_permissions, import_story, story
from tests.articles.duplicate_variants import edited, traditional
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def import_cluster():
    import random

    rng = random.Random(5)
    base = story("chest_pain_center")
    original = import_story("renmin.md", base, source="人民网", date="2022-03-07").articles[0]
    copies = [  # each relay edits the story its own way (the same text is one import key)
        import_story(
            f"{name}.md",
            traditional(edited(0.10)(base, rng), rng),
            source="人民网",
            relay=name,
            date="2022-03-07",
        )
        for name in ("趣头条", "ZAKER")
    ]
    return Article.objects.get(pk=original.pk), [copy.articles[0] for copy in copies]


@pytest.fixture
def chief_in_browser(live_server, browser):
    ensure_editorial_groups()
    grant_duplicate_permissions()
    make_user("chief", "主编")
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    yield page
    page.close()


def test_an_editor_compares_a_cluster_tells_one_apart_and_merges_the_rest(
    live_server, chief_in_browser
):
    original, (mirror, zaker) = import_cluster()
    page = chief_in_browser
    page.click("text=重复稿件")
    page.wait_for_selector("#result_list")
    assert original.title in page.inner_text("#result_list")
    page.click("#result_list tbody th a >> nth=0")
    page.wait_for_selector(".duplicate-compare")
    headers = page.locator(".duplicate-compare thead th.duplicate-column")
    assert headers.count() == 3
    assert "建议首发" in headers.first.inner_text()  # the outlet the relays name
    assert f"#{original.pk}" in headers.first.inner_text()
    assert page.locator(".duplicate-compare td.differs").count() >= 2  # the relays' sources
    assert page.locator(".duplicate-diff .diff-added").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-duplicates-compare.png"), full_page=True)

    page.click(f'form:has(input[value="{zaker.pk}"]) button[value=distinct]')
    page.wait_for_selector(".messagelist .success")
    assert DistinctPair.objects.filter(second=zaker).count() == 2
    assert page.locator(".duplicate-compare thead th.duplicate-column").count() == 2

    page.click(f'a.merge-link[data-article="{original.pk}"]')
    page.wait_for_selector(".merge-plan")
    assert f"#{original.pk}《{original.title}》" in page.inner_text(".merge-kept")
    assert f"#{mirror.pk}" in page.inner_text(".merge-pointers")
    assert f"#{zaker.pk}" not in page.inner_text(".merge-pointers")  # told apart above
    page.screenshot(path=str(ARTIFACTS / "admin-duplicates-merge.png"), full_page=True)
    page.click(".merge-plan a.cancel-link")  # cancelling changes nothing
    page.wait_for_selector(".duplicate-compare")
    assert DuplicateCluster.objects.get().original is None
    page.click(f'a.merge-link[data-article="{original.pk}"]')
    page.wait_for_selector(".merge-plan")
    page.click(".merge-plan input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "已合并" in page.inner_text(".messagelist")
    assert DuplicateCluster.objects.get().original == original

    page.goto(f"{live_server.url}{mirror.get_absolute_url()}")
    page.wait_for_selector("#story-title")
    assert page.url.endswith(original.get_absolute_url().split("/")[-2] + "/")
    assert "同题报道：" in page.inner_text(".story__header")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == f"{live_server.url}{original.get_absolute_url()}"
