"""The reader site under load: gunicorn and wrk on loopback, beside a bare-Django floor.

Re-run (PostgreSQL only; the database is built once and kept, `--rebuild` makes it anew):

    .venv/bin/python bench/site_speed.py                       # quick: 10,000 articles
    .venv/bin/python bench/site_speed.py --articles 100000     # full
    .venv/bin/python bench/site_speed.py --baseline e3975ee    # and that commit, interleaved

It builds `perf_site_<N>` (bulk inserts of synthetic stories, see `corpus()`; with
`--corpus import`, files in the seed formats through the real importer instead, see
`bench/build_corpus.py`: fewer articles are published, and the tag rows find other tags),
migrates it with this checkout, runs `collectstatic`, then serves the site with gunicorn (2 sync workers,
`DJANGO_DEBUG=false`) and `bench/floor.py` the same way, and drives each page with
`wrk -t2 -c16` after a warm-up. With `--baseline` the same pages are also served by the
code of another commit (exported with `git archive`, same database, same virtualenv),
each page measured on both servers back to back, so that the noise of a shared machine
falls on both alike. With `--cache-url redis://…` a third server of this checkout runs with
`NEWSROOM_CACHE_URL` and `NEWSROOM_PAGE_CACHE_SECONDS` set: the production rows.
Results go into `bench/README.md` between the markers of `--label`.
"""

import argparse
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
# The floor's port, then this checkout's, the baseline's and the cached server's (`--port`
# moves all four: several engineers may be measuring on one machine).
PORT = 8611
# A made-up four-character phrase put into 1 % of the stories: the rare query of the issue.
RARE_PHRASE = "樱桃丰收"
RARE_SHARE = 0.01
SOURCES = 40
TAGS_PER_ARTICLE = 2
# A newspaper's sections (栏目): every article is in one, the first on ~30 % of them.
SECTIONS = ["要闻", "本地", "民生", "经济", "文化", "体育", "评论", "乡村振兴"]
SECTION_WEIGHTS = [30, 20, 15, 10, 8, 7, 5, 5]


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--database", help="the bench database (default: perf_site_<N>)")
    parser.add_argument("--port", type=int, default=PORT, help="the first of four ports")
    parser.add_argument("--baseline", help="a commit whose code is measured beside this one")
    parser.add_argument("--cache-url", help="e.g. redis://127.0.0.1:6379/1: adds cached rows")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", help="row names separated by ';' (default: all)")
    parser.add_argument("--label", help="which block of bench/README.md to write")
    parser.add_argument("--no-write", action="store_true", help="print, leave the README")
    parser.add_argument("--build-only", action="store_true", help="build the database, stop")
    parser.add_argument(
        "--corpus",
        choices=["bulk", "import"],
        default="bulk",
        help="bulk inserts (default), or files in the seed formats through the real importer"
        " (bench/build_corpus.py)",
    )
    return parser.parse_args()


def database_name(options):
    return options.database or f"perf_site_{options.articles}"


