"""Importer accuracy on the project's own fixtures (issues 8 and 9): the fields an editor reads
off each story (kicker, headline, subtitle, credits, date, source) and each file's story count;
and each story's headline, pictures, captions, subheads and lead on every fixture and seed.

    .venv/bin/python bench/importer_fields.py

Two measures: the hand-read cousins of `test_cousins_part1.py` against what an editor reads
off them, and every plain seed and fixture written into each container of `containers.py`
against the same code's reading of the plain text. A third, the figures of
`test_fixture_figures.py`, read by hand off every fixture and seed. Results in bench/README.md.
"""

import harness

# isort: split
from articles.importer.errors import ImportFailure
from tests.articles.importer import containers
from tests.articles.importer.readings import REFUSED, read_stories
from tests.articles.importer.test_cousins_part1 import CASES, fixture
from tests.articles.importer.test_fixture_figures import CASES as FIGURES
from tests.articles.importer.test_fixture_figures import Figures, read_figures

FIELDS = ("kicker", "title", "subtitle", "credits", "date", "source")
FIGURE_FIELDS = tuple(Figures.__dataclass_fields__)


def score(expected, found, fields=FIELDS):
    """(fields right, fields) of `found` read against `expected`, story by story."""
    if expected == REFUSED or found == REFUSED:
        return int(found == expected), 1
    right = int(len(found) == len(expected))
    total = 1
    for index, wanted in enumerate(expected):
        story = found[index] if index < len(found) else None
        for name in fields:
            total += 1
            right += story is not None and getattr(story, name) == getattr(wanted, name)
    return right, total


def reading(name, data):
    try:
        return read_stories(name, data)
    except ImportFailure:  # an unrecognised file: every field lost
        return REFUSED


def report(label, scores):
    right, total = map(sum, zip(*scores, strict=True))
    print(f"{label}: {right}/{total} fields right = {100 * right / total:.1f} %")


def main():
    report(
        "cousins read by hand",
        [score(expected, reading(*fixture(name))) for name, expected in CASES.items()],
    )
    fixtures = sorted((harness.ROOT / "tests/articles/importer/fixtures").glob("*.txt"))
    seeds = [
        path
        for path in sorted((harness.ROOT / "seeds").glob("*.txt"))
        if not path.name.startswith("000_")
    ]
    scores = []
    for path in fixtures + seeds:
        plain = reading(path.name, path.read_bytes())
        if plain == REFUSED:
            continue
        for write in containers.CONTAINERS.values():
            scores.append(score(plain, reading(*write(path.read_text(), path.stem))))
    report("containers vs the plain reading", scores)
    report(
        "figures read by hand (every fixture and seed)",
        [score(expected, read_figures(name), FIGURE_FIELDS) for name, expected in FIGURES.items()],
    )


if __name__ == "__main__":
    main()
