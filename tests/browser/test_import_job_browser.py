"""Upload → preview showing the cut → confirm → the job page polling until a real worker is done."""

import signal
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, ImportJob
from tests.articles.admin_fixtures import PASSWORD, ensure_editorial_groups, make_user
from tests.browser.conftest import ARTIFACTS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NEWSPAPER_PAGE = SEEDS / "001_c4ca35cf7287a038.txt"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_tasks(settings, tmp_path):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.NEWSROOM_TASKS_BACKEND = "database"
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in handlers.items():  # db_worker installs its own
        signal.signal(sig, handler)


def test_an_editor_sees_the_cut_confirms_and_watches_the_job_finish(
    live_server, browser, database_tasks
):
    ensure_editorial_groups()
    make_user("editor", "编辑")
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    page.click("text=导入稿件")
    page.set_input_files("input[type=file]", str(NEWSPAPER_PAGE))
    page.click("input[value=上传并预览]")
    page.wait_for_selector(".import-preview")
    preview = page.inner_text(".import-preview")
    assert "纯文本报纸版面" in preview and "拆分为 6 篇稿件" in preview
    assert page.locator(".import-story").count() == 6
    second = page.locator(".import-story").nth(1)
    assert "记者 崔萌" in second.locator(".import-credits").inner_text()
    assert "“我能出去买一碗羊肉泡吗？”" in second.locator(".import-first-line").inner_text()
    assert "践行者。”" in second.locator(".import-last-line").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-import-cut-preview.png"), full_page=True)

    page.click("input[value=确认导入]")
    page.wait_for_selector(".import-job-progress[data-status=queued]")
    assert "已完成 0 / 1 个文件" in page.inner_text(".import-job-progress")
    assert not Article.objects.exists()

    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
        verbosity=0,
    )  # fmt: skip

    page.wait_for_selector(".import-job-progress[data-status=done]", timeout=15_000)  # refreshed
    progress = page.inner_text(".import-job-progress")
    assert "已完成 1 / 1 个文件" in progress and "新建 6" in progress
    assert page.locator(".import-results a").count() == 6
    page.screenshot(path=str(ARTIFACTS / "admin-import-job-done.png"), full_page=True)
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    page.close()
