"""The admin's import page: uploads unpacked, previewed without writing, then imported.

Uploaded bytes wait between preview and confirmation in a private staging directory (never
under MEDIA_ROOT), one batch per upload, addressed by a signed token bound to the uploader,
so the confirmation neither re-uploads nor trusts anything the browser sends back.
"""

import hashlib
import json
import secrets
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core import signing
from django.db import DatabaseError
from django.utils.translation import gettext as _

from ..importer import persist
from ..importer.errors import ImportFailure
from ..importer.pipeline import read_document
from ..models import ImportedFile
from .credits import credit_line
from .revisions import record_revision_if_changed

TOKEN_SALT = "articles.import.batch"
TOKEN_MAX_AGE = 60 * 60  # seconds an editor has to confirm a preview
MAX_FILES = 200
MAX_COMPRESSION_RATIO = 100
ZIP_SIZE_FACTOR = 10  # an archive may hold this many times the per-file limit, packed or not


def staging_root():
    configured = getattr(settings, "NEWSROOM_IMPORT_STAGING_DIR", None)
    return Path(configured or Path(tempfile.gettempdir()) / "newsroom-import-staging")


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


# --- unpacking uploads -------------------------------------------------------------------


def is_zip(name, data):
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


# --- the staging area --------------------------------------------------------------------


def stage(files, user):
    """Keep `files` until the editor confirms; returns the signed token naming the batch.

    Batches older than a token's lifetime can no longer be confirmed and are removed.
    """
    discard_expired()
    batch = secrets.token_hex(16)
    directory = staging_root() / batch
    directory.mkdir(parents=True, mode=0o700)
    manifest = []
    for index, staged in enumerate(files):
        digest = hashlib.sha256(staged.data).hexdigest()
        (directory / f"{index:04d}.bin").write_bytes(staged.data)
        manifest.append({"name": staged.name, "sha256": digest})
    (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    return signing.dumps({"batch": batch, "user": user.pk}, salt=TOKEN_SALT)


class StagingError(Exception):
    """The token is forged, expired, someone else's, or its files are gone or altered."""


def unstage(token, user):
    """The files of the batch `token` names, verified, for `user` only."""
    try:
        claims = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise StagingError(_("预览已过期，请重新上传。")) from error
    except signing.BadSignature as error:
        raise StagingError(_("导入凭据无效，请重新上传。")) from error
    if claims.get("user") != user.pk:
        raise StagingError(_("这批文件是另一位用户上传的。"))
    directory = staging_root() / claims["batch"]
    try:
        manifest = json.loads((directory / "manifest.json").read_text())
        files = [
            StagedFile(entry["name"], (directory / f"{index:04d}.bin").read_bytes())
            for index, entry in enumerate(manifest)
        ]
    except (OSError, ValueError) as error:
        raise StagingError(_("这批文件已导入或已被清理，请重新上传。")) from error
    for staged, entry in zip(files, manifest, strict=True):
        if hashlib.sha256(staged.data).hexdigest() != entry["sha256"]:
            raise StagingError(_("暂存的文件被改动过，请重新上传。"))
    return files, directory


def discard(directory):
    shutil.rmtree(directory, ignore_errors=True)


def discard_expired():
    if not staging_root().is_dir():
        return
    oldest = time.time() - TOKEN_MAX_AGE
    for directory in staging_root().iterdir():
        if directory.is_dir() and directory.stat().st_mtime < oldest:
            discard(directory)


# --- preview and import ------------------------------------------------------------------


@dataclass
class FilePreview:
    name: str
    document: object = None  # a ParsedDocument when the file could be read
    error: str = ""
    already_imported: bool = False

    @property
    def stories(self):
        return self.document.stories if self.document else ()

    @property
    def rows(self):
        """(story, its credits as one line) for the preview table."""
        return [
            (story, credit_line((credit.role, credit.name) for credit in story.credits))
            for story in self.stories
        ]


def preview(files):
    """What the importer makes of each file, written nowhere."""
    previews = []
    known = set(
        ImportedFile.objects.exclude(outcome=ImportedFile.Outcome.FAILED).values_list(
            "sha256", flat=True
        )
    )
    for staged in files:
        try:
            document = read_document(staged.name, staged.data)
        except ImportFailure as failure:
            previews.append(FilePreview(staged.name, error=str(failure)))
            continue
        previews.append(
            FilePreview(staged.name, document, already_imported=document.sha256 in known)
        )
    return previews


@dataclass
class FileOutcome:
    name: str
    result: object = None  # persist.FileResult
    error: str = ""
    articles: list = field(default_factory=list)


def import_files(files, user):
    """Save each file with the importer's one writer; a failing file does not stop the others."""
    outcomes = []
    for staged in files:
        try:
            document = read_document(staged.name, staged.data)
            result = persist.save_document(document, user=user)
        except ImportFailure as failure:
            persist.record_failure(staged.name, staged.data, str(failure), user=user)
            outcomes.append(FileOutcome(staged.name, error=str(failure)))
            continue
        except DatabaseError as error:
            message = _("%(name)s：写入数据库失败（%(error)s），本文件未导入。") % {
                "name": staged.name,
                "error": error,
            }
            persist.record_failure(staged.name, staged.data, message, user=user)
            outcomes.append(FileOutcome(staged.name, error=message))
            continue
        for article in result.articles:
            record_revision_if_changed(article, user, note=_("导入"))
        outcomes.append(FileOutcome(staged.name, result, articles=list(result.articles)))
    return outcomes
