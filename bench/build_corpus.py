"""Build an N-article database from files in the seed formats, through the real importer.

This is the import benchmark: it writes distinct copies of `seeds/` (every `。` followed by the
copy's number, as `bench/import_speed.py` does, so each copy is new stories: 5 files, 15
articles a copy), then runs `manage.py import_seeds DIR --publish --jobs J` on them in a child
process against a fresh database, watching the article count and the resident memory of the
command and its parsing processes. It prints articles/s and files/s overall and for each tenth of
the run (flat or not), peak RSS, and the search documents' cost: ms per article to rebuild them
(`ArticleSearchDocument.objects.refresh`, cards included) and their size on disk.

Re-run:

    .venv/bin/python bench/build_corpus.py --quick                 # 10,000 articles, PostgreSQL
    .venv/bin/python bench/build_corpus.py                         # 100,000 articles
    .venv/bin/python bench/build_corpus.py --quick --jobs 1        # parsing in the writer's process
    .venv/bin/python bench/build_corpus.py --quick --sqlite        # a throwaway SQLite file
    .venv/bin/python bench/build_corpus.py --quick --again         # and a second, unchanged run
    git archive e3975ee | tar -x -C /tmp/before && \
    .venv/bin/python bench/build_corpus.py --quick --tree /tmp/before   # an older commit's code

The database is `perf_import_<N>` on the local PostgreSQL (dropped and made anew; `--database`
names another), kept afterwards for the reader benchmarks (`bench/site_speed.py --corpus import`).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
POSTGRES = "postgres://postgres@127.0.0.1:5432"
ARTICLES_PER_COPY = 15  # the seeds' five files hold fifteen stories
SAMPLE_SECONDS = 0.5
SEARCH_SAMPLE = 2000  # articles whose search documents are rebuilt to time it


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 articles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database", help="PostgreSQL database name (default perf_import_<N>)")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead")
    parser.add_argument("--again", action="store_true", help="then import the same files again")
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="import with the code of this checkout (e.g. `git archive` of an older commit);"
        " one without --jobs is run without it",
    )
    options = parser.parse_args()
    if options.quick:
        options.articles = 10_000
    return options


def write_copies(target, articles):
    """Enough distinct copies of the seeds for `articles` stories; the number of copies."""
    sys.path.insert(0, str(ROOT / "bench"))
    from import_speed import write_variants

    copies = -(-articles // ARTICLES_PER_COPY)
    write_variants(ROOT / "seeds", target, copies)
    return copies


def psql(sql, database="postgres"):
    return subprocess.run(
        ["psql", f"{POSTGRES}/{database}", "-Atqc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def fresh_database(options, folder):
    """`DATABASE_URL` of an empty, migrated database."""
    if options.sqlite:
        url = f"sqlite:///{folder}/corpus.sqlite3"
    else:
        name = options.database or f"perf_import_{options.articles}"
        psql(f'DROP DATABASE IF EXISTS "{name}"')
        psql(f'CREATE DATABASE "{name}"')
        url = f"{POSTGRES}/{name}"
    manage("migrate", "-v0", url=url, tree=options.tree)
    return url


def manage(*arguments, url, tree=ROOT, start=False, **popen):
    """`manage.py` of `tree` with these arguments on the database at `url`: run, or `start`ed."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "false"}
    env.setdefault("DJANGO_SECRET_KEY", "bench-only")
    command = [PYTHON, "manage.py", *arguments]
    if start:
        return subprocess.Popen(command, cwd=tree, env=env, **popen)
    return subprocess.run(command, cwd=tree, env=env, check=True, **popen)


def has_jobs_option(tree):
    return "--jobs" in (tree / "articles/management/commands/import_seeds.py").read_text()


def count_articles(url):
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    return int(psql("SELECT count(*) FROM articles_article", url.rsplit("/", 1)[1]))


def tree_rss(process):
    """Resident bytes of `process` and its children (the parsing processes): (main, all)."""
    try:
        main = process.memory_info().rss
        children = sum(child.memory_info().rss for child in process.children(recursive=True))
    except psutil.NoSuchProcess:
        return 0, 0
    return main, main + children


