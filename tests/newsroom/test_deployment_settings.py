"""Settings for several machines: the tasks backend, a read replica, media on S3 storage."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.settings import media_storage

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "s3cret-for-this-test"}


def settings_under(**environment):
    """The deployment settings, imported in a fresh interpreter with exactly this environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "NEWSROOM_"))
    }
    script = (
        "import json; from django.conf import settings; print(json.dumps({"
        "'tasks': settings.TASKS['default']['BACKEND'], "
        "'databases': sorted(settings.DATABASES), "
        "'routers': getattr(settings, 'DATABASE_ROUTERS', []), "
        "'media': settings.STORAGES['default']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env={**env, **environment, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def test_development_runs_tasks_at_once_and_production_queues_them_in_the_database():
    _result, development = settings_under()
    assert development["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    _result, production = settings_under(**PRODUCTION)
    assert production["tasks"] == "django_tasks_db.DatabaseBackend"
    _result, chosen = settings_under(NEWSROOM_TASKS_BACKEND="database")
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"


def test_an_unknown_tasks_backend_fails_loudly_naming_the_choices():
    result, _settings = settings_under(NEWSROOM_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "NEWSROOM_TASKS_BACKEND='celery': choose one of immediate, database, rq" in result.stderr


def test_a_replica_url_adds_the_replica_and_its_router():
    _result, single = settings_under(**PRODUCTION)
    assert single["databases"] == ["default"] and single["routers"] == []
    _result, replicated = settings_under(
        **PRODUCTION,
        DATABASE_URL="postgres://newsroom@db-primary:5432/newsroom",
        DATABASE_REPLICA_URL="postgres://newsroom@db-replica:5432/newsroom",
    )
    assert replicated["databases"] == ["default", "replica"]
    assert replicated["routers"] == ["newsroom.db_router.ReplicaRouter"]


def test_media_goes_to_an_s3_bucket_when_one_is_named():
    _result, local = settings_under()
    assert local["media"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _result, shared = settings_under(
        NEWSROOM_MEDIA_S3_BUCKET="newsroom-media",
        NEWSROOM_MEDIA_S3_ENDPOINT_URL="https://s3.example.cn",
    )
    assert shared["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert shared["media"]["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert shared["media"]["OPTIONS"]["endpoint_url"] == "https://s3.example.cn"


def test_media_storage_options_are_read_from_the_environment():
    storage = media_storage(
        {"NEWSROOM_MEDIA_S3_BUCKET": "b", "NEWSROOM_MEDIA_S3_CUSTOM_DOMAIN": "img.example.cn"}
    )
    assert storage["OPTIONS"]["custom_domain"] == "img.example.cn"
    assert storage["OPTIONS"]["querystring_auth"] is False  # public URLs for reader pages
    assert storage["OPTIONS"]["file_overwrite"] is False


def test_the_s3_options_are_ones_django_storages_takes():
    s3 = pytest.importorskip("storages.backends.s3", reason="pip install -e '.[s3]'")
    options = media_storage(
        {
            "NEWSROOM_MEDIA_S3_BUCKET": "newsroom-media",
            "NEWSROOM_MEDIA_S3_CUSTOM_DOMAIN": "img.example.cn",
        }
    )["OPTIONS"]
    storage = s3.S3Storage(**options)
    assert storage.bucket_name == "newsroom-media"
    assert storage.url("images/3f/3f9c.png") == "https://img.example.cn/images/3f/3f9c.png"


POSTGRESQL = {"ENGINE": "django.db.backends.postgresql"}


@pytest.mark.parametrize(
    ("workers", "options", "expected"),
    [
        (None, {}, {"options": "-c max_parallel_workers_per_gather=0"}),
        ("2", {}, {"options": "-c max_parallel_workers_per_gather=2"}),
        ("", {}, {}),
        (
            None,
            {"options": "-c statement_timeout=5000"},
            {"options": "-c statement_timeout=5000 -c max_parallel_workers_per_gather=0"},
        ),
    ],
)
def test_parallel_plans_are_off_unless_the_operator_allows_them(
    monkeypatch, workers, options, expected
):
    from newsroom.settings import parallel_plans

    if workers is None:
        monkeypatch.delenv("DJANGO_DB_PARALLEL_WORKERS", raising=False)
    else:
        monkeypatch.setenv("DJANGO_DB_PARALLEL_WORKERS", workers)
    database = {**POSTGRESQL, "OPTIONS": dict(options)}
    parallel_plans(database)
    assert database["OPTIONS"] == expected
    sqlite = {"ENGINE": "django.db.backends.sqlite3"}
    parallel_plans(sqlite)
    assert "OPTIONS" not in sqlite


@pytest.mark.django_db
def test_the_sites_postgresql_connections_plan_no_parallel_workers():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
