"""Merging duplicate people: every credit moves, nobody is credited twice."""

from django.db import transaction

from ..models import ArticleAuthor, Image


@transaction.atomic
def merge_authors(merged, target):
    """Credit `target` wherever one of `merged` was credited, then delete `merged`.

    A credit that would repeat one `target` already holds (same article, same role) is
    dropped. Photographs credited to a merged author move too. Returns the credits moved.
    """
    merged = [author for author in merged if author.pk != target.pk]
    held = set(ArticleAuthor.objects.filter(author=target).values_list("article_id", "role"))
    moved = 0
    for credit in ArticleAuthor.objects.filter(author__in=merged).order_by("order", "id"):
        key = (credit.article_id, credit.role)
        if key in held:
            credit.delete()
            continue
        held.add(key)
        credit.author = target
        credit.save(update_fields=["author"])
        moved += 1
    Image.objects.filter(credit_author__in=merged).update(credit_author=target)
    for author in merged:
        author.delete()
    return moved
