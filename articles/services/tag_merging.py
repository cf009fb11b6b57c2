"""Merging tags and renaming them, keeping their old public addresses alive."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from ..models import TaggedArticle, TagRedirect, refresh_search_documents_on_commit


def point_old_slug_at(old_slug, tag):
    """Readers following `old_slug` land on `tag`; no redirect ever shadows a live slug."""
    if old_slug == tag.slug:
        return
    TagRedirect.objects.filter(old_slug=tag.slug).delete()
    TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": tag})


@transaction.atomic
def merge_tags(merged, target):
    """Move every article tagged with one of `merged` onto `target`, then delete `merged`.

    An article already carrying `target` keeps a single link. Each merged tag's slug, and
    every redirect that pointed at it, now leads to `target`. Returns how many articles moved.
    """
    moved = 0
    for tag in merged:
        if tag.pk == target.pk:
            continue
        links = TaggedArticle.objects.filter(tag=tag)
        # A bulk update sends no signal: the moved articles' search documents must
        # learn the new tag name at commit.
        refresh_search_documents_on_commit(links.values_list("content_object_id", flat=True))
        already_tagged = TaggedArticle.objects.filter(
            tag=target, content_object=OuterRef("content_object")
        )
        links.filter(Exists(already_tagged)).delete()
        moved += links.update(tag=target)
        TagRedirect.objects.filter(tag=tag).update(tag=target)
        point_old_slug_at(tag.slug, target)
        tag.delete()
    return moved


@transaction.atomic
def rename_tag(tag, new_name, new_slug=None):
    """Rename `tag`; when its slug changes, the old slug redirects to it."""
    old_slug = tag.slug
    tag.name = new_name
    if new_slug:
        tag.slug = new_slug
    tag.save()
    point_old_slug_at(old_slug, tag)
    return tag
