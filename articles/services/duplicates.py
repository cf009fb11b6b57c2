"""Near-duplicate reports: fingerprints kept at import, clusters of one story, the editor's
decisions (首发, 不是重复, 合并) and what readers see of them.

A lookup is one indexed query whatever the archive's size when nothing resembles the story
(the signatures sharing one of its band keys, over `FingerprintBand`'s index), and one or two
more when something does (the pairs an editor already told apart, the articles resembled). An
import looks up all the stories of a file at once, and compares them with each other.
Nothing is merged automatically: a resemblance is reported and the articles are clustered; the
editor decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..fingerprints import Fingerprint, fingerprint_story, paragraphs_of
from ..importer import datelines
from ..models import (
    Article,
    ArticleAuthor,
    ArticleFingerprint,
    DistinctPair,
    DuplicateCluster,
    DuplicateMember,
    FingerprintBand,
    refresh_search_documents_on_commit,
)
from ..services.revisions import record_revision

# The similarity (share of the shorter text's shingles in the other) from which two stories
# are reported as one: chosen on bench/duplicates.py's labelled pairs (see bench/README.md).
THRESHOLD = 0.5


@dataclass(frozen=True)
class Resemblance:
    """A stored article a story resembles, and how much (0–1): what the lookup read of it."""

    article_id: int
    title: str
    source: str  # its outlet's name, or ""
    moment: datetime | None  # when it was reported, else published
    import_key: str
    similarity: float

    @classmethod
    def of_article(cls, article, similarity):
        """The resemblance of an `Article` at hand (with its source)."""
        return cls(
            article.pk,
            article.title,
            article.source.name if article.source_id else "",
            article.reported_at or article.published_at,
            article.import_key,
            similarity,
        )

    def note(self, story_title):
        return DuplicateNote(
            story=story_title,
            article_id=self.article_id,
            title=self.title,
            source=self.source,
            date=_day(self.moment, "Y年n月j日"),
            similarity=self.similarity,
        )


@dataclass(frozen=True)
class DuplicateNote:
    """`可能与《标题》（来源，日期）重复，相似度 87%`: what an import says of a resembling story."""

    story: str
    article_id: int | None  # None: an earlier story of the same file, not yet stored
    title: str
    source: str
    date: str
    similarity: float

    @property
    def url(self):
        if self.article_id is None:
            return ""
        return reverse("admin:articles_article_change", args=[self.article_id])

    def describe(self):
        where = "，".join(part for part in (self.source, self.date) if part)
        return _("可能与《%(title)s》（%(where)s）重复，相似度 %(percent)d%%") % {
            "title": self.title,
            "where": where or _("来源不详"),
            "percent": round(self.similarity * 100),
        }

    def as_dict(self):
        return {
            "story": self.story,
            "article": self.article_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "similarity": round(self.similarity, 3),
            "url": self.url,
            "note": self.describe(),
            "message": f"{self.story}：{self.describe()}",
        }


def _day(moment, format):
    return date_format(timezone.localtime(moment), format) if moment else ""


def resembling(fingerprint, *, exclude=None):
    """The stored articles whose fingerprint resembles `fingerprint` at `THRESHOLD` or more, most
    alike first (`Resemblance`s); not `exclude` (an article), nor one an editor told apart from
    it, nor a merged pointer.

    One query (`_alike_stored`), and one more, the pairs told apart, when something is alike
    and `exclude` is given."""
    excluded = [exclude.pk] if exclude is not None else []
    (found,) = _alike_stored([fingerprint], excluded)
    if found and exclude is not None:
        apart = _told_apart([exclude.pk])
        found = {pk: item for pk, item in found.items() if frozenset((exclude.pk, pk)) not in apart}
    return _ranked(found)


def _alike_stored(fingerprints, excluded=()):
    """For each of `fingerprints` (None for a story too short), `{article id: Resemblance}` of
    the stored articles sharing one of its band keys and alike at `THRESHOLD` or more, leaving
    out the ids `excluded` and merged pointers. One query over the band index, the fingerprints
    and articles found there (for all of `fingerprints`), whatever the archive's size."""
    wanted = {}
    for index, fingerprint in enumerate(fingerprints):
        if fingerprint is not None:
            for key in fingerprint.band_keys():
                wanted.setdefault(key, []).append(index)
    excluded = set(excluded)
    found = [{} for _ in fingerprints]
    rows = FingerprintBand.objects.fingerprints_sharing(list(wanted)) if wanted else ()
    for article_id, size, signature, keys, *article in rows:
        title, import_key, reported_at, published_at, source, merged_into = article
        if article_id in excluded or merged_into is not None:
            continue
        other = Fingerprint.from_bytes(signature, size)
        for index in {index for key in keys for index in wanted[key]}:
            similarity = fingerprints[index].similarity(other)
            if similarity >= THRESHOLD:
                found[index][article_id] = Resemblance(
                    article_id,
                    title,
                    source or "",
                    reported_at or published_at,
                    import_key,
                    similarity,
                )
    return found


