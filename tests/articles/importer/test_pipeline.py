import json

import pytest

from articles.importer.errors import UnrecognisedFormat
from articles.importer.pipeline import collect_paths, import_file, import_paths, read_document
from articles.models import Article, ImportedFile

from .builders import seed_path

POST = "---\ntitle: 社区里的“守门员”\ndate: 2022-04-20\nsource: 运城晚报\n---\n<p>每天清晨，他第一个到岗，检查进出人员的健康码。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"


@pytest.fixture
def posts(tmp_path):
    (tmp_path / "a.md").write_text(POST, encoding="utf-8")
    nested = tmp_path / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "b.txt").write_text(POST.replace("守门员", "守夜人"), encoding="utf-8")
    (nested / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0not really")
    (tmp_path / ".hidden.txt").write_text(POST, encoding="utf-8")
    return tmp_path


class TestReadDocument:
    @pytest.mark.django_db
    def test_is_pure_and_describes_the_file(self):
        path = seed_path("000")
        data = path.read_bytes()
        document = read_document("000.txt", data)
        assert (document.name, document.size, document.encoding, document.format) == (
            "000.txt",
            len(data),
            "utf-8",
            "front_matter",
        )
        assert len(document.stories) == 1
        assert not ImportedFile.objects.exists() and not Article.objects.exists()

    def test_a_forced_format_is_used(self):
        document = read_document("x.txt", POST.encode(), format="front_matter")
        assert document.format == "front_matter"

    def test_failures_name_the_file(self):
        with pytest.raises(UnrecognisedFormat, match=r"^上传/x\.txt：没有名为 nope 的格式"):
            read_document("上传/x.txt", POST.encode(), format="nope")


def test_collect_paths_walks_directories_and_globs(posts):
    files, skipped = collect_paths([posts])
    assert [path.relative_to(posts).as_posix() for path in files] == ["a.md", "nested/deeper/b.txt"]
    assert [(report.name, report.status) for report in skipped] == [
        (str(posts / "nested" / "deeper" / "photo.jpg"), "skipped")
    ]
    files, skipped = collect_paths([str(posts / "**" / "*.txt"), posts / "missing.txt"])
    assert [path.name for path in files] == ["b.txt"]
    assert skipped[0].status == "failed" and "找不到" in skipped[0].error


@pytest.mark.django_db
class TestImportPaths:
    def test_imports_every_text_file_and_reports_the_rest(self, posts):
        report = import_paths([posts])
        assert [(f.status, f.created) for f in report.files] == [
            ("skipped", 0),
            ("imported", 1),
            ("imported", 1),
        ]
        assert Article.objects.count() == 2
        assert "2 篇稿件，新建 2" in report.summary()

    def test_dry_run_writes_nothing(self, posts):
        report = import_paths([posts], dry_run=True)
        assert [f.status for f in report.files] == ["skipped", "parsed", "parsed"]
        assert report.files[1].titles == ["社区里的“守门员”"]
        assert not Article.objects.exists() and not ImportedFile.objects.exists()

    def test_a_failed_file_does_not_stop_the_run(self, posts):
        (posts / "0-broken.txt").write_text(
            "---\ntitle: [未闭合\n---\n<p>正文</p>", encoding="utf-8"
        )
        report = import_paths([posts])
        statuses = {f.name.rsplit("/", 1)[-1]: f.status for f in report.files}
        assert statuses == {
            "photo.jpg": "skipped",
            "0-broken.txt": "failed",
            "a.md": "imported",
            "b.txt": "imported",
        }
        assert (
            len(report.failed) == 1
            and "0-broken.txt：YAML 头信息格式有误" in report.failed[0].error
        )

    def test_progress_wraps_the_files(self, posts):
        seen = []

        def progress(files):
            seen.extend(files)
            return files

        import_paths([posts], progress=progress)
        assert [path.name for path in seen] == ["a.md", "b.txt"]

    def test_report_as_json(self, posts):
        report = import_paths([posts])
        data = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
        assert data["summary"] == {
            "files": 3,
            "stories": 2,
            "created": 2,
            "updated": 0,
            "unchanged": 0,
            "failed": 0,
            "skipped": 1,
        }
        assert data["files"][1]["format"] == "front_matter"
        assert data["files"][1]["titles"] == ["社区里的“守门员”"]


@pytest.mark.django_db
def test_import_file_hands_back_the_articles_for_the_admin():
    report = import_file("上传/post.md", POST.encode())
    assert report.status == "imported"
    assert [article.title for article in report.result.articles] == ["社区里的“守门员”"]
    assert report.document.format == "front_matter"
    assert "result" not in report.as_json() and report.as_json()["stories"] == 1


@pytest.mark.django_db
def test_a_run_keeping_only_failed_files_still_counts_and_shows_every_file(posts):
    """A long run (the command without `--report`) hands each file's line on as it is committed
    and keeps only the failed files' reports: its memory does not grow with the archive."""
    (posts / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    shown = []

    report = import_paths([posts], on_file=shown.append, every_file=False)

    assert sorted(file.status for file in shown) == ["failed", "imported", "imported", "skipped"]
    assert [file.status for file in report.files] == ["failed"]
    assert report.counts() == {
        "files": 4,
        "stories": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "failed": 1,
        "skipped": 1,  # the photo
    }
    assert report.failed[0].name.endswith("broken.txt")
