"""The newsroom domain: outlets, people, articles, their credits and images."""

import threading
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache, partial
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from articles import renditions
from articles import search as search_backends
from articles.compiled import columns_of, current_time
from articles.encoders import UnicodeJSONEncoder
from articles.search import text as search_text

SLUG_MAX_LENGTH = 200
# What a pinned article shows at the top of a page (`pinned_newest()`), in the model's order.
PINNED_FIELDS = (
    *("id", "title", "kicker", "subtitle", "slug", "lead", "body"),
    *("reported_at", "date_precision", "published_at"),
)
# What a feed entry is made of (`feed_entries()`).
FEED_FIELDS = ("pk", "slug", "title", "lead", "body", "reported_at", "published_at", "updated_at")
# What a stored story holds of the article's feed entries (`ArticleStory`).
FEED_ENTRY_FIELDS = ("feed_key", "feed_updated_at", "rss_item", "atom_entry")
# What a related article's line shows (title, date, source).
RELATED_FIELDS = ("slug", "title", "published_at", "reported_at", "date_precision", "source__name")


def normalise_name(name):
    """NFKC-fold a person's or outlet's name and drop the spaces inside it.

    `寇 雅楠` and full-width `寇雅楠` are the same person; Chinese names carry no
    inner spaces, while Latin names keep single spaces between words.
    """
    folded = unicodedata.normalize("NFKC", name or "").strip()
    words = folded.split()
    if all(word.isascii() for word in words):
        return " ".join(words)
    return "".join(words)


def unique_slug(model, text, *, exclude_pk=None, fallback="item"):
    """A slug for `text` that no other row of `model` holds, Chinese kept as is."""
    base = slugify(text, allow_unicode=True)[: SLUG_MAX_LENGTH - 8] or fallback
    candidate, counter = base, 2
    others = model._default_manager.exclude(pk=exclude_pk)
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


class NamedPage(models.Model):
    """A named outlet or person with a public page at a slug made from the name."""

    slug = models.SlugField(
        _("网址别名"), max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True
    )

    detail_url_name = None
    slug_fallback = "item"

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalise_name(self.name)
        if not self.slug:
            self.slug = unique_slug(
                type(self), self.name, exclude_pk=self.pk, fallback=self.slug_fallback
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.detail_url_name, kwargs={"slug": self.slug})


class Source(NamedPage):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("报纸")
        WEBSITE = "website", _("新闻网站")
        WECHAT = "wechat", _("微信公众号")
        AGGREGATOR = "aggregator", _("聚合平台")
        AGENCY = "agency", _("通讯社")
        UNKNOWN = "unknown", _("未知")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    url = models.URLField(_("网址"), max_length=500, blank=True)

    detail_url_name = "articles:source_detail"
    slug_fallback = "source"

    class Meta:
        ordering = ["name"]
        verbose_name = _("来源")
        verbose_name_plural = _("来源")
        permissions = [("merge_source", _("可以合并来源"))]


class Author(NamedPage):
    name = models.CharField(
        _("姓名"),
        max_length=100,
        unique=True,
        help_text=_("只写姓名，不带“记者”“通讯员”等身份词。"),
    )

    detail_url_name = "articles:author_detail"
    slug_fallback = "author"

    class Meta:
        ordering = ["name"]
        verbose_name = _("作者")
        verbose_name_plural = _("作者")
        permissions = [("merge_author", _("可以合并作者"))]


class ImportedFile(models.Model):
    """One document an operator or editor handed to the importer, kept whole."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("已导入")
        UPDATED = "updated", _("已更新")
        UNCHANGED = "unchanged", _("无变化")
        FAILED = "failed", _("失败")

    name = models.CharField(_("文件名"), max_length=500)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("字节数"), default=0)
    encoding = models.CharField(_("编码"), max_length=40, blank=True)
    format = models.CharField(_("格式"), max_length=40, blank=True)
    original_text = models.TextField(_("原文"), blank=True)
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_files",
    )
    outcome = models.CharField(_("结果"), max_length=20, choices=Outcome.choices)
    messages = models.JSONField(_("消息"), default=list, blank=True, encoder=UnicodeJSONEncoder)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("导入文件")
        verbose_name_plural = _("导入文件")
        indexes = [
            # The importer finds a file's previous version by its name, once per file.
            models.Index(fields=["name"], name="importedfile_name_idx"),
        ]

    def __str__(self):
        return self.name


class ImportJob(models.Model):
    """One confirmed upload, imported file by file by a background task, with its progress.

    The task records each file's report as it goes (`record`), so the job page shows how far it
    got; a task that dies marks the job failed (`fail`), and one that stops without a word shows
    as stalled once `STALLED_AFTER` passes with no progress.
    """

    STALLED_AFTER = timedelta(minutes=15)  # a file parses in seconds; images time out in 10 s

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("出错中止")

    batch = models.CharField(_("暂存批次"), max_length=64, unique=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("最近进展"), auto_now=True)
    total = models.PositiveIntegerField(_("文件数"), default=0)
    publish = models.BooleanField(_("直接发布"), default=False)
    fetch_images = models.BooleanField(_("保存远程图片"), default=False)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    reports = models.JSONField(_("各文件结果"), default=list, blank=True)
    message = models.TextField(_("出错原因"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self):
        return _("导入任务 #%(pk)s") % {"pk": self.pk}

    def get_absolute_url(self):
        return reverse("admin:articles_importedfile_job", args=[self.pk])

    @property
    def done(self):
        return len(self.reports)

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_stalled(self):
        return not self.is_finished and timezone.now() - self.updated_at > self.STALLED_AFTER

    def counts(self):
        """Stories created, updated and unchanged, and files failed, so far."""
        return {
            "created": sum(report["created"] for report in self.reports),
            "updated": sum(report["updated"] for report in self.reports),
            "unchanged": sum(report["unchanged"] for report in self.reports),
            "failed": sum(report["status"] == "failed" for report in self.reports),
        }

    def start(self):
        self.status, self.started_at = self.Status.RUNNING, timezone.now()
        self.save(update_fields=["status", "started_at", "updated_at"])

    def record(self, report):
        """Keep one file's `FileReport`, with links to the articles it wrote."""
        articles = [{"pk": article.pk, "title": article.title} for article in report.articles]
        self.reports = [*self.reports, {**report.as_json(), "articles": articles}]
        self.save(update_fields=["reports", "updated_at"])

    def finish(self):
        self.status, self.finished_at = self.Status.DONE, timezone.now()
        self.save(update_fields=["status", "finished_at", "updated_at"])

    def fail(self, message):
        self.status, self.finished_at, self.message = self.Status.FAILED, timezone.now(), message
        self.save(update_fields=["status", "finished_at", "message", "updated_at"])


