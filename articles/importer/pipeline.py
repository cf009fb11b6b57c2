"""The importer's one front door: bytes → text → layers → stories → persist, one file at a time.

`read_document` is pure: it never touches the database, so a preview (`import_file(dry_run=True)`)
shows what a file will become. `import_file` is the one per-file function the command and the
admin's import page both call; whatever goes wrong with a file becomes that file's failure report
(and error record), and the run goes on. `import_paths` walks what a command line names.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from ..fingerprints import fingerprint_story
from ..models import ImportedFile
from ..services.duplicates import notes_for_stories
from . import formats, persist, workers
from .containers import docx
from .decoding import decode, refuse_oversize
from .detect import detect_format
from .errors import ImportFailure, NoStoryFound
from .paths import collect_paths, read_at_most_the_limit
from .records import ParsedDocument
from .reports import FileReport, RunReport
from .story import with_full_width_punctuation

logger = logging.getLogger(__name__)

# Files handed to each parsing process ahead of the writer: enough to keep it busy.
READ_AHEAD = 4
# Files a process parses and writes at a time in a run writing in several (`write_in_processes`).
SHARE_FILES = 50


def read_document(name, data, *, format=None):
    """Everything the importer makes of one file's bytes; raises `ImportFailure` naming `name`."""
    container_warnings = ()
    try:
        refuse_oversize(name, data)
        if docx.is_docx(data):
            text, container_warnings = docx.to_html(data)
            encoding = docx.ENCODING
        else:
            decoded = decode(name, data)
            text, encoding = decoded.text, decoded.encoding
        format_name = detect_format(text, forced=format)
        stories, warnings = formats.read(format_name, text)
        if not stories:
            raise NoStoryFound(_("找不到可以导入的稿件。"))
        if settings.NEWSROOM_FULL_WIDTH_PUNCTUATION:
            stories = [with_full_width_punctuation(story) for story in stories]
    except ImportFailure as failure:
        raise failure.for_file(name) from failure
    return ParsedDocument(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=encoding,
        format=format_name,
        text=text,
        stories=tuple(stories),
        warnings=(*container_warnings, *warnings),
        fingerprints=tuple(fingerprint_story(story.body_html, story.lead) for story in stories),
    )


def import_paths(
    paths,
    *,
    format=None,
    dry_run=False,
    publish=False,
    fetch_images=None,
    user=None,
    progress=None,
    follow_symlinks=False,
    jobs=1,
    on_file=None,
    every_file=True,
):
    """Import every file under `paths`; `progress` wraps the list of files (e.g. `tqdm`), and
    `on_file` is given each file's report once it is committed. The run's report keeps every
    file's report, or with `every_file` false only the failed files' (`RunReport`).

    With `jobs` above 1 the files are parsed by that many processes (`read_paths`) while this
    one writes them, in file order, many files a transaction (`save_readings`); on PostgreSQL,
    each of the processes parses and writes its own shares (`write_in_processes`). The run's
    report keeps each file's line, not its parsed text or articles, so that a long run's memory
    stays flat.
    """
    files, skipped = collect_paths(paths, follow_symlinks=follow_symlinks)
    report = RunReport(dry_run=dry_run, every_file=every_file)
    for skipped_report in skipped:
        _add(report, skipped_report, on_file)
    writing = {"publish": publish, "fetch_images": fetch_images, "user": user}
    if not dry_run and jobs > 1 and len(files) > SHARE_FILES and persist.may_write_in_parallel():
        file_reports = write_in_processes(files, format=format, jobs=jobs, **writing)
    else:
        file_reports = _read_and_write(files, format=format, jobs=jobs, dry_run=dry_run, **writing)
    for file_report, _path in zip(
        file_reports, progress(files) if progress else files, strict=True
    ):
        _add(report, file_report.without_details(), on_file)
    return report


def _add(report, file_report, on_file):
    report.add(file_report)
    if on_file is not None:
        on_file(file_report)


def _read_and_write(files, *, format, jobs, dry_run=False, **writing):
    """Each file's report, parsed by `jobs` processes (`read_paths`) and written here."""
    readings = read_paths(files, format=format, jobs=jobs)
    with nullcontext() if dry_run else persist.many_files():
        yield from save_readings(readings, dry_run=dry_run, **writing)


