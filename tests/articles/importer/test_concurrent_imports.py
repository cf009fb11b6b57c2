"""Two imports of the same 200 files at once: every story exactly once, no false failures.

Two `manage.py import_seeds` processes, each with its own connection, on a file SQLite database
made for the test or on the PostgreSQL test database.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT_DIR = Path(__file__).resolve().parents[3]
FILES = 200
POST = (
    "---\ntitle: 第{n}号通知\ndate: 2022-04-20\nsource: 运城晚报\nauthor: 记者 王耀\ntags: [防疫, 第{n}号]\n---\n"
    "<p>第{n}号：社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"
)
COUNTS = (
    "import json; from articles.models import Article, ImportedFile; "
    "print(json.dumps({'articles': Article.objects.count(), "
    "'titles': len(set(Article.objects.values_list('title', flat=True))), "
    "'files': ImportedFile.objects.count(), "
    "'failed': ImportedFile.objects.filter(outcome='failed').count(), "
    "'searchable': Article.objects.filter(search_document__isnull=False).count()}))"
)


def database_url(tmp_path):
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    return f"sqlite:///{tmp_path / 'concurrent.sqlite3'}"


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process):
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def migrated(tmp_path):
    url = database_url(tmp_path)
    if connection.vendor == "sqlite":
        code, _out, err = finished(manage(url, "migrate", "--no-input"))
        assert code == 0, err
    return url


def write_inbox(folder, ending=""):
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:03}.md").write_text(POST.format(n=n) + ending, encoding="utf-8")
    return folder


def import_at_once(url, tmp_path, *inboxes):
    """Both runs started together; each must end without a failed file."""
    runs = [
        manage(url, "import_seeds", inbox, "--report", tmp_path / f"{run}.json")
        for run, inbox in zip("ab", inboxes, strict=True)
    ]
    for code, _out, err in [finished(run) for run in runs]:
        assert code == 0, err[-3000:]
    return [json.loads((tmp_path / f"{run}.json").read_text()) for run in "ab"]


def counts(url):
    code, out, err = finished(manage(url, "shell", "-c", COUNTS))
    assert code == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_two_imports_of_the_same_files_at_once(tmp_path):
    url = migrated(tmp_path)
    inbox = write_inbox(tmp_path / "inbox")

    reports = import_at_once(url, tmp_path, inbox, inbox)

    statuses = [
        sorted((entry["name"], entry["status"]) for entry in report["files"]) for report in reports
    ]
    for a, b in zip(*statuses, strict=True):
        assert a[0] == b[0]
        assert sorted((a[1], b[1])) == ["imported", "unchanged"], (a, b)
    assert counts(url) == {
        "articles": FILES,
        "titles": FILES,
        "files": FILES,
        "failed": 0,
        "searchable": FILES,
    }


def test_two_imports_of_the_same_stories_in_other_files_at_once(tmp_path):
    """Different bytes, the same stories: the slower writer meets the other's keys and retries."""
    url = migrated(tmp_path)
    first = write_inbox(tmp_path / "first")
    second = write_inbox(tmp_path / "second", ending="\n")

    import_at_once(url, tmp_path, first, second)

    assert counts(url) == {
        "articles": FILES,
        "titles": FILES,
        "files": 2 * FILES,
        "failed": 0,
        "searchable": FILES,
    }
