"""A reader's first view of an article with six large photos: renditions made on that view
(the task not run: as before this change, and the fallback now) against renditions made when
the pictures were stored (the task run on commit).

Into a throwaway test database and a temporary media directory: a published article with six
photo-like 2000×1333 JPEGs (`image_renditions.photo_like`, ~1 MB each), stored as an editor's
upload or the importer stores them (`Image.set_file_content`, one transaction). Then the article
page is fetched twice through Django's test client (in process, no server): the first view,
then the second (everything made). Each case with new photos (new hashes), three times.

Re-run:  nice .venv/bin/python bench/first_view_pictures.py [--repeat 3] [--photos 6]
"""

import argparse
import statistics
import tempfile
import time

from harness import throwaway_database
from image_renditions import photo_like

# isort: split

from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from articles.models import Article, Image

QUEUED_FOR_A_WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RUN_ON_COMMIT = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def article_with_photos(title, photos, seed):
    """Store `photos` pictures in one transaction (their renditions are queued at its commit);
    seconds the transaction took, commit included."""
    contents = [photo_like(2000, 1333, seed * 100 + order) for order in range(photos)]
    started = time.perf_counter()
    with transaction.atomic():
        article = Article.objects.create(
            title=title, body="<p>正文。</p>", status=Article.Status.PUBLISHED
        )
        for order, content in enumerate(contents):
            image = Image(article=article, order=order, caption=f"第{order + 1}张")
            image.set_file_content(content, "photo.jpg")
            image.save()
    return article, time.perf_counter() - started


def views(article):
    client = Client()
    timings = []
    for _view in range(2):
        started = time.perf_counter()
        response = client.get(article.get_absolute_url())
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--photos", type=int, default=6)
    arguments = parser.parse_args()
    cases = {
        "made on the first view (task not run yet)": QUEUED_FOR_A_WORKER,
        "made when stored (task run on commit)": RUN_ON_COMMIT,
    }
    with throwaway_database(), tempfile.TemporaryDirectory() as media:
        print("| renditions | storing 6 photos (s) | first view (s) | second view (s) |")
        print("|---|---:|---:|---:|")
        seed = 0
        for label, tasks in cases.items():
            rows = []
            for _run in range(arguments.repeat):
                seed += 1
                cache.clear()
                with override_settings(MEDIA_ROOT=media, TASKS=tasks):
                    article, storing = article_with_photos(f"稿件{seed}", arguments.photos, seed)
                    rows.append((storing, *views(article)))
            medians = [statistics.median(column) for column in zip(*rows, strict=True)]
            ranges = [f"{min(c):.2f}–{max(c):.2f}" for c in zip(*rows, strict=True)]
            print(
                f"| {label} | "
                + " | ".join(f"{m:.2f} ({r})" for m, r in zip(medians, ranges, strict=True))
                + " |"
            )


if __name__ == "__main__":
    main()
