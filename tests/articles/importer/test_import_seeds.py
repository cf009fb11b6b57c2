import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ImportedFile

pytestmark = pytest.mark.django_db

POST = "---\ntitle: 稿件{n}\ndate: 2022-04-20\nsource: 运城晚报\n---\n<p>第{n}篇：社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"


def write_posts(directory, count):
    for n in range(count):
        (directory / f"{n:03}.md").write_text(POST.format(n=n), encoding="utf-8")


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_seeds", *map(str, args), stdout=out)
    return out.getvalue()


def test_one_line_per_file_and_a_summary(tmp_path):
    write_posts(tmp_path, 2)
    output = run(tmp_path)
    lines = output.strip().splitlines()
    assert (
        lines[0]
        == f"{tmp_path / '000.md'}: [front_matter, utf-8] 1 篇 · 新建 1 / 更新 0 / 无变化 0"
    )
    assert (
        lines[-1] == "2 个文件：2 篇稿件，新建 2，更新 0，无变化 0；失败 0 个文件，跳过 0 个文件。"
    )
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2


def test_a_failed_file_makes_the_exit_status_non_zero(tmp_path):
    write_posts(tmp_path, 1)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CommandError, match="1 个文件导入失败"):
        run(tmp_path)
    assert Article.objects.count() == 1


def test_dry_run_writes_nothing(tmp_path):
    write_posts(tmp_path, 2)
    output = run(tmp_path, "--dry-run")
    assert "2 篇稿件" in output
    assert not Article.objects.exists() and not ImportedFile.objects.exists()


def test_publish_and_report(tmp_path):
    write_posts(tmp_path / "", 1)
    report_path = tmp_path / "out" / "report.json"
    report_path.parent.mkdir()
    run(tmp_path / "000.md", "--publish", "--report", report_path)
    assert Article.objects.published().count() == 1
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["summary"]["created"] == 1
    assert report["files"][0]["titles"] == ["稿件0"]


def test_format_is_forced(tmp_path):
    (tmp_path / "post.txt").write_text(POST.format(n=1), encoding="utf-8")
    with pytest.raises(CommandError, match="invalid choice"):
        run(tmp_path, "--format", "pdf")
    assert "[front_matter, utf-8] 1 篇" in run(tmp_path, "--format", "front_matter")
    assert Article.objects.get().imported_file.format == "front_matter"


def test_forcing_a_format_the_file_is_not_in_fails_with_a_reason(tmp_path):
    (tmp_path / "page.txt").write_text("<html><body><p>正文</p></body></html>", encoding="utf-8")
    with pytest.raises(CommandError):
        run(tmp_path, "--format", "front_matter")
    failed = ImportedFile.objects.get()
    assert "page.txt：没有头信息" in failed.messages[0]


def test_a_progress_bar_on_long_runs_goes_to_stderr(tmp_path, capsys):
    write_posts(tmp_path, 12)
    run(tmp_path)
    assert "12/12" in capsys.readouterr().err


def test_the_same_bytes_under_another_name_are_named_in_the_line(tmp_path):
    write_posts(tmp_path, 1)
    run(tmp_path / "000.md")
    copy = tmp_path / "copy.md"
    copy.write_bytes((tmp_path / "000.md").read_bytes())
    output = run(copy)
    assert f"无变化 1 · 与已导入的 {tmp_path / '000.md'} 内容相同" in output
    assert ImportedFile.objects.count() == 1 and Article.objects.count() == 1


def test_verbosity_2_lists_warnings_and_kept_edits(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST.format(n=1).replace("date: 2022-04-20\n", ""), encoding="utf-8")
    run(post)
    Article.objects.update(title="编辑改的标题")
    post.write_text(post.read_text(encoding="utf-8").replace("稿件1", "新标题"), encoding="utf-8")
    output = run(post, "-v", "2")
    assert "    编辑改的标题：日期不详" in output
    assert "    编辑改过的“标题”未覆盖：编辑改的标题" in output


def test_help_lists_the_formats_in_detection_order():
    from articles.management.commands.import_seeds import Command

    text = Command().create_parser("manage.py", "import_seeds").format_help()
    assert "导入新闻稿件" in text and "--fetch-images" in text
    assert "{front_matter,json,html,markdown,scraped_page,wechat_post,newspaper_page}" in text


def test_a_failed_files_line_names_it_once(tmp_path):
    from io import StringIO

    (tmp_path / "empty.txt").write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(tmp_path), stdout=out)
    [line] = [line for line in out.getvalue().splitlines() if "empty.txt" in line]
    assert line.count("empty.txt") == 1
    assert line.startswith(f"{tmp_path / 'empty.txt'}：")