def _alike_within(fingerprints):
    """For each of `fingerprints` (one file's stories, in order), `{index: similarity}` of the
    earlier ones it resembles: a page holding one story twice, an e-paper and its web version
    exported together. Compared in memory, only pairs sharing a band key, as a lookup would."""
    alike = [{} for _ in fingerprints]
    bands = {}
    for index, fingerprint in enumerate(fingerprints):
        if fingerprint is None:
            continue
        earlier = {other for key in fingerprint.band_keys() for other in bands.get(key, ())}
        for other in sorted(earlier):
            similarity = fingerprint.similarity(fingerprints[other])
            if similarity >= THRESHOLD:
                alike[index][other] = similarity
        for key in fingerprint.band_keys():
            bands.setdefault(key, []).append(index)
    return alike


def _told_apart(article_ids):
    """The pairs (`frozenset`s of two article ids) an editor said are not the same report that
    name one of `article_ids`: one query for them all."""
    if not article_ids:
        return set()
    pairs = DistinctPair.objects.filter(
        Q(first_id__in=article_ids) | Q(second_id__in=article_ids)
    ).values_list("first_id", "second_id")
    return {frozenset(pair) for pair in pairs}


def _ranked(found):
    return sorted(found.values(), key=lambda item: (-item.similarity, -item.article_id))


def notes_for_stories(stories, prints=None):
    """What a preview says of parsed stories (`StoryRecord`s; `prints` their fingerprints, when
    known) that resemble stored articles or an earlier story of the same file: one
    `DuplicateNote` each, for the most alike. The very story already stored (its import key) is
    no near-duplicate: importing it again updates it. Reads only: one lookup for the file."""
    from ..importer.persist import story_keys  # the writer reports through this module

    stories = list(stories)
    keys = story_keys(stories)
    if prints is None:
        prints = [fingerprint_story(story.body_html, story.lead) for story in stories]
    notes = []
    for story, key, stored, within in zip(
        stories, keys, _alike_stored(prints), _alike_within(prints), strict=True
    ):
        found = [item for item in _ranked(stored) if item.import_key != key]
        best_within = max(within.items(), key=lambda item: item[1], default=None)
        if best_within and (not found or best_within[1] > found[0].similarity):
            notes.append(_story_note(story.title, stories[best_within[0]], best_within[1]))
        elif found:
            notes.append(found[0].note(story.title))
    return notes


def _story_note(title, earlier, similarity):
    """The note of a story resembling an earlier story of its file, not yet stored."""
    return DuplicateNote(
        story=title,
        article_id=None,
        title=earlier.title,
        source=earlier.source.name if earlier.source else "",
        date=_day(earlier.reported_at, "Y年n月j日"),
        similarity=similarity,
    )


def record_fingerprints(articles):
    """Fingerprint `articles` (just written by one import, in the file's order), cluster each
    with the stored articles and the earlier articles of the batch it resembles, and return a
    `DuplicateNote` for each that resembles one.

    Set-based: the fingerprints and band keys stored in 3–4 queries, one lookup for the whole
    batch (two queries for all its stories), the pairs told apart in one more when something is
    alike; then 6–7 queries per cluster formed or joined, however many stories join it."""
    return list(record_fingerprints_by_article(articles).values())


