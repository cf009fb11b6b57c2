"""Time Chinese search and deep pagination on many synthetic articles, in a throwaway database.

Re-run:  .venv/bin/python bench/reader_speed.py [--articles 20000]
         DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
             .venv/bin/python bench/reader_speed.py

The articles are sentences of the seed reports shuffled into new stories (about
1,000 characters each) with credits and tags, written with `bulk_create`, then
indexed with `ArticleSearchDocument.objects.refresh()`. Timings are medians of
several runs, in milliseconds, of what the page does: count + one page of 20
(with its credits, tags and images), and the whole response through the test client.
"""

import argparse
import random
import re
import statistics
import time
from datetime import timedelta
from urllib.parse import quote

from harness import ROOT, throwaway_database

# isort: split

from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    ArticleSearchDocument,
    Author,
    TaggedArticle,
)
from articles.pagination import DeferredJoinPaginator
from articles.views import ARTICLES_PER_PAGE

QUERIES = ["党", "疫", "核酸", "王耀", "志愿者", "志愿服务", "临时党支部", "疫情防控工作"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国文辉宇鹏飞雪梅琳晨阳海燕斌浩凯佳颖志庆"
TAGS = [
    "抗疫",
    "志愿者",
    "社区",
    "党建",
    "民生",
    "核酸检测",
    "基层治理",
    "疫情防控",
    "乡村振兴",
    "教育",
]


def sentences():
    text = " ".join(
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))
    )
    text = re.sub(r"<[^>]+>|https?://\S+", "", text)
    return [s.strip() + "。" for s in re.split(r"[。！？\n]", text) if len(s.strip()) >= 12]


def build(count, rng, *, authors=400, index=True):
    """`count` published articles, two of `authors` people and two tags each; searchable
    unless `index` is false."""
    pool = sentences()
    now = timezone.now()
    people = [
        Author(name=f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}{n}")
        for n in range(authors)
    ]
    people.append(Author(name="王耀"))
    for person in people:
        person.slug = person.name
    Author.objects.bulk_create(people, batch_size=1000)
    people = list(Author.objects.all())
    tags = [Tag.objects.create(name=name) for name in TAGS]
    articles = []
    for index in range(count):
        body = "".join(f"<p>{''.join(rng.sample(pool, 3))}</p>" for _ in range(4))
        articles.append(
            Article(
                title=rng.choice(pool)[:24].rstrip("。"),
                slug=f"a{index}",
                body=body,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=index),
                reported_at=now - timedelta(days=index // 20) if index % 3 else None,
            )
        )
    Article.objects.bulk_create(articles, batch_size=1000)
    ids = list(Article.objects.values_list("pk", flat=True))
    ArticleAuthor.objects.bulk_create(
        [
            ArticleAuthor(article_id=pk, author=author, role=role, order=order)
            for pk in ids
            for order, (author, role) in enumerate(
                zip(rng.sample(people, 2), ["reporter", "correspondent"], strict=True)
            )
        ],
        batch_size=2000,
    )
    TaggedArticle.objects.bulk_create(
        [TaggedArticle(content_object_id=pk, tag=tag) for pk in ids for tag in rng.sample(tags, 2)],
        batch_size=2000,
    )
    if not index:
        return 0, 0.0
    started = time.perf_counter()
    written = ArticleSearchDocument.objects.refresh(ids)
    return written, time.perf_counter() - started


def median_ms(work, runs):
    work()  # warm caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def page_of(queryset, number):
    """What a list view does: count, then one page of cards with their relations."""
    paginator = DeferredJoinPaginator(
        queryset,
        ARTICLES_PER_PAGE,
        load=lambda ids: Article.objects.filter(pk__in=ids).for_listing(),
    )
    return len(paginator.page(number))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    # Not the test suite's database, so the two can run side by side.
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = "/tmp/newsroom-reader-bench.sqlite3"
    else:
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    with throwaway_database():
        started = time.perf_counter()
        written, indexing = build(options.articles, random.Random(20221102))
        print(
            f"database: {connection.vendor}; {options.articles} articles built in "
            f"{time.perf_counter() - started:.1f} s, {written} search documents in {indexing:.1f} s "
            f"({indexing / written * 1000:.2f} ms each)"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        published = Article.objects.published()

        print(
            f"\n{'query':<10} {'chars':>5} {'hits':>6} {'count+page ms':>14} {'page view ms':>13}"
        )
        for query in QUERIES:
            results = published.search(query)
            hits = results.count()
            queries_ms = median_ms(lambda results=results: page_of(results, 1), options.runs)
            url = "/search/?q=" + quote(query)
            view_ms = median_ms(lambda url=url: client.get(url), options.runs)
            print(f"{query:<10} {len(query):>5} {hits:>6} {queries_ms:>14.1f} {view_ms:>13.1f}")

        last = (options.articles + 19) // 20
        print(f"\n{'home page':<10} {'offset':>7} {'count+page ms':>14} {'page view ms':>13}")
        for number in [1, 10, last // 2, last]:
            queries_ms = median_ms(
                lambda n=number: page_of(published.newest_first(), n), options.runs
            )
            view_ms = median_ms(lambda n=number: client.get(f"/?page={n}"), options.runs)
            print(f"{number:<10} {(number - 1) * 20:>7} {queries_ms:>14.1f} {view_ms:>13.1f}")

        tag_url = "/tags/" + quote("抗疫") + "/"
        for label, url in [
            ("tag page 1", tag_url),
            (
                "tag last",
                tag_url + f"?page={(published.filter(tags__name='抗疫').count() + 19) // 20}",
            ),
            ("article", published.last().get_absolute_url()),
            ("rss", "/feeds/rss/"),
            ("sitemap", "/sitemap-articles.xml"),
        ]:
            view_ms = median_ms(lambda url=url: client.get(url), options.runs)
            print(f"{label:<18} {view_ms:>8.1f} ms")


if __name__ == "__main__":
    main()
