"""Where the importer's writer spends its time: `import_paths` over new files, under cProfile.

Writes distinct copies of `seeds/` (as `bench/import_speed.py` does: 5 files, 15 new stories a
copy) and imports them in one process (`jobs=1`, so parsing shows too) into a fresh, migrated
PostgreSQL database, then prints each phase's cumulative time per article: parsing, the writer
(`persist.save_document`), and inside it the near-duplicate fingerprints
(`services.duplicates.record_fingerprints`, timed here only, never switched off), the revisions,
the search documents and the cards; the commits; and the time inside psycopg's `execute`
(waiting on PostgreSQL, plus adapting parameters).

Re-run:

    .venv/bin/python bench/writer_profile.py --copies 40                   # 200 files, 600 articles
    .venv/bin/python bench/writer_profile.py --copies 40 --archive 2000    # onto 2,000 stored
    .venv/bin/python bench/writer_profile.py --copies 40 --parse-only      # parsing's CPU alone
    .venv/bin/python bench/writer_profile.py --copies 40 --tree /tmp/before  # older code
"""

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = "postgres://postgres@127.0.0.1:5432"

# (label, file, function): a function's cumulative time. Older code's phases stay listed (0.00
# when the code run has no such function): per file before the batch's derived rows were
# written once a batch (`_write_derived`), fingerprints and search documents were inside
# `save_document`.
PHASES = [
    ("parsing (read_path)", "importer/pipeline.py", "read_path"),
    ("writer (save_document)", "importer/persist.py", "save_document"),
    ("  articles, credits, tags, images", "importer/persist.py", "write"),
    ("  loaded and drawn, per file (_derive)", "importer/persist.py", "_derive"),
    (
        "derived rows, per batch (_write_batch_derived)",
        "importer/persist.py",
        "_write_batch_derived",
    ),
    ("  fingerprints (record_fingerprints)", "services/duplicates.py", "record_fingerprints"),
    ("  fingerprints, by article", "services/duplicates.py", "record_fingerprints_by_article"),
    (
        "    fingerprints computed (fingerprint_story)",
        "articles/fingerprints.py",
        "fingerprint_story",
    ),
    ("    clusters (cluster_articles)", "services/duplicates.py", "cluster_articles"),
    ("  revisions (record_revisions)", "services/revisions.py", "record_revisions"),
    ("  search documents + cards (store)", "articles/models.py", "store_search_documents_now"),
    ("  search documents, cards, stories written", "articles/models.py", "store_drawn_rows_now"),
    ("    search documents built (of)", "articles/models.py", "of"),
    ("    cards rendered (render_card)", "articles/cards.py", "render_card"),
    ("    stories rendered (stories.draw)", "articles/stories.py", "draw"),
    ("commits", "backends/base/base.py", "commit"),
    ("psycopg execute (waiting on PostgreSQL)", "psycopg/cursor.py", "execute"),
    ("psycopg executemany", "psycopg/cursor.py", "executemany"),
]


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--database", default="bench_writer_profile")
    parser.add_argument(
        "--archive",
        type=int,
        default=0,
        help="articles imported first, unprofiled (copies of their own): what the writer meets",
    )
    parser.add_argument("--dump", type=Path, help="write the whole cProfile profile here")
    parser.add_argument(
        "--parse-only",
        action="store_true",
        help="only parse the copies, in this process: CPU ms a story (no database, no cProfile)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--parse-child", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def child(folder):
    """In the tree's directory: import `folder`'s archive unprofiled, if any, then its profiled
    files under cProfile, and print the phases."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from articles.importer.pipeline import import_paths

    if (folder / "archive").exists():
        stored = import_paths([folder / "archive"], jobs=2, publish=True).counts()["created"]
        print(f"archive: {stored} articles imported first, unprofiled")
    folder = folder / "profiled"

    from django.db import connection

    queries = [0]

    def counted(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    with connection.execute_wrapper(counted):
        report = import_paths([folder], jobs=1, publish=True)
    profile.disable()
    elapsed = time.perf_counter() - started
    created = report.counts()["created"]
    print(f"{len(report.files)} files, {created} articles in {elapsed:.1f} s under cProfile")
    print(
        f"queries: {queries[0] / len(report.files):.1f} a file, {queries[0] / created:.1f} an article"
    )
    if os.environ.get("WRITER_PROFILE_DUMP"):  # the whole profile, for pstats or snakeviz
        profile.dump_stats(os.environ["WRITER_PROFILE_DUMP"])
    stats = pstats.Stats(profile).stats
    for label, path, name in PHASES:
        total = sum(
            cumulative
            for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.items()
            if function == name and filename.endswith(path)
        )
        print(f"{label:45} {total / created * 1000:7.2f} ms/article {total / elapsed:6.1%}")


def parse_only(folder):
    """In the tree's directory: CPU time (`time.process_time`) to parse `folder`'s files."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from articles.importer.pipeline import read_path

    paths = sorted(Path(folder).rglob("*.txt"))
    read_path(paths[0])  # imports, compiled patterns
    started = time.process_time()
    stories = sum(len(read_path(path).document.stories) for path in paths)
    spent = time.process_time() - started
    print(
        f"parsed {len(paths)} files, {stories} stories: {spent * 1000 / stories:.2f} ms CPU a story;"
        f" load average {os.getloadavg()[0]:.1f}"
    )


def main():
    options = parse_options()
    if options.child:
        return child(options.child)
    if options.parse_child:
        return parse_only(options.parse_child)
    sys.path.insert(0, str(ROOT / "bench"))
    from import_speed import write_variants

    if options.parse_only:
        with tempfile.TemporaryDirectory() as folder:
            write_variants(ROOT / "seeds", Path(folder), options.copies)
            subprocess.run(
                [sys.executable, __file__, "--parse-child", folder], cwd=options.tree, check=True
            )
        return None

    with tempfile.TemporaryDirectory() as folder:
        archive = -(-options.archive // 15)  # the seeds' five files hold fifteen stories
        if archive:
            (Path(folder) / "archive").mkdir()
            write_variants(ROOT / "seeds", Path(folder) / "archive", archive)
        (Path(folder) / "profiled").mkdir()
        write_variants(ROOT / "seeds", Path(folder) / "profiled", options.copies, first=archive)
        name = options.database
        for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
            subprocess.run(["psql", f"{POSTGRES}/postgres", "-qc", sql], check=True)
        env = {**os.environ, "DATABASE_URL": f"{POSTGRES}/{name}", "DJANGO_DEBUG": "false"}
        if options.dump:
            env["WRITER_PROFILE_DUMP"] = str(options.dump.resolve())
        env.setdefault("DJANGO_SECRET_KEY", "bench-only")
        run = {"cwd": options.tree, "env": env, "check": True}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **run)
        print(f"code of {options.tree}; load average {os.getloadavg()[0]:.1f}")
        subprocess.run([sys.executable, __file__, "--child", folder], **run)
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
