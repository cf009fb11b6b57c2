"""Background imports: the confirmation enqueues a task, its job page shows the progress.

The page flow runs on the development backend (ImmediateBackend: the task runs during the
confirmation); `TestDatabaseWorker` queues on django-tasks-db and runs its real `db_worker`.
"""

import io
import re
import signal
import zipfile
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.importer import staging
from articles.models import Article, ImportedFile, ImportJob, Revision
from tests.articles.admin_fixtures import ensure_editorial_groups, make_user

pytestmark = pytest.mark.usefixtures("import_staging")

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FRONT_MATTER = "000_8691c00af1c559de.txt"
NEWSPAPER_PAGE = "001_c4ca35cf7287a038.txt"
IMPORT = reverse("admin:articles_importedfile_import")
JOBS = reverse("admin:articles_importedfile_jobs")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def seed(name):
    return SimpleUploadedFile(name, (SEEDS / name).read_bytes())


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def word_file(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, *files):
    return client.post(IMPORT, {"files": list(files)})


def confirm(client, preview, **options):
    data = {"token": preview.context["token"], "confirm": "1", **options}
    return client.post(IMPORT, data, follow=True)


@pytest.mark.django_db
class TestJobPage:
    def test_a_zip_with_a_failing_file_finishes_and_reports_each_file(self, editor_client, editor):
        data = zipped(
            {
                FRONT_MATTER: (SEEDS / FRONT_MATTER).read_bytes(),
                "broken.txt": b"\x00\x01\x02" * 50,
                NEWSPAPER_PAGE: (SEEDS / NEWSPAPER_PAGE).read_bytes(),
            }
        )
        preview = upload(editor_client, SimpleUploadedFile("batch.zip", data))
        page = confirm(editor_client, preview).content.decode()

        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.DONE
        assert [report["status"] for report in job.reports] == ["imported", "failed", "imported"]
        assert "已完成 3 / 3 个文件" in page
        assert "新建 7 · 更新 0 · 无变化 0 · 失败 1 个文件" in page
        assert "batch.zip/broken.txt：" in page
        assert "纯文本报纸版面" in page and "带头信息的文章" in page
        assert 'http-equiv="refresh"' not in page  # finished: no more polling
        failed = ImportedFile.objects.get(name="batch.zip/broken.txt")
        assert failed.outcome == ImportedFile.Outcome.FAILED and failed.imported_by == editor
        for article in Article.objects.all():
            assert reverse("admin:articles_article_change", args=[article.pk]) in page
            assert Revision.objects.get(article=article).user == editor
        assert not (staging.staging_root() / job.batch).exists()  # staged files go when done

    def test_progress_of_a_running_job_refreshes_itself(self, editor_client, editor):
        job = ImportJob.objects.create(
            batch="b" * 32, created_by=editor, total=3, status=ImportJob.Status.RUNNING
        )
        job.reports = [
            {"name": "a.txt", "status": "imported", "format": "markdown", "created": 2,
             "updated": 0, "unchanged": 0, "warnings": ["来源不详"], "error": "",
             "skipped_fields": [], "articles": []},
        ]  # fmt: skip
        job.save()
        page = editor_client.get(job.get_absolute_url()).content.decode()
        assert "导入中" in page and "已完成 1 / 3 个文件" in page
        assert "新建 2 · 更新 0 · 无变化 0 · 失败 0 个文件" in page
        assert "Markdown 文章" in page and "来源不详" in page
        assert '<meta http-equiv="refresh" content="2">' in page
        assert "editor 提交于" in page

    def test_a_job_without_progress_for_long_shows_as_stalled(self, editor_client, editor):
        job = ImportJob.objects.create(
            batch="c" * 32, created_by=editor, total=2, status=ImportJob.Status.RUNNING
        )
        ImportJob.objects.filter(pk=job.pk).update(
            updated_at=timezone.now() - ImportJob.STALLED_AFTER - timedelta(minutes=1)
        )
        page = editor_client.get(job.get_absolute_url()).content.decode()
        assert "很久没有进展" in page and "最近进展在 16" in page
        listing = editor_client.get(JOBS).content.decode()
        assert "长时间没有进展" in listing

    def test_job_page_in_fixed_queries(self, editor_client, django_assert_num_queries):
        confirm(editor_client, upload(editor_client, seed(NEWSPAPER_PAGE), seed(FRONT_MATTER)))
        url = ImportJob.objects.get().get_absolute_url()
        # session, user, the user's and their groups' permissions, the job with its uploader
        with django_assert_num_queries(5):
            page = editor_client.get(url).content.decode()
        assert len(re.findall(r'href="/admin/articles/article/\d+/change/"', page)) == 7
        with django_assert_num_queries(5):
            editor_client.get(JOBS)

    def test_the_job_list_is_reachable_from_the_import_page_and_the_index(self, editor_client):
        confirm(editor_client, upload(editor_client, seed(FRONT_MATTER)))
        for url in (
            IMPORT,
            reverse("admin:index"),
            reverse("admin:articles_importedfile_changelist"),
        ):
            assert JOBS in editor_client.get(url).content.decode()
        listing = editor_client.get(JOBS).content.decode()
        job = ImportJob.objects.get()
        assert (
            job.get_absolute_url() in listing and "已完成" in listing and "1 / 1 个文件" in listing
        )

    def test_plain_staff_see_no_jobs(self, client, plain_staff, editor):
        job = ImportJob.objects.create(batch="d" * 32, created_by=editor, total=1)
        client.force_login(plain_staff)
        assert client.get(JOBS).status_code == 403
        assert client.get(job.get_absolute_url()).status_code == 403

    def test_a_chief_editors_job_publishes_and_records_who(self, chief_client, chief):
        confirm(chief_client, upload(chief_client, seed(NEWSPAPER_PAGE)), publish="on")
        job = ImportJob.objects.get()
        assert job.publish and job.created_by == chief
        assert Article.objects.filter(status=Article.Status.PUBLISHED).exists()
        assert set(Revision.objects.values_list("user", flat=True)) == {chief.pk}


