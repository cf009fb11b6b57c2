"""The importer's one writer: a `ParsedDocument` becomes rows, whole or not at all.

Transactions. Each file is written in its own atomic block: a savepoint when a run writes many
files a transaction (`in_batches`), else its own transaction.

Idempotency. Each story has a content-derived `import_key` (a hash of its whole text: kicker,
title, subtitle and body), so the same story under another name finds the same article, and a
second run changes nothing; two stories that differ anywhere are two articles. Whether a story
is an update is decided by the file's own identity: a story not found by key is looked for in
the previous version of the file with the same name (or in the file's own record, when keys were
made differently before), first by its headline and opening, then by its position; it is updated
in place.

Concurrency. Imports of the same bytes are serialised (a PostgreSQL advisory lock; SQLite's
transactions begin `IMMEDIATE`); a file written meanwhile by another import (a unique key taken)
is written again once, in a fresh savepoint, and then finds its stories unchanged.

Search. The articles' search documents (with their cards, stories, revisions and near-duplicate
fingerprints) are written in the file's transaction: for a batch of files, once for all of them
before it commits. An unchanged article without one (lost to an outage before that was so) gets
it on re-import.

Editors win. What the importer wrote is kept in `Article.imported_values`; a field whose current
value differs from it was edited and is never overwritten. When the file brings a new value for
such a field, the conflict is reported in `FileResult.skipped_fields`.

Status. Imported articles arrive as drafts; with `publish=True`, those without warnings are
published. Warnings (inferred title, unknown date, no source, failed image download) keep an
article a draft until an editor has looked.

Deletions. An article an editor deleted comes back when its file is imported again: the file
still holds the story.

Failures. A file that cannot be read leaves one `ImportedFile` row with outcome `failed` and its
error message (no text, no articles) — its error record, written once per name and content.
Recording it never raises: a broken connection is dropped and opened again, and while the
database is down the failure is only reported and logged.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC
from itertools import islice

from django.conf import settings
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    transaction,
)
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from taggit.models import Tag

from ..models import (
    Article,
    ArticleAuthor,
    ArticleSearchDocument,
    Author,
    DrawnRows,
    Image,
    ImportedFile,
    Source,
    TaggedArticle,
    normalise_name,
    store_drawn_rows_now,
)
from ..services.duplicates import record_fingerprints_by_article
from ..services.revisions import record_revisions
from . import images as remote_images

TEXT_FIELDS = (
    "title",
    "kicker",
    "subtitle",
    "lead",
    "body",
    "section",
    "dateline",
    "original_url",
    "date_precision",
)
RELATED_FIELDS = ("reported_at", "source", "via", "credits", "tags", "images")
EDITABLE_FIELDS = (*TEXT_FIELDS, *RELATED_FIELDS)
OPENING_CHARS = 400  # of a story's headline and body: how a changed file's story is recognised
# Files written in one transaction, each in its own savepoint, and the longest a transaction
# stays open (its locks held: SQLite's whole database, PostgreSQL's rows and advisory locks).
BATCH_FILES = 100
BATCH_SECONDS = 5.0
# PostgreSQL's deadlock and serialisation failures: another import holds what this one waits for.
GIVE_WAY_SQLSTATES = {"40P01", "40001"}
# How often a file is written when another import keeps writing the same new names meanwhile.
WRITE_ATTEMPTS = 3
# The advisory lock imports take turns deriving under (`_write_derived`); a pair of keys, apart
# from the one-key locks of `_serialise_imports_of`.
DERIVING_LOCK = (0x4E57, 1)
_batch = threading.local()

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkippedField:
    """A field an editor changed since the import, which the file would now change again."""

    article_id: int
    title: str
    field: str

    def as_dict(self):
        return {
            "article": self.article_id,
            "title": self.title,
            "field": self.field,
            "label": field_label(self.field),
            "message": self.describe(),
        }

    def describe(self):
        return _("编辑改过的“%(label)s”未覆盖：%(title)s") % {
            "label": field_label(self.field),
            "title": self.title,
        }


@dataclass
class FileResult:
    imported_file: ImportedFile | None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_fields: list[SkippedField] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    changed: list[Article] = field(default_factory=list)  # created or updated by this import
    same_as: str = ""  # an earlier file with these very bytes, imported under another name
    duplicates: list = field(default_factory=list)  # `DuplicateNote`s of the articles written

    @property
    def outcome(self):
        if self.created:
            return ImportedFile.Outcome.IMPORTED
        if self.updated:
            return ImportedFile.Outcome.UPDATED
        return ImportedFile.Outcome.UNCHANGED


def field_label(name):
    """An editable field's name as editors read it: `title` → 标题, `credits` → 署名."""
    related = {"credits": ArticleAuthor, "images": Image}
    if name in related:
        return str(related[name]._meta.verbose_name_plural)
    return str(Article._meta.get_field(name).verbose_name)