def record_fingerprints_by_article(articles, known=None):
    """`record_fingerprints`, its notes as `{article id: DuplicateNote}`: the importer records a
    batch of files at once and gives each file the notes of its own articles. `known` holds
    fingerprints already drawn, by `(body, lead)` (`ParsedDocument.fingerprints_by_text`)."""
    articles = list(articles)
    if not articles:
        return {}
    known = known or {}
    prints = [
        known[text] if (text := (article.body, article.lead)) in known else fingerprint_story(*text)
        for article in articles
    ]
    store_fingerprints(list(zip(articles, prints, strict=True)))
    ids = [article.pk for article in articles]
    found = _alike_stored(prints, ids)
    for index, within in enumerate(_alike_within(prints)):
        for other, similarity in within.items():
            found[index][ids[other]] = Resemblance.of_article(articles[other], similarity)
    apart = _told_apart([pk for pk, alike in zip(ids, found, strict=True) if alike])
    notes, pairs = {}, []
    for article, alike in zip(articles, found, strict=True):
        alike = {pk: item for pk, item in alike.items() if frozenset((article.pk, pk)) not in apart}
        if alike:
            ranked = _ranked(alike)
            pairs += [(article.pk, item.article_id, item.similarity) for item in ranked]
            notes[article.pk] = ranked[0].note(article.title)
    for group in _groups(pairs):
        cluster_articles(group)
    return notes


