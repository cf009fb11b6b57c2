"""`import_seeds --jobs N`: how many processes parse; the output is the same whatever N."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.articles.importer.builders import SEEDS

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_seeds", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_same_lines_with_one_process_or_two():
    in_process = run(SEEDS, "--dry-run", "--jobs", "1")
    assert run(SEEDS, "--dry-run", "--jobs", "2") == in_process
    assert len(in_process.strip().splitlines()) == 6  # five files and the summary


def test_two_processes_import_the_seeds():
    output = run(SEEDS, "--jobs", "2")
    assert output.strip().splitlines()[-1].startswith("5 个文件：15 篇稿件，新建 15")
    assert Article.objects.count() == 15


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_count(jobs):
    with pytest.raises(CommandError, match="--jobs"):
        run(SEEDS, "--jobs", jobs)
    assert not Article.objects.exists()