def import_key(story):
    """A stable key for a story: a hash of its whole text, spaces ignored."""
    return _text_hash(story.kicker, story.title, story.subtitle, story.body_html)


def opening_key(kicker, title, subtitle, body_html):
    """A hash of a story's headline and the opening of its body, spaces ignored: what stays the
    same when a file's new version corrects the story further down."""
    return _text_hash(kicker, title, subtitle, body_html, limit=OPENING_CHARS)


def _text_hash(kicker, title, subtitle, body_html, *, limit=None):
    identity = re.sub(r"\s+", "", "\n".join((kicker, title, subtitle, strip_tags(body_html))))
    return hashlib.sha256(identity[:limit].encode()).hexdigest()


def story_keys(stories):
    """One key per story; stories of one file that look alike are told apart by position."""
    keys, seen = [], set()
    for story in stories:
        key = import_key(story)
        if key in seen:
            key = hashlib.sha256(f"{key}:{story.position}".encode()).hexdigest()
        seen.add(key)
        keys.append(key)
    return keys


def save_document(document, *, user=None, publish=False, fetch_images=None):
    """Write one parsed file: its `ImportedFile`, its articles, their search documents and an 导入
    revision of each article it created or changed, whole or not at all. Remote images are
    downloaded first unless `fetch_images` is false (None: `NEWSROOM_FETCH_IMAGES`)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()  # after an outage, a fresh connection
    if fetch_images is None:
        fetch_images = settings.NEWSROOM_FETCH_IMAGES
    fetched, fetch_failures = _fetch_images(document) if fetch_images else (None, {})
    try:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return _write_document(document, user, publish, fetched, fetch_failures)
            except IntegrityError:
                # Another import wrote one of these stories (or authors, sources, tags)
                # meanwhile: this file's savepoint is gone, and written again it finds what the
                # other wrote; by then the other may have written another of its names.
                if attempt == WRITE_ATTEMPTS:
                    raise
    except OperationalError as error:
        if getattr(_batch, "open", False) and _sqlstate(error) in GIVE_WAY_SQLSTATES:
            # Deadlocked with another import over rows this batch's earlier files hold: the
            # batch gives way (rolled back, its locks released) and `in_batches` writes its
            # files again one transaction each.
            connection.needs_rollback = True
        raise


def _sqlstate(error):
    return getattr(error.__cause__, "sqlstate", None)


def _write_document(document, user, publish, fetched, fetch_failures):
    batched = getattr(_batch, "open", False)
    with transaction.atomic():
        _serialise_imports_of(document.sha256)
        writer = _DocumentWriter(document, user=user, publish=publish, fetched=fetched)
        result = writer.write(fetch_failures)
        derived = _derive(result, user, document.fingerprints_by_text())
        if not batched:
            _write_derived([derived])
    if batched:  # the file's savepoint is released: its derived rows go with the batch's
        _batch.pending.append(derived)
    return result


def may_write_in_parallel():
    """Whether a run may be written by several processes at once: on PostgreSQL (SQLite writes
    one transaction at a time), outside any transaction of the caller's (another process could
    neither see it nor be rolled back with it)."""
    connection = transaction.get_connection()
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _take_turns_deriving():
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", DERIVING_LOCK)


def _serialise_imports_of(sha256):
    """Two imports of the same bytes at once take turns (PostgreSQL; SQLite already does)."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(sha256[:15], 16)])


