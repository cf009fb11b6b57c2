"""The “导入稿件” page: upload, preview without writing, confirm, and the imported files list."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, ImportedFile, ImportJob, Revision
from tests.articles.admin_fixtures import make_user

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FRONT_MATTER = "000_8691c00af1c559de.txt"
NEWSPAPER_PAGE = "001_c4ca35cf7287a038.txt"
IMPORT = reverse("admin:articles_importedfile_import")


@pytest.fixture(autouse=True)
def _staging(settings, tmp_path):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"


def seed(name):
    return SimpleUploadedFile(name, (SEEDS / name).read_bytes())


def zipped(members, **options):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data, **options)
    return buffer.getvalue()


def upload(client, *files):
    return client.post(IMPORT, {"files": list(files)})


def confirm(client, preview, **options):
    """Confirm a preview and follow to its import job's page (the task ran: ImmediateBackend)."""
    data = {"token": preview.context["token"], "confirm": "1", **options}
    return client.post(IMPORT, data, follow=True)


class TestPreview:
    def test_preview_shows_each_file_and_writes_nothing(self, editor_client):
        preview = upload(
            editor_client,
            seed(FRONT_MATTER),
            seed(NEWSPAPER_PAGE),
            SimpleUploadedFile("empty.txt", b""),
        )
        page = preview.content.decode()
        assert preview.status_code == 200
        assert "带头信息的文章" in page and "纯文本报纸版面" in page
        assert "抗疫故事青城有爱_关键岗位党徽亮～" in page
        assert "临时党支部 战“疫”当先锋" in page and "运城晚报" in page
        assert "摄影 寇雅楠、刘艺琳" in page
        assert "2022-04-20" in page
        assert page.count('class="import-story"') == sum(
            p.stories for p in preview.context["previews"]
        )
        empty = preview.context["previews"][2]
        assert empty.error.startswith("empty.txt：")
        assert empty.error in page
        assert Article.objects.count() == 0 and ImportedFile.objects.count() == 0

    def test_nothing_to_confirm_when_every_file_failed(self, editor_client):
        preview = upload(
            editor_client,
            SimpleUploadedFile("empty.txt", b""),
            SimpleUploadedFile("pic.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        )
        page = preview.content.decode()
        assert "empty.txt：" in page and "pic.txt：" in page
        assert "token" not in preview.context
        assert 'name="confirm"' not in page

    def test_the_size_limit_is_shown_in_readable_units(self, editor_client):
        page = editor_client.get(IMPORT).content.decode()
        assert "每个文件不超过 1.0\xa0MB。" in page

    def test_oversize_files_are_named_and_refused(self, editor_client, settings):
        settings.NEWSROOM_IMPORT_MAX_BYTES = 1_000
        preview = upload(
            editor_client,
            SimpleUploadedFile("long.txt", "新闻".encode() * 1_000),
            SimpleUploadedFile("huge.zip", b"PK\x03\x04" + b"0" * 20_000),
        )
        page = preview.content.decode()
        assert "long.txt：文件超过导入上限 1000 字节" in page
        assert "huge.zip：压缩包超过 10000 字节" in page

    def test_stale_batches_are_cleared_when_a_new_one_is_staged(self, editor_client, settings):
        first = upload(editor_client, seed(FRONT_MATTER))
        batches = list((settings.NEWSROOM_IMPORT_STAGING_DIR).iterdir())
        assert len(batches) == 1
        os.utime(batches[0], (0, 0))
        upload(editor_client, seed(FRONT_MATTER))
        assert batches[0] not in list(settings.NEWSROOM_IMPORT_STAGING_DIR.iterdir())
        gone = editor_client.post(IMPORT, {"token": first.context["token"]}, follow=True)
        assert "已导入或已被清理" in gone.content.decode()

    def test_unknown_date_and_warnings_show_in_the_preview(self, editor_client):
        page = upload(editor_client, seed("003_0df42dcc4b39c432.txt")).content.decode()
        assert "日期不详" in page
        assert "来源不详" in page

    def test_confirm_imports_with_the_importer_and_one_failure_does_not_stop_the_rest(
        self, editor_client, editor
    ):
        preview = upload(
            editor_client,
            seed(FRONT_MATTER),
            SimpleUploadedFile("binary.txt", b"\x00\x01\x02" * 50),
        )
        result = confirm(editor_client, preview)
        page = result.content.decode()
        job = ImportJob.objects.get()
        assert result.redirect_chain == [(job.get_absolute_url(), 302)]
        assert job.status == ImportJob.Status.DONE and job.created_by == editor
        assert "已完成" in page and "已完成 2 / 2 个文件" in page
        assert "新建 1 · 更新 0 · 无变化 0 · 失败 1 个文件" in page
        assert "binary.txt：" in page
        imported = ImportedFile.objects.get(name=FRONT_MATTER)
        assert imported.imported_by == editor
        assert imported.outcome == ImportedFile.Outcome.IMPORTED
        assert ImportedFile.objects.get(name="binary.txt").outcome == ImportedFile.Outcome.FAILED
        article = Article.objects.get(imported_file=imported)
        assert reverse("admin:articles_article_change", args=[article.pk]) in page
        assert Revision.objects.get(article=article).note == "导入"

    def test_the_same_file_again_changes_nothing(self, editor_client):
        confirm(editor_client, upload(editor_client, seed(NEWSPAPER_PAGE)))
        count = Article.objects.count()
        again = upload(editor_client, seed(NEWSPAPER_PAGE))
        assert "此文件之前已导入过" in again.content.decode()
        result = confirm(editor_client, again)
        assert result.context["job"].reports[0]["created"] == 0
        assert result.context["job"].reports[0]["status"] == "unchanged"
        assert Article.objects.count() == count
        assert Revision.objects.count() == count  # no new revision for unchanged stories

    def test_a_token_works_once_and_only_for_its_uploader(self, client, editor_client):
        preview = upload(editor_client, seed(FRONT_MATTER))
        token = preview.context["token"]

        other = make_user("other", "编辑")
        client.force_login(other)
        refused = client.post(IMPORT, {"token": token}, follow=True)
        assert "另一位用户" in refused.content.decode()
        forged = client.post(IMPORT, {"token": token[:-2] + "xx"}, follow=True)
        assert "导入凭据无效" in forged.content.decode()
        assert Article.objects.count() == 0

        client.force_login(preview.wsgi_request.user)
        assert confirm(client, preview).status_code == 200
        assert Article.objects.count() == 1
        again = client.post(IMPORT, {"token": token}, follow=True)  # a double click
        assert again.redirect_chain == [(ImportJob.objects.get().get_absolute_url(), 302)]
        assert ImportJob.objects.count() == 1 and Article.objects.count() == 1


class TestZip:
    def test_a_zip_of_seeds_is_unpacked(self, editor_client):
        data = zipped(
            {
                f"seeds/{FRONT_MATTER}": (SEEDS / FRONT_MATTER).read_bytes(),
                f"seeds/{NEWSPAPER_PAGE}": (SEEDS / NEWSPAPER_PAGE).read_bytes(),
                "__MACOSX/._x.txt": b"junk",
                "seeds/.hidden": b"junk",
            }
        )
        preview = upload(editor_client, SimpleUploadedFile("batch.zip", data))
        names = [p.name for p in preview.context["previews"]]
        assert names == [f"batch.zip/seeds/{FRONT_MATTER}", f"batch.zip/seeds/{NEWSPAPER_PAGE}"]
        confirm(editor_client, preview)
        assert ImportedFile.objects.filter(outcome="imported").count() == 2

    @pytest.mark.parametrize(
        ("members", "message"),
        [
            ({"../../etc/evil.txt": b"x"}, "指向包外的路径"),
            ({"/abs/evil.txt": b"x"}, "指向包外的路径"),
            ({"a\\..\\..\\evil.txt": b"x"}, "指向包外的路径"),
            ({"bomb.txt": b"0" * 2_000_000}, "压缩炸弹"),
            ({"big.txt": "新闻".encode() * 400_000}, "超过"),
            (
                {f"{n}.txt": os.urandom(70_000).hex().encode() for n in range(40)},
                "解压后超过大小上限",
            ),
        ],
    )
    def test_unsafe_archives_are_refused_whole(self, editor_client, settings, members, message):
        settings.NEWSROOM_IMPORT_MAX_BYTES = 3_000_000 if "bomb.txt" in members else 500_000
        members = {**members, FRONT_MATTER: (SEEDS / FRONT_MATTER).read_bytes()}
        preview = upload(editor_client, SimpleUploadedFile("bad.zip", zipped(members)))
        page = preview.content.decode()
        assert "bad.zip：" in page and message in page and "整个压缩包未导入" in page
        assert preview.context["previews"] == []
        assert "token" not in preview.context

    def test_a_damaged_zip_is_refused_and_the_other_files_go_on(self, editor_client):
        preview = upload(
            editor_client,
            SimpleUploadedFile("broken.zip", b"PK\x03\x04 not really a zip"),
            seed(FRONT_MATTER),
        )
        assert "broken.zip：不是有效的 zip 压缩包" in preview.content.decode()
        assert [p.name for p in preview.context["previews"]] == [FRONT_MATTER]


class TestAccess:
    def test_links_from_the_index_and_the_lists(self, editor_client):
        for url in (
            reverse("admin:index"),
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_importedfile_changelist"),
        ):
            assert IMPORT in editor_client.get(url).content.decode()
        assert "上传并预览" in editor_client.get(IMPORT).content.decode()

    def test_plain_staff_cannot_import(self, client, plain_staff):
        client.force_login(plain_staff)
        assert client.get(IMPORT).status_code == 403
        assert upload(client, seed(FRONT_MATTER)).status_code == 403
        assert IMPORT not in client.get(reverse("admin:index")).content.decode()


class TestImportedFiles:
    def test_list_and_original_text_in_fixed_queries(
        self, editor_client, django_assert_num_queries
    ):
        confirm(editor_client, upload(editor_client, seed(FRONT_MATTER)))
        url = reverse("admin:articles_importedfile_changelist")
        editor_client.get(url)
        with django_assert_num_queries(10):
            page = editor_client.get(url).content.decode()
        assert FRONT_MATTER in page and "editor" in page and "已导入" in page
        confirm(
            editor_client,
            upload(editor_client, seed(NEWSPAPER_PAGE), seed("004_072a2f5dead4e409.txt")),
        )
        with django_assert_num_queries(10):
            editor_client.get(url)

        imported = ImportedFile.objects.get(name=FRONT_MATTER)
        detail = editor_client.get(
            reverse("admin:articles_importedfile_change", args=[imported.pk])
        ).content.decode()
        assert "抗疫故事青城有爱" in detail  # the original text and the article link
        assert reverse("admin:articles_article_change", args=[imported.articles.get().pk]) in detail


class TestConfirmOptions:
    """Publish and fetch-images are offered on the confirm step, as `--publish` on the command."""

    def test_a_chief_editor_may_publish_what_needs_no_check(self, chief_client):
        preview = upload(chief_client, seed(NEWSPAPER_PAGE))
        assert 'name="publish"' in preview.content.decode()
        confirm(chief_client, preview, publish="on")
        assert Article.objects.filter(status=Article.Status.PUBLISHED).exists()
        assert not Article.objects.filter(status=Article.Status.PUBLISHED).exclude(warnings=[])

    def test_an_editor_is_not_offered_publishing_and_cannot_force_it(self, editor_client):
        preview = upload(editor_client, seed(NEWSPAPER_PAGE))
        assert 'name="publish"' not in preview.content.decode()
        confirm(editor_client, preview, publish="on")
        assert Article.objects.exists()
        assert not Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def test_an_unsafe_staging_root_is_reported_on_the_page_not_a_server_error(
    editor_client, settings, tmp_path
):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "staging").symlink_to(tmp_path / "elsewhere")
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    preview = upload(editor_client, seed(NEWSPAPER_PAGE))
    assert preview.status_code == 200
    assert "token" not in preview.context or not preview.context["token"]
    messages = [str(message) for message in preview.context["messages"]]
    assert any("链接" in message or "staging" in message.lower() for message in messages), messages