def fingerprint_archive(batch=500):
    """`record_fingerprints` of every article without a fingerprint (imported before there were
    any, or too short then), oldest first, a batch per transaction: (how many, the notes)."""
    missing = Article.objects.filter(fingerprint__isnull=True).order_by("pk")
    count, notes, after = 0, [], 0
    while ids := list(missing.filter(pk__gt=after).values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            articles = Article.objects.filter(pk__in=ids).order_by("pk")
            articles = articles.select_related("source").only(
                *("pk", "title", "lead", "body", "import_key", "reported_at", "published_at"),
                "source__name",
            )
            notes += record_fingerprints(articles)
        count, after = count + len(ids), ids[-1]
    return count, notes


def store_fingerprint(article, fingerprint):
    """`store_fingerprints` of one article."""
    return store_fingerprints([(article, fingerprint)])


def store_fingerprints(pairs):
    """Keep each `(article, fingerprint)`'s fingerprint and band keys (none, and the stale ones
        deleted, when its text is too short): three queries however many articles, one more when some
    are too short."""
    stale = [article.pk for article, fingerprint in pairs if fingerprint is None]
    if stale:  # their bands go with them
        ArticleFingerprint.objects.filter(article_id__in=stale).delete()
    now = timezone.now()
    stored = [
        ArticleFingerprint(
            article=article,
            signature=fingerprint.to_bytes(),
            size=fingerprint.size,
            computed_at=now,
        )
        for article, fingerprint in pairs
        if fingerprint is not None
    ]
    if not stored:
        return
    FingerprintBand.objects.filter(fingerprint_id__in=[item.article_id for item in stored]).delete()
    ArticleFingerprint.objects.bulk_create(
        stored,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["signature", "size", "computed_at"],
    )
    FingerprintBand.objects.store(
        (article.pk, fingerprint) for article, fingerprint in pairs if fingerprint is not None
    )


@transaction.atomic
def cluster_articles(similarity):
    """Put the articles of `similarity` (`{article id: how alike}`, the first the one that brought
    them together) into one cluster, joining the clusters they were in and leaving out any an
    editor told apart from a member: 6–8 queries however many articles, and however large the
    cluster already is (a report relayed hundreds of times is not read whole). Returns the
    cluster."""
    involved = list(similarity)
    members = list(
        DuplicateMember.objects.filter(article_id__in=involved).select_related("cluster")
    )
    clusters = sorted({member.cluster for member in members}, key=lambda cluster: cluster.pk)
    cluster = clusters[0] if clusters else DuplicateCluster.objects.create()
    for other in clusters[1:]:
        other.members.update(cluster=cluster)
        if cluster.original_id is None:
            cluster.original_id = other.original_id
        other.delete()
    held = {member.article_id for member in members}
    apart = _told_apart(set(involved) - held)
    others = {other for pair in apart for other in pair} - set(involved)
    held |= set(cluster.members.filter(article_id__in=others).values_list("article_id", flat=True))
    joining = []
    for article_id in involved:
        if article_id in held or any(frozenset((article_id, m)) in apart for m in held):
            continue
        joining.append(
            DuplicateMember(
                cluster=cluster, article_id=article_id, similarity=similarity[article_id]
            )
        )
        held.add(article_id)
    DuplicateMember.objects.bulk_create(joining)
    cluster.updated_at = timezone.now()
    cluster.save(update_fields=["original", "updated_at"])
    return cluster


def _groups(pairs):
    """The connected groups of `pairs` (`(article id, other id, similarity)`), in the order they
    were first named, each `{article id: its highest similarity}`: one cluster each."""
    parent = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second, _similarity in pairs:
        parent[root(second)] = root(first)
    groups = {}
    for first, second, similarity in pairs:
        group = groups.setdefault(root(first), {})
        for node in (first, second):
            group[node] = max(group.get(node, 0.0), similarity)
    return list(groups.values())


def proposed_original(members):
    """The member to propose as the original (首发) among a cluster's `members` (articles, with
    their source and relay): one not relayed whose outlet another member's provenance names —
    that member relayed from it (`source` 人民网 `via` 趣头条) or opens with its dateline
    (`人民网北京3月7日电`) — else the earliest."""
    members = list(members)
    cited = set()
    for member in members:
        if member.via_id and member.source:
            cited.add(member.source.name)
        opening = paragraphs_of(member.body, member.lead)[:1]
        outlet = datelines.split_dateline(opening[0])[1] if opening else ""
        if outlet and (member.source is None or outlet != member.source.name):
            cited.add(outlet)
    named = [m for m in members if not m.via_id and m.source and m.source.name in cited]
    return min(named or members, key=_earliest, default=None)


def _earliest(article):
    moment = article.reported_at or article.published_at or article.created_at
    return (moment is None, moment, article.pk)


@transaction.atomic
def mark_original(cluster, article):
    """`article` is the cluster's original (首发): the others leave the lists once it is public."""
    cluster.original = article
    cluster.updated_at = timezone.now()
    cluster.save(update_fields=["original", "updated_at"])


@transaction.atomic
def mark_not_duplicate(cluster, article, user=None):
    """`article` is a different report: it leaves the cluster and is never flagged with any of
    its members again. A cluster left with one member is dissolved."""
    others = list(cluster.members.exclude(article=article).values_list("article_id", flat=True))
    DistinctPair.objects.bulk_create(
        [
            DistinctPair(
                first_id=min(article.pk, other),
                second_id=max(article.pk, other),
                decided_by=user if user is not None and user.is_authenticated else None,
            )
            for other in others
        ],
        ignore_conflicts=True,
    )
    cluster.members.filter(article=article).delete()
    if cluster.original_id == article.pk:
        cluster.original = None
    if len(others) < 2:
        cluster.delete()
        return None
    cluster.updated_at = timezone.now()
    cluster.save(update_fields=["original", "updated_at"])
    return cluster


@dataclass(frozen=True)
class FoldedCredit:
    """A credit a pointer brings to the original: `记者 孙桂兰`, from `article`."""

    author: object  # an `Author`
    role: str
    article: Article

    @property
    def role_label(self):
        return ArticleAuthor.Role(self.role).label


@dataclass(frozen=True)
class MergePlan:
    """What `merge_cluster` will do, for the editor to confirm first: the article kept, the ones
    turned into 301 pointers, and the credits, tags and source folded into the one kept."""

    cluster: DuplicateCluster
    original: Article
    pointers: list  # the `Article`s that become pointers to the original
    credits: list  # `FoldedCredit`s the original gains, in order
    tags: list  # the tags the original gains
    source: object  # the `Source` the original takes (it has none), or None

    @property
    def address(self):
        """The original's address, readable (`/articles/1/老旧小区换新颜/`)."""
        return uri_to_iri(self.original.get_absolute_url())

    def redirects(self):
        """`(pointer, its address)` for each article that will answer 301 to `address`."""
        return [(article, uri_to_iri(article.get_absolute_url())) for article in self.pointers]


def merge_plan(cluster, original):
    """The `MergePlan` of keeping `original` (a member of `cluster`): reads only, in a constant
    number of queries (the members with their credits and tags, the original's)."""
    members = (
        cluster.members.exclude(article=original)
        .filter(merged_into__isnull=True)
        .select_related("article__source")
        .prefetch_related("article__credits__author", "article__tags")
    )
    pointers = [member.article for member in members]
    held = {(credit.author_id, credit.role) for credit in original.credits.all()}
    held_tags = {tag.pk for tag in original.tags.all()}
    credits, tags, source = [], [], None
    for folded in pointers:
        for credit in folded.credits.all():
            if (credit.author_id, credit.role) not in held:
                credits.append(FoldedCredit(credit.author, credit.role, folded))
                held.add((credit.author_id, credit.role))
        for tag in folded.tags.all():
            if tag.pk not in held_tags:
                tags.append(tag)
                held_tags.add(tag.pk)
        taken = original.source_id is not None or source is not None
        if not taken and folded.source_id not in (None, original.via_id):
            source = folded.source
    return MergePlan(cluster, original, pointers, credits, tags, source)


@transaction.atomic
def merge_cluster(cluster, original, user=None):
    """Keep `original` and turn the cluster's other articles into pointers to it (`merge_plan`).

    Their credits and tags are added to the original's (nobody credited twice in one role), its
    missing source taken from them; they are unpublished and their addresses answer 301 to the
    original. Each article changed keeps a revision. Returns how many became pointers.
    """
    plan = merge_plan(cluster, original)
    mark_original(cluster, original)
    order = original.credits.count()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=original, author=credit.author, role=credit.role, order=order + n)
        for n, credit in enumerate(plan.credits)
    )
    if plan.tags:
        original.tags.add(*plan.tags)
    if plan.source is not None:
        original.source = plan.source
    for folded in plan.pointers:
        folded.status = Article.Status.DRAFT
        folded.save()
        record_revision(folded, user, note=_("合并到首发稿件"))
    cluster.members.filter(article__in=plan.pointers).update(merged_into=original)
    original.save()
    refresh_search_documents_on_commit([original.pk])
    record_revision(original, user, note=_("合并同题报道"))
    return len(plan.pointers)


