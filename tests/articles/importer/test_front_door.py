"""One front door: the command and the admin's import page leave the same rows for the same bytes.

Each file is imported by `import_seeds`, its rows are kept, the database is emptied, and the same
bytes go through the admin's upload and confirm; the two sets of rows must match column for
column. Who imported (`imported_by`, a revision's `user`) and when are not compared: the command
has no user and the clock moves.
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models.fields.files import FieldFile
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Image,
    ImportedFile,
    Revision,
    Source,
    TaggedArticle,
)
from tests.articles.test_admin_import import confirm, upload

from .conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.django_db

# In deletion order: an article protects its source and its authors.
MODELS = (Article, ArticleAuthor, Image, Revision, TaggedArticle, Tag, ImportedFile, Author, Source)
NOT_COMPARED = {"id", "imported_at", "created_at", "updated_at", "imported_by", "user"}
FILES = [*sorted(SEEDS.glob("*.txt")), FIXTURES / "epaper_page_package.md"]


def label(related):
    """A related row by what it is, not by its id."""
    if isinstance(related, ImportedFile):
        return Path(related.name).name  # the command names the path, the admin the upload
    if isinstance(related, Article):
        return f"{related.position}:{related.title}"
    return str(related)


def column(row, field):
    if field.is_relation:
        related = getattr(row, field.name)
        return label(related) if related is not None else None
    value = getattr(row, field.attname)
    if isinstance(value, FieldFile):
        return value.name
    return Path(value).name if (type(row), field.name) == (ImportedFile, "name") else value


def rows():
    """Every row an import writes, each as its compared columns, in a stable order."""
    return {
        model.__name__: sorted(
            (
                [
                    (field.name, column(row, field))
                    for field in model._meta.concrete_fields
                    if field.name not in NOT_COMPARED
                ]
                for row in model.objects.all()
            ),
            key=repr,
        )
        for model in MODELS
    }


def empty_the_database():
    for model in MODELS:
        model.objects.all().delete()


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_the_command_and_the_admin_leave_the_same_rows(path, editor_client, import_staging):
    call_command("import_seeds", str(path), stdout=io.StringIO())
    by_command = rows()
    assert by_command["Article"], "the command imported nothing"
    empty_the_database()

    result = confirm(
        editor_client, upload(editor_client, SimpleUploadedFile(path.name, path.read_bytes()))
    )
    assert result.status_code == 200
    by_admin = rows()

    assert by_admin == by_command
    assert len(by_admin["Revision"]) == len(by_admin["Article"])
