"""Merging duplicate outlets: articles keep their source and relay, never the same one twice."""

from django.db import transaction

from ..models import Article


@transaction.atomic
def merge_sources(merged, target):
    """Make `target` the source (and the relay) wherever one of `merged` was, then delete them.

    An article whose source and relay would both become `target` keeps no relay.
    Returns how many articles changed.
    """
    merged = [source for source in merged if source.pk != target.pk]
    involved = [*merged, target]
    Article.objects.filter(source__in=involved, via__in=involved).update(via=None)
    changed = Article.objects.filter(source__in=merged).update(source=target)
    changed += Article.objects.filter(via__in=merged).update(via=target)
    for source in merged:
        source.delete()
    return changed
