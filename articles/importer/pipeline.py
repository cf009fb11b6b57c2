"""The importer's one front door: bytes → text → layers → stories → persist, one file at a time.

`read_document` is pure: it never touches the database, so a preview (`import_file(dry_run=True)`)
shows what a file will become. `import_file` is the one per-file function the command and the
admin's import page both call; whatever goes wrong with a file becomes that file's failure report
(and error record), and the run goes on. `import_paths` walks what a command line names.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import gettext as _

from ..models import ImportedFile
from ..services.duplicates import notes_for_stories
from . import formats, persist
from .containers import docx
from .decoding import decode, refuse_oversize
from .detect import detect_format
from .errors import ImportFailure, NoStoryFound
from .paths import collect_paths, read_at_most_the_limit
from .records import ParsedDocument
from .reports import FileReport, RunReport
from .story import with_full_width_punctuation

logger = logging.getLogger(__name__)


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
):
    """Import every file under `paths`; `progress` wraps the list of files (e.g. `tqdm`)."""
    files, skipped = collect_paths(paths, follow_symlinks=follow_symlinks)
    report = RunReport(files=list(skipped), dry_run=dry_run)
    for path in progress(files) if progress else files:
        try:
            data = read_at_most_the_limit(path)
        except OSError as error:
            message = _("%(name)s：无法读取（%(error)s）") % {"name": path, "error": error.strerror}
            report.files.append(FileReport(str(path), "failed", error=message))
            continue
        report.files.append(
            import_file(
                str(path),
                data,
                format=format,
                dry_run=dry_run,
                publish=publish,
                fetch_images=fetch_images,
                user=user,
            )
        )
    return report


def import_file(
    name, data, *, format=None, dry_run=False, publish=False, fetch_images=None, user=None
):
    """Read and save one file; its failure becomes a report (and an error record), not an exception.

    The command and the admin's import page both call this per file: `report.articles` are the
    articles written, `report.document` what was parsed; a dry run writes nothing.
    """
    try:
        document = read_document(name, data, format=format)
        if dry_run:
            return _parsed_report(document)
        result = persist.save_document(
            document, user=user, publish=publish, fetch_images=fetch_images
        )
    except ImportFailure as failure:
        return _failed_report(name, data, str(failure), dry_run=dry_run, user=user)
    except DatabaseError as error:
        message = _("%(name)s：写入数据库失败（%(error)s），本文件未导入。") % {
            "name": name,
            "error": error,
        }
        return _failed_report(name, data, message, dry_run=dry_run, user=user)
    except Exception as error:  # a bug in one rule is one file's failure, never a lost batch
        logger.exception("importing %s failed", name)
        message = _("%(name)s：导入时出错（%(kind)s：%(error)s），本文件未导入。") % {
            "name": name,
            "kind": type(error).__name__,
            "error": str(error)[:300],
        }
        return _failed_report(name, data, message, dry_run=dry_run, user=user)
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
        duplicates=[note.as_dict() for note in notes_for_stories(document.stories)],
        document=document,
    )


def _failed_report(name, data, message, *, dry_run, user):
    if not dry_run:
        persist.record_failure(name, data, message, user=user)
    return FileReport(name=name, status="failed", error=message)