def psql(sql, database="postgres"):
    return subprocess.run(
        ["psql", f"{POSTGRES}/{database}", "-Atqc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def database_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


# --- building the database --------------------------------------------------------------------


def corpus(count, rng):
    """Stories of shuffled seed sentences (~1,000 characters), credits, tags and a source each.

    Every article has two of ten tags (each tag on ~20 % of them), a reporter and a
    correspondent from 400 people, one of 40 sources, one of `SECTIONS`; `RARE_PHRASE` is in
    1 % of them.
    Published a minute apart, newest id newest; two in three have an original date.
    """
    from reader_speed import GIVEN, SURNAMES, TAGS, sentences
    from taggit.models import Tag

    from articles.models import Article, ArticleAuthor, Author, Source, TaggedArticle

    pool = sentences()
    people = Author.objects.bulk_create(
        Author(name=name, slug=name)
        for name in dict.fromkeys(
            f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}" for _ in range(600)
        )
    )[:400]
    sources = Source.objects.bulk_create(
        Source(name=f"{city}日报", slug=f"{city}日报", kind=Source.Kind.NEWSPAPER)
        for city in rng.sample(
            ["运城", "太原", "大同", "临汾", "晋城", "长治", "忻州", "吕梁", "晋中", "阳泉"]
            + ["朔州", "呼和浩特", "包头", "鄂尔多斯", "赤峰", "通辽", "乌海", "兴安", "锡林"]
            + ["郑州", "洛阳", "开封", "新乡", "焦作", "安阳", "鹤壁", "濮阳", "许昌", "漯河"]
            + [
                "三门峡",
                "南阳",
                "商丘",
                "信阳",
                "周口",
                "驻马店",
                "济源",
                "西安",
                "宝鸡",
                "咸阳",
                "渭南",
            ],
            SOURCES,
        )
    )
    tags = [Tag.objects.create(name=name) for name in TAGS]
    now = datetime.now(UTC)
    batch = 2000
    for start in range(0, count, batch):
        articles = []
        for index in range(start, min(count, start + batch)):
            paragraphs = ["".join(rng.sample(pool, 3)) for _ in range(4)]
            if rng.random() < RARE_SHARE:
                paragraphs[1] = f"今年{RARE_PHRASE}，{paragraphs[1]}"
            minutes = count - index
            articles.append(
                Article(
                    title=rng.choice(pool)[:24].rstrip("。"),
                    slug=f"a{index}",
                    body="".join(f"<p>{text}</p>" for text in paragraphs),
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=minutes),
                    reported_at=now - timedelta(days=minutes // 40) if index % 3 else None,
                    date_precision=Article.DatePrecision.DAY,
                    source=rng.choice(sources),
                    section=rng.choices(SECTIONS, SECTION_WEIGHTS)[0],
                )
            )
        created = Article.objects.bulk_create(articles)
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=author, role=role, order=order)
            for article in created
            for order, (author, role) in enumerate(
                zip(rng.sample(people, 2), ["reporter", "correspondent"], strict=True)
            )
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=tag)
            for article in created
            for tag in rng.sample(tags, TAGS_PER_ARTICLE)
        )
        print(f"  {start + len(created):,} articles", flush=True)


def build(options, env):
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from articles import related
    from articles.models import Article, ArticleSearchDocument, RelatedArticle

    name = database_name(options)
    if options.rebuild and database_exists(name):
        psql(f'DROP DATABASE "{name}"')
    fresh = not database_exists(name)
    if fresh:
        psql(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    if fresh and options.corpus == "import":
        from build_corpus import import_corpus

        connection.close()
        started = time.perf_counter()
        importing = argparse.Namespace(jobs=os.cpu_count() or 1, tree=ROOT, again=False)
        import_corpus(f"{POSTGRES}/{name}", options.articles, importing)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"built {name} through the importer: {time.perf_counter() - started:.0f} s")
    elif fresh:
        started = time.perf_counter()
        corpus(options.articles, random.Random(20221102))
        rows = time.perf_counter() - started
        started = time.perf_counter()
        ids = list(Article.objects.values_list("pk", flat=True))
        ArticleSearchDocument.objects.refresh(ids)
        documents = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"built {name}: rows {rows:.0f} s, search documents {documents:.0f} s")
    else:
        # Derived rows a newer migration added (stored cards, stories) for a database built
        # before it.
        missing = list(
            Article.objects.filter(Q(card__isnull=True) | Q(story__isnull=True)).values_list(
                "pk", flat=True
            )
        )
        if missing:
            ArticleSearchDocument.objects.refresh(missing)
            print(f"refreshed {len(missing):,} articles' derived rows")
        # The stored related articles (migration 0013), for a database built before them.
        if not RelatedArticle.objects.exists():
            ranked = related.refresh(Article.objects.published().values_list("pk", flat=True))
            print(f"ranked the related articles of {ranked:,} articles")
        # A column a migration added has no statistics yet: PostgreSQL then guessed that
        # every article was pinned and walked the whole table for the 头条.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connection.close()


# --- serving and measuring --------------------------------------------------------------------


def collectstatic(tree, env):
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=tree,
        env=env,
        check=True,
    )