@dataclass
class _Derived:
    """What one file's import derives from the articles it wrote, ready to be written: the
    articles loaded once for their 导入 revisions (those it created or changed) and their search
    documents, cards and stories (those and any found unchanged without one), drawn inside the
    file's savepoint, so that an article that cannot be drawn fails its file alone."""

    result: FileResult
    user: object
    revised: list = field(default_factory=list)
    drawn: DrawnRows | None = None
    fingerprints: dict = field(default_factory=dict)  # drawn with the parsing, by text


def _derive(result, user, fingerprints):
    changed = {article.pk for article in result.changed}
    unchanged = [article.pk for article in result.articles if article.pk not in changed]
    indexed = set(
        ArticleSearchDocument.objects.filter(article__in=unchanged).values_list(
            "article_id", flat=True
        )
        if unchanged
        else ()
    )
    wanted = changed | (set(unchanged) - indexed)
    if not wanted:
        return _Derived(result, user, fingerprints=fingerprints)
    articles = list(Article.objects.filter(pk__in=wanted).order_by("pk").for_indexing())
    return _Derived(
        result,
        user,
        revised=[article for article in articles if article.pk in changed],
        drawn=ArticleSearchDocument.objects.draw(articles),
        fingerprints=fingerprints,
    )


def _write_derived(derived):
    """Write what the files of `derived` (a batch's, in order) derive from their articles, in
    the same few queries however many files: the near-duplicate fingerprints of all the
    articles they created or changed (one lookup, clustered together; each file's result gets
    the notes of its own), their revisions, and the search documents, cards and stories.

    Imports running at once (a run's writing processes, the admin's jobs) that fingerprint
    articles take turns here, to their commit: each then finds the fingerprints the other
    committed, and no two reports of one story, written at the same time, miss each other."""
    fingerprinted = {}
    for item in derived:
        for article in item.result.changed:
            fingerprinted[article.pk] = article  # written twice in a batch: its last state
    if fingerprinted:
        _take_turns_deriving()
    known = {text: drawn for item in derived for text, drawn in item.fingerprints.items()}
    notes = record_fingerprints_by_article(fingerprinted.values(), known)
    for item in derived:
        item.result.duplicates = [
            notes[article.pk] for article in item.result.changed if article.pk in notes
        ]
    by_user = {}
    for item in derived:
        by_user.setdefault(item.user, []).extend(item.revised)
    for user, revised in by_user.items():
        if revised:
            record_revisions(revised, user, _("导入"))
    drawn = DrawnRows.merged(item.drawn for item in derived if item.drawn)
    if drawn.documents:
        store_drawn_rows_now(drawn)


@contextmanager
def many_files():
    """A run of many files (the command's), on PostgreSQL: each file's commit returns without
    waiting for its write-ahead log to reach the disk, and parameters are bound on the server.
    """
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        yield
        return
    with _bound_on_server(connection), _commits_unsynchronised(connection):
        yield


@contextmanager
def _commits_unsynchronised(connection):
    """`synchronous_commit = off` for a run outside any transaction of the caller's.

    A file is still written whole or not at all; only a crash of the database server can lose
    the files committed in its last fraction of a second (never part of one), and importing them
    again brings them back. Measured on 200 files: 2–3 ms an article less, the commits'.
    """
    if connection.in_atomic_block:
        yield
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    except DatabaseError:  # the database is down: each file will report it
        connection.close()
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # the connection died meanwhile: a new one starts with the default
            connection.close()


