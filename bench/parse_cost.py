"""Parse cost by file size: time and peak memory of `read_document`, 1 KB → 10 MB.

Each size is parsed in a fresh interpreter (so one size's garbage never inflates the next's peak),
once with no tracing for the time, and the growth of the process's peak resident memory over a
warmed-up baseline as the memory. Two shapes of synthetic report, written by this script:
`front_matter` (one story with a long HTML body) and `newspaper_page` (a plain-text page of many
stories, each with a headline, a `记者` byline and paragraphs).

Re-run:  .venv/bin/python bench/parse_cost.py [--sizes 1K,10K,100K,1M,3M,10M] [--timeout 180]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = "1K,10K,100K,1M,3M,10M"
SHAPES = ("front_matter", "newspaper_page")

SENTENCES = (
    "社区志愿者清晨六点就来到卡口，为往来居民测量体温、查验健康码。",
    "街道党工委组织在职党员下沉一线，分成三个小组轮流值守。",
    "今年以来，全县新建农村公路一百二十公里，群众出行更加方便。",
    "记者在现场看到，工人们正在紧张有序地进行管网铺设作业。",
    "据介绍，该项目预计年底前完工，届时将惠及周边两万余户居民。",
)


def paragraph(number):
    return "".join(SENTENCES[(number + index) % len(SENTENCES)] for index in range(3))


def front_matter_report(size):
    head = "---\ntitle: 测试稿件\ndate: 2022-04-20\nauthor: 县融媒体中心\n---\n\n"
    pieces, length, number = [head], len(head.encode()), 0
    while length < size:
        piece = f"<p>{paragraph(number)}</p>\n"
        pieces.append(piece)
        length += len(piece.encode())
        number += 1
    return _cut(pieces, size)


def newspaper_page_report(size):
    pieces, length, number = [], 0, 0
    while length < size:
        story = (
            f"第{number + 1}条消息标题在这里\n\n"
            f"本报讯（记者 王小明 通讯员 李大华）{paragraph(number)}\n\n"
            f"{paragraph(number + 1)}\n\n{paragraph(number + 2)}\n\n"
        )
        pieces.append(story)
        length += len(story.encode())
        number += 1
    return _cut(pieces, size)


def _cut(pieces, size):
    """The pieces' UTF-8 bytes cut to `size`, on a character boundary."""
    return "".join(pieces).encode()[:size].decode(errors="ignore").encode()


REPORTS = {"front_matter": front_matter_report, "newspaper_page": newspaper_page_report}


def parse_size(text):
    units = {"K": 1024, "M": 1024 * 1024}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].isalpha() else int(text)


def measure_one(shape, size):
    """Run in the child: parse one synthetic report, print a JSON line of what it cost."""
    import resource
    import time

    import harness  # noqa: F401 (Django set up from this checkout)

    # isort: split
    from django.conf import settings

    from articles.importer.errors import ImportFailure
    from articles.importer.pipeline import read_document

    settings.NEWSROOM_IMPORT_MAX_BYTES = size + 1
    data = REPORTS[shape](size)
    read_document("warm-up.txt", REPORTS[shape](1024))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        document = read_document(f"{shape}.txt", data)
        stories, error = len(document.stories), ""
    except ImportFailure as failure:
        stories, error = 0, str(failure)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline  # KiB on Linux
    print(
        json.dumps(
            {"seconds": elapsed, "peak_mb": peak / 1024, "stories": stories, "error": error},
            ensure_ascii=False,
        )
    )


def measure(shape, size, timeout):
    command = [sys.executable, __file__, "--child", shape, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "stories": None, "error": f"> {timeout} s"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help=f"comma-separated sizes ({SIZES})")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=180, help="seconds allowed per size")
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "BYTES"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        measure_one(arguments.child[0], int(arguments.child[1]))
        return
    print(f"{'shape':<15} {'size':>10} {'seconds':>9} {'peak MB':>9} {'stories':>8}  error")
    for shape in arguments.shapes.split(","):
        for label in arguments.sizes.split(","):
            result = measure(shape, parse_size(label), arguments.timeout)
            seconds = "–" if result["seconds"] is None else f"{result['seconds']:.2f}"
            peak = "–" if result["peak_mb"] is None else f"{result['peak_mb']:.0f}"
            stories = "–" if result["stories"] is None else result["stories"]
            print(
                f"{shape:<15} {label:>10} {seconds:>9} {peak:>9} {stories!s:>8}  {result['error']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