# --- Reader site: listing, detail and search helpers (branch `reader`) -----------------------


def _feed_relations(ids):
    """(credits, tags, first image) of articles `ids` for `feed_entries()`, by article id."""
    credits, tags, images = {}, {}, {}
    for article_id, role, name in (
        ArticleAuthor.objects.filter(article_id__in=ids)
        .order_by("order", "id")
        .values_list("article_id", "role", "author__name")
    ):
        credits.setdefault(article_id, []).append((role, name))
    for article_id, name in TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags.setdefault(article_id, []).append(name)
    for article_id, file, url in (
        Image.objects.filter(article_id__in=ids)
        .order_by("-order", "-id")
        .values_list("article_id", "file", "original_url")
    ):
        images[article_id] = (file, url)  # the last written is the first in order
    return credits, tags, images


def feed_entry(values, summary, head):
    """The feed entry (`feed_entries()`) of an article's `FEED_FIELDS` `values` (a dict) from
    its stored story's `summary` and `head`."""
    return {
        **{name: values[name] for name in ("pk", "slug", "title", "body", "updated_at")},
        "date": shown_date(values["reported_at"], values["published_at"]),
        "summary": summary,
        **_feed_parts(head),
    }


def _feed_parts(head):
    """`feed_entries()`'s byline, tags and image from a stored story's `head`."""
    data = head.get("linked_data", {})
    byline = {}
    for person in data.get("author", []):
        byline.setdefault(person["jobTitle"], []).append(person["name"])
    image = head.get("lead_image")
    return {
        "byline": list(byline.items()),
        "tags": data.get("keywords", []),
        "image": (head.get("lead_file", ""), image[0]) if image else None,
    }


class ReaderQuerySetMixin:
    """What the public pages ask of articles, beyond the visibility rule."""

    def search(self, query):
        """Articles holding every word of `query`, headline matches first, then newest.

        Finds Chinese words anywhere in the title, kicker, subtitle, lead, body,
        image captions, credits and tags, one character or more. An empty,
        punctuation-only or over-long query finds nothing.
        """
        terms = search_text.query_terms(query)
        if not terms:
            return self.none()
        return search_backends.matching(self, terms).order_by(
            "-headline_match", "-published_at", "-id"
        )

    def search_count(self, query):
        """`search.Found` of `search(query)`: `(count, more)`, counting no further than
        `search.COUNT_CAP`, with the estimates its pages choose their plans by
        (`search.CompiledSearch`)."""
        terms = search_text.query_terms(query)
        if not terms:
            return search_backends.Found(0, False)
        return search_backends.matching_count(self, terms, search_backends.COUNT_CAP)

    def listed_as_related_to(self, article):
        """These articles as ranked related to `article` at its last write (`articles.related`),
        best first, with what their lines show (`for_related_line()`)."""
        return (
            self.filter(listed_as_related__article=article)
            .order_by("listed_as_related__rank")
            .for_related_line()
        )

    def for_related_line(self):
        """What a related article's line shows: title, date and source (`RELATED_FIELDS`),
        and `line_html`, the line stored with its story when that is current (else None),
        drawn with the source `line_source_id`."""
        from articles import stories

        current = models.FilteredRelation("story", condition=Q(story__key=stories.story_key()))
        return (
            self.select_related("source")
            .only(*RELATED_FIELDS, "source_id")
            .annotate(
                current_story=current,
                line_html=models.F("current_story__line_html"),
                line_source_id=models.F("current_story__drawn_source_id"),
            )
        )

    def newest_first(self):
        """Newest publication first; ties by id, so a deep page walks one index."""
        return self.order_by("-published_at", "-id")

    def feed_entries(self, limit):
        """The newest `limit` of these articles for a feed, as dicts, from plain rows.

        `{"pk", "slug", "title", "body", "updated_at", "date" (`shown_date()`), "summary",
        "byline" ([(label, [name, …])]), "tags" ([name, …]), "image" ((file, url) or None)}`.
        One query of `values` rows with each article's stored story (`articles.stories`:
        its summary, credits, tags and lead picture, drawn at commit); for an article without
        one yet, three more (credits, tags, first images). Model instances, their prefetches
        and managers cost the RSS feed more than its SQL (see bench/README.md).
        """
        rows = list(
            self.newest_first().values(*FEED_FIELDS, "story__summary", "story__head")[:limit]
        )
        unstored = [row["pk"] for row in rows if row["story__head"] is None]
        credits, tags, images = _feed_relations(unstored) if unstored else ({}, {}, {})
        entries = []
        for row in rows:
            summary, head = row.pop("story__summary"), row.pop("story__head")
            if head is not None:
                entries.append(feed_entry(row, summary, head))
                continue
            lead, body = row.pop("lead"), row["body"]
            row["date"] = shown_date(row.pop("reported_at"), row.pop("published_at"))
            row["summary"] = summary_of(lead, "" if lead else search_text.html_to_text(body))
            row["byline"] = group_credits(credits.get(row["pk"], []), desk=False)
            row["tags"] = tags.get(row["pk"], [])
            row["image"] = images.get(row["pk"])
            entries.append(row)
        return entries

    def pinned(self, pin):
        """Pinned as `pin` (`Article.Pin`) until a time still to come: a pin lapses by
        itself when its time passes, no job needed."""
        return self.filter(pin=pin, pinned_until__gt=current_time())

    def pinned_newest(self, pin):
        """These articles pinned as `pin`, newest first, as rows of what a pinned article
        shows (`PINNED_FIELDS`): the first is the one at the top of a page (see
        `articles.views.PinnedArticleMixin`). No joins: with its source and relay joined it
        cost the home page 1.2 ms, without them 0.8 ms (10,000 articles, loaded machine)."""
        return self.pinned(pin).newest_first().values_list(*PINNED_FIELDS)

    def pin_as(self, pin, until):
        """Pin these articles as `pin` until `until`, lifting the pins they take over: the
        site has one 头条 and a section one pinned article. Returns how many were pinned."""
        chosen = Article.objects.filter(pk__in=list(self.values_list("pk", flat=True)))
        replaced = Article.objects.pinned(pin).exclude(pk__in=chosen.values("pk"))
        if pin == Article.Pin.SECTION:
            replaced = replaced.filter(section__in=chosen.values("section"))
        replaced.unpin()
        return chosen.update(pin=pin, pinned_until=until)

    def unpin(self):
        return Article.objects.filter(
            pk__in=list(self.exclude(pin="").values_list("pk", flat=True))
        ).update(pin="", pinned_until=None)

    def in_section(self, name):
        """Articles of the section (栏目) `name`, as editors typed it."""
        return self.filter(section=name)

    def section_counts(self):
        """`[("要闻", 120), …]`: each section that can have a page, most articles first.

        A name with `/` cannot be one segment of an address and has no page.
        """
        return list(
            self.exclude(section="")
            .exclude(section__contains="/")
            .order_by()
            .values("section")
            .annotate(count=Count("pk"))
            .order_by("-count", "section")
            .values_list("section", "count")
        )

    def credited_to(self, author):
        return self.filter(pk__in=ArticleAuthor.objects.filter(author=author).values("article_id"))

    def from_source(self, source):
        """Articles a source wrote or relayed."""
        return self.filter(Q(source=source) | Q(via=source))

    def roles_held_by(self, author):
        """`(role,)` of each role `author` is credited with on these articles (their labels
        in order: `role_labels()`). Read from the author's credits: as a semi-join with these
        articles PostgreSQL hashed every published article (10,000: 9 ms against 3 ms)."""
        return (
            self.filter(credits__author=author).order_by().values_list("credits__role").distinct()
        )

    def dated(self):
        """Articles whose original date is known, for the archive."""
        return self.filter(reported_at__isnull=False)

    def count_by_month(self):
        """`[{"month": datetime, "count": 3}, …]`, newest month first, in local time."""
        return (
            self.annotate(month=TruncMonth("reported_at"))
            .order_by()
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )


def role_labels(roles):
    """The labels of `roles` in the order of `ArticleAuthor.Role`: `["记者", "摄影"]`."""
    held = set(roles)
    return [role.label for role in ArticleAuthor.Role if role in held]


def role_label(role):
    """`"reporter"` → `记者`; a value outside the choices as it is, like `get_role_display()`."""
    return dict(ArticleAuthor.Role.choices).get(role, role)


# Chinese papers print these at the foot of a story or page, not in its byline.
DESK_ROLES = ("editor", "responsible_editor", "designer", "proofreader", "reviewer")


def group_credits(credits, *, desk):
    """`[("记者", [王耀, 崔萌]), ("通讯员", [杨希])]` from `(role, person)` pairs in credit
    order: the desk's roles (`DESK_ROLES`) when `desk`, else the byline's."""
    grouped = {}
    for role, person in credits:
        if (role in DESK_ROLES) == desk:
            grouped.setdefault(role, []).append(person)
    return [(role_label(role), people) for role, people in grouped.items()]


def shown_date(reported_at, published_at):
    """The date readers are shown, on an article's page and in the feeds: the original's
    (原稿日期) when known, else when this site published it (labelled so), else None."""
    return reported_at or published_at


def summary_of(lead, body_text, length=120):
    """What lists and feeds show of a story: its lead, or the opening `length` characters
    of its body's plain text."""
    return search_text.excerpt(lead or body_text, length)


class ArticleReaderMixin:
    """How an article reads on the public site."""

    @cached_property
    def body_text(self):
        return search_text.html_to_text(self.body)

    def summary(self, length=120):
        """The lead, or the opening `length` characters of the body (`summary_of()`)."""
        return summary_of(self.lead, "" if self.lead else self.body_text, length)

    def reading_minutes(self):
        return search_text.reading_minutes(self.body_text)

    @property
    def shown_date(self):
        """`shown_date()` of this article: its original date, else its publication time."""
        return shown_date(self.reported_at, self.published_at)

    def byline(self):
        """`credits_by_role()` of those who reported, wrote, shot or translated the story."""
        return self._credits_by_role(desk=False)

    def desk_credits(self):
        """`credits_by_role()` of the desk (editors, designers, proofreaders), printed last."""
        return self._credits_by_role(desk=True)

    def _credits_by_role(self, *, desk):
        return group_credits(
            ((credit.role, credit.author) for credit in self.credits.all()), desk=desk
        )

    def refresh_search_document(self):
        return ArticleSearchDocument.objects.refresh([self.pk])


# --- end of the reader site's helpers ----------------------------------------------------------


@lru_cache(maxsize=16)
def _article_address(prefix, urlconf):
    """The article page's address as a format string of `pk` and `slug` (already quoted, as
    `reverse()` quotes it)."""
    address = reverse(
        "articles:article_detail", kwargs={"pk": 9876543210, "slug": "~slug~"}, urlconf=urlconf
    )
    braced = address.replace("{", "{{").replace("}", "}}")
    return braced.replace("9876543210", "{pk}", 1).replace("~slug~", "{slug}", 1)


def _of_current_card(key, **fields):
    """`{annotation: card field}` as annotations of the article's stored card, None unless its
    templates are `key`. The card is joined by the article alone (one row, by its primary key):
    joined on the key too, the plan followed the key's statistics, and while most cards were
    drawn by older templates (as after a deploy that changes them) a tag page read every card
    (48 ms a page at 100,000 articles)."""
    return {
        name: models.Case(models.When(card__key=key, then=models.F(f"card__{field}")))
        for name, field in fields.items()
    }


