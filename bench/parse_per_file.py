"""Parse time per file: `read_document` (bytes → stories, no database) over the seeds and the
importer's hand-made fixtures, best of several rounds.

    .venv/bin/python bench/parse_per_file.py [--rounds 5] [--only names.txt]

Prints milliseconds per file (median over files of each file's best round) and the total.
"""

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

import harness  # noqa: F401

# isort: split
from articles.importer.errors import ImportFailure
from articles.importer.pipeline import read_document

FILES = sorted(
    [
        *(harness.ROOT / "seeds").glob("*.txt"),
        *(harness.ROOT / "tests/articles/importer/fixtures").glob("*"),
    ]
)


def cleared_caches():
    """Every importer rule's kept answers forgotten, so a round reads the file as its first
    read does, not from what earlier rounds of the same file left; set-up kept once per
    process (OpenCC's converter, a function of no arguments) stays."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("articles.importer"):
            for value in vars(module).values():
                wrapped = getattr(value, "__wrapped__", None)
                if hasattr(value, "cache_clear") and wrapped.__code__.co_argcount:
                    value.cache_clear()


def best_time(path, rounds):
    data = path.read_bytes()
    best = float("inf")
    for _ in range(rounds):
        cleared_caches()
        started = time.perf_counter()
        with contextlib.suppress(ImportFailure):  # a refused fixture costs its time all the same
            read_document(path.name, data)
        best = min(best, time.perf_counter() - started)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="a file listing the file names to time (one a line)")
    options = parser.parse_args()
    names = set(Path(options.only).read_text(encoding="utf-8").split()) if options.only else None
    files = [path for path in FILES if path.is_file() and (names is None or path.name in names)]
    times = [best_time(path, options.rounds) for path in files]
    print(
        f"{len(times)} files: median {statistics.median(times) * 1000:.1f} ms/file, "
        f"mean {statistics.mean(times) * 1000:.1f} ms/file, total {sum(times):.2f} s"
    )


if __name__ == "__main__":
    main()
