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


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-this-test-only-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
}


def run_manage(*args, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "proxy", [{}, {"DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https"}]
)
def test_check_deploy_is_clean_in_production(proxy):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **proxy)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def production_setting(name, **environment):
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(repr(settings.{name}))"],
        cwd=PROJECT_DIR,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            **PRODUCTION,
            **environment,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    return result


@pytest.mark.parametrize(
    ("name", "environment", "expected"),
    [
        ("SECURE_SSL_REDIRECT", {}, "True"),
        ("SECURE_SSL_REDIRECT", {"DJANGO_SECURE_SSL_REDIRECT": "false"}, "False"),
        ("SECURE_HSTS_SECONDS", {}, "31536000"),
        ("SECURE_HSTS_SECONDS", {"DJANGO_SECURE_HSTS_SECONDS": "300"}, "300"),
        ("SESSION_COOKIE_SECURE", {}, "True"),
        ("CSRF_COOKIE_SECURE", {}, "True"),
        ("SECURE_PROXY_SSL_HEADER", {}, "None"),
        (
            "SECURE_PROXY_SSL_HEADER",
            {"DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https"},
            "('HTTP_X_FORWARDED_PROTO', 'https')",
        ),
    ],
)
def test_production_security_settings_come_from_the_environment(name, environment, expected):
    result = production_setting(name, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_proxy_header_without_a_value_fails_loudly():
    result = production_setting("DEBUG", DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must read" in result.stderr


def test_sqlite_writers_wait_for_each_other(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("only meaningful on SQLite")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 10
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
