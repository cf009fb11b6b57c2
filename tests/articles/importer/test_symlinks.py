"""`import_seeds DIR` never reads through a symbolic link unless `--follow-symlinks` is given."""

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db

POST = (
    "---\ntitle: {title}\ndate: 2022-04-20\nsource: 运城晚报\n---\n"
    "<p>{title}：社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"
)


@pytest.fixture
def inbox(tmp_path):
    """An inbox with one real post, a link to a post outside it and a link to a folder outside it."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text(POST.format(title="外面的稿件"), encoding="utf-8")
    (outside / "folder" / "other.md").write_text(POST.format(title="外面的目录"), encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "real.md").write_text(POST.format(title="收件箱里的稿件"), encoding="utf-8")
    (inbox / "link.md").symlink_to(outside / "secret.md")
    (inbox / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    return inbox


def run(*args):
    call_command("import_seeds", *map(str, args), "--report", args[0].parent / "report.json")
    return (args[0].parent / "report.json").read_text(encoding="utf-8")


def test_links_to_files_and_folders_are_skipped_and_reported(inbox):
    report = run(inbox)

    assert list(Article.objects.values_list("title", flat=True)) == ["收件箱里的稿件"]
    assert str(inbox / "link.md") in report
    assert str(inbox / "linked-folder") in report
    assert report.count("--follow-symlinks") == 2


def test_a_link_named_on_the_command_line_is_skipped_too(inbox):
    call_command("import_seeds", str(inbox / "link.md"))
    assert not Article.objects.exists()


def test_follow_symlinks_reads_through_them(inbox):
    call_command("import_seeds", str(inbox), "--follow-symlinks")
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "外面的目录",
        "外面的稿件",
        "收件箱里的稿件",
    ]