class ArticleQuerySet(ReaderQuerySetMixin, models.QuerySet):
    def published(self, *, republications=False):
        """What readers may see: published, and its publication time has come.

        A report that ran in several outlets is one story: lists, feeds, search and sitemaps
        show its original alone (`without_republications()`); its republications are still
        reached at their own address, by the article page (`republications=True`).
        """
        visible = self.filter(status=Article.Status.PUBLISHED, published_at__lte=current_time())
        return visible if republications else visible.without_republications()

    def without_republications(self):
        """Less the articles an editor found to be republications of a published original."""
        return self.exclude(
            models.Exists(
                DuplicateMember.objects.republications().filter(article=models.OuterRef("pk"))
            )
        )

    def create_all(self, articles):
        """Insert new `articles` in one query, filled as `Article.save()` fills them."""
        for article in articles:
            article.fill_before_saving()
        self.bulk_create(articles)
        dated = [article for article in articles if article.fill_dated_slug()]
        self.bulk_update(dated, ["slug"])
        return articles

    def for_listing(self):
        return self.select_related("source", "via").prefetch_related(
            Prefetch("credits", queryset=ArticleAuthor.objects.select_related("author")),
            "tags",
            Prefetch("images", queryset=Image.objects.order_by("order", "id")),
        )

    def for_detail(self):
        return self.for_listing()

    def with_story(self):
        """The article page's row, for `CompiledQuery.instances()`: the article's columns but
        what only the stored renderings and the admin read, then those of its stored story
        (`articles.stories`) but its feed entries, and of its place in a cluster of
        republications, if any."""
        return self.values_list(
            *columns_of(Article, leaving={"body", "lead", "original_text", "imported_values"}),
            *columns_of(ArticleStory, "story__", leaving={"rss_item", "atom_entry"}),
            *columns_of(DuplicateMember, "duplicate_membership__"),
        )

    def for_indexing(self):
        """`for_listing()` without the import's bookkeeping (the story's original text and
        what the importer wrote): what search documents, cards and revisions read."""
        return self.for_listing().defer("original_text", "imported_values")

    def with_stored_card(self, key):
        """The ids and sources, with `card_html`: the card drawn by templates `key`, or None,
        and the source and relay it was drawn with (`card_source_id`, `card_via_id`)."""
        return self.only("pk", "source_id", "via_id").annotate(
            **_of_current_card(
                key,
                card_html="html",
                card_source_id="drawn_source_id",
                card_via_id="drawn_via_id",
            )
        )

    def with_stored_result(self, key):
        """The ids, titles and sources, with `result_html`, `card_summary` and `card_text` of
        the card drawn by templates `key` (or None: `articles.cards.search_results()`) and
        the source and relay it was drawn with."""
        return self.only("pk", "title", "source_id", "via_id").annotate(
            **_of_current_card(
                key,
                result_html="result_html",
                card_summary="summary",
                card_text="text",
                card_source_id="drawn_source_id",
                card_via_id="drawn_via_id",
            )
        )

    def with_warnings(self):
        return self.exclude(warnings=[]).filter(warnings_checked=False)

    def scheduled(self):
        """Published, to appear at a time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def desk_counts(self):
        """What waits for the desk, in one query: `{"review": 2, "unchecked": 1, "scheduled": 0}`."""
        return self.aggregate(
            review=Count("pk", filter=Q(status=Article.Status.REVIEW)),
            unchecked=Count("pk", filter=~Q(warnings=[]) & Q(warnings_checked=False)),
            scheduled=Count(
                "pk",
                filter=Q(status=Article.Status.PUBLISHED, published_at__gt=timezone.now()),
            ),
        )


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("文章标签")
        verbose_name_plural = _("文章标签")
        indexes = [
            # A tag's newest articles, the related articles' bounded candidates (`articles.related`).
            models.Index(fields=["tag", "-content_object"], name="tagged_article_newest_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_tag_per_article")
        ]


class Article(ArticleReaderMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        REVIEW = "review", _("待审")
        PUBLISHED = "published", _("已发布")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("精确到日")
        MOMENT = "moment", _("精确到时刻")
        UNKNOWN = "unknown", _("日期不详")

    class Pin(models.TextChoices):
        HEADLINE = "headline", _("头条")
        SECTION = "section", _("栏目置顶")

    title = models.CharField(_("标题"), max_length=300)
    kicker = models.CharField(
        _("引题"), max_length=300, blank=True, help_text=_("标题上方的一行，如单位名称。")
    )
    subtitle = models.CharField(
        _("副题"), max_length=300, blank=True, help_text=_("标题下方或破折号后的补充标题。")
    )
    slug = models.SlugField(
        _("网址别名"), max_length=SLUG_MAX_LENGTH, allow_unicode=True, blank=True
    )
    lead = models.TextField(
        _("导语"), blank=True, help_text=_("列表中显示的摘要；留空则截取正文。")
    )
    body = models.TextField(_("正文"), blank=True, help_text=_("经过清洗的 HTML。"))
    section = models.CharField(
        _("版面"),
        max_length=200,
        blank=True,
        help_text=_("报纸版面的栏目名，如“党旗在一线高高飘扬”。"),
    )
    dateline = models.CharField(
        _("电头地点"), max_length=50, blank=True, help_text=_("如“呼和浩特讯”中的“呼和浩特”。")
    )
    reported_at = models.DateTimeField(
        _("原稿日期"), null=True, blank=True, help_text=_("原稿所署日期；不详则留空，切勿猜测。")
    )
    date_precision = models.CharField(
        _("日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("发布时间"), null=True, blank=True, help_text=_("本站发布时间；设在将来即为定时发布。")
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("来源"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("稿件出自哪家媒体，如人民网、运城晚报。"),
    )
    via = models.ForeignKey(
        Source,
        verbose_name=_("转载自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_articles",
        help_text=_("稿件经由哪个平台转来，如趣头条、红网。"),
    )
    original_url = models.URLField(_("原文网址"), max_length=1000, blank=True)
    pin = models.CharField(
        _("置顶"),
        max_length=10,
        choices=Pin.choices,
        blank=True,
        default="",
        help_text=_("头条：首页最上方；栏目置顶：所在栏目页最上方。须同时填写“置顶至”。"),
    )
    pinned_until = models.DateTimeField(
        _("置顶至"), null=True, blank=True, help_text=_("到这个时间，置顶自动取消。")
    )
    tags = TaggableManager(_("标签"), through=TaggedArticle, blank=True)

    imported_file = models.ForeignKey(
        ImportedFile,
        verbose_name=_("导入文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    position = models.PositiveIntegerField(
        _("文件中的位置"), null=True, blank=True, help_text=_("该稿是文件中的第几篇（从 1 开始）。")
    )
    original_text = models.TextField(_("原稿文本"), blank=True)
    import_key = models.CharField(_("导入键"), max_length=64, unique=True, null=True, blank=True)
    imported_values = models.JSONField(
        _("导入时的字段值"),
        default=dict,
        blank=True,
        encoder=UnicodeJSONEncoder,
        help_text=_("用于判断编辑改动过哪些字段。"),
    )
    warnings = models.JSONField(_("导入提示"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    warnings_checked = models.BooleanField(_("提示已核对"), default=False)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        permissions = [
            ("publish_article", _("可以发布、撤回文章")),
            ("pin_article", _("可以设置头条和栏目置顶")),
        ]
        indexes = [
            # The reader's order (`newest_first()`), so deep pages walk the index alone.
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_pub_id_idx"
            ),
            models.Index(
                fields=["source", "status", "-published_at"], name="article_source_pub_idx"
            ),
            models.Index(fields=["via", "status", "-published_at"], name="article_via_pub_idx"),
            models.Index(fields=["reported_at"], name="article_reported_idx"),
            # A section's page, newest first (`in_section()`).
            models.Index(
                fields=["section", "status", "-published_at", "-id"], name="article_section_pub_idx"
            ),
            # The admin's list, newest first: at 100,000 articles its page sorted every row.
            models.Index(fields=["-created_at", "-id"], name="article_created_id_idx"),
            # The few pinned articles, found without reading the others.
            models.Index(
                fields=["pin", "pinned_until"], condition=~Q(pin=""), name="article_pinned_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_time",
            ),
            models.CheckConstraint(
                condition=Q(via__isnull=True) | ~Q(via=models.F("source")),
                name="via_differs_from_source",
            ),
            models.CheckConstraint(
                condition=Q(pin="") | Q(pinned_until__isnull=False),
                name="pin_has_end",
                violation_error_message=_("置顶须填写“置顶至”的时间。"),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_before_saving()
        super().save(*args, **kwargs)
        if self.fill_dated_slug():
            type(self).objects.filter(pk=self.pk).update(slug=self.slug)

    def get_absolute_url(self):
        return self.url_for(self.pk, self.slug)

    def fill_before_saving(self):
        """The slug from the title, and a published article's publication time, when missing."""
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:SLUG_MAX_LENGTH]
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def fill_dated_slug(self):
        """A saved article whose title makes no slug gets `20220420-17`; True when it did."""
        if self.slug:
            return False
        day = (self.reported_at or self.created_at).astimezone(timezone.get_current_timezone())
        self.slug = f"{day:%Y%m%d}-{self.pk}"
        return True

    @staticmethod
    def url_for(pk, slug):
        """An article's address from its id and slug alone, for pages that list many: what
        `reverse()` gives, filled into the address it gave once per script prefix and URLconf
        (20 reversals were ~1 ms of a search page's ~6 ms of CPU). A slug the pattern would
        refuse (empty, or with a `/`) is left to `reverse()` to refuse."""
        if not slug or "/" in slug:
            return reverse("articles:article_detail", kwargs={"pk": pk, "slug": slug})
        address = _article_address(get_script_prefix(), get_urlconf())
        return address.format(pk=int(pk), slug=quote(slug, safe=RFC3986_SUBDELIMS + "/~:@"))

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Published, but its publication time is still to come (定时发布)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def needs_checking(self):
        """The importer left warnings that no editor has checked yet: not to be published so."""
        return bool(self.warnings) and not self.warnings_checked

    @property
    def lead_image(self):
        images = list(self.images.all())
        return images[0] if images else None

    def credits_by_role(self):
        """[(role label, [author, …]), …] in the order the credits were given."""
        return [
            (ArticleAuthor.Role(role).label, people) for role, people in self._credits_grouped()
        ]

    def _credits_grouped(self):
        # By role value: labelling each credit (`get_role_display()`) cost a list of 20
        # search results ~30 ms.
        grouped = {}
        for credit in self.credits.all():
            grouped.setdefault(credit.role, []).append(credit.author)
        return list(grouped.items())