@contextmanager
def _bound_on_server(connection):
    """The run's queries bind their parameters on the server, so that psycopg prepares those a
    file repeats (`prepare_threshold`) and never quotes a batch's arrays into the SQL text.
    Measured on 600 articles: the writer's CPU 12.4 → 11.3 ms an article, PostgreSQL's 4.8 →
    4.1. Django's cursors bind on the client, which every query of the site is written for; a
    connection opened during the run (after an outage) keeps that default."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    try:
        connection.ensure_connection()
    except DatabaseError:  # the database is down: each file will report it
        yield
        return
    raw, client_binding = connection.connection, connection.connection.cursor_factory
    raw.cursor_factory = ServerBindingCursor
    try:
        yield
    finally:
        raw.cursor_factory = client_binding


def in_batches(items, write):
    """`write(item)` for each of `items`, yielding the results in order once they are committed.

    Up to `BATCH_FILES` items (and at most `BATCH_SECONDS` of writing) share one transaction;
    each file writes in its own savepoint (`save_document`, `record_failure`), so a file that
    fails (any exception, which `write` turns into its result) is rolled back alone and the
    rest of its batch is saved. Should the batch's transaction itself be lost (the connection
    died, a savepoint could not be rolled back, the commit failed, or it deadlocked with another
    import over rows its earlier files hold: `save_document` makes it give way), its items are
    written again one transaction each, as a lone file is: nothing is reported written that was
    not committed.
    What the batch's files derive from their articles (fingerprints and near-duplicate
    clusters, revisions, search documents, cards, stories) is drawn with each file and written
    once for the batch, before it commits (`_write_derived`): a file's result holds its
    near-duplicate notes once its batch is committed.
    A lone item, or one inside the caller's transaction, is written as it is.
    """
    items = iter(items)
    following = list(islice(items, 1))
    while following:
        batch, following = following, list(islice(items, 1))
        connection = transaction.get_connection()
        if not following or connection.in_atomic_block:
            yield write(batch[0])
            continue
        started, results = time.monotonic(), []
        try:
            with transaction.atomic():
                _batch.open, _batch.pending = True, []
                while True:
                    results.append(write(batch[-1]))
                    if connection.needs_rollback:
                        raise _BatchLost
                    full = len(batch) >= BATCH_FILES or time.monotonic() - started >= BATCH_SECONDS
                    if full or not following:
                        break
                    batch.extend(following)
                    following = list(islice(items, 1))
                _write_batch_derived()
        except (DatabaseError, _BatchLost):
            logger.warning("a batch of %s files was lost: writing them one by one", len(batch))
            _batch.open = False
            connection.close_if_unusable_or_obsolete()
            results = [write(item) for item in batch]
        finally:
            _batch.open, _batch.pending = False, []
        yield from results


def _write_batch_derived():
    """`_write_derived` of the open batch's files, before it commits. Should it fail, whatever
    the reason, the batch is lost and its files are written again one by one, each deriving its
    own rows: a failure then fails its file alone."""
    pending, _batch.pending = _batch.pending, []
    try:
        _write_derived(pending)
    except DatabaseError:
        raise
    except Exception as error:  # a bug in one article's fingerprint fails that file, not the run
        logger.exception("writing what a batch of %s files derives failed", len(pending))
        raise _BatchLost from error


class _BatchLost(Exception):
    """A batch's transaction can only be rolled back (a savepoint could not be)."""


def record_failure(name, data, message, *, user=None):
    """Keep a failed file's error (and nothing else), once per file name and content.

    Never raises: the failure may be that the database went away. A broken connection is
    closed and opened again once; if the database is still down, the error is only logged and
    reported (`None`).
    """
    connection = transaction.get_connection()
    if getattr(_batch, "open", False) and connection.needs_rollback:
        return None  # the batch gives way and is written again, this file with it
    error = None
    for _attempt in range(2):
        try:
            return _write_failure(name, data, message, user)
        except (DatabaseError, InterfaceError) as caught:
            error = caught
            if connection.in_atomic_block:  # the caller's transaction is lost: nothing to retry
                break
            connection.close()
    logger.error("%s (not recorded in the database: %s)", message, error)
    return None


