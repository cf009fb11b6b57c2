"""What happened to each file of a run, for the command's lines, `--report` and the admin page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, replace

from django.utils.translation import gettext as _

from . import persist
from .records import ParsedDocument


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
    # Stories resembling a stored article: `DuplicateNote.as_dict()`s (story, title, url, message…).
    duplicates: list[dict] = field(default_factory=list)
    already_imported: bool = False  # a dry run of bytes imported before
    # What the writer returned (its articles for the admin), or the parsed document of a dry run.
    result: persist.FileResult | None = field(default=None, repr=False, compare=False)
    document: ParsedDocument | None = field(default=None, repr=False, compare=False)

    def details(self):
        """The lines under a file's line at `-v 2`: each warning, each field an editor kept, each
        story that may repeat a stored article."""
        return [
            *self.warnings,
            *(skipped["message"] for skipped in self.skipped_fields),
            *(duplicate["message"] for duplicate in self.duplicates),
        ]

    def without_details(self):
        """The same report without the parsed document and the articles (what `as_json` omits),
        for a run of many files."""
        return replace(self, result=None, document=None)

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

    @property
    def articles(self):
        return self.result.articles if self.result else []

    def describe(self):
        if self.status in {"failed", "skipped"}:
            message = str(self.error)
            return message if message.startswith(self.name) else f"{self.name}: {message}"
        if self.status == "parsed":
            line = f"{self.name}: [{self.format}, {self.encoding}] " + _(
                "%(stories)s 篇（预览，未写入）"
            ) % {"stories": self.stories}
            return line + self._duplicates_part()
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
        return line + self._duplicates_part()

    def _duplicates_part(self):
        """` · 《标题》可能与《…》（来源，日期）重复，相似度 87%`, one per story that may repeat."""
        return "".join(f" · {duplicate['message']}" for duplicate in self.duplicates)


@dataclass
class RunReport:
    """A run's totals and its files' reports: every file's, or (`every_file` false: a long run
    whose lines were shown as it went) only the failed ones', so that its memory stays flat."""

    dry_run: bool = False
    every_file: bool = True
    files: list[FileReport] = field(default_factory=list)
    totals: Counter = field(default_factory=Counter)

    def add(self, report):
        self.totals.update(
            files=1,
            stories=report.stories,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            failed=report.status == "failed",
            skipped=report.status == "skipped",
        )
        if self.every_file or report.status == "failed":
            self.files.append(report)

    @property
    def failed(self):
        return [report for report in self.files if report.status == "failed"]

    def counts(self):
        keys = ("files", "stories", "created", "updated", "unchanged", "failed", "skipped")
        return {key: self.totals[key] for key in keys}

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
