"""Story files for the near-duplicate tests: a `duplicate_variants.Story` written as the
front-matter Markdown the importer reads, with its outlet, relay, date and credits."""

from articles.importer.pipeline import import_file
from tests.articles.duplicate_variants import fixture_stories


def story(key):
    return next(story for story in fixture_stories() if story.key == key)


def story_file(story, *, source, date, authors=(), relay="", tags=()):
    """Front matter (`source`, `date`, `author`: people, then the relay platform; `tags`) and
    the body."""
    names = [*authors, relay] if relay else list(authors)
    front = f"---\ntitle: {story.title}\ndate: {date}\nsource: {source}\n"
    front += "".join(
        f"{key}:\n" + "".join(f"  - {v}\n" for v in values)
        for key, values in (("author", names), ("tags", tags))
        if values
    )
    body = "\n\n".join(story.paragraphs)
    return f"{front}---\n\n{body}\n".encode()


def import_story(name, story, *, dry_run=False, publish=True, **fields):
    return import_file(name, story_file(story, **fields), dry_run=dry_run, publish=publish)