def serve(tree, app, port, env):
    process = subprocess.Popen(
        [GUNICORN, "--chdir", tree, "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}", app],
        # gunicorn puts its starting directory on sys.path too: start it in `tree`, or the
        # baseline would be served from this checkout.
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            time.sleep(0.5)
    stop(process)
    raise SystemExit(f"gunicorn for {app} in {tree} did not answer on port {port}")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def seconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def drain(url):
    """Wait until the server has finished what wrk left queued (sync workers finish every
    request whose client has gone): a request sent now is answered after all of them."""
    for _ in range(2):
        urllib.request.urlopen(url, timeout=120).read()


def wrk(url, duration):
    """(req/s, p50 ms, p99 ms, non-2xx/3xx responses) of `wrk -t2 -c16` after a warm-up."""
    subprocess.run(["wrk", "-t2", "-c16", "-d2s", url], check=True, capture_output=True)
    drain(url)
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{duration}s", "--timeout", "30s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = seconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)) * 1000
    p99 = seconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)) * 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    drain(url)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def pages(articles):
    """(row name, path) of every page measured, for a database of `articles` rows."""
    from taggit.models import Tag

    from articles.models import Article, Source

    published = Article.objects.published()
    last = (articles + 19) // 20
    tag = Tag.objects.order_by("name").first()
    source = Source.objects.order_by("name").first()
    article = published.newest_first()[articles // 2]
    section, section_count = published.section_counts()[0]
    return [
        ("home, page 1", "/"),
        ("home, page 250", "/?page=250"),
        (f"home, last page ({last:,})", f"/?page={last}"),
        ("article", article.get_absolute_url()),
        (
            f"tag page ({published.filter(tags=tag).count() * 100 // articles} % of articles)",
            f"/tags/{quote(tag.slug)}/",
        ),
        ("source page", f"/sources/{quote(source.slug)}/"),
        (
            f"section page ({section}, {section_count * 100 // articles} % of articles)",
            f"/section/{quote(section)}/",
        ),
        ("search, 1 character (党)", "/search/?q=" + quote("党")),
        ("search, 2 characters (核酸)", "/search/?q=" + quote("核酸")),
        (f"search, 4 characters ({RARE_PHRASE})", "/search/?q=" + quote(RARE_PHRASE)),
        ("RSS", "/feeds/rss/"),
        ("Atom", "/feeds/atom/"),
        ("subscribe page", "/subscribe/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap section", "/sitemap-articles.xml"),
    ]


def search_hits(articles):
    from articles.models import Article

    published = Article.objects.published()
    return {
        query: published.search(query).count() * 100 / articles
        for query in ["党", "核酸", RARE_PHRASE]
    }


def versions():
    import django

    postgres = psql("SHOW server_version")
    gunicorn = subprocess.run([GUNICORN, "--version"], capture_output=True, text=True).stdout
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} × {cpu}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {postgres}, {gunicorn.strip()}, {wrk_version.split()[1]}"
    )


def load():
    return f"{os.getloadavg()[0]:.1f}"


def answers(url):
    """Whether `url` is a page (200) on that server: older code lacks newer pages."""
    try:
        return urllib.request.urlopen(url, timeout=120).status == 200
    except urllib.error.HTTPError:
        return False


def measure(servers, rows, options):
    """{(row, server): [(req/s, p50, p99, errors, load)]}, servers interleaved per row."""
    results = {}
    for round_number in range(options.rounds):
        print(f"round {round_number + 1}", flush=True)
        for name, path in rows:
            for server, port in servers:
                if (name == "floor") != (server == "floor"):
                    continue
                if not answers(f"http://127.0.0.1:{port}{path}"):
                    print(f"  {name:<32} {server:<10} not served (e.g. older code): skipped")
                    continue
                before = load()
                rate, p50, p99, errors = wrk(f"http://127.0.0.1:{port}{path}", options.duration)
                results.setdefault((name, server), []).append((rate, p50, p99, errors, before))
                print(
                    f"  {name:<32} {server:<10} {rate:8.1f} req/s  p50 {p50:7.1f}  "
                    f"p99 {p99:7.1f} ms  errors {errors}  load {before}",
                    flush=True,
                )
    return results


