"""Where a warm search request's time goes, in-process: each SQL statement, and its plan.

    DJANGO_DEBUG=false DJANGO_SECRET_KEY=x DJANGO_SECURE_SSL_REDIRECT=false \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_site_10000 \
    .venv/bin/python bench/search_split.py [--explain] [--profile] 党 核酸 樱桃丰收 "核酸&page=50"

For each query: the median wall and CPU time of a warm request (the count kept, as a worker
serving the same query again keeps it), the median time of each SQL statement it runs, and
with `--explain` the `EXPLAIN (ANALYZE, BUFFERS)` of each; `--profile` prints a pyinstrument
profile of the warm requests. Run `manage.py collectstatic` first.
"""

import argparse
import os
import statistics
import time
from collections import defaultdict
from urllib.parse import quote

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def statements_of(client, path, requests):
    """Each statement's SQL, parameters and median time over `requests` warm requests."""
    times, seen = defaultdict(list), {}

    def timed_execute(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times[sql].append(time.perf_counter() - started)
            seen.setdefault(sql, params)

    with connection.execute_wrapper(timed_execute):
        for _ in range(requests):
            client.get(path, secure=True)
    return [(sql, seen[sql], statistics.median(spent)) for sql, spent in times.items()]


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def measure(client, path, options):
    for _ in range(3):
        client.get(path, secure=True)
    totals, cpu = [], []
    for _ in range(options.requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, secure=True)
        totals.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    assert response.status_code == 200, response.status_code
    statements = statements_of(client, path, options.requests)
    print(
        f"{path}: {statistics.median(totals) * 1000:.1f} ms a request "
        f"(median of {options.requests}, min {min(totals) * 1000:.1f}), "
        f"CPU {statistics.median(cpu) * 1000:.1f} ms, {len(statements)} statements, "
        f"SQL {sum(spent for *_, spent in statements) * 1000:.1f} ms"
    )
    for sql, params, spent in statements:
        print(f"  {spent * 1000:7.2f} ms  {sql[:160]}")
        if options.explain:
            print("    " + explain(sql, params).replace("\n", "\n    "))
    if options.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(options.requests):
                client.get(path, secure=True)
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="+", help="what follows `?q=`, e.g. 核酸&page=50")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    reader = Client(HTTP_HOST="127.0.0.1")
    for query in options.queries:
        words, _, rest = query.partition("&")
        measure(reader, f"/search/?q={quote(words)}" + (f"&{rest}" if rest else ""), options)
