"""The whole admin walked as a member of 编辑 and of 主编: every registered list, add page and
change page answers 200 where the group may see it and 403 where it may not, and none shows
Django's English stock strings."""

import re

import lxml.html
import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Source, Tag, TagRedirect
from tests.articles.admin_fixtures import make_article

pytestmark = pytest.mark.django_db

# What Django's admin says in English when a string is left untranslated.
ENGLISH_STOCK = re.compile(
    r"\b(?:Save and add another|Save and continue editing|Save as new|View site|Log out|"
    r"Change password|Home|Select \w+ to (?:change|view)|Add \w+|Filter|Action:|Go|Delete|"
    r"History|Search|Show all|Clear all filters|Run the selected action|Today|Now|Date:|"
    r"Time:|Currently:|Change:|Yes|No|Unknown|All|Recent actions|My actions|By \w+)\b"
)


def visible_text(html):
    document = lxml.html.fromstring(html)
    for hidden in document.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    return " ".join(document.text_content().split())


@pytest.fixture
def rows():
    """One of everything an editor edits, so every change page has a row to show."""
    article = make_article("走查用稿件", credits=[("王耀", "reporter")], tags=["抗疫"], images=1)
    source = Source.objects.create(name="运城晚报")
    TagRedirect.objects.create(old_slug="fangyi", tag=Tag.objects.get(name="抗疫"))
    return article, source


def pages_of(user):
    """(url, may) for every list, add page and change page of the admin, `may` from the
    model admin's permissions for `user`."""
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        yield (
            reverse("admin:{}_{}_changelist".format(*info)),
            model_admin.has_view_or_change_permission(request),
        )
        yield reverse("admin:{}_{}_add".format(*info)), model_admin.has_add_permission(request)
        row = model._default_manager.order_by("pk").first()
        if row is not None:
            yield (
                reverse("admin:{}_{}_change".format(*info), args=[row.pk]),
                model_admin.has_view_or_change_permission(request, row),
            )


@pytest.mark.parametrize("group", ["编辑", "主编"])
def test_every_admin_page_answers_as_the_group_may_and_in_chinese(
    client, editor, chief, rows, group
):
    user = {"编辑": editor, "主编": chief}[group]
    client.force_login(user)
    pages = list(pages_of(user))
    assert sum(1 for _url, may in pages if may) >= 12, pages  # lists, forms and rows to see
    assert any(not may for _url, may in pages), "some page is no group's business"
    for url, may in pages:
        response = client.get(url)
        if not may:
            assert response.status_code in (302, 403), (url, response.status_code)
            continue
        assert response.status_code == 200, (url, response.status_code)
        english = ENGLISH_STOCK.findall(visible_text(response.content.decode()))
        assert not english, (url, english)
