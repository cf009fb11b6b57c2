"""Uploaded files and zip archives unpacked into the files to import, each within the size limit.

An archive is refused whole when it is damaged, leaves its own folder, holds too many files, or
unpacks to more than it may (a zip bomb); sizes are checked while reading, not only in headers.
"""

import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from .containers import docx

MAX_FILES = 200
MAX_COMPRESSION_RATIO = 100
ZIP_SIZE_FACTOR = 10  # an archive may hold this many times the per-file limit, packed or not


def max_file_bytes():
    return settings.NEWSROOM_IMPORT_MAX_BYTES


@dataclass(frozen=True)
class StagedFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class Rejected:
    name: str
    message: str


def is_zip(name, data):
    """An archive to unpack: a `.zip`, or zip bytes that are not a Word file (a `.docx` is a zip
    holding `word/document.xml`, imported whole)."""
    if name.lower().endswith(".docx") or docx.is_docx(data):
        return False
    return name.lower().endswith(".zip") or data[:4] == b"PK\x03\x04"


def unsafe_member_name(name):
    """`../etc/passwd`, `/abs`, `C:\\x` and `a\\..\\b` are refused, whatever the archive says."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0])


def unpack_zip(name, data):
    """The text files inside the archive `name`, or the one reason the archive is refused.

    Refused whole: a damaged archive, a member path leaving the archive, more than
    `MAX_FILES` files, a member over the import size limit, more than `ZIP_SIZE_FACTOR` times
    that limit in all, or a compression ratio over `MAX_COMPRESSION_RATIO` (a zip bomb).
    Sizes are checked while reading, not only in the headers an archive could fake.
    """
    limit = max_file_bytes()
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, ValueError) as error:
        return [], [
            Rejected(
                name,
                _("%(name)s：不是有效的 zip 压缩包（%(error)s）。")
                % {"name": name, "error": error},
            )
        ]

    def refuse(reason):
        return [], [
            Rejected(
                name,
                _("%(name)s：%(reason)s，整个压缩包未导入。") % {"name": name, "reason": reason},
            )
        ]

    if any(unsafe_member_name(info.filename) for info in members):
        return refuse(_("压缩包里有指向包外的路径"))
    members = [info for info in members if not _is_hidden(info.filename)]
    if len(members) > MAX_FILES:
        return refuse(_("文件数超过 %(max)d 个") % {"max": MAX_FILES})
    total = 0
    staged = []
    for info in members:
        if info.file_size > limit:
            return refuse(
                _("%(member)s 超过 %(limit)d 字节的大小上限")
                % {"member": info.filename, "limit": limit}
            )
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            return refuse(_("%(member)s 的压缩比异常，疑似压缩炸弹") % {"member": info.filename})
        try:
            with archive.open(info) as member:
                content = member.read(limit + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as error:
            return refuse(
                _("%(member)s 无法解压（%(error)s）") % {"member": info.filename, "error": error}
            )
        total += len(content)
        if len(content) > limit or total > limit * ZIP_SIZE_FACTOR:
            return refuse(_("%(member)s 解压后超过大小上限") % {"member": info.filename})
        staged.append(StagedFile(f"{name}/{info.filename}", content))
    if not staged:
        return refuse(_("压缩包是空的"))
    return staged, []


def _is_hidden(member_name):
    return any(
        part.startswith(".") or part == "__MACOSX"
        for part in PurePosixPath(member_name.replace("\\", "/")).parts
    )


def read_uploads(uploads):
    """[(name, bytes)] of uploaded files, each read no further than its size limit allows.

    One byte past the limit is kept, so the importer (or the zip check) names it as too large.
    """
    limit = max_file_bytes()
    return [
        (
            upload.name,
            upload.read(limit * ZIP_SIZE_FACTOR + 1 if is_zip(upload.name, b"") else limit + 1),
        )
        for upload in uploads
    ]


def unpack_uploads(uploads):
    """[(name, bytes)] as uploaded → (files to preview, rejected uploads)."""
    files, rejected = [], []
    for name, data in uploads:
        if is_zip(name, data) and len(data) > max_file_bytes() * ZIP_SIZE_FACTOR:
            message = _("%(name)s：压缩包超过 %(limit)d 字节，未导入。") % {
                "name": name,
                "limit": max_file_bytes() * ZIP_SIZE_FACTOR,
            }
            rejected.append(Rejected(name, message))
        elif is_zip(name, data):
            unpacked, refused = unpack_zip(name, data)
            files += unpacked
            rejected += refused
        else:
            files.append(StagedFile(name, data))
    if len(files) > MAX_FILES:
        rejected.append(
            Rejected(_("上传"), _("一次最多导入 %(max)d 个文件。") % {"max": MAX_FILES})
        )
        files = files[:MAX_FILES]
    return files, rejected
