"""Query counts of the admin pages pinned nowhere else: the import job list, the 重复稿件 list
and its comparison page, and the lists of authors, sources and tag redirects. Each is counted
twice, with more rows the second time: a count that grew would be a query per row."""

import random

import pytest
from django.urls import reverse

from articles.models import Author, DuplicateCluster, ImportJob, Source, Tag, TagRedirect
from tests.articles.admin_fixtures import ensure_editorial_groups, make_article, make_user
from tests.articles.duplicate_files import grant_duplicate_permissions, import_story, story
from tests.articles.duplicate_variants import edited, traditional
from tests.articles.reader_data import committed

pytestmark = pytest.mark.django_db

JOBS = reverse("admin:articles_importedfile_jobs")
DUPLICATES = reverse("admin:articles_duplicatecluster_changelist")


def queries_for(client, url, django_assert_num_queries, expected):
    client.get(url)  # session and content types warmed
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def add_jobs(editor, count):
    for _number in range(count):
        job = ImportJob.objects.create(batch=f"{ImportJob.objects.count():032d}", created_by=editor)
        job.reports = [
            {"name": "a.txt", "status": "imported", "format": "markdown", "created": 1,
             "updated": 0, "unchanged": 0, "warnings": [], "error": "",
             "skipped_fields": [], "articles": []},
        ]  # fmt: skip
        job.save()


def test_the_import_job_list_does_not_grow_with_the_jobs(
    editor_client, editor, django_assert_num_queries
):
    add_jobs(editor, 1)
    # session, user, the user's and their groups' permissions, the jobs with their uploaders
    queries_for(editor_client, JOBS, django_assert_num_queries, 5)
    add_jobs(editor, 4)
    queries_for(editor_client, JOBS, django_assert_num_queries, 5)
    assert editor_client.get(JOBS).content.decode().count("/import/jobs/") >= 5


def import_cluster(key, relays):
    """One story from 人民网 by a reporter, and a reprint per relay platform: one cluster."""
    rng = random.Random(7)
    base = story(key)
    with committed():
        import_story(f"{key}.md", base, source="人民网", date="2022-03-07", authors=["刘文静"])
    for relay in relays:
        with committed():
            import_story(
                f"{key}-{relay}.md",
                traditional(edited(0.10)(base, rng), rng),
                source="人民网",
                relay=relay,
                date="2022-03-07",
            )


@pytest.fixture
def duplicates_client(client):
    ensure_editorial_groups()
    grant_duplicate_permissions()
    client.force_login(make_user("chief", "主编"))
    return client


def test_the_duplicates_list_does_not_grow_with_the_clusters(
    duplicates_client, django_assert_num_queries
):
    import_cluster("old_estates", ["趣头条"])
    assert DuplicateCluster.objects.count() == 1
    # session, user, permissions (2), the count twice (filtered, total), the page, its members
    queries_for(duplicates_client, DUPLICATES, django_assert_num_queries, 8)
    import_cluster("chest_pain_center", ["趣头条", "ZAKER"])
    import_cluster("community_canteen", ["网易"])
    assert DuplicateCluster.objects.count() == 3
    queries_for(duplicates_client, DUPLICATES, django_assert_num_queries, 8)


def credited_authors(count):
    for number in range(Author.objects.count(), Author.objects.count() + count):
        make_article(f"稿件{number}", credits=[(f"作者{number}", "reporter")])


def sources(count):
    for number in range(Source.objects.count(), Source.objects.count() + count):
        make_article(f"稿件{number}", source=Source.objects.create(name=f"来源{number}"))


def tag_redirects(count):
    for number in range(Tag.objects.count(), Tag.objects.count() + count):
        tag = Tag.objects.create(name=f"标签{number}", slug=f"tag-{number}")
        TagRedirect.objects.create(old_slug=f"old-{number}", tag=tag)


@pytest.mark.parametrize(
    ("changelist", "add_rows", "expected"),
    [
        ("admin:articles_author_changelist", credited_authors, 7),
        ("admin:articles_source_changelist", sources, 7),
        ("admin:articles_tagredirect_changelist", tag_redirects, 7),
    ],
)
def test_taxonomy_lists_do_not_grow_with_their_rows(
    chief_client, django_assert_num_queries, changelist, add_rows, expected
):
    url = reverse(changelist)
    add_rows(1)
    queries_for(chief_client, url, django_assert_num_queries, expected)
    add_rows(5)
    queries_for(chief_client, url, django_assert_num_queries, expected)
