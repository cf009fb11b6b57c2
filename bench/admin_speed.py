"""Time the editors' pages and tag suggestions on many imported articles, in a throwaway database.

Re-run:  .venv/bin/python bench/admin_speed.py [--copies 100] [--bulk 100000]
         DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/admin_speed.py

`--bulk N` first adds N published articles written straight to the tables (two of N/10 authors
and two tags each, not searchable), so the list and its filters face an archive's size.

`--on-database` times the pages alone on the database `DATABASE_URL` names, as it is (e.g. the
reader benchmark's `perf_site_100000`, searchable): no import, no tag suggestions; it adds a
staff user `bench-editor` of the group 编辑 if missing and writes nothing else.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_site_100000 \
        .venv/bin/python bench/admin_speed.py --on-database
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from harness import ROOT, throwaway_database

# isort: split

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from import_speed import write_variants
from reader_speed import build
from taggit.models import Tag

from articles.importer.pipeline import import_paths
from articles.models import Article, ArticleAuthor
from articles.services.tagging import gazetteer, idf_table, suggest_tags


def timed_page(client, url, repeat=5):
    client.get(url)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    print(f"{url:<60} median {statistics.median(times) * 1000:7.1f} ms  {len(queries)} queries")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--bulk", type=int, default=0)
    parser.add_argument("--on-database", action="store_true", help="time the pages on DATABASE_URL")
    arguments = parser.parse_args()
    if arguments.on_database:
        time_pages(Article.objects.order_by("-pk").first())
        return
    copies = arguments.copies
    with throwaway_database():
        if arguments.bulk:
            started = time.perf_counter()
            build(
                arguments.bulk,
                random.Random(13),
                authors=max(400, arguments.bulk // 10),
                index=False,
            )
            print(
                f"{arguments.bulk} articles written in bulk: {time.perf_counter() - started:.0f} s"
            )
        with tempfile.TemporaryDirectory() as folder:
            write_variants(ROOT / "seeds", Path(folder), copies)
            import_paths([folder])
        articles = list(Article.objects.exclude(imported_file=None))
        for index, article in enumerate(articles):
            article.tags.add("抗疫", f"标签{index % 50}")
        print(f"articles: {len(articles)}, tags: {Tag.objects.count()}")

        started = time.perf_counter()
        gazetteer(), idf_table()
        print(f"loading the gazetteer and jieba's IDF table: {time.perf_counter() - started:.2f} s")
        known = list(Tag.objects.values_list("name", flat=True))
        times = []
        for article in articles[:300]:
            started = time.perf_counter()
            suggest_tags(article, known_tags=known)
            times.append(time.perf_counter() - started)
        print(
            f"tag suggestions per article: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms ({len(times)} articles)"
        )

        time_pages(articles[0])


def time_pages(sample):
    print(f"database: {connection.vendor}, {Article.objects.count():,} articles")
    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(editor)
    tag = Tag.objects.order_by("pk").first()
    for url in (
        "/admin/articles/article/",
        "/admin/articles/article/?q=核酸",
        f"/admin/articles/article/?status__exact=draft&tag={tag.pk}",
        f"/admin/articles/article/?author={ArticleAuthor.objects.first().author_id}",
        "/admin/articles/article/?status__exact=review",
        f"/admin/articles/article/{sample.pk}/change/",
        "/admin/taggit/tag/",
        "/admin/articles/importedfile/",
    ):
        timed_page(client, url)


if __name__ == "__main__":
    main()
