"""gunicorn with the project's config, and no database: readers get a friendly 503, the logs get the
error. A real server process, pointed at a PostgreSQL port nothing listens on or at an SQLite file
that cannot be opened."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(
    params=[
        "postgres://postgres@127.0.0.1:{closed}/newsroom",
        "sqlite:////nonexistent/newsroom.db",
    ],
    ids=["postgresql", "sqlite"],
)
def server(request, tmp_path):
    """`gunicorn newsroom.wsgi` from the project directory, its logs in `tmp_path`."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))},
        "DATABASE_URL": request.param.format(closed=free_port()),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-long-random-secret-for-this-test-only-0123456789-abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
        "GUNICORN_ERROR_LOG": str(tmp_path / "error.log"),
    }
    process = subprocess.Popen([GUNICORN, "newsroom.wsgi"], cwd=PROJECT_DIR, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "error.log").read_text()
                time.sleep(0.2)
        yield base, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("path", ["/", "/search/?q=%E6%A0%B8%E9%85%B8", "/feeds/rss/"])
def test_pages_answer_a_friendly_503_and_the_logs_say_why(server, path):
    base, logs = server

    status, headers, body = get(base + path)

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "网站暂时无法访问" in body and "数据库暂时连不上" in body
    time.sleep(0.5)  # the access log is written after the response
    error_log = (logs / "error.log").read_text()
    assert "database unavailable while serving GET" in error_log
    assert "OperationalError" in error_log
    assert " 503 " in (logs / "access.log").read_text()
