"""Draft → in review → published, for many articles at once; who may do what is the admin's."""

from django.db import transaction
from django.utils import timezone

from ..models import Article


@transaction.atomic
def change_status(articles, status):
    """Move `articles` to `status`; returns those that changed.

    Publishing keeps a publication time already set (a future one schedules the article:
    `Article.objects.published()` shows it when the time comes, no job needed) and sets
    now otherwise; going back to draft clears it, so publishing again starts afresh.
    """
    now = timezone.now()
    changed = []
    for article in articles:
        if article.status == status:
            continue
        article.status = status
        if status == Article.Status.PUBLISHED:
            article.published_at = article.published_at or now
        elif status == Article.Status.DRAFT:
            article.published_at = None
        article.save()
        changed.append(article)
    return changed