def import_share(paths, *, format=None, **writing):
    """`import_paths` of `paths` in this process, one parsing and writing after the other: the
    reports (without details) of a share of a run `write_in_processes` gave a process."""
    return [
        report.without_details()
        for report in _read_and_write(paths, format=format, jobs=1, **writing)
    ]


def write_in_processes(paths, *, format=None, jobs, **writing):
    """The reports of `paths`, in order, each file parsed and written by one of `jobs` processes
    (this one and `jobs - 1` spawned ones, each with its own connection), a `SHARE_FILES`
    share at a time, so that the writing, not only the parsing, uses every core.

    A share whose process failed (killed, or the share could not cross back) is imported again
    here: what it had committed is found unchanged, nothing twice.
    """
    shares = [paths[start : start + SHARE_FILES] for start in range(0, len(paths), SHARE_FILES)]
    waiting = iter(range(len(shares)))
    done, running, yielded = {}, deque(), 0
    with ProcessPoolExecutor(
        max_workers=jobs - 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=workers.start,
        initargs=(translation.get_language(), workers.database_settings()),
    ) as pool:

        def keep_the_processes_busy():
            # Two shares a process, so that it never waits for this one to hand it the next.
            while len(running) < 2 * (jobs - 1):
                index = next(waiting, None)
                if index is None:
                    return
                try:
                    future = pool.submit(
                        workers.import_share, shares[index], format=format, **writing
                    )
                except BrokenProcessPool:  # a process was killed: the rest is written here
                    done[index] = import_share(shares[index], format=format, **writing)
                    continue
                running.append((index, future))

        def collect(block):
            for index, future in list(running):
                if not (block or future.done()):
                    continue
                running.remove((index, future))
                try:
                    done[index] = future.result()
                except Exception:  # the process died, or its reports could not cross back
                    logger.exception(
                        "importing files %s… in a process failed: importing them here",
                        shares[index][0],
                    )
                    done[index] = import_share(shares[index], format=format, **writing)

        while True:
            keep_the_processes_busy()
            index = next(waiting, None)
            if index is not None:
                done[index] = import_share(shares[index], format=format, **writing)
            collect(block=index is None)
            while yielded in done:
                yield from done.pop(yielded)
                yielded += 1
            if index is None and not running:
                return


def import_files(files, *, format=None, publish=False, fetch_images=None, user=None):
    """Read and save each of `files` (`(name, data)` pairs); yields each file's report once it is
    committed. The admin's import jobs call this, as `import_paths` does for the command."""
    readings = (read_file(name, data, format=format) for name, data in files)
    yield from save_readings(readings, publish=publish, fetch_images=fetch_images, user=user)


def save_readings(readings, *, dry_run=False, publish=False, fetch_images=None, user=None):
    """`save_reading` for each of `readings`, many files a transaction and each in its own
    savepoint (`persist.in_batches`): a file is still written whole or not at all, and a failed
    one fails alone. Yields the files' reports in order, each once it is committed."""

    def save(reading):
        return save_reading(
            reading, dry_run=dry_run, publish=publish, fetch_images=fetch_images, user=user
        )

    if dry_run:
        return map(save, readings)
    return map(_noting_duplicates, persist.in_batches(readings, save))


def import_file(
    name, data, *, format=None, dry_run=False, publish=False, fetch_images=None, user=None
):
    """Read and save one file; its failure becomes a report (and an error record), not an exception.

    The command and the admin's import page both call this per file: `report.articles` are the
    articles written, `report.document` what was parsed; a dry run writes nothing.
    """
    return save_reading(
        read_file(name, data, format=format),
        dry_run=dry_run,
        publish=publish,
        fetch_images=fetch_images,
        user=user,
    )


@dataclass(frozen=True)
class Reading:
    """What parsing made of one file: its document, or the failure's message. Crosses processes.

    `data` is the file's bytes, for the error record should it fail (none when it could not be
    read).
    """

    name: str
    document: ParsedDocument | None = None
    error: str = ""
    data: bytes | None = None


def read_file(name, data, *, format=None):
    """`read_document` whose failure, whatever it is, is the file's `Reading.error`."""
    try:
        return Reading(name, document=read_document(name, data, format=format), data=data)
    except ImportFailure as failure:
        return Reading(name, error=str(failure), data=data)
    except Exception as error:  # a bug in one rule is one file's failure, never a lost batch
        logger.exception("importing %s failed", name)
        return Reading(name, error=_unexpected_error(name, error), data=data)


