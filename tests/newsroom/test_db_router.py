"""Reader pages read from the replica; the admin, writes and POSTs use the primary.

The "replica" alias is a second connection to the test database (as a streaming standby is a
second server holding the same rows), so each decision shows in which connection ran the query.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom.db_router import REPLICA, ReplicaRouter, reader_reads
from tests.articles.admin_fixtures import ensure_editorial_groups, make_user
from tests.articles.reader_data import build_article


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup):
    """A "replica" alias on the test database for this module's tests (before their setup)."""
    connections.settings[REPLICA] = {**connections["default"].settings_dict}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    return connections[REPLICA]


pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


def test_a_public_page_reads_from_the_replica(replica, client):
    article = build_article(status=Article.Status.PUBLISHED)
    with queries_on("default") as primary, queries_on(REPLICA) as standby:
        page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and article.title in page.content.decode()
    assert any("articles_article" in query["sql"] for query in standby.captured_queries)
    assert primary.captured_queries == []


def test_the_admin_reads_and_writes_the_primary(replica, client):
    ensure_editorial_groups()
    client.force_login(make_user("editor", "编辑"))
    article = build_article()
    with queries_on("default") as primary, queries_on(REPLICA) as standby:
        page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert standby.captured_queries == []
    assert any("articles_article" in query["sql"] for query in primary.captured_queries)


def test_writes_inside_a_reader_request_go_to_the_primary(replica):
    with reader_reads(), queries_on("default") as primary, queries_on(REPLICA) as standby:
        article = build_article()
        assert Article.objects.filter(pk=article.pk).exists()
    assert any(query["sql"].startswith("INSERT") for query in primary.captured_queries)
    assert not any(query["sql"].startswith("INSERT") for query in standby.captured_queries)
    assert any("articles_article" in query["sql"] for query in standby.captured_queries)


def test_outside_a_request_everything_uses_the_primary(replica):
    build_article()
    with queries_on(REPLICA) as standby:
        assert Article.objects.count() == 1
    assert standby.captured_queries == []


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate(REPLICA, "articles")
