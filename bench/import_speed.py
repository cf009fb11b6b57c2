"""Time the importer on the seeds and on many copies of them, in a throwaway database.

Re-run:  .venv/bin/python bench/import_speed.py [--copies 200]
         DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/import_speed.py
"""

import argparse
import tempfile
import time
from pathlib import Path

from harness import ROOT, throwaway_database

# isort: split


from articles.importer.pipeline import import_paths
from articles.models import Article


def write_variants(seeds, target, copies, first=0):
    """`copies` distinct versions of every seed: each sentence end marked with the copy's number
    (numbered from `first`)."""
    for number in range(first, first + copies):
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
    with throwaway_database():
        seeds = ROOT / "seeds"
        timed("seeds, first run", [seeds])
        timed("seeds, second run (no change)", [seeds])
        with tempfile.TemporaryDirectory() as folder:
            write_variants(seeds, Path(folder), copies)
            timed(f"{copies} distinct copies, first run", [folder])
            timed(f"{copies} distinct copies, second run", [folder])
        print(f"articles in the database: {Article.objects.count()}")


if __name__ == "__main__":
    main()
