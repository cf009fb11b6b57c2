"""gunicorn's settings for Newsroom, read from the working directory: `gunicorn newsroom.wsgi`.

Each can be changed from the environment (`GUNICORN_BIND`, `GUNICORN_WORKERS`, `GUNICORN_TIMEOUT`,
`GUNICORN_ACCESS_LOG`, `GUNICORN_ERROR_LOG`, `GUNICORN_LOG_LEVEL`); `-` is standard output/error.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))

# The slowest request is the admin's import confirmation: an archive holds at most 10 × the
# 1 MiB file limit, which parses in about 40 s and writes ~12,000 newspaper stories in about
# 240 s on PostgreSQL (bench/README.md). A worker is killed only after that.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 300))
graceful_timeout = 30

# What the application prints (Django's error log included) goes to the error log too.
capture_output = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
