"""Time the importer on the seeds and on many copies of them, in a throwaway database.

Re-run:  .venv/bin/python bench/import_speed.py [--copies 200]
         DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/import_speed.py
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from articles.importer.pipeline import import_paths  # noqa: E402
from articles.models import Article  # noqa: E402


def write_variants(seeds, target, copies):
    """`copies` distinct versions of every seed: each sentence end marked with the copy's number."""
    for number in range(copies):
        folder = target / f"copy-{number:04}"
        folder.mkdir()
        for seed in sorted(seeds.glob("*.txt")):
            text = seed.read_text(encoding="utf-8").replace("。", f"。{number} ")
            (folder / seed.name).write_text(text, encoding="utf-8")


def timed(label, paths):
    started = time.perf_counter()
    report = import_paths(paths)
    elapsed = time.perf_counter() - started
    summary = report.as_json()["summary"]
    print(
        f"{label:<34} {elapsed:8.2f} s  {summary['files']:>5} files  {summary['stories']:>6} stories"
        f"  created {summary['created']:>5}  updated {summary['updated']:>3}"
        f"  unchanged {summary['unchanged']:>5}  failed {summary['failed']}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=200)
    copies = parser.parse_args().copies
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        seeds = ROOT / "seeds"
        print(f"database: {connection.vendor}")
        timed("seeds, first run", [seeds])
        timed("seeds, second run (no change)", [seeds])
        with tempfile.TemporaryDirectory() as folder:
            write_variants(seeds, Path(folder), copies)
            timed(f"{copies} distinct copies, first run", [folder])
            timed(f"{copies} distinct copies, second run", [folder])
        print(f"articles in the database: {Article.objects.count()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
