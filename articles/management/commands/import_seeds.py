import argparse
import functools
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from articles.importer.formats import FORMATS
from articles.importer.pipeline import import_paths

PROGRESS_FROM_FILES = 10


def default_seeds():
    """`seeds/` of the project, named relative to the working directory when inside it."""
    seeds = Path(settings.BASE_DIR) / "seeds"
    try:
        return seeds.relative_to(Path.cwd())
    except ValueError:
        return seeds


def positive_count(value):
    """`--jobs 2` → 2; zero, a negative number or a word is refused."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(_("须为正整数：%(value)s") % {"value": value})
    return int(value)


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str, not a lazy translation
        return _("导入新闻稿件：文件、目录（递归）或通配符，默认 seeds/。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help=_("文件、目录或通配符（默认 seeds/）"))
        parser.add_argument("--dry-run", action="store_true", help=_("只解析并报告，不写入数据库"))
        parser.add_argument("--format", choices=list(FORMATS), help=_("不做识别，按此格式解析"))
        parser.add_argument("--publish", action="store_true", help=_("发布没有导入提示的稿件"))
        parser.add_argument("--report", metavar="FILE.json", help=_("把机器可读的报告写入此文件"))
        parser.add_argument(
            "--fetch-images",
            action=argparse.BooleanOptionalAction,
            help=_("把远程图片保存到媒体存储（默认按 NEWSROOM_FETCH_IMAGES，即保存）"),
        )
        parser.add_argument(
            "--follow-symlinks", action="store_true", help=_("跟随符号链接（默认跳过）")
        )
        parser.add_argument(
            "--jobs",
            type=positive_count,
            default=os.cpu_count() or 1,
            help=_("并行解析的进程数（默认为 CPU 核数；1 表示在本进程内解析）"),
        )

    def handle(self, *args, **options):
        report = import_paths(
            options["paths"] or [default_seeds()],
            format=options["format"],
            dry_run=options["dry_run"],
            publish=options["publish"],
            fetch_images=options["fetch_images"],
            progress=self.progress,
            follow_symlinks=options["follow_symlinks"],
            jobs=options["jobs"],
            on_file=functools.partial(self.write_line, verbosity=options["verbosity"]),
            every_file=bool(options["report"]),  # else a long run's memory stays flat
        )
        self.stdout.write(report.summary())
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        if report.failed:
            raise CommandError(_("%(count)s 个文件导入失败。") % {"count": len(report.failed)})

    def write_line(self, file_report, *, verbosity):
        """A file's line (and at `-v 2` its details), as soon as it is committed, above the
        progress bar."""
        style = self.style.ERROR if file_report.status == "failed" else self.style.SUCCESS
        with tqdm.external_write_mode():
            self.stdout.write(style(file_report.describe()))
            if verbosity >= 2:
                for detail in file_report.details():
                    self.stdout.write(f"    {detail}")

    def progress(self, files):
        """A progress bar on stderr when the run is long enough to need one."""
        return tqdm(files, unit=_("个文件"), disable=len(files) < PROGRESS_FROM_FILES)
