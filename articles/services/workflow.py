"""Draft → in review → published, for many articles at once; who may do what is the admin's."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article
from .notifications import announce
from .revisions import record_revision_if_changed

NOTES = {
    Article.Status.DRAFT: _("改为草稿"),  # returned from review, or unpublished
    Article.Status.REVIEW: _("送审"),
    Article.Status.PUBLISHED: _("发布"),
}


@transaction.atomic
def change_status(articles, status, user=None, *, check_warnings=False, note=""):
    """Move `articles` to `status` in `user`'s name; returns those that changed.

    Publishing keeps a publication time already set (a future one schedules the article:
    `Article.objects.published()` shows it when the time comes, no job needed) and sets
    now otherwise; going back to draft clears it, so publishing again starts afresh.
    An article whose import warnings nobody checked (`needs_checking`) is not published,
    unless `check_warnings`: then the one publishing has checked them, and it is recorded.
    Each changed article keeps a revision, and who needs to know is told (`announce`).
    """
    now = timezone.now()
    changed = []
    for article in articles:
        if article.status == status:
            continue
        if status == Article.Status.PUBLISHED and article.needs_checking:
            if not check_warnings:
                continue
            article.warnings_checked = True
        previous, article.status = article.status, status
        if status == Article.Status.PUBLISHED:
            article.published_at = article.published_at or now
        elif status == Article.Status.DRAFT:
            article.published_at = None
        article.save()
        record_revision_if_changed(article, user, note=NOTES[status])
        announce(article, previous, user, note)
        changed.append(article)
    return changed


def held_back(articles):
    """Those of `articles` that publishing would leave unpublished: their warnings are unchecked."""
    return [
        article
        for article in articles
        if article.needs_checking and article.status != Article.Status.PUBLISHED
    ]
