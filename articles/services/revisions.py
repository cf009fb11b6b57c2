"""Every save of an article keeps a snapshot; snapshots can be compared and restored."""

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from ..models import Article, ArticleAuthor, Author, Revision

TEXT_FIELDS = ("title", "kicker", "subtitle", "body")
FIELD_LABELS = {
    "title": _("标题"),
    "kicker": _("引题"),
    "subtitle": _("副题"),
    "body": _("正文"),
    "reported_at": _("原稿日期"),
    "date_precision": _("日期精度"),
    "credits": _("署名"),
    "tags": _("标签"),
    "status": _("状态"),
    "published_at": _("发布时间"),
}


def snapshot(article):
    """The editable state of `article` as JSON-ready data (credits and tags from the database)."""
    credits = ArticleAuthor.objects.filter(article=article).select_related("author")
    return _snapshot(article, credits.order_by("order", "id"), article.tags.names())


def _snapshot(article, credits, tag_names):
    return {
        **{field: getattr(article, field) for field in TEXT_FIELDS},
        "reported_at": _instant(article.reported_at),
        "date_precision": article.date_precision,
        "credits": [[credit.author.name, credit.role] for credit in credits],
        "tags": sorted(tag_names, key=str.casefold),
        "status": article.status,
        "published_at": _instant(article.published_at),
    }


def _instant(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def record_revision(article, user=None, note=""):
    """Keep what `article` looks like now; call after its credits and tags are saved."""
    return Revision.objects.create(
        article=article,
        user=user if user is not None and user.is_authenticated else None,
        note=note,
        data=snapshot(article),
    )


def record_revisions(articles, user=None, note=""):
    """`record_revision` of each of `articles`, loaded with their credits (and authors) and tags
    (`for_listing()`, after those were saved), in one query."""
    user = user if user is not None and user.is_authenticated else None
    return Revision.objects.bulk_create(
        Revision(
            article=article,
            user=user,
            note=note,
            data=loaded_snapshot(article),
        )
        for article in articles
    )


def loaded_snapshot(article):
    """`snapshot` of an article loaded with its credits (and authors) and tags: no query."""
    return _snapshot(article, article.credits.all(), [tag.name for tag in article.tags.all()])


def record_revision_if_changed(article, user=None, note=""):
    """Like `record_revision`, but nothing when the article is as its latest revision keeps it."""
    latest = article.revisions.order_by("-created_at", "-id").first()
    if latest is not None and latest.data == snapshot(article):
        return None
    return record_revision(article, user, note)


@dataclass(frozen=True)
class FieldChange:
    label: str
    lines: list  # [(kind, text)], kind one of "removed", "added", "context"


def _as_lines(field, value):
    if value is None or value == []:
        return []
    if field == "body":
        return [line for line in strip_tags(value.replace("</p>", "</p>\n")).splitlines() if line]
    if field == "credits":
        roles = dict(ArticleAuthor.Role.choices)
        return [f"{roles.get(role, role)} {name}" for name, role in value]
    if field == "tags":
        return ["，".join(value)]
    if field == "status":
        return [str(dict(Article.Status.choices).get(value, value))]
    if field == "date_precision":
        return [str(dict(Article.DatePrecision.choices).get(value, value))]
    if field in ("reported_at", "published_at"):
        moment = parse_datetime(value)
        return [f"{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}" if moment else str(value)]
    return [str(value)]


def diff(older, newer):
    """Field by field, what changed from `older` to `newer` (two snapshots); unchanged omitted."""
    changes = []
    for field, label in FIELD_LABELS.items():
        before, after = older.get(field), newer.get(field)
        if before == after:
            continue
        lines = []
        for line in difflib.ndiff(_as_lines(field, before), _as_lines(field, after)):
            kind = {"- ": "removed", "+ ": "added", "  ": "context"}.get(line[:2])
            if kind:
                lines.append((kind, line[2:]))
        changes.append(FieldChange(str(label), lines))
    return changes


def compare(older, newer):
    """What changed from revision `older` to revision `newer`, whichever was saved first."""
    if (older.created_at, older.pk) > (newer.created_at, newer.pk):
        older, newer = newer, older
    return older, newer, diff(older.data, newer.data)


RESTORED_FIELDS = (*TEXT_FIELDS, "reported_at", "date_precision", "credits", "tags")


def restore_preview(revision):
    """What restoring `revision` would change in the article as it is now (`diff` of both)."""
    now = snapshot(revision.article)
    restored = {**now, **{field: revision.data.get(field) for field in RESTORED_FIELDS}}
    return diff(now, restored)


def history(article):
    """The article's revisions, newest first, each paired with its changes from the one before."""
    revisions = list(article.revisions.select_related("user"))
    entries = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1].data if index + 1 < len(revisions) else {}
        entries.append((revision, diff(previous, revision.data)))
    return entries


@dataclass(frozen=True)
class Conflict:
    """What others saved after an editor opened the article: who, and the changes."""

    revisions: list  # their saves, newest first
    changes: list | None  # [FieldChange]; None when the opened version kept no revision

    @property
    def savers(self):
        names = []
        for revision in self.revisions:
            name = str(revision.user) if revision.user else str(_("系统"))
            if name not in names:
                names.append(name)
        return names


def changes_since(article, revision_id):
    """What was saved to `article` after its revision `revision_id` (0: it had none then)."""
    opened = article.revisions.filter(pk=revision_id).first() if revision_id else None
    later = article.revisions.select_related("user").order_by("-created_at", "-id")
    if opened is not None:
        later = later.filter(created_at__gte=opened.created_at).exclude(pk=opened.pk)
    changes = diff(opened.data, snapshot(article)) if opened is not None else None
    return Conflict(revisions=list(later), changes=changes)


@transaction.atomic
def restore_revision(revision, user=None):
    """Put the revision's text, date, credits and tags back; status and publication stay as they are.

    Publishing is a separate permission, so restoring never publishes or unpublishes.
    """
    article = revision.article
    data = revision.data
    for field in TEXT_FIELDS:
        setattr(article, field, data.get(field, ""))
    article.reported_at = parse_datetime(data["reported_at"]) if data.get("reported_at") else None
    article.date_precision = data.get("date_precision", article.date_precision)
    article.save()
    article.credits.all().delete()
    for order, (name, role) in enumerate(data.get("credits", [])):
        author, _created = Author.objects.get_or_create(name=name)
        ArticleAuthor.objects.get_or_create(
            article=article, author=author, role=role, defaults={"order": order}
        )
    article.tags.set(data.get("tags", []))
    when = timezone.localtime(revision.created_at)
    note = _("恢复自 %(when)s 的修订") % {"when": f"{when:%Y-%m-%d %H:%M}"}
    return record_revision(article, user, note=note)
