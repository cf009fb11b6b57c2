"""A database that dies under an import loses no story and ends no run.

PostgreSQL only: the connection is killed from a second connection (`pg_terminate_backend`) or
pointed at a closed port; the shared server itself is never stopped.
"""

import logging
import socket

import psycopg
import pytest
from django.db import connection

from articles.importer import persist
from articles.importer.pipeline import import_file, import_paths
from articles.models import (
    Article,
    ArticleSearchDocument,
    ArticleSearchDocumentQuerySet,
    ImportedFile,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills PostgreSQL connections"),
]

POST = (
    "---\ntitle: {title}\ndate: 2022-04-20\nsource: 运城晚报\n---\n"
    "<p>{title}：社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"
)


def post(title):
    return POST.format(title=title).encode()


def kill_the_connection():
    """End this process's database session from another one, as a restart or a proxy would."""
    pid = connection.connection.info.backend_pid
    database = connection.settings_dict
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
        dbname=database["NAME"],
        autocommit=True,
    ) as killer:
        killer.execute("SELECT pg_terminate_backend(%s)", [pid])


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_down():
    """Point the connection at a port nothing listens on, and back."""
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    yield
    connection.close()
    connection.settings_dict["PORT"] = original


def test_killed_between_the_articles_and_their_search_documents(monkeypatch):
    write = ArticleSearchDocumentQuerySet.write

    def killed_first(queryset, drawn):
        kill_the_connection()
        return write(queryset, drawn)

    monkeypatch.setattr(ArticleSearchDocumentQuerySet, "write", killed_first)
    report = import_file("inbox/饺子.md", post("爱心饺子"), publish=True)

    assert report.status == "failed" and "inbox/饺子.md" in report.error
    assert not Article.objects.filter(search_document__isnull=True).exists()
    assert ImportedFile.objects.get().outcome == ImportedFile.Outcome.FAILED

    monkeypatch.setattr(ArticleSearchDocumentQuerySet, "write", write)
    again = import_file("inbox/饺子.md", post("爱心饺子"), publish=True)
    assert again.status == "imported"
    assert [article.title for article in Article.objects.search("饺子")] == ["爱心饺子"]


def test_the_next_file_imports_once_the_database_is_back():
    import_file("inbox/a.md", post("第一篇"))
    kill_the_connection()  # between two files, while the connection sits idle

    report = import_file("inbox/b.md", post("第二篇"))

    assert report.status == "imported"
    assert ArticleSearchDocument.objects.count() == 2


def test_a_failure_is_recorded_after_the_connection_died():
    connection.ensure_connection()
    kill_the_connection()

    persist.record_failure("inbox/bad.md", b"\x89PNG", "inbox/bad.md：这是 PNG 文件，不是文本。")

    assert ImportedFile.objects.get().messages == ["inbox/bad.md：这是 PNG 文件，不是文本。"]


def test_while_the_database_is_down_failures_are_reported_not_raised(database_down, caplog):
    with caplog.at_level(logging.ERROR, logger="articles.importer.persist"):
        good = import_file("inbox/a.md", post("第一篇"))
        bad = import_file("inbox/bad.md", b"\x89PNG\r\n\x1a\n")

    assert good.status == "failed" and "写入数据库失败" in good.error
    assert bad.status == "failed" and "PNG" in bad.error
    assert "inbox/bad.md" in caplog.text and "not recorded in the database" in caplog.text


def test_a_run_while_the_database_is_down_reports_each_file(database_down, tmp_path):
    (tmp_path / "a.md").write_bytes(post("第一篇"))
    (tmp_path / "b.md").write_bytes(post("第二篇"))

    report = import_paths([tmp_path])

    assert [(file.name, file.status) for file in report.files] == [
        (str(tmp_path / "a.md"), "failed"),
        (str(tmp_path / "b.md"), "failed"),
    ]
    assert all("写入数据库失败" in file.error for file in report.files)


def test_killed_in_the_middle_of_a_batch_the_batch_is_written_again(monkeypatch, tmp_path):
    """The connection dies while the second of three files is written: the batch's transaction
    is lost, so all three are written again, one transaction each, and nothing is missing."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_bytes(post(f"第{name}篇"))
    draw, calls = ArticleSearchDocumentQuerySet.draw, []

    def killed_on_the_second(queryset, articles):
        calls.append(len(articles))
        if len(calls) == 2:
            kill_the_connection()
        return draw(queryset, articles)

    monkeypatch.setattr(ArticleSearchDocumentQuerySet, "draw", killed_on_the_second)
    report = import_paths([tmp_path])

    assert [file.status for file in report.files] == ["imported"] * 3
    assert len(calls) == 5
    assert ArticleSearchDocument.objects.count() == Article.objects.count() == 3
    assert not ImportedFile.objects.filter(outcome=ImportedFile.Outcome.FAILED).exists()
