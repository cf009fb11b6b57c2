"""Where one warm reader request's time goes, in-process: total, SQL round-trips, rendering.

    DJANGO_DEBUG=false DJANGO_SECRET_KEY=x DJANGO_SECURE_SSL_REDIRECT=false \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_s6_10000 \
    .venv/bin/python bench/page_split.py / /articles/1/a0/ /subscribe/

Run `manage.py collectstatic` first (pages fail without it when debug is off). The time
outside the SQL and the template is middleware, the view and the ORM building its queries.
"CPU" is this process's CPU time a request (`time.process_time`, median): on a loaded
machine, where waiting for a core swells the wall-clock times, it moves far less.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template.response import SimpleTemplateResponse  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = 20
spent = {"sql": 0.0, "render": 0.0}


def timed_execute(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent["sql"] += time.perf_counter() - started


def timed(render):
    def render_timed(response):
        started = time.perf_counter()
        try:
            return render(response)
        finally:
            spent["render"] += time.perf_counter() - started

    return render_timed


def split(client, path):
    for _ in range(3):
        client.get(path, secure=True)
    spent.update(sql=0.0, render=0.0)
    totals, cpu = [], []
    with connection.execute_wrapper(timed_execute):
        for _ in range(REQUESTS):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path, secure=True)
            totals.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    print(
        f"{path}: {statistics.median(totals) * 1000:.1f} ms a request (median of {REQUESTS}), "
        f"CPU {statistics.median(cpu) * 1000:.1f} ms, "
        f"SQL round-trips {spent['sql'] / REQUESTS * 1000:.1f} ms, "
        f"template rendering {spent['render'] / REQUESTS * 1000:.1f} ms (its SQL included)"
    )


if __name__ == "__main__":
    SimpleTemplateResponse.render = timed(SimpleTemplateResponse.render)
    reader = Client(HTTP_HOST="127.0.0.1")
    for page in sys.argv[1:] or ["/"]:
        split(reader, page)