def _write_failure(name, data, message, user):
    sha256 = hashlib.sha256(data).hexdigest()
    failed = ImportedFile.Outcome.FAILED
    with transaction.atomic():
        _serialise_imports_of(sha256)
        if ImportedFile.objects.filter(name=name, sha256=sha256, outcome=failed).exists():
            return None
        return ImportedFile.objects.create(
            name=name[:500],
            sha256=sha256,
            size=len(data),
            outcome=failed,
            messages=[message],
            imported_by=user,
        )


def story_values(story):
    """What the importer writes for a story, in the JSON form kept in `imported_values`."""
    values = {
        name: _clip(
            getattr(story, _story_attribute(name)), Article._meta.get_field(name).max_length
        )
        for name in TEXT_FIELDS
    }
    if len(story.original_url) > Article._meta.get_field("original_url").max_length:
        values["original_url"] = ""  # a cut address leads nowhere
    values["reported_at"] = _instant(story.reported_at)
    values["source"] = _name(story.source.name) if story.source else ""
    values["via"] = _name(story.via.name) if story.via else ""
    if values["via"] == values["source"]:
        values["via"] = ""
    values["credits"] = _unique_pairs((_name(c.name), c.role) for c in story.credits)
    values["tags"] = sorted(
        {_tag(name).casefold(): _tag(name) for name in story.tags if _tag(name)}.values()
    )
    values["images"] = [
        [
            image.url,
            image.caption,
            image.credit[:200],
            _name(image.credit_name),
            image.alt_text[:300],
        ]
        for image in story.images
    ]
    return values


def article_values(article):
    """The same fields as `story_values`, as the article holds them now."""
    values = {name: getattr(article, name) for name in TEXT_FIELDS}
    values["reported_at"] = _instant(article.reported_at)
    values["source"] = article.source.name if article.source else ""
    values["via"] = article.via.name if article.via else ""
    credits = article.credits.select_related("author")
    values["credits"] = [[credit.author.name, credit.role] for credit in credits]
    values["tags"] = sorted((tag.name for tag in article.tags.all()), key=str.casefold)
    values["images"] = [
        [
            image.original_url,
            image.caption,
            image.credit,
            image.credit_author.name if image.credit_author else "",
            image.alt_text,
        ]
        for image in article.images.select_related("credit_author")
    ]
    return values


def _name(name):
    """A person's or outlet's name as stored: normalised, within the column's 100 characters."""
    return normalise_name(name)[: Author._meta.get_field("name").max_length]


def _story_attribute(name):
    return {"body": "body_html"}.get(name, name)


def _clip(value, limit):
    value = value or ""
    return value[:limit] if limit else value


def _instant(moment):
    return moment.astimezone(UTC).isoformat() if moment else None


def _tag(name):
    return re.sub(r"\s+", " ", name).strip()[:100]


def _unique_pairs(pairs):
    unique = []
    for pair in pairs:
        if list(pair) not in unique:
            unique.append(list(pair))
    return unique


def _comparable(name, value):
    if name == "tags":
        return sorted(tag.casefold() for tag in value)
    return value


