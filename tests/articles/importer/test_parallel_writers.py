"""A run on PostgreSQL written by several processes (`jobs`): the same rows and reports as one
writer, every near-duplicate found across the processes, and the files in their order."""

import pytest
from django.db import connection

from articles.importer import pipeline
from articles.importer.pipeline import import_paths
from articles.models import (
    Article,
    ArticleSearchDocument,
    DuplicateCluster,
    DuplicateMember,
    ImportedFile,
    Revision,
)

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time"),
    pytest.mark.django_db(transaction=True),
]

POST = (
    "---\ntitle: 第{n}号通知\ndate: 2022-04-20\nsource: 运城晚报\nauthor: 记者 王耀\n"
    "tags: [防疫, 第{n}号]\n---\n"
    "<p>第{n}号：社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"
)
FILES, SHARE = 12, 4


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "SHARE_FILES", SHARE)
    for n in range(FILES):
        (tmp_path / f"{n:02}.md").write_text(POST.format(n=n), encoding="utf-8")
    return tmp_path


def files_written_here():
    """The names of the files this process (not a spawned one) inserts."""
    written = []

    def note(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "articles_importedfile"'):
            written.append(params[0])
        return execute(sql, params, many, context)

    return written, connection.execute_wrapper(note)


def test_the_files_are_shared_among_the_processes_and_reported_in_order(inbox):
    written, noting = files_written_here()
    with noting:
        report = import_paths([inbox], jobs=2)

    names = [str(inbox / f"{n:02}.md") for n in range(FILES)]
    assert [file.name for file in report.files] == names
    assert [file.titles for file in report.files] == [[f"第{n}号通知"] for n in range(FILES)]
    assert {file.status for file in report.files} == {"imported"}
    # The first share went to the spawned process, and this one wrote others.
    assert written and not set(names[:SHARE]) & set(written)
    assert sorted(ImportedFile.objects.values_list("name", flat=True)) == names
    assert Article.objects.count() == ArticleSearchDocument.objects.count() == FILES
    assert Revision.objects.filter(note="导入").count() == FILES


def test_near_duplicates_written_by_two_processes_find_each_other(inbox):
    report = import_paths([inbox], jobs=2)

    assert report.counts()["created"] == FILES
    # Every file resembles the others: one cluster, whichever process wrote each.
    assert DuplicateCluster.objects.count() == 1
    assert DuplicateMember.objects.count() == FILES


def test_a_second_run_finds_everything_unchanged(inbox):
    import_paths([inbox], jobs=2)
    again = import_paths([inbox], jobs=2)

    assert again.counts()["unchanged"] == FILES and Article.objects.count() == FILES


def test_imports_take_turns_deriving_to_their_commit(tmp_path):
    """While another import holds the turn (its fingerprints not yet committed), an import's
    batch waits before looking for near-duplicates, and goes on once the other commits."""
    import threading

    import psycopg

    from articles.importer import persist

    for n in range(2):
        (tmp_path / f"{n}.md").write_text(POST.format(n=n), encoding="utf-8")
    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname=settings["NAME"]
    )
    other.execute("SELECT pg_advisory_xact_lock(%s, %s)", persist.DERIVING_LOCK)
    reports = []

    def run():
        reports.append(import_paths([tmp_path]))
        connection.close()

    importing = threading.Thread(target=run)
    importing.start()
    importing.join(timeout=3)
    assert importing.is_alive() and not reports  # waiting for its turn
    other.commit()
    importing.join(timeout=30)
    other.close()
    assert reports and reports[0].counts()["created"] == 2
