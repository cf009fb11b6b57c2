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


def grant_duplicate_permissions():
    """The 重复稿件 permissions of 编辑 and 主编, as their migration grants them (transactional
    tests flush the groups; `admin_fixtures.ensure_editorial_groups` recreates them first)."""
    import pkgutil
    from importlib import import_module

    from django.apps import apps

    import articles.migrations

    (name,) = [
        module.name
        for module in pkgutil.iter_modules(articles.migrations.__path__)
        if module.name.endswith("_near_duplicates")
    ]
    import_module(f"articles.migrations.{name}").grant_duplicate_permissions(apps, None)
