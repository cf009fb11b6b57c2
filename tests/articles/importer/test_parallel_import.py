"""Parsing in a pool of processes (`jobs`): the same reports and rows as parsing in-process."""

import shutil

import pytest
from django.db import connection

from articles.importer.pipeline import import_paths
from articles.models import Article, ArticleSearchDocument, ImportedFile, Revision

from .builders import SEEDS

pytestmark = pytest.mark.django_db

POST = "---\ntitle: 稿件{n}\ndate: 2022-04-20\nsource: 运城晚报\n---\n<p>第{n}篇：社区志愿者连续奋战十天，居民送来热乎的饺子。</p>\n"


def lines(report):
    return [(file.name, file.status, file.titles, file.error) for file in report.files]


def test_parsed_by_processes_the_files_are_written_in_order_as_in_process(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    expected = import_paths([tmp_path], dry_run=True, jobs=1)

    report = import_paths([tmp_path], jobs=2)

    assert [(name, titles) for name, _status, titles, _error in lines(report)] == [
        (name, titles) for name, _status, titles, _error in lines(expected)
    ]
    assert {file.status for file in report.files} == {"imported"}
    stories = sum(len(file.titles) for file in expected.files)
    assert Article.objects.count() == stories == report.counts()["created"]
    assert Revision.objects.filter(note="导入").count() == stories
    assert ArticleSearchDocument.objects.count() == stories
    again = import_paths([tmp_path], jobs=2)
    assert again.counts()["unchanged"] == stories and Article.objects.count() == stories


def test_a_file_that_fails_in_a_process_fails_alone_and_names_itself(tmp_path):
    (tmp_path / "a.md").write_text(POST.format(n=1), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "c.md").write_text(POST.format(n=3), encoding="utf-8")

    report = import_paths([tmp_path], jobs=2)

    assert [(file.name, file.status) for file in report.files] == [
        (str(tmp_path / "a.md"), "imported"),
        (str(tmp_path / "b.txt"), "failed"),
        (str(tmp_path / "c.md"), "imported"),
    ]
    assert report.files[1].error.startswith(str(tmp_path / "b.txt"))
    assert ImportedFile.objects.get(outcome=ImportedFile.Outcome.FAILED).name == str(
        tmp_path / "b.txt"
    )
    assert sorted(Article.objects.values_list("title", flat=True)) == ["稿件1", "稿件3"]


def test_a_long_run_keeps_each_files_line_but_not_its_text_or_articles(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.md").write_text(POST.format(n=n), encoding="utf-8")

    report = import_paths([tmp_path], jobs=2)

    assert [file.titles for file in report.files] == [["稿件0"], ["稿件1"], ["稿件2"]]
    assert all(file.document is None and file.result is None for file in report.files)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
def test_a_run_commits_without_waiting_for_the_disk_and_then_waits_again(tmp_path):
    for n in range(2):
        (tmp_path / f"{n}.md").write_text(POST.format(n=n), encoding="utf-8")

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    seen = []

    def progress(files):
        for path in files:
            seen.append(setting())
            yield path

    report = import_paths([tmp_path], progress=progress)

    assert report.counts()["created"] == 2
    assert seen == ["off", "off"] and setting() == "on"
