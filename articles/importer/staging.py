"""Uploaded bytes wait between preview and confirmation in a private staging directory.

One batch per upload, addressed by a signed token bound to the uploader, so the confirmation
neither re-uploads nor trusts anything the browser sends back.
"""

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import stat
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from .uploads import StagedFile

TOKEN_SALT = "articles.import.batch"
TOKEN_MAX_AGE = 60 * 60  # seconds an editor has to confirm a preview


class UnsafeStagingRoot(ImproperlyConfigured):
    """The staging root is a link or belongs to another user, who could read or swap uploads."""


def staging_root():
    """The private directory holding staged uploads, created 0700 and checked on every use.

    `NEWSROOM_IMPORT_STAGING_DIR`, by default `import-staging/` beside `MEDIA_ROOT` (never a
    world-shared temporary directory, where another local user could create it first).
    """
    configured = getattr(settings, "NEWSROOM_IMPORT_STAGING_DIR", None)
    root = Path(configured or Path(settings.MEDIA_ROOT).parent / "import-staging")
    root.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # checked below, whoever made it
        root.mkdir(mode=0o700)
    found = os.lstat(root)
    if stat.S_ISLNK(found.st_mode) or not stat.S_ISDIR(found.st_mode):
        raise UnsafeStagingRoot(
            _(
                "导入暂存目录 %(path)s 是符号链接或不是目录，已拒绝使用；请删除它或另设 NEWSROOM_IMPORT_STAGING_DIR。"
            )
            % {"path": root}
        )
    if found.st_uid != os.geteuid():
        raise UnsafeStagingRoot(
            _(
                "导入暂存目录 %(path)s 不属于运行网站的用户（uid %(uid)s），已拒绝使用；请删除它或另设 NEWSROOM_IMPORT_STAGING_DIR。"
            )
            % {"path": root, "uid": os.geteuid()}
        )
    if stat.S_IMODE(found.st_mode) != 0o700:
        root.chmod(0o700)
    return root


def stage(files, user):
    """Keep `files` until the editor confirms; returns the signed token naming the batch.

    Batches older than a token's lifetime can no longer be confirmed and are removed.
    """
    discard_expired()
    batch = secrets.token_hex(16)
    directory = staging_root() / batch
    directory.mkdir(mode=0o700)
    manifest = []
    for index, staged in enumerate(files):
        digest = hashlib.sha256(staged.data).hexdigest()
        (directory / f"{index:04d}.bin").write_bytes(staged.data)
        manifest.append({"name": staged.name, "sha256": digest})
    (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    return signing.dumps({"batch": batch, "user": user.pk}, salt=TOKEN_SALT)


class StagingError(Exception):
    """The token is forged, expired, someone else's, or its files are gone or altered."""


CLAIMED = "claimed"  # the marker a confirmed batch carries until its import job is done
CLAIMED_MAX_AGE = 7 * 24 * 60 * 60  # seconds a confirmed batch may wait for a worker


def batch_named_by(token, user):
    """The batch `token` names, for `user` only, while the token is fresh."""
    try:
        claims = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise StagingError(_("预览已过期，请重新上传。")) from error
    except signing.BadSignature as error:
        raise StagingError(_("导入凭据无效，请重新上传。")) from error
    if claims.get("user") != user.pk:
        raise StagingError(_("这批文件是另一位用户上传的。"))
    return claims["batch"]


def claim(batch):
    """Keep `batch` until its import job discards it; returns how many files it holds.

    A claimed batch outlives the token's lifetime, so a job waiting in the queue still finds its
    files; the worker verifies them (`read_batch`).
    """
    directory = staging_root() / batch
    manifest = _manifest(directory)
    (directory / CLAIMED).touch()
    return len(manifest)


def read_batch(batch):
    """The files of a claimed `batch`, each checked against the digest taken when it was staged."""
    directory = staging_root() / batch
    manifest = _manifest(directory)
    try:
        files = [
            StagedFile(entry["name"], (directory / f"{index:04d}.bin").read_bytes())
            for index, entry in enumerate(manifest)
        ]
    except OSError as error:
        raise StagingError(_("这批文件已导入或已被清理，请重新上传。")) from error
    for staged, entry in zip(files, manifest, strict=True):
        if hashlib.sha256(staged.data).hexdigest() != entry["sha256"]:
            raise StagingError(_("暂存的文件被改动过，请重新上传。"))
    return files


def _manifest(directory):
    try:
        return json.loads((directory / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise StagingError(_("这批文件已导入或已被清理，请重新上传。")) from error


def discard(batch):
    shutil.rmtree(staging_root() / batch, ignore_errors=True)


def discard_expired():
    """Unconfirmed batches go once their token expires; confirmed ones after `CLAIMED_MAX_AGE`."""
    now = time.time()
    for directory in staging_root().iterdir():
        if not directory.is_dir():
            continue
        claimed = directory / CLAIMED
        if claimed.exists():
            expired = claimed.stat().st_mtime < now - CLAIMED_MAX_AGE
        else:
            expired = directory.stat().st_mtime < now - TOKEN_MAX_AGE
        if expired:
            shutil.rmtree(directory, ignore_errors=True)
