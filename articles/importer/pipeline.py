"""bytes → text → format → stories → persist, one transaction per file.

`read_document` is pure: it never touches the database, so the admin's upload page can preview
what a file will become. `import_paths` walks files, directories and globs, reads each file and
hands it to `persist.save_document`; a file that fails is recorded and the run goes on.
"""

from __future__ import annotations

import glob
import hashlib
import mimetypes
from dataclasses import dataclass, field, fields
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import gettext as _

from . import persist
from .decoding import decode
from .detect import detect_format
from .errors import ImportFailure, NoStoryFound
from .formats import FORMATS
from .records import ParsedDocument

TEXT_SUFFIXES = {"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
GLOB_CHARACTERS = set("*?[")


def read_document(name, data, *, format=None):
    """Everything the importer makes of one file's bytes; raises `ImportFailure` naming `name`."""
    try:
        decoded = decode(name, data)
        format_name = detect_format(decoded.text, forced=format)
        stories = tuple(FORMATS[format_name].parse(decoded.text))
        if not stories:
            raise NoStoryFound(_("找不到可以导入的稿件。"))
    except ImportFailure as failure:
        raise failure.for_file(name) from failure
    return ParsedDocument(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=decoded.encoding,
        format=format_name,
        text=decoded.text,
        stories=stories,
    )


@dataclass
class FileReport:
    """What happened to one file, for the command's lines, the admin and `--report`."""

    name: str
    status: str  # imported, updated, unchanged, failed, skipped, or parsed (a dry run)
    format: str = ""
    encoding: str = ""
    titles: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    skipped_fields: list[dict] = field(default_factory=list)
    error: str = ""
    same_as: str = ""
    # What the writer returned (its articles for the admin), or the parsed document of a dry run.
    result: persist.FileResult | None = field(default=None, repr=False, compare=False)
    document: ParsedDocument | None = field(default=None, repr=False, compare=False)

    def details(self):
        """The lines under a file's line at `-v 2`: each warning, each field an editor kept."""
        return [*self.warnings, *(skipped["message"] for skipped in self.skipped_fields)]

    def as_json(self):
        data = {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if item.name not in {"result", "document"}
        }
        return data | {"stories": self.stories}

    @property
    def stories(self):
        return len(self.titles)

    def describe(self):
        if self.status in {"failed", "skipped"}:
            message = str(self.error)
            return message if message.startswith(self.name) else f"{self.name}: {message}"
        if self.status == "parsed":
            return f"{self.name}: [{self.format}, {self.encoding}] " + _(
                "%(stories)s 篇（预览，未写入）"
            ) % {"stories": self.stories}
        counts = _(
            "%(stories)s 篇 · 新建 %(created)s / 更新 %(updated)s / 无变化 %(unchanged)s"
        ) % {
            "stories": self.stories,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        line = f"{self.name}: [{self.format}, {self.encoding}] {counts}"
        if self.warnings:
            line += " · " + _("提示 %(count)s 条") % {"count": len(self.warnings)}
        if self.same_as:
            line += " · " + _("与已导入的 %(name)s 内容相同") % {"name": self.same_as}
        if self.skipped_fields:
            line += " · " + _("编辑改过、未覆盖的字段 %(count)s 处") % {
                "count": len(self.skipped_fields)
            }
        return line


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False

    def count(self, attribute):
        return sum(getattr(report, attribute) for report in self.files)

    def with_status(self, status):
        return [report for report in self.files if report.status == status]

    @property
    def failed(self):
        return self.with_status("failed")

    def counts(self):
        return {
            "files": len(self.files),
            "stories": self.count("stories"),
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "failed": len(self.failed),
            "skipped": len(self.with_status("skipped")),
        }

    def summary(self):
        return (
            _(
                "%(files)s 个文件：%(stories)s 篇稿件，新建 %(created)s，更新 %(updated)s，"
                "无变化 %(unchanged)s；失败 %(failed)s 个文件，跳过 %(skipped)s 个文件。"
            )
            % self.counts()
        )

    def as_json(self):
        return {
            "dry_run": self.dry_run,
            "summary": self.counts(),
            "files": [report.as_json() for report in self.files],
        }


def collect_paths(paths):
    """(files to import, reports of what was skipped) from files, directories and globs.

    A file named on the command line is always tried; inside a directory, files that are not
    text by their name (`.png`, `.pdf`, `.zip` …) are skipped and reported, hidden ones ignored.
    """
    files, skipped = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not found.is_file() or _is_hidden(found.relative_to(path)):
                    continue
                if _looks_like_text(found):
                    files.append(found)
                else:
                    skipped.append(
                        FileReport(str(found), "skipped", error=_("不是文本文件，已跳过。"))
                    )
        elif path.is_file():
            files.append(path)
        elif GLOB_CHARACTERS & set(str(given)) and (
            matches := sorted(glob.glob(str(given), recursive=True))
        ):
            found_files, found_skipped = collect_paths(matches)
            files += found_files
            skipped += found_skipped
        else:
            skipped.append(FileReport(str(given), "failed", error=_("找不到这个文件或目录。")))
    return list(dict.fromkeys(files)), skipped


def _is_hidden(relative):
    return any(part.startswith(".") for part in relative.parts)


def _looks_like_text(path):
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return True
    guessed, _encoding = mimetypes.guess_type(path.name)
    return bool(guessed and guessed.startswith("text/"))


def import_paths(
    paths,
    *,
    format=None,
    dry_run=False,
    publish=False,
    fetch_images=False,
    user=None,
    progress=None,
):
    """Import every file under `paths`; `progress` wraps the list of files (e.g. `tqdm`)."""
    files, skipped = collect_paths(paths)
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


def read_at_most_the_limit(path):
    """A file's bytes, but never more than one byte over the import limit (which `decode` refuses)."""
    with path.open("rb") as file:
        return file.read(settings.NEWSROOM_IMPORT_MAX_BYTES + 1)


def import_file(
    name, data, *, format=None, dry_run=False, publish=False, fetch_images=False, user=None
):
    """Read and save one file; its failure becomes a report (and an error record), not an exception.

    The admin's upload page calls this per uploaded file: `report.result.articles` are the
    articles written, `report.document` what was parsed.
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
    return FileReport(
        name=name,
        status=result.outcome.value,
        format=document.format,
        encoding=document.encoding,
        titles=[article.title for article in result.articles],
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        warnings=list(result.warnings),
        skipped_fields=[skipped.as_dict() for skipped in result.skipped_fields],
        same_as=result.same_as,
        result=result,
        document=document,
    )


def _parsed_report(document):
    return FileReport(
        name=document.name,
        status="parsed",
        format=document.format,
        encoding=document.encoding,
        titles=[story.title for story in document.stories],
        warnings=[warning for story in document.stories for warning in story.warnings],
        document=document,
    )


def _failed_report(name, data, message, *, dry_run, user):
    if not dry_run:
        persist.record_failure(name, data, message, user=user)
    return FileReport(name=name, status="failed", error=message)
