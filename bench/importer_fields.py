"""Importer accuracy on the project's own fixtures (issues 8 and 9). Run from a checkout:
`.venv/bin/python bench/importer_fields.py`.

Fields right on the hand-read cousins and across containers: story count, kicker, title,
subtitle, credits, date, source, per story."""

import os
import pathlib
import sys

root = pathlib.Path.cwd()
sys.path.insert(0, str(root))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
import django

django.setup()
from tests.articles.importer import containers as C
from tests.articles.importer.readings import REFUSED, read_stories
from tests.articles.importer.test_cousins_part1 import CASES, fixture

FIELDS = ("kicker", "title", "subtitle", "credits", "date", "source")


def score(expected, found):
    right = total = 0
    total += 1
    if found != REFUSED and len(found) == len(expected):
        right += 1
    for i, e in enumerate(expected):
        f = found[i] if found != REFUSED and i < len(found) else None
        for name in FIELDS:
            total += 1
            right += f is not None and getattr(f, name) == getattr(e, name)
    return right, total


def safe_read(name, data):
    try:
        return read_stories(name, data)
    except Exception:
        return REFUSED


r = t = 0
for name, expected in CASES.items():
    a, b = score(expected, safe_read(*fixture(name)))
    r += a
    t += b
print(f"cousins read by hand: {r}/{t} fields right = {100 * r / t:.1f}%")
fixtures = sorted((root / "tests/articles/importer/fixtures").glob("*.txt")) + sorted(
    p for p in (root / "seeds").glob("*.txt") if not p.name.startswith("000_")
)
r = t = 0
for path in fixtures:
    plain = safe_read(path.name, path.read_bytes())
    if plain == REFUSED:
        continue
    for cname, write in C.CONTAINERS.items():
        a, b = score(plain, safe_read(*write(path.read_text(), path.stem)))
        r += a
        t += b
print(f"containers vs the plain reading: {r}/{t} fields right = {100 * r / t:.1f}%")