def merged_original(article_id):
    """The public original an article was merged into, or None."""
    member = (
        DuplicateMember.objects.filter(article_id=article_id, merged_into__isnull=False)
        .select_related("merged_into")
        .first()
    )
    if member is None or not member.merged_into.is_public:
        return None
    return member.merged_into


@dataclass(frozen=True)
class Republication:
    """Where else a report ran, for its page: `人民网 3月7日`, linked when it can be read."""

    source: str
    day: str
    url: str


@dataclass(frozen=True)
class StoryRepublications:
    republications: list
    original: Article | None  # another article, the public original: the page's canonical


# What `story_republications()` reads of a cluster's members (not their bodies).
REPUBLICATION_FIELDS = (
    *("cluster_id", "article_id", "merged_into_id", "joined_at", "cluster__original_id"),
    *("article__slug", "article__status", "article__published_at", "article__reported_at"),
    *("article__original_url", "article__source__name"),
)


def story_republications(article):
    """The other outlets that ran `article`'s report and its public original, in one query.

    Listed: the cluster's published articles and the ones merged into this one, by outlet and
    day, linked to their page (or the outlet's address); drafts not merged stay unmentioned.
    No query for an article loaded with its membership (`with_story()`) that has none.
    """
    if Article.duplicate_membership.is_cached(article) and not hasattr(
        article, "duplicate_membership"
    ):
        return StoryRepublications([], None)
    members = list(
        DuplicateMember.objects.filter(cluster__members__article=article)
        .select_related("cluster", "article__source")
        .only(*REPUBLICATION_FIELDS)
        .order_by("joined_at", "id")
    )
    by_id = {member.article_id: member.article for member in members}
    original_id = members[0].cluster.original_id if members else None
    original = by_id.get(original_id) if original_id != article.pk else None
    if original is not None and not original.is_public:
        original = None
    listed = []
    for member in members:
        other = member.article
        if other.pk == article.pk or not other.source:
            continue
        if other.is_public:
            url = other.get_absolute_url()
        elif member.merged_into_id == article.pk:
            url = other.original_url
        else:
            continue
        day = _day(other.reported_at or other.published_at, "n月j日")
        listed.append(Republication(other.source.name, day, url))
    return StoryRepublications(listed, original)
