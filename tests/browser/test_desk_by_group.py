"""Every task of the desk in Chromium, once as a member of 编辑 and once of 主编: what each
may do is done, what only a chief editor may do is refused to an editor, as the permission
matrix (tests/articles/test_admin_groups.py) says. Screenshots in test-artifacts/desk-<group>-*."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, DuplicateCluster
from tests.articles.admin_fixtures import ensure_editorial_groups, make_article
from tests.articles.duplicate_files import grant_duplicate_permissions
from tests.browser.desk import log_in, run_action, select_in_list, shot, stored_picture, write_body
from tests.browser.test_duplicates_browser import import_cluster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUPS = {"编辑": "editor", "主编": "chief"}
REFUSED = "只有主编可以发布或撤回文章。"


@pytest.fixture(params=list(GROUPS))
def group(request):
    return request.param


@pytest.fixture
def member(browser, live_server, group):
    """A logged-in page for a member of `group`; `member.slug` names its screenshots."""
    ensure_editorial_groups()
    grant_duplicate_permissions()
    page = log_in(browser, live_server, GROUPS[group], group)
    page.slug = GROUPS[group]
    page.is_chief = group == "主编"
    yield page
    page.context.close()


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def save(page):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success, .errornote")


def test_creates_writes_inserts_a_photo_and_sends_to_review(live_server, member):
    member.goto(f"{live_server.url}/admin/articles/article/add/")
    member.fill("#id_title", "社区志愿者上门采样")
    write_body(member, "清晨六点，采样队出发。")
    save(member)
    assert member.locator(".messagelist .success").count() == 1
    article = Article.objects.get(title="社区志愿者上门采样")
    assert article.body == "<p>清晨六点，采样队出发。</p>"

    photo = stored_picture(article, "采样队出发", credit="本报记者 王耀摄")
    member.goto(change_url(live_server, article))
    member.wait_for_selector('.body-images[data-loaded="true"]')
    member.locator(".ProseMirror p", has_text="采样队出发").click()
    member.keyboard.press("End")
    member.locator(f'[data-list="article"] [data-image="{photo.pk}"]').click()
    member.wait_for_selector(".ProseMirror figure img")
    member.select_option("#id_status", "review")
    shot(member, f"desk-{member.slug}-photo-and-review")
    save(member)
    assert member.locator(".messagelist .success").count() == 1
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert f'src="{photo.url}"' in article.body
    assert "<figcaption>采样队出发 本报记者 王耀摄</figcaption>" in article.body


def test_publishes_from_the_list_a_chief_only(live_server, member):
    make_article("待审的稿件", status=Article.Status.REVIEW)
    select_in_list(member, live_server, ["待审的稿件"])
    offered = member.locator("select[name=action] option").all_inner_texts()
    if not member.is_chief:
        assert "发布所选文章" not in offered and "送审所选草稿" in offered
        shot(member, f"desk-{member.slug}-no-publish-action")
        assert Article.objects.get(title="待审的稿件").status == Article.Status.REVIEW
        return
    run_action(member, live_server, "publish", ["待审的稿件"])
    member.wait_for_selector(".messagelist .success")
    assert "已发布 1 篇文章" in member.inner_text(".messagelist")
    assert Article.objects.get(title="待审的稿件").is_public


def choose_published(page):
    """Choose 已发布 as the status; for an editor, who is not offered it, as a forged form
    would: the server must refuse it."""
    statuses = page.locator("#id_status option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    if "published" not in statuses:
        page.eval_on_selector(
            "#id_status", "select => select.add(new Option('已发布', 'published'))"
        )
    page.select_option("#id_status", "published")
    return "published" in statuses


def test_publishes_and_schedules_from_the_form_a_chief_only(live_server, member):
    now = make_article("马上发布的稿件", status=Article.Status.REVIEW)
    later = make_article("定时发布的稿件", status=Article.Status.REVIEW)
    member.goto(change_url(live_server, now))
    assert choose_published(member) == member.is_chief
    save(member)
    now.refresh_from_db()
    if not member.is_chief:
        assert REFUSED in member.inner_text(".field-status .errorlist")
        shot(member, f"desk-{member.slug}-publish-refused")
        assert now.status == Article.Status.REVIEW
        member.goto(change_url(live_server, later))
        assert member.locator("#id_published_at_0").count() == 0  # no time to schedule
        return
    assert now.is_public
    member.goto(change_url(live_server, later))
    choose_published(member)
    member.fill("#id_published_at_0", "2099-01-01")
    member.fill("#id_published_at_1", "08:00:00")
    save(member)
    assert "本稿将于 2099-01-01 08:00 出现在网站上" in member.inner_text(".schedule-banner")
    shot(member, f"desk-{member.slug}-scheduled")
    later.refresh_from_db()
    assert later.status == Article.Status.PUBLISHED and not later.is_public
    assert timezone.localtime(later.published_at).strftime("%Y-%m-%d %H:%M") == "2099-01-01 08:00"


def test_pins_a_headline_a_chief_only(live_server, member):
    article = make_article("头条候选稿件", status=Article.Status.PUBLISHED)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=1))
    select_in_list(member, live_server, ["头条候选稿件"])
    offered = member.locator("select[name=action] option").all_inner_texts()
    if not member.is_chief:
        assert "设为头条…" not in offered
        member.goto(change_url(live_server, article))
        assert member.locator("#id_pin").count() == 0  # shown, not editable
        shot(member, f"desk-{member.slug}-no-pin")
        assert not Article.objects.get(pk=article.pk).pin
        return
    run_action(member, live_server, "pin_as_headline", ["头条候选稿件"])
    shot(member, f"desk-{member.slug}-pin-until")
    member.click("input[name=apply]")
    member.wait_for_selector(".messagelist .success")
    assert "已将 1 篇文章设为头条" in member.inner_text(".messagelist")
    assert "头条" in member.inner_text("#result_list .pin-current")
    member.goto(f"{live_server.url}/")
    assert member.inner_text(".pinned--headline .pinned__title") == "头条候选稿件"
    shot(member, f"desk-{member.slug}-home-headline")


def test_a_second_save_over_a_colleagues_is_refused_and_shows_the_change(
    browser, live_server, member, group
):
    from articles.services.revisions import record_revision

    colleague = log_in(browser, live_server, f"{GROUPS[group]}2", group)
    article = make_article("两人同时编辑的稿件", body="<p>原来的正文。</p>")
    record_revision(article)
    member.goto(change_url(live_server, article))
    colleague.goto(change_url(live_server, article))
    colleague.fill("#id_title", "同事改过的标题")
    save(colleague)
    colleague.context.close()

    write_body(member, "我改过的正文。")
    member.click("input[name=_continue]")
    member.wait_for_selector(".edit-conflict")
    assert "+ 同事改过的标题" in member.inner_text(".edit-conflict")
    shot(member, f"desk-{member.slug}-edit-conflict")
    assert Article.objects.get(pk=article.pk).body == "<p>原来的正文。</p>"
    member.fill("#id_title", "同事改过的标题")
    save(member)
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.body) == ("同事改过的标题", "<p>我改过的正文。</p>")


def test_merges_duplicates_a_chief_only(live_server, member):
    original, copies = import_cluster()
    member.goto(f"{live_server.url}/admin/articles/duplicatecluster/")
    member.click("#result_list tbody th a >> nth=0")
    member.wait_for_selector(".duplicate-compare")
    merge = member.locator(f'a.merge-link[data-article="{original.pk}"]')
    if not member.is_chief:
        assert merge.count() == 0
        assert member.locator("button[value=distinct]").count() >= 1  # an editor may tell apart
        shot(member, f"desk-{member.slug}-duplicates-no-merge")
        assert not DuplicateCluster.objects.get().members.filter(merged_into__isnull=False)
        return
    merge.click()  # the chief sees what the merge will do, then confirms it
    member.wait_for_selector(".merge-plan")
    shot(member, f"desk-{member.slug}-duplicates-merge-plan")
    member.click(".merge-plan input[type=submit]")
    member.wait_for_selector(".messagelist .success")
    assert "已合并：2 篇" in member.inner_text(".messagelist")
    shot(member, f"desk-{member.slug}-duplicates-merged")
    assert DuplicateCluster.objects.get().original == original
