"""Sending to review tells the chief editors; publishing or returning tells the author."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from articles.models import Article
from tests.articles.admin_fixtures import make_article, make_user
from tests.articles.test_admin_articles import change_url, form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def desk(client, django_user_model):
    people = {
        "editor": make_user("editor", "编辑", email="editor@paper.example"),
        "chief": make_user("chief", "主编", email="chief@paper.example"),
        "deputy": make_user("deputy", "主编", email="deputy@paper.example"),
        "no_mail": make_user("no_mail", "主编"),
        "colleague": make_user("colleague", "编辑", email="colleague@paper.example"),
    }
    django_user_model.objects.create_superuser("root", "root@paper.example", "pw")
    return people


def act(client, user, action, articles, capture, **fields):
    client.force_login(user)
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **fields}
    with capture(execute=True):
        return client.post(CHANGELIST, data)


def test_sending_to_review_mails_the_chief_editors(
    client, desk, django_capture_on_commit_callbacks
):
    article = make_article("临时党支部战“疫”当先锋")
    act(client, desk["editor"], "send_to_review", [article], django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert sorted(message.to) == [
        "chief@paper.example",
        "deputy@paper.example",
        "root@paper.example",
    ]
    assert message.subject == "待审：《临时党支部战“疫”当先锋》"
    assert "editor 把《临时党支部战“疫”当先锋》送审" in message.body
    assert f"http://127.0.0.1:8000{change_url(article)}" in message.body


def test_nothing_is_mailed_when_the_change_rolls_back(desk, django_capture_on_commit_callbacks):
    from django.db import transaction

    from articles.services.workflow import change_status

    article = make_article()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        change_status([article], Article.Status.REVIEW, desk["editor"])
        raise RuntimeError
    assert mail.outbox == []


def test_review_set_in_the_form_mails_them_too(client, desk, django_capture_on_commit_callbacks):
    article = make_article()
    client.force_login(desk["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), form_data(article, status="review"))
    assert [m.subject for m in mail.outbox] == [f"待审：《{article.title}》"]
    assert article.revisions.get().note == "送审"


def test_publishing_mails_the_author_with_the_page(
    client, desk, django_capture_on_commit_callbacks
):
    article = make_article("永州市直党员干部助力零陵抗疫")
    act(client, desk["editor"], "send_to_review", [article], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    act(client, desk["chief"], "publish", [article], django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    article.refresh_from_db()
    assert message.to == ["editor@paper.example"]
    assert message.subject == "已发布：《永州市直党员干部助力零陵抗疫》"
    assert f"http://127.0.0.1:8000{article.get_absolute_url()}" in message.body


def test_returning_mails_the_author_the_chiefs_note(
    client, desk, django_capture_on_commit_callbacks
):
    article = make_article("稿件")
    act(client, desk["editor"], "send_to_review", [article], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    asked = act(
        client, desk["chief"], "return_to_author", [article], django_capture_on_commit_callbacks
    )
    assert "退回意见" in asked.content.decode()
    act(
        client,
        desk["chief"],
        "return_to_author",
        [article],
        django_capture_on_commit_callbacks,
        apply="1",
        note="导语太长，请压缩到两句。",
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    (message,) = mail.outbox
    assert message.to == ["editor@paper.example"]
    assert message.subject == "退回修改：《稿件》"
    assert "意见：导语太长，请压缩到两句。" in message.body


def test_editors_cannot_return_articles(client, desk, django_capture_on_commit_callbacks):
    article = make_article(status="review")
    act(
        client,
        desk["colleague"],
        "return_to_author",
        [article],
        django_capture_on_commit_callbacks,
        apply="1",
    )
    assert Article.objects.get(pk=article.pk).status == "review"


def test_development_prints_mail_to_the_console():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)"],
        cwd=Path(__file__).resolve().parents[2],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
