"""Users of the editorial admin, one per group (fixtures for tests/articles/test_admin_*)."""

import pytest

from tests.articles.admin_fixtures import make_user


@pytest.fixture
def editor():
    return make_user("editor", "编辑")


@pytest.fixture
def chief():
    return make_user("chief", "主编")


@pytest.fixture
def plain_staff():
    return make_user("staff")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def chief_client(client, chief):
    client.force_login(chief)
    return client


@pytest.fixture
def import_staging(settings, tmp_path):
    """A staging directory of its own for the admin's import page."""
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    return settings.NEWSROOM_IMPORT_STAGING_DIR
