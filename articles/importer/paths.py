"""The files a command line names: files, directories (recursively) and globs."""

import glob
import mimetypes
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .reports import FileReport

TEXT_SUFFIXES = {
    "", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl",
    ".ndjson", ".docx",
}  # fmt: skip
GLOB_CHARACTERS = set("*?[")


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


def read_at_most_the_limit(path):
    """A file's bytes, but never more than one byte over the import limit (which `decode` refuses)."""
    with path.open("rb") as file:
        return file.read(settings.NEWSROOM_IMPORT_MAX_BYTES + 1)