class _DocumentWriter:
    def __init__(self, document, *, user, publish, fetched):
        self.document = document
        self.user = user
        self.publish = publish
        self.fetched = fetched
        names = {
            _name(name)
            for story in document.stories
            for name in (
                *(credit.name for credit in story.credits),
                *(image.credit_name for image in story.images if image.credit_name),
            )
        }
        self.authors = {author.name: author for author in Author.objects.filter(name__in=names)}
        self.sources = {}

    def write(self, fetch_failures):
        imported_file, is_new_file = self._imported_file()
        result = FileResult(imported_file=imported_file)
        if imported_file.name != self.document.name[:500]:
            result.same_as = imported_file.name
        keys = story_keys(self.document.stories)
        found = {
            article.import_key: article
            for article in Article.objects.filter(import_key__in=keys).select_related(
                "source", "via"
            )
        }
        missing = [
            (index, story)
            for index, (story, key) in enumerate(zip(self.document.stories, keys, strict=True))
            if key not in found
        ]
        earlier = (
            _recognise(missing, self._earlier_articles(imported_file, is_new_file, found))
            if missing
            else {}
        )
        outcomes, new = [], []
        for index, (story, key) in enumerate(zip(self.document.stories, keys, strict=True)):
            warnings = list(story.warnings) + [
                fetch_failures[image.url] for image in story.images if image.url in fetch_failures
            ]
            article = found.get(key) or earlier.get(index)
            if article is None:
                new.append((story, key, warnings))
                outcomes.append(("created", None, warnings))
            elif self._update(article, story, key, imported_file, warnings, result.skipped_fields):
                outcomes.append(("updated", article, warnings))
            else:
                outcomes.append(("unchanged", article, warnings))
        created = iter(self._create_all(new, imported_file))
        for outcome, article, warnings in outcomes:
            if article is None:
                article = next(created)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if outcome != "unchanged":
                result.changed.append(article)
            result.articles.append(article)
            result.warnings.extend(f"{article.title}：{warning}" for warning in warnings)
        if is_new_file or result.created or result.updated:
            imported_file.outcome = result.outcome
            imported_file.messages = result.warnings + [
                skipped.describe() for skipped in result.skipped_fields
            ]
            imported_file.save(update_fields=["outcome", "messages"])
        return result

    def _imported_file(self):
        """The successful record of these exact bytes (under this name first), else a new one.

        The same query finds the file's previous version (`self.previous`): the newest
        successful record of this name with other bytes.
        """
        document = self.document
        records = (
            ImportedFile.objects.filter(Q(sha256=document.sha256) | Q(name=document.name))
            .exclude(outcome=ImportedFile.Outcome.FAILED)
            .defer("original_text")
            .order_by("-imported_at", "-id")
        )
        same_bytes, self.previous = [], None
        for record in records:
            if record.sha256 == document.sha256:
                same_bytes.append(record)
            elif self.previous is None:
                self.previous = record
        named = [record for record in same_bytes if record.name == document.name]
        existing = (named or same_bytes or [None])[0]
        if existing is not None:
            return existing, False
        created = ImportedFile.objects.create(
            name=document.name[:500],
            sha256=document.sha256,
            size=document.size,
            encoding=document.encoding,
            format=document.format,
            original_text=document.text,
            imported_by=self.user,
            outcome=ImportedFile.Outcome.IMPORTED,
        )
        return created, True

    def _earlier_articles(self, imported_file, is_new_file, exclude_keys):
        """The articles this file name held before that no key found: those of the last other
        version of the file, then (overriding them) those of this very record, keyed otherwise."""
        records = [self.previous.pk] if self.previous else []
        if not is_new_file:
            records.append(imported_file.pk)
        articles = (
            Article.objects.filter(imported_file__in=records)
            .exclude(import_key__in=exclude_keys)
            .select_related("source", "via")
        )
        return sorted(articles, key=lambda article: article.imported_file_id == imported_file.pk)

    def _create_all(self, stories, imported_file):
        """Articles for the file's new `(story, key, warnings)`, in the same few queries however
        many there are: the articles, then all their credits, tags and images at once."""
        written = []
        for story, key, warnings in stories:
            values = story_values(story)
            article = Article(
                import_key=key,
                imported_file=imported_file,
                position=story.position,
                original_text=story.original_text,
                warnings=warnings,
                imported_values=values,
                status=Article.Status.DRAFT,
            )
            self._set_fields(article, story, values, EDITABLE_FIELDS)
            if self.publish and not warnings:
                article.status = Article.Status.PUBLISHED
            written.append((article, story, values))
        Article.objects.create_all([article for article, _story, _values in written])
        self._write_relations(written, RELATED_FIELDS, replacing=False)
        for article, _story, values in written:
            if values["images"]:
                self._attach_files(article)
        return [article for article, _story, _values in written]

    def _update(self, article, story, key, imported_file, warnings, skipped_fields):
        """Bring an existing article up to date; False when nothing needed changing."""
        values = story_values(story)
        recorded = article.imported_values or {}
        changed = []
        if not _same_values(values, recorded):  # else the file says what it said: nothing to do
            changed = _changes(article, values, recorded, skipped_fields)
        if article.imported_file_id != imported_file.pk:
            # The story now comes from a newer version of its file: a pointer, not a change.
            Article.objects.filter(pk=article.pk).update(imported_file=imported_file)
            article.imported_file = imported_file
        bookkeeping = {
            "import_key": key,
            "position": story.position,
            "original_text": story.original_text,
            "warnings": warnings,
        }
        stale = [name for name, value in bookkeeping.items() if getattr(article, name) != value]
        publishing = self.publish and article.status == Article.Status.DRAFT and not warnings
        if changed or stale or publishing:
            for name in stale:
                setattr(article, name, bookkeeping[name])
            if "warnings" in stale:
                article.warnings_checked = False
            self._set_fields(article, story, values, changed)
            article.imported_values = {**recorded, **{name: values[name] for name in changed}}
            if publishing:
                article.status = Article.Status.PUBLISHED
            article.save()
            self._write_relations([(article, story, values)], changed)
        attached = self._attach_files(article)
        return bool(changed or stale or publishing or attached)

    def _set_fields(self, article, story, values, names):
        for name in names:
            if name in TEXT_FIELDS:
                setattr(article, name, values[name])
            elif name == "reported_at":
                article.reported_at = story.reported_at
            elif name in {"source", "via"}:
                setattr(article, name, self._source(values[name], getattr(story, name)))

    def _write_relations(self, written, names, *, replacing=True):
        """The credits, tags and images among `names` of `written` `(article, story, values)`,
        each kind in one insert for all the articles."""
        articles = [article for article, _story, _values in written]
        if "credits" in names:
            if replacing:
                ArticleAuthor.objects.filter(article__in=articles).delete()
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article=article, author=self._author(name), role=role, order=order)
                for article, _story, values in written
                for order, (name, role) in enumerate(values["credits"])
            )
        if "tags" in names:
            if replacing:
                for article, _story, values in written:
                    article.tags.set(values["tags"])
            else:
                self._tag_new(written)
        if "images" in names:
            if replacing:
                Image.objects.filter(article__in=articles).delete()
            Image.objects.bulk_create(
                Image(
                    article=article,
                    order=order,
                    original_url=url,
                    width=record.width,
                    height=record.height,
                    caption=caption,
                    credit=credit,
                    credit_author=self._author(credit_name) if credit_name else None,
                    alt_text=alt_text,
                )
                for article, story, values in written
                for order, ((url, caption, credit, credit_name, alt_text), record) in enumerate(
                    zip(values["images"], story.images, strict=True)
                )
            )

    def _tag_new(self, written):
        """Tag new articles in one insert; each name is the tag of that name in any letter case
        (`TAGGIT_CASE_INSENSITIVE`, the oldest if several), created when there is none."""
        wanted = {name.casefold(): name for _a, _s, values in written for name in values["tags"]}
        if not wanted:
            return
        matching = Q()
        for name in wanted.values():
            matching |= Q(name__iexact=name)
        tags = {}
        for tag in Tag.objects.filter(matching).order_by("-pk"):
            tags[tag.name.casefold()] = tag  # the oldest last, so it wins
        for folded, name in wanted.items():
            if folded not in tags:
                tags[folded] = Tag.objects.create(name=name)
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=tags[name.casefold()])
            for article, _story, values in written
            for name in values["tags"]
        )

    def _source(self, name, record):
        """The outlet called `name` (normalised), created with the kind the parser gave it."""
        if not name:
            return None
        if name not in self.sources:
            source, created = Source.objects.get_or_create(
                name=name, defaults={"kind": record.kind, "url": record.url[:500]}
            )
            if not created and source.kind == Source.Kind.UNKNOWN and record.kind != source.kind:
                source.kind = record.kind
                source.save(update_fields=["kind"])
            self.sources[name] = source
        return self.sources[name]

    def _author(self, name):
        """The person called `name` (normalised); the file's names are looked up in one query."""
        name = _name(name)
        if name not in self.authors:
            self.authors[name] = Author.objects.get_or_create(name=name)[0]
        return self.authors[name]

    def _attach_files(self, article):
        """Give the article's images without a file the downloaded (or already stored) file."""
        if self.fetched is None:
            return 0
        attached = 0
        for image in article.images.filter(file=""):
            fetched = self.fetched.get(image.original_url)
            stored = Image.objects.exclude(file="").filter(original_url=image.original_url)
            if fetched is not None:
                stored = Image.objects.exclude(file="").filter(sha256=fetched.sha256)
            twin = stored.first()
            if twin is not None:
                image.file.name, image.sha256 = twin.file.name, twin.sha256
                image.width, image.height = twin.width, twin.height
            elif fetched is not None:
                image.set_file_content(fetched.content, fetched.filename)
                image.width, image.height = fetched.width, fetched.height
            else:
                continue
            image.save()
            attached += 1
        return attached