def read_path(path, format=None):
    """The `Reading` of the file at `path`, read no further than the import limit."""
    try:
        data = read_at_most_the_limit(path)
    except OSError as error:
        message = _("%(name)s：无法读取（%(error)s）") % {"name": path, "error": error.strerror}
        return Reading(str(path), error=message)
    return read_file(str(path), data, format=format)


def read_paths(paths, *, format=None, jobs=1):
    """The `Reading` of each of `paths`, in order.

    With `jobs` above 1, parsed by a pool of that many fresh (spawned) processes, at most
    `READ_AHEAD` files a process ahead of the caller, so that parsed files never pile up while
    the caller writes. Should the pool die (a process killed), the rest is read here.
    """
    if jobs <= 1 or len(paths) < 2:
        yield from (read_path(path, format) for path in paths)
        return
    remaining = iter(paths)
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=workers.start,
        initargs=(translation.get_language(),),
    ) as pool:
        pending = deque(
            (path, pool.submit(workers.read_path, path, format))
            for path in islice(remaining, jobs * READ_AHEAD)
        )
        while pending:
            path, future = pending.popleft()
            try:
                reading = future.result()
            except BrokenProcessPool:
                logger.error("the parsing processes died at %s: reading the rest here", path)
                rest = [path, *(waiting for waiting, _future in pending), *remaining]
                yield from (read_path(unread, format) for unread in rest)
                return
            except Exception:  # the reading could not cross back (say, unpicklable): read it here
                logger.exception("parsing %s in a process failed: reading it here", path)
                reading = read_path(path, format)
            for following in islice(remaining, 1):
                pending.append((following, pool.submit(workers.read_path, following, format)))
            yield reading


def save_reading(reading, *, dry_run=False, publish=False, fetch_images=False, user=None):
    """Write what `read_file` made of a file (nothing on a dry run); the file's report."""
    name, document = reading.name, reading.document
    if reading.error:
        return _failed_report(name, reading.data, reading.error, dry_run=dry_run, user=user)
    if dry_run:
        return _parsed_report(document)
    try:
        result = persist.save_document(
            document, user=user, publish=publish, fetch_images=fetch_images
        )
    except ImportFailure as failure:
        return _failed_report(name, reading.data, str(failure), dry_run=dry_run, user=user)
    except DatabaseError as error:
        message = _("%(name)s：写入数据库失败（%(error)s），本文件未导入。") % {
            "name": name,
            "error": error,
        }
        return _failed_report(name, reading.data, message, dry_run=dry_run, user=user)
    except Exception as error:  # a bug in one rule is one file's failure, never a lost batch
        logger.exception("importing %s failed", name)
        message = _unexpected_error(name, error)
        return _failed_report(name, reading.data, message, dry_run=dry_run, user=user)
    return FileReport(
        name=name,
        status=result.outcome.value,
        format=document.format,
        encoding=document.encoding,
        titles=[article.title for article in result.articles],
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        warnings=[*document.warnings, *result.warnings],
        skipped_fields=[skipped.as_dict() for skipped in result.skipped_fields],
        same_as=result.same_as,
        duplicates=[note.as_dict() for note in result.duplicates],
        result=result,
        document=document,
    )


def _noting_duplicates(report):
    """`report` with its near-duplicate notes, known once its batch is written."""
    if report.result is not None:
        report.duplicates = [note.as_dict() for note in report.result.duplicates]
    return report


def _unexpected_error(name, error):
    return _("%(name)s：导入时出错（%(kind)s：%(error)s），本文件未导入。") % {
        "name": name,
        "kind": type(error).__name__,
        "error": str(error)[:300],
    }


def _parsed_report(document):
    known = ImportedFile.objects.filter(sha256=document.sha256).exclude(
        outcome=ImportedFile.Outcome.FAILED
    )
    return FileReport(
        name=document.name,
        status="parsed",
        already_imported=known.exists(),
        format=document.format,
        encoding=document.encoding,
        titles=[story.title for story in document.stories],
        warnings=[
            *document.warnings,
            *(warning for story in document.stories for warning in story.warnings),
        ],
        duplicates=[
            note.as_dict() for note in notes_for_stories(document.stories, document.fingerprints)
        ],
        document=document,
    )


def _failed_report(name, data, message, *, dry_run, user):
    """A failed file's report, and its error record unless it is a dry run or was never read."""
    if not dry_run and data is not None:
        persist.record_failure(name, data, message, user=user)
    return FileReport(name=name, status="failed", error=message)
