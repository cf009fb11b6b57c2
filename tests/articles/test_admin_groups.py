"""The groups the data migration creates, and what each may do: permissions, and every bulk
action of every list of the admin."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article, DuplicateCluster
from tests.articles.admin_fixtures import make_article
from tests.articles.duplicate_files import grant_duplicate_permissions
from tests.browser.test_duplicates_browser import import_cluster

pytestmark = pytest.mark.django_db

EDITOR_MAY = [
    "articles.view_article",
    "articles.change_article",
    "articles.add_importedfile",
    "taggit.add_tag",
    "articles.change_author",
]
CHIEF_ONLY = [
    "articles.publish_article",
    "articles.delete_article",
    "articles.merge_tag",
    "articles.merge_author",
    "articles.merge_source",
    "articles.pin_article",
]


def test_both_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {"编辑", "主编"}


@pytest.mark.parametrize("permission", EDITOR_MAY)
def test_editors_and_chiefs_edit_tag_and_import(editor, chief, plain_staff, permission):
    assert editor.has_perm(permission)
    assert chief.has_perm(permission)
    assert not plain_staff.has_perm(permission)


@pytest.mark.parametrize("permission", CHIEF_ONLY)
def test_only_chiefs_publish_merge_and_delete(editor, chief, plain_staff, permission):
    assert chief.has_perm(permission)
    assert not editor.has_perm(permission)
    assert not plain_staff.has_perm(permission)


# Every bulk action of every list, and the groups offered it (Django's `delete_selected`
# included: offered to whoever may delete).
ACTIONS = {
    ("articles.article", "add_tags"): {"编辑", "主编"},
    ("articles.article", "remove_tags"): {"编辑", "主编"},
    ("articles.article", "set_source"): {"编辑", "主编"},
    ("articles.article", "send_to_review"): {"编辑", "主编"},
    ("articles.article", "publish"): {"主编"},
    ("articles.article", "check_and_publish"): {"主编"},
    ("articles.article", "return_to_author"): {"主编"},
    ("articles.article", "unpublish"): {"主编"},
    ("articles.article", "pin_as_headline"): {"主编"},
    ("articles.article", "pin_to_section"): {"主编"},
    ("articles.article", "lift_pins"): {"主编"},
    ("articles.article", "delete_selected"): {"主编"},
    ("articles.image", "reuse"): {"编辑", "主编"},
    ("articles.image", "delete_selected"): {"编辑", "主编"},
    ("articles.importedfile", "delete_selected"): {"主编"},
    ("articles.duplicatecluster", "delete_selected"): set(),  # administrators only
    ("taggit.tag", "delete_selected"): {"主编"},
    ("articles.tagredirect", "delete_selected"): {"主编"},
    ("articles.author", "delete_selected"): {"主编"},
    ("articles.source", "delete_selected"): {"主编"},
    ("taggit.tag", "merge_selected"): {"主编"},
    ("articles.author", "merge_selected"): {"主编"},
    ("articles.source", "merge_selected"): {"主编"},
}


def offered_actions(user):
    """{(model, action)} every list of the admin offers `user`."""

    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        (model._meta.label_lower, name)
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_view_or_change_permission(request)
        for name in model_admin.get_actions(request)
    }


def test_the_matrix_names_every_action_of_every_list(admin_user):
    everything = {
        (model, action)
        for model, action in offered_actions(admin_user)
        if model.startswith(("articles.", "taggit."))
    }
    assert everything == set(ACTIONS)


@pytest.mark.parametrize("group", ["编辑", "主编"])
def test_each_group_is_offered_exactly_the_actions_of_the_matrix(editor, chief, group):
    user = {"编辑": editor, "主编": chief}[group]
    expected = {key for key, groups in ACTIONS.items() if group in groups}
    assert offered_actions(user) == expected


def test_plain_staff_are_offered_no_action(plain_staff):
    assert offered_actions(plain_staff) == set()


@pytest.mark.parametrize(
    "action",
    sorted(
        name
        for (model, name), groups in ACTIONS.items()
        if groups == {"主编"} and model == "articles.article"
    ),
)
def test_an_editor_posting_a_chiefs_action_changes_nothing(editor_client, action):

    article = make_article("待审的稿件", status=Article.Status.REVIEW)
    before = Article.objects.values().get(pk=article.pk)
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [article.pk], "apply": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.values().get(pk=article.pk) == before
    assert Article.objects.filter(pk=article.pk).exists()


def test_an_editor_posting_a_merge_of_duplicates_is_refused(client, editor):

    grant_duplicate_permissions()
    original, _copies = import_cluster()
    cluster = DuplicateCluster.objects.get()
    client.force_login(editor)
    response = client.post(cluster.get_admin_url(), {"action": "merge", "article": original.pk})
    assert response.status_code == 403
    assert not cluster.members.filter(merged_into__isnull=False).exists()