def table(results, rows, servers):
    floor = statistics.median(sample[0] for sample in results[("floor", "floor")])
    lines = [
        "| page | code | req/s | × floor | p50 ms | p99 ms | load avg |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name, _ in rows:
        for server, _port in servers:
            samples = results.get((name, server))
            if not samples:
                continue
            rate = statistics.median(s[0] for s in samples)
            p50 = statistics.median(s[1] for s in samples)
            p99 = statistics.median(s[2] for s in samples)
            errors = sum(s[3] for s in samples)
            note = f" ({errors} errors)" if errors else ""
            lines.append(
                f"| {name} | {server} | {rate:,.1f}{note} | {rate / floor:.3f} | {p50:,.1f} "
                f"| {p99:,.1f} | {', '.join(s[4] for s in samples)} |"
            )
    return "\n".join(lines)


def write_readme(label, text):
    readme = ROOT / "bench" / "README.md"
    begin, end = f"<!-- site_speed: {label} -->", f"<!-- /site_speed: {label} -->"
    content = readme.read_text(encoding="utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in content:
        content = re.sub(
            re.escape(begin) + r".*?" + re.escape(end), lambda _: block, content, flags=re.S
        )
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(content, encoding="utf-8")


def main():
    options = parse_options()
    database_url = f"{POSTGRES}/{database_name(options)}"
    floor_port, site_port, baseline_port, cached_port = range(options.port, options.port + 4)
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "bench"))
    import harness  # noqa: F401  (Django set up on the bench database)

    build(options, os.environ)
    if options.build_only:
        return
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: outside DEBUG every request is otherwise sent to https.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
    }
    env.pop("NEWSROOM_CACHE_URL", None)
    env.pop("NEWSROOM_PAGE_CACHE_SECONDS", None)
    trees = [("this", ROOT, site_port, env)]
    baseline_tree = None
    if options.baseline:
        # One per run: another engineer may be measuring the same commit.
        baseline_tree = Path(f"/tmp/perf-baseline-{options.baseline}-{os.getpid()}")
        shutil.rmtree(baseline_tree, ignore_errors=True)
        baseline_tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", options.baseline], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", baseline_tree], input=archive, check=True)
        trees.insert(
            0,
            (
                "before",
                baseline_tree,
                baseline_port,
                {
                    **env,
                    "PYTHONPATH": str(baseline_tree),
                    "DJANGO_STATIC_ROOT": str(baseline_tree / "staticfiles"),
                },
            ),
        )
        trees[1] = ("after", ROOT, site_port, env)
    if options.cache_url:
        trees.append(
            (
                "cached",
                ROOT,
                cached_port,
                {
                    **env,
                    "NEWSROOM_CACHE_URL": options.cache_url,
                    "NEWSROOM_PAGE_CACHE_SECONDS": "60",
                    "NEWSROOM_PUBLIC_MAX_AGE": "60",
                },
            )
        )
    rows = [("floor", "/"), *pages(options.articles)]
    if options.only:
        wanted = {name.strip() for name in options.only.split(";")}
        rows = [row for row in rows if row[0] == "floor" or row[0].split(" (")[0] in wanted]
    hits = search_hits(options.articles)
    started = datetime.now(UTC)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    processes = []
    try:
        processes.append(serve(ROOT / "bench", "floor:application", floor_port, env))
        for _name, tree, port, tree_env in trees:
            collectstatic(tree, tree_env)
            processes.append(serve(tree, "newsroom.wsgi", port, tree_env))
        servers = [("floor", floor_port), *((name, port) for name, _t, port, _e in trees)]
        if options.cache_url:
            subprocess.run(
                ["redis-cli", "-u", options.cache_url, "FLUSHDB"], check=True, capture_output=True
            )
        results = measure(servers, rows, options)
    finally:
        for process in processes:
            stop(process)
        if baseline_tree:
            shutil.rmtree(baseline_tree, ignore_errors=True)
    codes = ", ".join(
        f"`{name}` = {options.baseline if name == 'before' else 'this commit'}"
        + (" with the Redis cache and the page cache" if name == "cached" else "")
        for name, *_ in trees
    )
    text = (
        f"{options.articles:,} published articles; {started:%Y-%m-%d %H:%M} UTC at {commit}; "
        f"{options.rounds} round(s) of `wrk -t2 -c16 -d{options.duration}s`, medians; "
        f"{codes}.\n"
        f"Machine: {versions()}.\n"
        f"Search hits: "
        + ", ".join(f"{q} {share:.1f} %" for q, share in hits.items())
        + ". Load average (1 min) before each sample in the last column.\n\n"
        + table(results, rows, servers)
    )
    print("\n" + text)
    if not options.no_write:
        write_readme(options.label or f"{options.articles:,} articles", text)


if __name__ == "__main__":
    main()
