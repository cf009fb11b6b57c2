import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(autouse=True, scope="session")
def _static_root(tmp_path_factory):
    """An empty STATIC_ROOT: tests serve no collected files, and WhiteNoise warns at every
    request when the directory is missing ("No directory at …"), hiding real warnings."""
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("staticfiles")):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages (sitemaps) start empty in every test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_image_downloads(settings):
    """Imports keep remote images remote unless a test fetches them (from a local server):
    the suite never waits on the network."""
    settings.NEWSROOM_FETCH_IMAGES = False


def pytest_sessionstart(session):
    if os.environ.get("CI") == "true" and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
