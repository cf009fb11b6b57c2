"""Uploaded bytes wait between preview and confirmation in a private staging directory.

One batch per upload, addressed by a signed token bound to the uploader, so the confirmation
neither re-uploads nor trusts anything the browser sends back.
"""

import hashlib
import json
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from .uploads import StagedFile

TOKEN_SALT = "articles.import.batch"
TOKEN_MAX_AGE = 60 * 60  # seconds an editor has to confirm a preview


def staging_root():
    configured = getattr(settings, "NEWSROOM_IMPORT_STAGING_DIR", None)
    return Path(configured or Path(tempfile.gettempdir()) / "newsroom-import-staging")


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
