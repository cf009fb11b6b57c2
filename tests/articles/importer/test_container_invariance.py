"""One text, every container: the importer finds the same stories in each as in the plain text.

Each plain-text seed and fixture is written into every container of `containers.py` (front matter,
Markdown, embedded HTML, a saved web page, JSON, JSON Lines, Word, GB18030, CRLF with a BOM) and
must give the same stories, story by story: headline block, credits, date and source.
"""

import functools

import pytest

from articles.importer.pipeline import import_file, read_document

from .conftest import FIXTURES, SEEDS
from .containers import CONTAINER_MARKS, CONTAINERS, PAGE_CHROME, TITLED_CONTAINERS, first_line
from .helpers import lost_sentences, readable_text
from .readings import assert_same_readings, fold, read_stories
from .test_nothing_lost import NO_ARTICLE

# Seed 000 is a post in front matter and HTML already; the other seeds are plain text.
PLAIN_SEEDS = sorted(path for path in SEEDS.glob("*.txt") if not path.name.startswith("000_"))
PLAIN_FIXTURES = sorted(FIXTURES.glob("*.txt"))
PLAIN = PLAIN_SEEDS + PLAIN_FIXTURES
SIX_STORY_PAGES = [path for path in PLAIN_SEEDS if path.name[:3] in {"001", "003"}]
# Single stories whose first line is their headline, as an editor reads them: the ones a post's
# `title:` may repeat.
HEADLINE_FIRST = {
    "agency_story_traditional.txt",
    "bracketed_reporter_at_the_end.txt",
    "interview_questions_and_answers.txt",
    "profile_numbered_subheads.txt",
    "single_story_plain.txt",
    "story_end_marks.txt",
    "traditional_local_story.txt",
    "wechat_original_header.txt",
}


def text_of(path):
    return path.read_bytes().decode("utf-8")


@functools.cache
def plain_reading(path):
    return read_stories(path.name, path.read_bytes())


def contained(path, container):
    """`path`'s text written into the container named `container`: (file name, bytes)."""
    write = CONTAINERS.get(container) or TITLED_CONTAINERS[container]
    return write(text_of(path), path.stem)


def cases(paths, containers):
    return [
        pytest.param(path, container, id=f"{path.name}-{container}")
        for path in paths
        for container in containers
    ]


@pytest.mark.parametrize(("path", "container"), cases(PLAIN, CONTAINERS))
def test_every_container_gives_the_plain_texts_stories(path, container):
    assert_same_readings(plain_reading(path), read_stories(*contained(path, container)))


@pytest.mark.parametrize(
    ("path", "container"),
    cases([path for path in PLAIN_FIXTURES if path.name in HEADLINE_FIRST], TITLED_CONTAINERS),
)
def test_a_header_title_repeating_the_headline_gives_the_same_story(path, container):
    (story,) = plain_reading(path)
    assert story.title == fold(first_line(text_of(path)))
    assert_same_readings([story], read_stories(*contained(path, container)))


@pytest.mark.parametrize(("path", "container"), cases(SIX_STORY_PAGES, CONTAINERS))
def test_a_page_of_six_stories_is_six_stories_in_every_container(path, container):
    document = read_document(*contained(path, container))
    assert len(document.stories) == 6, [story.title for story in document.stories]


@pytest.mark.parametrize(
    ("path", "container"),
    cases([path for path in PLAIN if path.name not in NO_ARTICLE], CONTAINERS),
)
def test_nothing_is_lost_and_nothing_of_the_container_is_kept(path, container):
    """Every sentence of the text is in some story; the container's marks and the saved page's
    chrome are in none."""
    text = text_of(path)
    stories = read_document(*contained(path, container)).stories
    assert lost_sentences(text, stories) == []
    seen = "".join(readable_text(story) for story in stories)
    kept = [mark for mark in (*CONTAINER_MARKS, *PAGE_CHROME) if mark in seen and mark not in text]
    assert kept == []


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "container"), cases(PLAIN_SEEDS, CONTAINERS))
def test_a_second_import_of_any_container_changes_nothing(path, container):
    name, data = contained(path, container)
    first = import_file(name, data)
    assert first.status != "failed", first.error
    assert first.created == len(first.titles)
    again = import_file(name, data)
    assert (again.created, again.updated) == (0, 0), again.describe()
