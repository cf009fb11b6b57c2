"""Who hears of an article's move: the chief editors of what waits for review, its author
of its publication or return. Sent through Django's email API when the change commits."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article


def chief_editors():
    """Active users who may publish and have an email address (主编, superusers)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    may_publish = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="publish_article")
        | Q(user_permissions__codename="publish_article")
    )
    return users.filter(may_publish).distinct().order_by("username")


def author_of(article):
    """The user who first sent `article` to review, else who first saved it, else None."""
    revisions = article.revisions.exclude(user=None).select_related("user")
    sent = revisions.filter(data__status=Article.Status.REVIEW).order_by("created_at", "id")
    first_sent = sent.first()
    if first_sent is not None:
        return first_sent.user
    first = revisions.order_by("created_at", "id").first()
    return first.user if first is not None else None


def admin_link(article):
    return settings.NEWSROOM_SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def announce(article, previous, user=None, note=""):
    """Tell who needs to know that `article` went from status `previous` to its own."""
    actor = str(user) if user is not None else _("系统")
    title = article.title
    if article.status == Article.Status.REVIEW:
        recipients = [chief for chief in chief_editors() if chief != user]
        subject = _("待审：《%(title)s》") % {"title": title}
        body = _("%(actor)s 把《%(title)s》送审。\n\n审稿：%(link)s\n") % {
            "actor": actor,
            "title": title,
            "link": admin_link(article),
        }
    elif previous == Article.Status.REVIEW or article.status == Article.Status.PUBLISHED:
        author = author_of(article)
        recipients = [author] if author is not None and author != user and author.email else []
        subject, body = _fate(article, actor, note)
    else:
        return
    if recipients:
        message = EmailMessage(subject, body, to=[person.email for person in recipients])
        transaction.on_commit(partial(_send, [message]))


def _fate(article, actor, note):
    values = {"actor": actor, "title": article.title, "link": admin_link(article)}
    if article.status == Article.Status.PUBLISHED:
        when = timezone.localtime(article.published_at)
        values["when"] = f"{when:%Y-%m-%d %H:%M}"
        if article.is_scheduled:
            subject = _("定时发布：《%(title)s》") % values
            body = _("%(actor)s 安排《%(title)s》于 %(when)s 发布。\n\n%(link)s\n") % values
        else:
            values["page"] = settings.NEWSROOM_SITE_URL + article.get_absolute_url()
            subject = _("已发布：《%(title)s》") % values
            body = _("%(actor)s 于 %(when)s 发布了《%(title)s》。\n\n%(page)s\n") % values
        return subject, body
    subject = _("退回修改：《%(title)s》") % values
    body = _("%(actor)s 把《%(title)s》退回修改。\n\n") % values
    if note:
        body += _("意见：%(note)s\n\n") % {"note": note}
    return subject, body + values["link"] + "\n"


def _send(messages):
    get_connection().send_messages(messages)
