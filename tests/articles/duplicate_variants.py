"""A labelled set of near-duplicate pairs, for the tests and `bench/duplicates.py`.

The stories are hand-written (`duplicate_stories/`) and the seeds' (`seeds/`, read by the real
importer). Each story's variants are what an editor would call the same report, as relays make
them: a new headline, paragraphs reordered or dropped, 5–20% of the characters edited, an editor's
note and a platform's boilerplate added, traditional characters, a byline and dateline added, a
summary half as long. Different reports that share many words are the negatives: every two
stories (the seeds' pages hold several stories each, on one subject) and the daily briefs of one
column (`brief_*`: a shared header and closing paragraph, different items). Deterministic: every
random choice comes from a seeded `random.Random`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[2]
STORIES = Path(__file__).parent / "duplicate_stories"
# Characters an edit puts in: words reporters use, so an edit reads like a rewrite.
REPLACEMENTS = [
    "近日",
    "相关部门",
    "据介绍",
    "工作人员",
    "进一步",
    "积极",
    "有效",
    "群众",
    "全面",
    "切实",
    "目前",
    "此外",
    "同时",
    "记者了解到",
    "有关负责人",
    "表示",
    "显著",
    "持续",
    "推动",
    "加强",
    "落实",
    "服务",
    "群众反映",
    "据悉",
    "截至目前",
    "大力",
]


@dataclass(frozen=True)
class Story:
    key: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def body_html(self):
        return "".join(f"<p>{paragraph}</p>" for paragraph in self.paragraphs)


@dataclass(frozen=True)
class Pair:
    first: Story
    second: Story
    same: bool
    kind: str  # the variant's kind, or `different` / `same-column`


def read_story(path: Path) -> Story:
    """A fixture: its headline, a blank line, then paragraphs separated by blank lines."""
    title, *paragraphs = [part.strip() for part in path.read_text("utf-8").split("\n\n")]
    return Story(path.stem, title, tuple(paragraph for paragraph in paragraphs if paragraph))


def fixture_stories() -> list[Story]:
    return [read_story(path) for path in sorted(STORIES.glob("*.txt"))]


@cache
def seed_stories() -> tuple[Story, ...]:
    """The seeds' stories as the importer reads them (their paragraphs from the body HTML)."""
    from articles.fingerprints import paragraphs_of
    from articles.importer.pipeline import read_document

    stories = []
    for path in sorted((ROOT / "seeds").iterdir()):
        document = read_document(path.name, path.read_bytes())
        for index, record in enumerate(document.stories):
            paragraphs = tuple(paragraphs_of(record.body_html, record.lead))
            stories.append(Story(f"{path.stem}#{index}", record.title, paragraphs))
    return tuple(stories)


def all_stories() -> list[Story]:
    return [*fixture_stories(), *seed_stories()]


def new_headline(story, rng):
    return replace(story, title="转载：" + story.title[::-1])


def reordered(story, rng):
    paragraphs = list(story.paragraphs)
    rng.shuffle(paragraphs)
    return replace(story, paragraphs=tuple(paragraphs))


def dropped(story, rng):
    """A quarter of the paragraphs (at least one, when there are three or more) left out."""
    paragraphs = list(story.paragraphs)
    for _ in range(max(1, len(paragraphs) // 4) if len(paragraphs) >= 3 else 0):
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    return replace(story, paragraphs=tuple(paragraphs))


def edited(rate):
    """`rate` of the characters replaced, deleted or written in, a word (1–4 characters) at a time."""

    def edit(story, rng):
        paragraphs = []
        for paragraph in story.paragraphs:
            chars, budget = list(paragraph), int(len(paragraph) * rate)
            while budget > 0 and chars:
                span = min(rng.randint(1, 4), budget)
                at = rng.randrange(len(chars))
                word = list(rng.choice(REPLACEMENTS))
                action = rng.random()
                if action < 0.5:
                    chars[at : at + span] = word
                elif action < 0.75:
                    del chars[at : at + span]
                else:
                    chars[at:at] = word
                budget -= max(span, len(word))
            paragraphs.append("".join(chars))
        return replace(story, paragraphs=tuple(paragraphs))

    edit.__name__ = f"edited_{round(rate * 100)}"
    return edit


def with_note_and_boilerplate(story, rng):
    note = (
        "编者按：近年来，各地在改善民生方面持续发力，涌现出一批可复制、可推广的好做法。"
        "今天，我们转载这篇报道，与读者一起关注基层一线的新变化，敬请关注。"
    )
    tail = (
        "来源：运城晚报",
        "责任编辑：关凝淼",
        "点击蓝字关注我们",
        "本文转自运城晚报，版权归原作者所有",
    )
    return replace(story, paragraphs=(note, *story.paragraphs, *tail))


@cache
def _to_traditional():
    return opencc.OpenCC("s2t")


def traditional(story, rng):
    convert = _to_traditional().convert
    return replace(
        story,
        title=convert(story.title),
        paragraphs=tuple(convert(paragraph) for paragraph in story.paragraphs),
    )


def with_byline(story, rng):
    first, *rest = story.paragraphs
    return replace(
        story, paragraphs=(f"新华社太原4月20日电（记者 王耀 通讯员 杨希）{first}", *rest)
    )


def summary(story, rng):
    """Half as long: the opening paragraph, then every other sentence, up to half the text."""
    text_length = sum(len(paragraph) for paragraph in story.paragraphs)
    kept, length = [story.paragraphs[0]], len(story.paragraphs[0])
    sentences = [s + "。" for p in story.paragraphs[1:] for s in p.split("。") if s]
    for sentence in sentences[::2]:
        if length >= text_length / 2:
            break
        kept.append(sentence)
        length += len(sentence)
    return replace(story, paragraphs=tuple(kept))


def traditional_and_edited(story, rng):
    """A reprint in traditional characters, edited on the way: the hardest of the set."""
    return traditional(edited(0.10)(story, rng), rng)


def summary_and_edited(story, rng):
    return edited(0.10)(summary(story, rng), rng)


def dropped_reordered_edited(story, rng):
    return edited(0.20)(reordered(dropped(story, rng), rng), rng)


VARIANTS = (
    new_headline,
    reordered,
    dropped,
    edited(0.05),
    edited(0.10),
    edited(0.20),
    with_note_and_boilerplate,
    traditional,
    with_byline,
    summary,
    traditional_and_edited,
    summary_and_edited,
    dropped_reordered_edited,
)


def labelled_pairs(stories=None, *, rounds=1, seed=7) -> list[Pair]:
    """Every story with each of its variants, `rounds` times drawn (same), and every two
    stories (different)."""
    stories = list(stories if stories is not None else all_stories())
    rng = random.Random(seed)
    pairs = [
        Pair(story, variant(story, rng), True, variant.__name__)
        for _round in range(rounds)
        for story in stories
        for variant in VARIANTS
    ]
    for first, second in combinations(stories, 2):
        column = first.key.startswith("brief_") and second.key.startswith("brief_")
        pairs.append(Pair(first, second, False, "same-column" if column else "different"))
    return pairs
