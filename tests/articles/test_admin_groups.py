"""The groups the data migration creates, and what each may do."""

import pytest
from django.contrib.auth.models import Group

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
