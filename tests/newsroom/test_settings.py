import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]


def load_settings(**environment):
    """Import the settings in a fresh interpreter with exactly this environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.LANGUAGE_CODE)",
        ],
        cwd=PROJECT_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_secret_key_outside_debug_fails_loudly():
    result = load_settings(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_with_a_secret_and_postgres():
    result = load_settings(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="s3cret-for-this-test",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "zh-hans"]


@pytest.mark.parametrize("debug", ["", "true", "1"])
def test_development_defaults_to_sqlite(debug):
    result = load_settings(DJANGO_DEBUG=debug) if debug else load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "zh-hans"]


def test_postgres_connections_are_kept_with_health_checks(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("only meaningful when DATABASE_URL points at PostgreSQL")
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True