def timed_import(folder, url, options, label, expected):
    """Run `import_seeds` on `folder`, sampling memory often and the article count each tenth."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as lines:
        return _timed_import(folder, url, options, label, expected, lines)


def _timed_import(folder, url, options, label, expected, lines):
    jobs = ["--jobs", str(options.jobs)] if has_jobs_option(options.tree) else []
    started = time.perf_counter()
    child = manage(
        "import_seeds",
        str(folder),
        "--publish",
        *jobs,
        url=url,
        tree=options.tree,
        start=True,
        stdout=lines,
        stderr=subprocess.DEVNULL,
    )
    watched = psutil.Process(child.pid)
    peak_main = peak_all = 0
    marks, next_mark = [], 1
    last_count = time.perf_counter()
    while child.poll() is None:
        time.sleep(SAMPLE_SECONDS)
        main, everything = tree_rss(watched)
        peak_main, peak_all = max(peak_main, main), max(peak_all, everything)
        if expected and time.perf_counter() - last_count > 5:
            last_count = time.perf_counter()
            count = count_articles(url)
            while next_mark <= 10 and count >= expected * next_mark / 10:
                marks.append((count, last_count - started))
                next_mark += 1
    elapsed = time.perf_counter() - started
    lines.seek(0)
    summary = lines.read().strip().splitlines()[-1]
    files = sum(1 for _ in folder.rglob("*.txt"))
    articles = count_articles(url)
    print(f"{label}: {summary}")
    print(
        f"{label}: {elapsed:.1f} s, {files / elapsed:.1f} files/s,"
        f" {(expected or articles) / elapsed:.1f} articles/s (in the database: {articles:,});"
        f" peak RSS {peak_main / 2**20:.0f} MB writer, {peak_all / 2**20:.0f} MB with the"
        f" parsing processes; exit status {child.returncode}"
    )
    previous = (0, 0.0)
    for count, at in marks:
        if at == previous[1]:
            continue
        rate = (count - previous[0]) / (at - previous[1])
        print(
            f"    {count:>8,} articles at {at:7.1f} s: {rate:7.1f} articles/s since the last mark"
        )
        previous = (count, at)
    return elapsed


def search_document_size(url):
    """KB per article of the search documents' table, TOAST and indexes (PostgreSQL), as the
    import left them (before any rebuild leaves dead rows)."""
    name = url.rsplit("/", 1)[1]
    psql("VACUUM ANALYZE articles_articlesearchdocument", name)
    total = int(psql("SELECT pg_total_relation_size('articles_articlesearchdocument')", name))
    count = int(psql("SELECT count(*) FROM articles_articlesearchdocument", name))
    print(
        f"search documents on disk: {total / 2**20:.1f} MB for {count:,} articles,"
        f" {total / 1024 / max(count, 1):.2f} KB/article (table, TOAST and indexes)"
    )


def search_document_cost(url, tree):
    """ms per article to rebuild `SEARCH_SAMPLE` documents: to build them alone (Python, from
    articles loaded with their relations), to render the cards alone, and the whole `refresh`
    (loading, building, rendering and writing)."""
    code = f"""
import time
from articles import cards
from articles.models import Article, ArticleSearchDocument
ids = list(Article.objects.order_by("?").values_list("pk", flat=True)[:{SEARCH_SAMPLE}])
articles = list(Article.objects.filter(pk__in=ids).for_listing())
started = time.perf_counter()
documents = [ArticleSearchDocument.of(article) for article in articles]
built = time.perf_counter() - started
started = time.perf_counter()
drawn = [cards.render_card(article) for article in articles]
rendered = time.perf_counter() - started
started = time.perf_counter()
ArticleSearchDocument.objects.refresh(ids)
refreshed = time.perf_counter() - started
print(len(ids), *(f"{{seconds * 1000 / len(ids):.2f}}" for seconds in (built, rendered, refreshed)))
"""
    shell = manage("shell", "-c", code, url=url, tree=tree, capture_output=True, text=True)
    count, built, rendered, refreshed = shell.stdout.strip().splitlines()[-1].split()
    print(
        f"search documents ({int(count):,} articles): {built} ms/article to build,"
        f" cards {rendered} ms/article to render, {refreshed} ms/article to refresh both"
        " (load, build, render, write)"
    )


def import_corpus(url, articles, options):
    """Write the files for `articles` stories and import them into the database at `url`."""
    with tempfile.TemporaryDirectory(prefix="corpus-") as folder:
        files = Path(folder)
        copies = write_copies(files, articles)
        expected = copies * ARTICLES_PER_COPY
        timed_import(files, url, options, "first run", expected)
        if options.again:
            timed_import(files, url, options, "second run (unchanged)", None)


def main():
    options = parse_options()
    print(
        f"{options.articles:,} articles, --jobs {options.jobs}, code of {options.tree},"
        f" {'SQLite' if options.sqlite else 'PostgreSQL'}; load average {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="corpus-db-") as folder:
        url = fresh_database(options, folder)
        import_corpus(url, options.articles, options)
        if url.startswith("postgres"):
            search_document_size(url)
        search_document_cost(url, options.tree)


if __name__ == "__main__":
    main()