@pytest.mark.django_db
class TestPreviewShowsTheCut:
    def test_each_story_of_a_page_with_its_credits_and_the_ends_of_its_body(self, editor_client):
        page = upload(editor_client, seed(NEWSPAPER_PAGE)).content.decode()
        assert "拆分为 6 篇稿件" in page
        assert "纯文本报纸版面" in page
        assert "记者 崔萌；责任编辑 关凝淼；美编 冯潇楠；校对 王君" in page
        assert "“我能出去买一碗羊肉泡吗？”" in page  # the second story's first paragraph
        assert "打赢‘防疫战’的践行者。”" in page  # … and the end of its last
        assert "末段（共 15 段）" in page
        assert page.count('class="import-first-line"') == 6

    def test_a_word_file_is_previewed_whole_not_unpacked(self, editor_client):
        data = word_file(
            "临时党支部战“疫”当先锋",
            "运城晚报记者 王耀",
            "4月19日一大早，在运城市盐湖区的一个小区门口，下沉干部正在登记出行信息。",
            "大家忙碌的身影，守住了疫情防控的安全门。",
        )
        preview = upload(editor_client, SimpleUploadedFile("稿件.docx", data))
        page = preview.content.decode()
        [report] = preview.context["previews"]
        assert report.name == "稿件.docx" and not report.error, report.error
        assert report.encoding == "docx"
        assert "守住了疫情防控的安全门" in page
        confirm(editor_client, preview)
        assert ImportJob.objects.get().reports[0]["status"] == "imported"

    def test_a_yaml_error_is_shown_in_chinese_with_its_line(self, editor_client):
        text = "---\ntitle: 抗疫故事\ndate: 2022-03-07\ntags: [防疫, 社区\n---\n\n正文第一段。\n"
        page = upload(editor_client, SimpleUploadedFile("坏头信息.md", text.encode())).content
        page = page.decode()
        assert "坏头信息.md：" in page
        assert "YAML 头信息格式有误" in page and "头信息第 " in page and " 行" in page


@pytest.mark.django_db(transaction=True)
class TestDatabaseWorker:
    """django-tasks-db queues the job; its real `db_worker` runs it, on SQLite and PostgreSQL."""

    @pytest.fixture(autouse=True)
    def _database_backend(self, settings):
        ensure_editorial_groups()
        settings.TASKS = DATABASE_TASKS
        settings.NEWSROOM_TASKS_BACKEND = "database"
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        yield
        for sig, handler in handlers.items():  # db_worker installs its own
            signal.signal(sig, handler)

    def run_worker(self):
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
            verbosity=0,
        )  # fmt: skip

    def test_the_worker_imports_a_queued_upload(self, client):
        editor = make_user("editor", "编辑")
        client.force_login(editor)
        preview = upload(client, seed(NEWSPAPER_PAGE), seed(FRONT_MATTER))
        queued = confirm(client, preview).content.decode()
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.QUEUED and Article.objects.count() == 0
        assert "排队中" in queued and "db_worker" in queued and 'http-equiv="refresh"' in queued
        assert str(DBTaskResult.objects.get().id) == job.task_id

        self.run_worker()

        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE and job.done == 2
        assert job.counts() == {"created": 7, "updated": 0, "unchanged": 0, "failed": 0}
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
        assert set(Revision.objects.values_list("user", flat=True)) == {editor.pk}
        page = client.get(job.get_absolute_url()).content.decode()
        assert "已完成 2 / 2 个文件" in page and 'http-equiv="refresh"' not in page

    def test_a_task_that_dies_marks_its_job_failed_with_the_reason(self, client):
        editor = make_user("editor", "编辑")
        client.force_login(editor)
        confirm(client, upload(client, seed(FRONT_MATTER)))
        job = ImportJob.objects.get()
        staging.discard(job.batch)  # the staged files vanish before a worker picks the job up

        self.run_worker()

        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED and job.finished_at
        assert "已导入或已被清理" in job.message
        assert DBTaskResult.objects.get().status == "FAILED"
        page = client.get(job.get_absolute_url()).content.decode()
        assert "出错中止" in page and job.message in page
