"""Near-duplicate reports: quality on a labelled set of pairs, and the cost of a lookup as the
archive grows.

Quality: `tests/articles/duplicate_variants.labelled_pairs()` (hand-written stories and the
seeds', each with the variants a relay makes, against every other story); a pair is flagged
when the two fingerprints share a band key (what a lookup can find) and their similarity
reaches the threshold. Prints precision and recall at each threshold.

Cost: in a throwaway database, an archive of N articles with fingerprints (synthetic: random
signatures, which is what unrelated reports look like to the index) plus the labelled set's
stories; then, for each variant, the fingerprint (text → MinHash → band keys) and the lookup
(`services.duplicates.resembling`), timed separately, with the queries a lookup issues.

    nice .venv/bin/python bench/duplicates.py                       # SQLite, 1,000 and 100,000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dupes nice .venv/bin/python bench/duplicates.py
    nice .venv/bin/python bench/duplicates.py --sizes 1000 --quality-only
"""

import argparse
import statistics
import time

import harness

# isort: split

import numpy as np
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import fingerprints
from articles.importer import persist
from articles.importer.records import StoryRecord
from articles.models import Article, ArticleFingerprint, FingerprintBand
from articles.services import duplicates
from tests.articles.duplicate_variants import all_stories, labelled_pairs

THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)
BATCH = 5000


def quality(rounds):
    pairs = labelled_pairs(rounds=rounds)
    scored = []
    for pair in pairs:
        first = fingerprints.fingerprint_story(pair.first.body_html)
        second = fingerprints.fingerprint_story(pair.second.body_html)
        shares_band = bool(set(first.band_keys()) & set(second.band_keys()))
        scored.append((pair, first.similarity(second) if shares_band else 0.0))
    positives = sum(pair.same for pair in pairs)
    print(f"labelled pairs: {positives} same report, {len(pairs) - positives} different")
    keyed = sum(pair.same and import_key(pair.first) == import_key(pair.second) for pair in pairs)
    print(f"before (the import key alone): recall {keyed / positives:.3f}")
    print("| threshold | recall | precision | missed | false alarms |")
    print("|---|---|---|---|---|")
    for threshold in THRESHOLDS:
        found = [(pair, score) for pair, score in scored if score >= threshold]
        hits = sum(pair.same for pair, _ in found)
        false = len(found) - hits
        print(
            f"| {threshold:.2f} | {hits / positives:.3f} | {hits / max(1, len(found)):.3f} "
            f"| {positives - hits} | {false} |"
        )
    worst = sorted((score, pair.kind) for pair, score in scored if pair.same)[:5]
    print("lowest scores of same reports:", [(round(score, 2), kind) for score, kind in worst])
    best = sorted(((score, pair.kind) for pair, score in scored if not pair.same), reverse=True)
    print("highest scores of different reports:", [(round(s, 2), k) for s, k in best[:5]])


def import_key(story):
    return persist.import_key(StoryRecord(story.title, "", body_html=story.body_html))


def fill_archive(size, rng):
    """`size` draft articles with random fingerprints and their band keys."""
    made = 0
    while made < size:
        count = min(BATCH, size - made)
        articles = Article.objects.bulk_create(
            Article(title=f"合成稿件 {made + index}", slug=f"synthetic-{made + index}")
            for index in range(count)
        )
        stored, bands = [], []
        for article in articles:
            signature = rng.integers(0, 2**32, fingerprints.PERMUTATIONS, dtype=np.uint32)
            fingerprint = fingerprints.Fingerprint(signature, int(rng.integers(200, 2000)))
            stored.append(
                ArticleFingerprint(
                    article=article, signature=fingerprint.to_bytes(), size=fingerprint.size
                )
            )
            bands += [
                FingerprintBand(fingerprint_id=article.pk, key=key)
                for key in fingerprint.band_keys()
            ]
        ArticleFingerprint.objects.bulk_create(stored)
        FingerprintBand.objects.bulk_create(bands, batch_size=BATCH)
        made += count


def cost(sizes):
    rng = np.random.default_rng(11)
    stories = all_stories()
    variants = [pair.second for pair in labelled_pairs(stories) if pair.same]
    with harness.throwaway_database():
        for story in stories:
            article = Article.objects.create(title=story.title, body=story.body_html)
            duplicates.store_fingerprint(article, fingerprints.fingerprint_story(article.body))
        archived = len(stories)
        print(
            "| articles | fingerprint (median / p95) | lookup of a variant (median / p95) "
            "| queries | found | lookup, nothing alike (median / p95) |"
        )
        print("|---|---|---|---|---|---|")
        for size in sizes:
            fill_archive(size - archived, rng)
            archived = size
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            fingerprint_times, lookup_times, found, queries = [], [], 0, 0
            for variant in variants:
                started = time.perf_counter()
                fingerprint = fingerprints.fingerprint_story(variant.body_html)
                fingerprint.band_keys()
                fingerprint_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                resembling = duplicates.resembling(fingerprint)
                lookup_times.append(time.perf_counter() - started)
                # Counted apart, untimed: capturing wraps each query in the debug cursor.
                connection.queries_log.clear()  # the archive's inserts filled it
                with CaptureQueriesContext(connection) as captured:
                    duplicates.resembling(fingerprint)
                queries = max(queries, len(captured))
                found += any(item.title == variant_title(variant) for item in resembling)
            unrelated_times = []
            for _ in variants:  # the common case at import: nothing alike in the archive
                signature = rng.integers(0, 2**32, fingerprints.PERMUTATIONS, dtype=np.uint32)
                started = time.perf_counter()
                duplicates.resembling(fingerprints.Fingerprint(signature, 800))
                unrelated_times.append(time.perf_counter() - started)
            print(
                f"| {size:,} | {ms(fingerprint_times)} | {ms(lookup_times)} | {queries} "
                f"| {found}/{len(variants)} | {ms(unrelated_times)} |"
            )


def variant_title(variant):
    """The base story's headline (a variant keeps it, bar `new_headline` and `traditional`)."""
    return next(story.title for story in all_stories() if story.key == variant.key)


def ms(times):
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    return f"{statistics.median(times) * 1000:.2f} / {p95 * 1000:.2f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="variants drawn per story")
    parser.add_argument("--quality-only", action="store_true")
    options = parser.parse_args()
    quality(options.rounds)
    if not options.quality_only:
        cost(options.sizes)


if __name__ == "__main__":
    main()
