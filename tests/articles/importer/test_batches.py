"""Many files a transaction, each in its own savepoint: a bad file in the middle fails alone.

Real files through the real importer, committed for real (`transaction=True`), on SQLite and
on PostgreSQL. The bad file fails while it is being written, after its articles, credits and
tags are inserted: by a bug (any exception) or by the database refusing a statement (which on
PostgreSQL aborts the whole transaction unless its savepoint is rolled back).
"""

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from articles import cards
from articles.importer import persist
from articles.importer.pipeline import import_files, import_paths
from articles.models import (
    Article,
    ArticleCard,
    ArticleSearchDocument,
    DuplicateCluster,
    DuplicateMember,
    ImportedFile,
    Revision,
    TaggedArticle,
)

pytestmark = pytest.mark.django_db(transaction=True)

POST = (
    "---\ntitle: {title}\ndate: 2022-04-20\nsource: 运城晚报\nauthor: 记者 王耀\n"
    "tags: [防疫, {title}]\n---\n"
    "<p>{title}：社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"
)
BAD = "坏稿"
# A new file's own queries inside a batch: its savepoint (2), the file's authors, its records,
# the new record, articles by key, its source, the article, its credit, the tags named, the new
# tag (3), the taggings, the record's outcome, the article loaded with its credits, tags and
# images (4) to draw its search document, card and story; and the lock on PostgreSQL.
ON_POSTGRESQL = connection.vendor == "postgresql"
PER_FILE = 19 + ON_POSTGRESQL
# What a batch adds once, whatever its number of files: the near-duplicate fingerprints (stale
# bands deleted, fingerprints and bands inserted, one lookup of the bands shared with their
# fingerprints and articles, the pairs told apart), joining one cluster (8 in a savepoint), then one
# insert each for the revisions, cards, stories and search documents; and the run's own few
# (the transaction's start and commit on SQLite; on PostgreSQL `synchronous_commit` set and
# reset, and the batch's turn to look for near-duplicates).
PER_BATCH = 21 if ON_POSTGRESQL else 18


def write_inbox(folder, titles):
    folder.mkdir()
    for n, title in enumerate(titles):
        (folder / f"{n:02}.md").write_text(POST.format(title=title), encoding="utf-8")
    return folder


def fail_on_the_bad_file(monkeypatch, how):
    """The bad file's card fails to render (its rows are written by then)."""
    render_card = cards.render_card

    def render_or_fail(article):
        if article.title == BAD:
            if how == "bug":
                raise RuntimeError("a bug in one rule")
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM articles_no_such_table")
        return render_card(article)

    monkeypatch.setattr(cards, "render_card", render_or_fail)


@pytest.fixture
def commits(monkeypatch):
    """The transactions committed: every outermost atomic block's end calls `commit()`."""
    committed = []
    commit = connection.commit

    def counted():
        committed.append(1)
        return commit()

    monkeypatch.setattr(connection, "commit", counted)
    monkeypatch.setattr(persist, "BATCH_SECONDS", 600)  # however loaded the machine
    return committed