class ArticleAuthor(models.Model):
    class Role(models.TextChoices):
        REPORTER = "reporter", _("记者")
        SPECIAL_REPORTER = "special_reporter", _("特约记者")
        CORRESPONDENT = "correspondent", _("通讯员")
        INTERN = "intern", _("实习生")
        PHOTOGRAPHER = "photographer", _("摄影")
        AUTHOR = "author", _("作者")
        EDITOR = "editor", _("编辑")
        RESPONSIBLE_EDITOR = "responsible_editor", _("责任编辑")
        DESIGNER = "designer", _("美编")
        PROOFREADER = "proofreader", _("校对")
        REVIEWER = "reviewer", _("审核")
        TRANSLATOR = "translator", _("编译")

    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="credits"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("作者"), on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField(_("身份"), max_length=30, choices=Role.choices, default=Role.AUTHOR)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author", "role"], name="unique_credit_per_role"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.author}"


def image_upload_path(instance, filename):
    return renditions.original_name(instance.sha256, renditions.extension_of(filename))


class ImageQuerySet(models.QuerySet):
    def reuse_in(self, article):
        """These pictures added to `article` after its own images, their stored file shared
        (nothing is uploaded or stored again), caption and credit copied; returns the new rows."""
        start = article.images.count()
        copies = Image.objects.bulk_create(
            Image(
                article=article,
                order=start + index,
                file=image.file.name,
                original_url=image.original_url,
                width=image.width,
                height=image.height,
                sha256=image.sha256,
                caption=image.caption,
                credit=image.credit,
                credit_author_id=image.credit_author_id,
                alt_text=image.alt_text,
            )
            for index, image in enumerate(self)
        )
        article.refresh_search_document()
        return copies


