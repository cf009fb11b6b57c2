"""The staging root is private: created 0700 beside MEDIA_ROOT, never a link or another user's."""

import os
import stat

import pytest
from django.contrib.auth import get_user_model

from articles.importer import staging
from articles.importer.uploads import StagedFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor")


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_the_default_root_is_created_0700_beside_media_root(settings, tmp_path, editor):
    settings.NEWSROOM_IMPORT_STAGING_DIR = ""
    settings.MEDIA_ROOT = tmp_path / "site" / "media"

    token = staging.stage([StagedFile("a.txt", b"data")], editor)

    root = tmp_path / "site" / "import-staging"
    assert mode_of(root) == 0o700
    [batch] = root.iterdir()
    assert mode_of(batch) == 0o700
    assert staging.batch_named_by(token, editor) == batch.name
    assert staging.claim(batch.name) == 1
    assert staging.read_batch(batch.name) == [StagedFile("a.txt", b"data")]


def test_an_existing_root_of_ours_is_made_private(settings, tmp_path, editor):
    root = tmp_path / "staging"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    settings.NEWSROOM_IMPORT_STAGING_DIR = root

    staging.stage([StagedFile("a.txt", b"data")], editor)

    assert mode_of(root) == 0o700


def test_a_root_that_is_a_link_is_refused(settings, tmp_path, editor):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "staging").symlink_to(elsewhere, target_is_directory=True)
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"

    with pytest.raises(staging.UnsafeStagingRoot, match="符号链接"):
        staging.stage([StagedFile("a.txt", b"data")], editor)
    assert not any(elsewhere.iterdir())


def test_a_root_owned_by_another_user_is_refused(settings, tmp_path, editor):
    if os.geteuid() == 0:
        root = tmp_path / "staging"
        root.mkdir(mode=0o700)
        os.chown(root, 65534, 65534)  # another local user created it first
    else:
        root = tmp_path.anchor  # `/`, owned by root
    settings.NEWSROOM_IMPORT_STAGING_DIR = root

    with pytest.raises(staging.UnsafeStagingRoot, match="不属于运行网站的用户"):
        staging.stage([StagedFile("a.txt", b"data")], editor)
    if os.geteuid() == 0:
        assert not any(root.iterdir())


def test_a_claimed_batch_outlives_the_token_until_its_job_discards_it(settings, tmp_path, editor):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    claimed_token = staging.stage([StagedFile("a.txt", b"data")], editor)
    batch = staging.batch_named_by(claimed_token, editor)
    staging.claim(batch)
    staging.stage([StagedFile("b.txt", b"data")], editor)
    unclaimed = next(d for d in settings.NEWSROOM_IMPORT_STAGING_DIR.iterdir() if d.name != batch)
    for directory in (settings.NEWSROOM_IMPORT_STAGING_DIR / batch, unclaimed):
        os.utime(directory, (0, 0))  # both older than a token's lifetime

    staging.discard_expired()

    assert staging.read_batch(batch) == [StagedFile("a.txt", b"data")]
    assert not unclaimed.exists()
    staging.discard(batch)
    with pytest.raises(staging.StagingError, match="已导入或已被清理"):
        staging.read_batch(batch)


def test_altered_staged_bytes_are_refused(settings, tmp_path, editor):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    batch = staging.batch_named_by(staging.stage([StagedFile("a.txt", b"data")], editor), editor)
    staging.claim(batch)
    (settings.NEWSROOM_IMPORT_STAGING_DIR / batch / "0000.bin").write_bytes(b"swapped")
    with pytest.raises(staging.StagingError, match="改动过"):
        staging.read_batch(batch)