@pytest.mark.parametrize("how", ["bug", "database"])
def test_a_bad_file_in_the_middle_of_a_batch_fails_alone(tmp_path, monkeypatch, commits, how):
    titles = [f"第{n}号通知" for n in range(6)]
    titles.insert(3, BAD)
    inbox = write_inbox(tmp_path / "inbox", titles)
    (inbox / "03b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    fail_on_the_bad_file(monkeypatch, how)

    report = import_paths([inbox], jobs=1)

    assert len(commits) == 1
    statuses = {file.name.rsplit("/", 1)[-1]: file.status for file in report.files}
    assert statuses == {
        "00.md": "imported",
        "01.md": "imported",
        "02.md": "imported",
        "03.md": "failed",
        "03b.txt": "failed",
        "04.md": "imported",
        "05.md": "imported",
        "06.md": "imported",
    }
    assert str(inbox / "03.md") in report.files[3].error
    good = [title for title in titles if title != BAD]
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted(good)
    assert ArticleSearchDocument.objects.count() == len(good)
    assert not TaggedArticle.objects.filter(tag__name=BAD).exists()
    failed = ImportedFile.objects.filter(outcome=ImportedFile.Outcome.FAILED)
    assert sorted(record.name.rsplit("/", 1)[-1] for record in failed) == ["03.md", "03b.txt"]
    assert [a.title for a in Article.objects.search("饺子").order_by("title")] == sorted(good)

    monkeypatch.undo()
    again = import_paths([inbox], jobs=1)
    assert [file.status for file in again.files][3:5] == ["imported", "failed"]
    assert Article.objects.count() == len(titles)


def test_batches_end_at_their_size_and_the_run_goes_on(tmp_path, monkeypatch, commits):
    monkeypatch.setattr(persist, "BATCH_FILES", 3)
    inbox = write_inbox(tmp_path / "inbox", [f"第{n}号通知" for n in range(7)])

    report = import_paths([inbox], jobs=1)

    assert {file.status for file in report.files} == {"imported"}
    assert Article.objects.count() == 7
    assert len(commits) == 3  # 3 + 3 + the last file alone


def test_the_admins_jobs_take_the_same_path(tmp_path, monkeypatch, commits):
    fail_on_the_bad_file(monkeypatch, "database")
    files = [(f"{title}.md", POST.format(title=title).encode()) for title in ("甲稿", BAD, "乙稿")]

    reports = list(import_files(files, publish=True))

    assert [report.status for report in reports] == ["imported", "failed", "imported"]
    assert sorted(Article.objects.published().values_list("title", flat=True)) == ["乙稿", "甲稿"]
    assert len(commits) == 1


def test_a_lost_batch_is_written_again_one_file_a_transaction(tmp_path, monkeypatch):
    """A savepoint that cannot be rolled back loses the batch: its files are written again."""
    inbox = write_inbox(tmp_path / "inbox", ["甲稿", "乙稿", "丙稿"])
    save_document, calls = persist.save_document, []

    def lost_once(document, **options):
        calls.append(document.name)
        if len(calls) == 2:
            connection.needs_rollback = True
        return save_document(document, **options)

    monkeypatch.setattr(persist, "save_document", lost_once)
    report = import_paths([inbox], jobs=1)

    assert [file.status for file in report.files] == ["imported"] * 3
    assert len(calls) == 5  # two in the lost batch, then all three one by one
    assert sorted(Article.objects.values_list("title", flat=True)) == ["丙稿", "乙稿", "甲稿"]


def test_a_batch_deadlocked_with_another_import_gives_way(tmp_path, monkeypatch, commits):
    """PostgreSQL's deadlock error (as another import holding rows would cause, made here on
    the second file once): the batch is rolled back and its files written one by one."""
    inbox = write_inbox(tmp_path / "inbox", ["甲稿", "乙稿", "丙稿"])
    render_card, deadlocks = cards.render_card, []

    def deadlocked_once(article):
        if article.title == "乙稿" and not deadlocks:
            deadlocks.append(article.title)
            raise OperationalError("deadlock detected") from psycopg.errors.DeadlockDetected()
        return render_card(article)

    monkeypatch.setattr(cards, "render_card", deadlocked_once)
    report = import_paths([inbox], jobs=1)

    assert [file.status for file in report.files] == ["imported"] * 3
    assert len(commits) == 3  # the batch rolled back, then one transaction a file
    assert not ImportedFile.objects.filter(outcome=ImportedFile.Outcome.FAILED).exists()
    assert Article.objects.count() == 3


def queries_to_import(folder):
    with CaptureQueriesContext(connection) as captured:
        report = import_paths([folder], jobs=1)
    assert {file.status for file in report.files} == {"imported"}
    return len(captured)


def test_what_a_batch_derives_is_written_once_for_all_its_files(tmp_path, commits):
    """Fingerprints and clusters, revisions, search documents, cards and stories: the same
    queries for a batch of 3 files as for one of 6; each file costs only its own rows."""
    queries_to_import(write_inbox(tmp_path / "first", ["首稿", "次稿"]))  # source, author, cluster
    three = queries_to_import(write_inbox(tmp_path / "three", [f"三号{n}" for n in range(3)]))
    six = queries_to_import(write_inbox(tmp_path / "six", [f"六号{n}" for n in range(6)]))

    assert (six - three, three - 3 * PER_FILE) == (3 * PER_FILE, PER_BATCH)
    # Every file resembles the others: one cluster, which each batch joined.
    assert DuplicateCluster.objects.count() == 1
    assert DuplicateMember.objects.count() == Article.objects.count() == 11
    assert ArticleSearchDocument.objects.count() == ArticleCard.objects.count() == 11
    assert Revision.objects.count() == 11


def test_a_batch_whose_derived_rows_fail_is_written_again_one_file_a_transaction(
    tmp_path, monkeypatch, commits
):
    """A bug in what the batch writes once (here the fingerprints, once): the batch is rolled
    back and its files written one by one, each with its own rows."""
    inbox = write_inbox(tmp_path / "inbox", ["甲稿", "乙稿", "丙稿"])
    record, failures = persist.record_fingerprints_by_article, []

    def fails_once(articles, known):
        if not failures:
            failures.append(1)
            raise RuntimeError("a bug in one fingerprint")
        return record(articles, known)

    monkeypatch.setattr(persist, "record_fingerprints_by_article", fails_once)
    report = import_paths([inbox], jobs=1)

    assert [file.status for file in report.files] == ["imported"] * 3
    assert len(commits) == 3  # the batch rolled back, then one transaction a file
    assert ArticleSearchDocument.objects.count() == Revision.objects.count() == 3
    assert DuplicateMember.objects.count() == 3


@pytest.mark.skipif(not ON_POSTGRESQL, reason="binding on the server is PostgreSQL's")
def test_a_runs_queries_bind_on_the_server_and_the_connection_is_given_back_as_it_was(tmp_path):
    """Inside a run every query of the importer is bound on the server (so repeated ones are
    prepared); the site's queries after it bind on the client again."""
    cursors = []

    def note_cursor(execute, sql, params, many, context):
        cursors.append(type(context["cursor"].cursor))
        return execute(sql, params, many, context)

    inbox = write_inbox(tmp_path / "inbox", [f"第{n}稿" for n in range(8)])
    with connection.execute_wrapper(note_cursor):
        report = import_paths([inbox], jobs=1)
    assert [file.status for file in report.files] == ["imported"] * 8
    assert cursors and not any(issubclass(kind, psycopg.ClientCursor) for kind in cursors)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] > 0  # the files' repeated queries were prepared
        assert isinstance(cursor.cursor, psycopg.ClientCursor)


def test_the_writer_fingerprints_articles_with_what_parsing_drew(tmp_path, monkeypatch):
    """A file's fingerprints are drawn with its parsing (in a run's parsing processes); the
    writer computes none again for the articles it writes with that very text."""
    from articles.models import ArticleFingerprint
    from articles.services import duplicates

    drawn_again = []
    fingerprint_story = duplicates.fingerprint_story
    monkeypatch.setattr(
        duplicates,
        "fingerprint_story",
        lambda *text: drawn_again.append(text) or fingerprint_story(*text),
    )
    inbox = write_inbox(tmp_path / "inbox", ["甲稿", "乙稿", "丙稿"])

    report = import_paths([inbox], jobs=1)

    assert [file.status for file in report.files] == ["imported"] * 3
    assert drawn_again == []
    assert ArticleFingerprint.objects.count() == 3
    assert DuplicateMember.objects.count() == 3  # alike, as before: one cluster
