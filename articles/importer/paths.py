"""The files a command line names: files, directories (recursively) and globs."""

import glob
import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .reports import FileReport

TEXT_SUFFIXES = {
    "", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl",
    ".ndjson", ".docx",
}  # fmt: skip
GLOB_CHARACTERS = set("*?[")


def collect_paths(paths, *, follow_symlinks=False):
    """(files to import, reports of what was skipped) from files, directories and globs.

    A file named on the command line is always tried; inside a directory, files that are not
    text by their name (`.png`, `.pdf`, `.zip` …) are skipped and reported, hidden ones ignored.
    A symbolic link, to a file or a directory, is skipped and reported unless `follow_symlinks`:
    a link in an inbox may point anywhere on the server (`/etc/passwd`).
    """
    files, skipped = [], []
    for given in paths:
        path = Path(given)
        if path.is_symlink() and not follow_symlinks:
            skipped.append(_symlink_skipped(path))
        elif path.is_dir():
            found_files, found_skipped = _walk(path, follow_symlinks=follow_symlinks)
            files += found_files
            skipped += found_skipped
        elif path.is_file():
            files.append(path)
        elif GLOB_CHARACTERS & set(str(given)) and (
            matches := sorted(glob.glob(str(given), recursive=True))
        ):
            found_files, found_skipped = collect_paths(matches, follow_symlinks=follow_symlinks)
            files += found_files
            skipped += found_skipped
        else:
            skipped.append(FileReport(str(given), "failed", error=_("找不到这个文件或目录。")))
    return list(dict.fromkeys(files)), skipped


def _walk(directory, *, follow_symlinks):
    """The text files under `directory`, in name order; links followed only when asked, once."""
    files, skipped = [], []
    visited = set()
    for folder, subfolders, names in os.walk(directory, followlinks=follow_symlinks):
        folder = Path(folder)
        real = folder.resolve()
        if real in visited:  # a followed link back up the tree
            subfolders.clear()
            continue
        visited.add(real)
        for name in list(subfolders):
            if (folder / name).is_symlink() and not follow_symlinks:
                subfolders.remove(name)
                if not name.startswith("."):
                    skipped.append(_symlink_skipped(folder / name))
        subfolders.sort()
        for name in sorted(names):
            found = folder / name
            if _is_hidden(found.relative_to(directory)):
                continue
            if found.is_symlink() and not follow_symlinks:
                skipped.append(_symlink_skipped(found))
            elif not found.is_file():
                continue
            elif _looks_like_text(found):
                files.append(found)
            else:
                skipped.append(FileReport(str(found), "skipped", error=_("不是文本文件，已跳过。")))
    return sorted(files), sorted(skipped, key=lambda report: Path(report.name))


def _symlink_skipped(path):
    return FileReport(
        str(path), "skipped", error=_("这是符号链接，未跟随（需要时请加 --follow-symlinks）。")
    )


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
