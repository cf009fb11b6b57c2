"""What an editor reads off a parsed story, folded so that two containers of one text compare equal."""

import re
import unicodedata
from dataclasses import dataclass

from articles.importer.errors import NoStoryFound
from articles.importer.pipeline import read_document

_SPACE_RE = re.compile(r"\s+")


def fold(value):
    """NFKC with runs of whitespace as one space: `"临时党支部　战“疫”当先锋 "` reads as printed."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", value or "")).strip()


@dataclass(frozen=True)
class Reading:
    """A story's headline block, credits, date and source, as an editor would check them."""

    kicker: str
    title: str
    subtitle: str
    credits: frozenset
    date: object
    source: str

    @classmethod
    def of(cls, story):
        return cls(
            kicker=fold(story.kicker),
            title=fold(story.title),
            subtitle=fold(story.subtitle),
            credits=frozenset((fold(credit.name), credit.role) for credit in story.credits),
            date=story.reported_at.date() if story.reported_at else None,
            source=fold(story.source.name) if story.source else "",
        )

    def __str__(self):
        credits = "、".join(f"{name}（{role}）" for name, role in sorted(self.credits))
        headline = " / ".join(filter(None, (self.kicker, self.title, self.subtitle)))
        return f"「{headline}」 {credits or '无署名'} · {self.date or '无日期'} · {self.source or '无来源'}"


REFUSED = "refused: no story"


def read_stories(name, data):
    """Each story's `Reading`, or `REFUSED` for a file the importer says holds no story."""
    try:
        document = read_document(name, data)
    except NoStoryFound:
        return REFUSED
    return [Reading.of(story) for story in document.stories]


def assert_same_readings(expected, found):
    """`found` reads as `expected`, story by story (or both are `REFUSED`)."""
    if expected == REFUSED or found == REFUSED:
        assert found == expected, f"found {_shown(found)}, expected {_shown(expected)}"
        return
    assert len(found) == len(expected), f"found {_shown(found)}, expected {_shown(expected)}"
    for number, (want, got) in enumerate(zip(expected, found, strict=True), start=1):
        assert got == want, f"story {number}: found {got}, expected {want}"


def _shown(readings):
    return readings if readings == REFUSED else [str(story) for story in readings]