def _recognise(stories, articles):
    """{index: article} for the (index, story) pairs that are recognisably one of `articles`
    (a file's earlier version): the same headline and opening first, then the same position.
    Each article goes to one story; later articles win a tie (the file's own record)."""
    by_opening = {_opening_of(article): article for article in articles}
    by_position = {article.position: article for article in articles}
    matched = {}
    for index, story in stories:
        opening = opening_key(story.kicker, story.title, story.subtitle, story.body_html)
        if opening in by_opening:
            matched[index] = by_opening.pop(opening)
    taken = {article.pk for article in matched.values()}
    for index, story in stories:
        article = by_position.get(story.position)
        if index not in matched and article is not None and article.pk not in taken:
            matched[index] = article
            taken.add(article.pk)
    return matched


def _opening_of(article):
    """`opening_key` of the story as the importer last wrote it into `article`."""
    values = {name: getattr(article, name) for name in ("kicker", "title", "subtitle", "body")}
    values.update(
        (name, article.imported_values[name]) for name in values if name in article.imported_values
    )
    return opening_key(values["kicker"], values["title"], values["subtitle"], values["body"])


def _same_values(values, recorded):
    return all(
        name in recorded and _comparable(name, values[name]) == _comparable(name, recorded[name])
        for name in EDITABLE_FIELDS
    )


def _changes(article, values, recorded, skipped_fields):
    """The fields to write: those the file changed and no editor has touched.

    A field an editor changed is kept; when the file also changed it, that is reported.
    """
    current = article_values(article)
    changed = []
    for name in EDITABLE_FIELDS:
        new, now = _comparable(name, values[name]), _comparable(name, current[name])
        if new == now:
            continue
        edited = name in recorded and _comparable(name, recorded[name]) != now
        if edited:
            if _comparable(name, recorded[name]) != new:
                skipped_fields.append(SkippedField(article.pk, article.title, name))
            continue
        changed.append(name)
    return changed


def _fetch_images(document):
    """Download every remote image of the document not stored yet: (url → image, url → warning)."""
    urls = {image.url for story in document.stories for image in story.images}
    stored = set(
        Image.objects.filter(original_url__in=urls)
        .exclude(file="")
        .values_list("original_url", flat=True)
    )
    fetched, failures = remote_images.fetch_images(urls - stored)
    return fetched, {
        url: _("图片下载失败：%(url)s（%(reason)s），保留原图网址") % {"url": url, "reason": reason}
        for url, reason in failures.items()
    }
