"""Related articles, ranked when an article is written and stored (`RelatedArticle`).

The article page ranked them per request (kept 10 minutes in the cache): three queries and
~40 % of its time at 10,000 articles, and at 100,000 the ranking query alone took 150–195 ms.
They are now ranked at commit by the writes that refresh an article's search document, card
and story (`ArticleSearchDocument.objects.store`), for every article with the status
published, and the page reads the stored ids of those still published with their lines
(stored with each article's story, `ArticleStory.line_html`) in one query.

Ranked among a bounded set of candidates, so that the cost stays flat as the archive and a
tag's popularity grow: the `RELATED_CANDIDATES` newest published articles of each of its
tags, over the index `(tag, -content_object)`, and as many of its source's. A batch asks
once per distinct tag and source. By shared tags, then the same source, then newest.

Who else is affected: an article newly published becomes a candidate of its own related
articles, whose lists are ranked again in the same commit; a withdrawn one leaves the page at
once (the page shows only published ones, out of `RELATED_STORED` kept) and the newest
`RELATED_CANDIDATES` of the lists that named it are ranked again. Other lists take in a new
article at their own next write, or by `manage.py refresh_related_articles`.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef

# How many of the newest articles of each tag (and of the source) compete to be related:
# 200 cost the page 30 ms more than 50 when it ranked them per request (10,000 articles).
RELATED_CANDIDATES = 50
# Kept per article, more than are shown, so that a withdrawn one leaves a full list.
RELATED_STORED = 8
RELATED_SHOWN = 5


def store(articles):
    """Rank and store the related articles of `articles` (tags prefetched), and again those of
    the articles their publication or withdrawal affects. Returns `{article id: [ids]}` of
    `articles`, best first."""
    articles = list(articles)
    ranked, listed, unlisted = _store(articles)
    affected = _affected(listed, unlisted, ranked) - set(ranked)
    if affected:
        _store(_loaded(affected))
    return ranked


def refresh(article_ids, batch=500):
    """Rank and store again the related articles of these articles; returns how many."""
    ids = list(article_ids)
    for start in range(0, len(ids), batch):
        _store(_loaded(ids[start : start + batch]))
    return len(ids)


def _loaded(ids):
    from articles.models import Article

    return list(
        Article.objects.filter(pk__in=ids)
        .only("pk", "status", "source_id")
        .prefetch_related("tags")
    )


def _store(articles):
    """`(ranked, listed, unlisted)`: the new lists, the articles that had none and have one
    now (newly published), and those that had one and have none now (withdrawn)."""
    from articles.models import RelatedArticle

    if not articles:
        return {}, set(), set()
    before = {}
    for article_id, related_id in (
        RelatedArticle.objects.filter(article__in=[article.pk for article in articles])
        .order_by("article_id", "rank")
        .values_list("article_id", "related_id")
    ):
        before.setdefault(article_id, []).append(related_id)
    ranked = rank(articles)
    changed = {pk: ids for pk, ids in ranked.items() if before.get(pk, []) != ids}
    if changed:
        # At commit each statement commits on its own: two writes ranking the same article
        # at once keep one list or a mix of both, never fail on the constraints.
        with transaction.atomic():
            RelatedArticle.objects.filter(article__in=list(changed)).delete()
            RelatedArticle.objects.bulk_create(
                (
                    RelatedArticle(article_id=pk, related_id=related_id, rank=position)
                    for pk, ids in changed.items()
                    for position, related_id in enumerate(ids)
                ),
                ignore_conflicts=True,
            )
    listed = {pk for pk, ids in ranked.items() if ids and pk not in before}
    unlisted = {pk for pk, ids in ranked.items() if not ids and pk in before}
    return ranked, listed, unlisted


def _affected(listed, unlisted, ranked):
    from articles.models import RelatedArticle

    affected = {related_id for pk in listed for related_id in ranked[pk]}
    if unlisted:
        affected.update(
            RelatedArticle.objects.filter(related__in=list(unlisted))
            .order_by("-article_id")
            .values_list("article_id", flat=True)
            .distinct()[:RELATED_CANDIDATES]
        )
    return affected


def rank(articles):
    """`{article id: [related id, …]}` of `articles` (tags prefetched), best first: among
    the candidates, by shared tags, then the same source, then newest. Only articles with
    the status published have related articles."""
    from articles.models import Article, TaggedArticle

    published = Article.objects.published()
    tags_of = {
        article.pk: {tag.pk for tag in article.tags.all()}
        for article in articles
        if article.status == Article.Status.PUBLISHED
    }
    all_tags = set().union(*tags_of.values())
    visible = Exists(published.filter(pk=OuterRef("content_object_id")))
    by_tag = {
        tag_id: list(
            TaggedArticle.objects.filter(visible, tag_id=tag_id)
            .order_by("-content_object_id")
            .values_list("content_object_id", flat=True)[: RELATED_CANDIDATES + 1]
        )
        for tag_id in all_tags
    }
    sources = {article.source_id for article in articles if article.pk in tags_of} - {None}
    by_source = {
        source_id: list(
            published.filter(source_id=source_id)
            .newest_first()
            .values_list("pk", flat=True)[: RELATED_CANDIDATES + 1]
        )
        for source_id in sources
    }
    candidates_of = {
        article.pk: {
            pk
            for newest in (
                *(by_tag[tag_id] for tag_id in tags_of[article.pk]),
                by_source[article.source_id] if article.source_id else [],
            )
            for pk in _others(newest, article.pk)
        }
        for article in articles
        if article.pk in tags_of
    }
    seen = {}
    every_candidate = set().union(*candidates_of.values())
    if every_candidate:
        for pk, source_id, published_at, tag_id in published.filter(
            pk__in=every_candidate
        ).values_list("pk", "source_id", "published_at", "tags"):
            tags = seen.setdefault(pk, (source_id, published_at, set()))[2]
            if tag_id is not None:
                tags.add(tag_id)
    sources_of = {article.pk: article.source_id for article in articles}
    ranked = {article.pk: [] for article in articles}
    for pk, candidates in candidates_of.items():
        source_id, tags = sources_of[pk], tags_of[pk]

        def closeness(other, source_id=source_id, tags=tags):
            other_source, published_at, other_tags = seen[other]
            same_source = source_id is not None and other_source == source_id
            return len(tags & other_tags), same_source, published_at, other

        ranked[pk] = sorted(
            (other for other in candidates if other in seen), key=closeness, reverse=True
        )[:RELATED_STORED]
    return ranked


def _others(newest, pk):
    """The `RELATED_CANDIDATES` newest of `newest` (one more, in case) other than `pk`."""
    return [other for other in newest if other != pk][:RELATED_CANDIDATES]