class Image(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="images"
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    file = models.ImageField(
        _("图片文件"),
        upload_to=image_upload_path,
        width_field="width",
        height_field="height",
        blank=True,
    )
    original_url = models.URLField(
        _("原图网址"), max_length=1000, blank=True, help_text=_("去掉代理前缀后的原始地址。")
    )
    width = models.PositiveIntegerField(_("宽"), null=True, blank=True)
    height = models.PositiveIntegerField(_("高"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    caption = models.TextField(_("图说"), blank=True)
    credit = models.CharField(
        _("摄影署名"), max_length=200, blank=True, help_text=_("如“人民网 寇雅楠摄”。")
    )
    credit_author = models.ForeignKey(
        Author,
        verbose_name=_("摄影者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    alt_text = models.CharField(_("替代文字"), max_length=300, blank=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(original_url=""), name="image_has_file_or_url"
            )
        ]

    def __str__(self):
        return self.caption or self.original_url or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            upload = self.file
            upload.open("rb")
            upload.seek(0)
            self.set_file_content(upload.read(), upload.name)
        super().save(*args, **kwargs)

    @property
    def url(self):
        """The stored file's address, else the remote one if it is http(s) (never `javascript:`)."""
        if self.file:
            return self.file.url
        return self.original_url if is_http_url(self.original_url) else ""

    def rendition(self, width):
        """The address of this picture at most `width` pixels wide as WebP, made once with
        Pillow and kept in storage (`renditions.rendition_url`); a hot-linked image, or one
        whose stored file is gone, has none and its address is given."""
        if not self.file or not self.sha256:
            return self.url
        made = renditions.rendition_url(self.file.storage, self.file.name, self.sha256, width)
        return made or self.url

    @cached_property
    def picture(self):
        """The article page's `<picture>` sources (`renditions.Picture`), or None for a remote
        image."""
        return self._picture(renditions.ARTICLE_WIDTHS, renditions.ARTICLE_SIZES)

    @cached_property
    def card_picture(self):
        """A card's small `<picture>` (never the original), or None for a remote image."""
        return self._picture((renditions.CARD_WIDTH,), renditions.CARD_SIZES)

    @cached_property
    def shared(self):
        """What a shared link shows (`renditions.SharedPicture`): a 1,200-pixel rendition, not
        the original; the remote address of a hot-linked image (its size unknown)."""
        if self.file and self.sha256 and self.width and self.height:
            made = renditions.shared_picture(
                self.file.storage, self.file.name, self.sha256, self.width, self.height
            )
            if made is not None:
                return made
        return renditions.SharedPicture(self.url, self.width or 0, self.height or 0)

    def _picture(self, widths, sizes):
        if not self.file or not self.sha256 or not self.width:
            return None
        return renditions.picture(
            self.file.storage, self.file.name, self.sha256, self.width, widths, sizes
        )

    def set_file_content(self, content, filename=""):
        """Store `content` (bytes) through the default storage, named by its SHA-256
        (`renditions.store_original`), and fill width, height and hash; `ValidationError` if
        the bytes are no picture. The row itself is saved by the caller."""
        stored = renditions.store_original(self.file.storage, content, filename)
        self.file = stored.name
        self.sha256, self.width, self.height = stored.sha256, stored.width, stored.height
        transaction.on_commit(partial(queue_renditions, stored))


def queue_renditions(stored):
    """Queue the renditions of a picture just stored (`tasks.make_renditions`)."""
    from .tasks import make_renditions

    make_renditions.enqueue(stored.name, stored.sha256, stored.width)


def is_http_url(url):
    """Only http(s) addresses are shown on public pages: `javascript:alert(1)` is not one."""
    return urlsplit(url or "").scheme.lower() in {"http", "https"}


# ---------------------------------------------------------------------------
# Editorial records kept by the admin: revisions of articles, redirects of merged tags.
# ---------------------------------------------------------------------------


class Revision(models.Model):
    """What an article looked like after one save, and who saved it."""

    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="revisions"
    )
    created_at = models.DateTimeField(_("保存时间"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保存人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="article_revisions",
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    data = models.JSONField(_("内容快照"), default=dict, encoder=UnicodeJSONEncoder)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("修订")
        verbose_name_plural = _("修订")
        indexes = [models.Index(fields=["article", "-created_at"], name="revision_article_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class TagRedirect(models.Model):
    """The public address of a tag merged away or renamed, pointing at the tag that took it over."""

    old_slug = models.SlugField(_("旧网址别名"), max_length=100, unique=True, allow_unicode=True)
    tag = models.ForeignKey(
        "taggit.Tag", verbose_name=_("现标签"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("标签跳转")
        verbose_name_plural = _("标签跳转")
        permissions = [("merge_tag", _("可以合并标签"))]

    def __str__(self):
        return f"{self.old_slug} → {self.tag}"


# --- Reader site: the search document (branch `reader`) ----------------------------------------


class ArticleSearchDocumentQuerySet(models.QuerySet):
    REFRESH_BATCH = 500

    def refresh(self, article_ids):
        """Rebuild the search documents and cards of these articles; returns how many."""
        ids = list(article_ids)
        written = 0
        for start in range(0, len(ids), self.REFRESH_BATCH):
            batch = Article.objects.filter(pk__in=ids[start : start + self.REFRESH_BATCH])
            written += len(self.store(batch.for_indexing()))
        return written

    def store(self, articles):
        """Write the search documents, cards, stories and related articles of `articles`,
        loaded `for_indexing()`, one upsert each (the related articles: `articles.related.store`).
        Returns the documents."""
        return self.write(self.draw(articles))

    def draw(self, articles):
        """The search documents, cards and stories of `articles` (loaded `for_indexing()`),
        built and rendered but not written: an import draws each file's in its own savepoint
        and writes a batch of files' at once (`write`)."""
        articles = list(articles)
        return DrawnRows(
            articles=articles,
            documents=[ArticleSearchDocument.of(article, using=self.db) for article in articles],
            cards=ArticleCard.objects.draw(articles),
            stories=ArticleStory.objects.draw(articles),
        )

    def write(self, drawn):
        """Write `DrawnRows`: the cards, the stories, the related articles of their articles,
        then the documents. Returns these."""
        from articles import related

        ArticleCard.objects.write(drawn.cards)
        ArticleStory.objects.write(drawn.stories)
        related.store(drawn.articles)
        return self.bulk_create(
            drawn.documents,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["headline_tokens", "body_tokens", "headline_text", "body_text"],
        )


@dataclass
class DrawnRows:
    """Articles (loaded `for_indexing()`) with their search documents, cards and stories, drawn
    and not yet written."""

    articles: list
    documents: list
    cards: list
    stories: list

    @classmethod
    def merged(cls, many):
        """One `DrawnRows` of `many`, each article and its rows once: the last drawn of them."""
        many = list(many)
        return cls(
            list({article.pk: article for drawn in many for article in drawn.articles}.values()),
            *(
                list(
                    {row.article_id: row for drawn in many for row in getattr(drawn, kind)}.values()
                )
                for kind in ("documents", "cards", "stories")
            ),
        )

    def article_ids(self):
        return [document.article_id for document in self.documents]


class ArticleSearchDocument(models.Model):
    """An article's words as character tokens, indexed by the database (see `articles.search`).

    Kept current by the signal receivers below, at commit, whenever an article, its
    credits, tags or images, or a credited author's or tag's name change through the
    ORM; after raw SQL or `QuerySet.update()` run `manage.py refresh_search_documents`.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("文章"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    headline_text = models.TextField(_("标题文本"), blank=True)
    body_text = models.TextField(_("正文文本"), blank=True)
    headline_tokens = models.TextField(_("标题词元"), blank=True)
    body_tokens = models.TextField(_("正文词元"), blank=True)

    objects = ArticleSearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")

    def __str__(self):
        return str(self.article_id)

    @classmethod
    def of(cls, article, using=DEFAULT_DB_ALIAS):
        """The document for `article`, whose credits, tags and images are prefetched, as the
        database `using` indexes it (`articles.search`: words or tokens)."""
        headline = [article.title, article.kicker, article.subtitle]
        body = [
            article.lead,
            article.body_text,
            *(f"{image.caption} {image.credit}" for image in article.images.all()),
            *(credit.author.name for credit in article.credits.all()),
            *(tag.name for tag in article.tags.all()),
        ]
        return cls(
            article=article, **search_backends.backend_for(using).document_fields(headline, body)
        )


class ArticleCardQuerySet(models.QuerySet):
    def store(self, articles):
        """Render and store the cards of `articles` (credits, tags and images prefetched).

        Returns the cards, in the order of `articles`.
        """
        return self.write(self.draw(articles))

    def draw(self, articles):
        """The cards of `articles` (credits, tags and images prefetched), rendered, unsaved."""
        from articles import cards

        return [
            ArticleCard(
                article=article,
                **cards.render_card(article),
                key=cards.card_key(),
                drawn_source_id=article.source_id,
                drawn_via_id=article.via_id,
            )
            for article in articles
        ]

    def write(self, drawn):
        """Upsert the cards `drawn`, in one query."""
        return self.bulk_create(
            drawn,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[
                *("html", "result_html", "summary", "text", "key"),
                *("drawn_source_id", "drawn_via_id"),
            ],
        )


class ArticleCard(models.Model):
    """An article's card on list pages, rendered at commit (see `articles.cards`)."""

    article = models.OneToOneField(
        Article,
        verbose_name=_("文章"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="card",
    )
    html = models.TextField(_("卡片 HTML"))
    # The card as a search result, with marks where the highlighted title, summary and snippet
    # go, and the plain texts they are drawn from (`articles.cards.search_result_html()`).
    # Empty in the database by default, so that code from before them can still store cards
    # while the new code rolls out.
    result_html = models.TextField(_("搜索结果 HTML"), blank=True, db_default="")
    summary = models.TextField(_("摘要"), blank=True, db_default="")
    text = models.TextField(_("正文纯文本"), blank=True, db_default="")
    key = models.CharField(_("模板版本"), max_length=32, help_text=_("绘制此卡片的模板与语言。"))
    # The source and relay the card names: bulk updates (the admin's "set source", source
    # merges) change an article's without a signal, and such a card is then drawn anew.
    drawn_source_id = models.BigIntegerField(_("绘制时的来源"), null=True, blank=True)
    drawn_via_id = models.BigIntegerField(_("绘制时的转载来源"), null=True, blank=True)

    objects = ArticleCardQuerySet.as_manager()

    class Meta:
        verbose_name = _("文章卡片")
        verbose_name_plural = _("文章卡片")

    def __str__(self):
        return str(self.article_id)


class ArticleStoryQuerySet(models.QuerySet):
    def store(self, articles):
        """Render and store the stories of `articles` (credits, tags and images prefetched),
        in the site's language. Returns them, in the order of `articles`."""
        return self.write(self.draw(articles))

    def draw(self, articles):
        """The stories of `articles` rendered in the site's language, unsaved."""
        from articles import stories

        with translation.override(settings.LANGUAGE_CODE):
            return [stories.draw(article) for article in articles]

    def write(self, drawn):
        """Upsert the stories `drawn`, in one query."""
        return self.bulk_create(
            drawn,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[
                *("key", "drawn_source_id", "drawn_via_id", "summary"),
                *("header_html", "body_html", "footer_html", "line_html", "head"),
                *FEED_ENTRY_FIELDS,
            ],
        )


class ArticleStory(models.Model):
    """An article's page, rendered at commit but for what changes without it (see
    `articles.stories`)."""

    article = models.OneToOneField(
        Article,
        verbose_name=_("文章"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="story",
    )
    key = models.CharField(_("模板版本"), max_length=32, help_text=_("绘制此页面的模板与语言。"))
    # As on `ArticleCard`: bulk updates change an article's source without a signal.
    drawn_source_id = models.BigIntegerField(_("绘制时的来源"), null=True, blank=True)
    drawn_via_id = models.BigIntegerField(_("绘制时的转载来源"), null=True, blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    header_html = models.TextField(_("报头 HTML"), blank=True)
    body_html = models.TextField(_("正文 HTML"), blank=True)
    footer_html = models.TextField(_("文末 HTML"), blank=True)
    # Its line among another article's related articles (title, date, source). Empty in the
    # database by default, so that code from before it can still store stories.
    line_html = models.TextField(_("相关文章行 HTML"), blank=True, db_default="")
    head = models.JSONField(
        _("页面元数据"),
        default=dict,
        encoder=UnicodeJSONEncoder,
        help_text=_("分享图片与结构化数据（地址为站内相对地址）。"),
    )
    # Its entries in the feeds (`articles.feeds`), the RSS `<item>` and the Atom `<entry>`, with
    # `<>` where the site's address goes: drawn by the code `feed_key` names, of the article as
    # it was at `feed_updated_at` (bulk updates move an article's `updated_at` without a
    # signal). Empty in the database by default, as `line_html`.
    feed_key = models.CharField(
        _("订阅条目版本"),
        max_length=32,
        blank=True,
        db_default="",
        help_text=_("绘制订阅条目的代码。"),
    )
    feed_updated_at = models.DateTimeField(_("订阅条目绘制时的更新时间"), null=True, blank=True)
    rss_item = models.TextField(_("RSS 条目 XML"), blank=True, db_default="")
    atom_entry = models.TextField(_("Atom 条目 XML"), blank=True, db_default="")

    objects = ArticleStoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("文章页面")
        verbose_name_plural = _("文章页面")

    def __str__(self):
        return str(self.article_id)

    @property
    def lead_image(self):
        """`{"url", "width", "height"}` of the picture a shared link shows, or None."""
        image = self.head.get("lead_image")
        return dict(zip(("url", "width", "height"), image, strict=True)) if image else None

    @property
    def tag_names(self):
        return self.head.get("linked_data", {}).get("keywords", [])


class RelatedArticle(models.Model):
    """`related` is the `rank`-th most related article to `article` (see `articles.related`)."""

    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        Article,
        verbose_name=_("相关文章"),
        on_delete=models.CASCADE,
        related_name="listed_as_related",
    )
    rank = models.PositiveSmallIntegerField(_("排序"), help_text=_("0 为最相关。"))

    class Meta:
        ordering = ["article", "rank"]
        verbose_name = _("相关文章")
        verbose_name_plural = _("相关文章")
        constraints = [
            models.UniqueConstraint(fields=["article", "rank"], name="unique_related_rank"),
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_article"),
        ]

    def __str__(self):
        return f"{self.article_id} → {self.related_id}"


_pending_refresh = threading.local()


def refresh_search_documents_on_commit(article_ids, using=DEFAULT_DB_ALIAS):
    """Refresh these articles' documents when the transaction commits, all in one batch.

    An import or an admin save writes an article, then its credits, tags and images
    (some with bulk_create, which sends no signal): refreshing at commit reads them
    all, once. Outside a transaction it happens at once.
    """
    pending = _pending_refresh.__dict__.setdefault(using, set())
    pending.update(article_ids)
    # One callback per change: a callback dropped with a rolled-back savepoint leaves
    # the others to flush the batch.
    transaction.on_commit(partial(_refresh_pending, using), using=using)


def refresh_search_documents_now(article_ids, using=DEFAULT_DB_ALIAS):
    """Refresh these articles' documents now, inside the caller's transaction, so that they
    commit (or roll back) with the articles; the refresh waiting for the commit skips them."""
    article_ids = set(article_ids)
    _pending_refresh.__dict__.get(using, set()).difference_update(article_ids)
    return ArticleSearchDocument.objects.refresh(sorted(article_ids))


def store_drawn_rows_now(drawn, using=DEFAULT_DB_ALIAS):
    """`refresh_search_documents_now` of articles whose rows are already drawn
    (`ArticleSearchDocumentQuerySet.draw`): written now, and skipped by the refresh at commit."""
    _pending_refresh.__dict__.get(using, set()).difference_update(drawn.article_ids())
    return ArticleSearchDocument.objects.db_manager(using).write(drawn)


def _refresh_pending(using):
    article_ids = _pending_refresh.__dict__.pop(using, set())
    if article_ids:
        ArticleSearchDocument.objects.refresh(sorted(article_ids))


def _deleting_the_article(origin):
    return isinstance(origin, Article) or getattr(origin, "model", None) is Article


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def _article_saved(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if not raw:
        refresh_search_documents_on_commit([instance.pk], using)


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="search_credit_saved")
@receiver(post_save, sender=TaggedArticle, dispatch_uid="search_tagging_saved")
@receiver(post_save, sender=Image, dispatch_uid="search_image_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="search_credit_deleted")
@receiver(post_delete, sender=TaggedArticle, dispatch_uid="search_tagging_deleted")
@receiver(post_delete, sender=Image, dispatch_uid="search_image_deleted")
def _article_part_changed(
    sender, instance, raw=False, origin=None, using=DEFAULT_DB_ALIAS, **kwargs
):
    article_id = getattr(instance, "content_object_id", None) or instance.article_id
    if not raw and not _deleting_the_article(origin):
        refresh_search_documents_on_commit([article_id], using)


@receiver(post_save, sender=Author, dispatch_uid="search_author_renamed")
def _author_saved(sender, instance, created=False, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if not (created or raw):
        article_ids = instance.credits.values_list("article_id", flat=True).distinct()
        refresh_search_documents_on_commit(article_ids, using)


@receiver(post_save, sender=Source, dispatch_uid="card_source_renamed")
def _source_saved(sender, instance, created=False, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """A source's name and address are on its articles' cards."""
    if not (created or raw):
        article_ids = Article.objects.from_source(instance).values_list("pk", flat=True)
        refresh_search_documents_on_commit(article_ids, using)


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_renamed")
def _tag_saved(sender, instance, created=False, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if not (created or raw):
        tagged = TaggedArticle.objects.filter(tag=instance)
        refresh_search_documents_on_commit(
            tagged.values_list("content_object_id", flat=True), using
        )


# Near-duplicate reports (fingerprints, clusters): their own module, pointing at `Article`.
from .near_duplicates import (  # noqa: E402, F401
    ArticleFingerprint,
    DistinctPair,
    DuplicateCluster,
    DuplicateMember,
    FingerprintBand,
)
