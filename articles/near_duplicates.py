"""Near-duplicate records: each article's fingerprint and band keys, clusters of reports that are
one story, and the pairs an editor said are not. Imported by `articles.models`; the rules that
write them are in `articles.services.duplicates`."""

from django.conf import settings
from django.db import connections, models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .compiled import CompiledQuery, ValueList, current_time
from .fingerprints import Fingerprint


class ArticleFingerprint(models.Model):
    """An article's MinHash (see `articles.fingerprints`), with its band keys in `FingerprintBand`."""

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("文章"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="fingerprint",
    )
    signature = models.BinaryField(_("MinHash 签名"))
    size = models.PositiveIntegerField(_("字符片段数"))
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    class Meta:
        verbose_name = _("稿件指纹")
        verbose_name_plural = _("稿件指纹")

    def __str__(self):
        return str(self.article_id)

    def as_fingerprint(self):
        return Fingerprint.from_bytes(self.signature, self.size)


# The articles a lookup reads for one band key, the newest first. A key held by more is a report
# relayed many times over, already one cluster: its newest members are enough to join it, and
# reading them all made each import of it slower than the last (a report stored 667 times:
# 28,000 band rows read for each new copy).
ARTICLES_PER_BAND_KEY = 8


class FingerprintBandQuerySet(models.QuerySet):
    def sharing(self, keys):
        """The band rows holding one of `keys`, at most `ARTICLES_PER_BAND_KEY` a key, the
        newest: `(key, *COMPARED)` of each, `COMPARED` being what a lookup compares (the
        fingerprint) and what its note says (the article)."""
        newest = Window(RowNumber(), partition_by=F("key"), order_by=F("fingerprint_id").desc())
        return (
            self.filter(key__any_of=keys)
            .annotate(rank=newest)
            .filter(rank__lte=ARTICLES_PER_BAND_KEY)
            .values_list("key", *(f"fingerprint__{field}" for field in COMPARED))
        )

    def store(self, fingerprints):
        """Store the band keys of `fingerprints` (`(article id, Fingerprint)` pairs). On
        PostgreSQL two arrays in one statement: a model instance a row (a story has 42) was a
        twentieth of an import's time."""
        pairs = [(pk, key) for pk, fingerprint in fingerprints for key in fingerprint.band_keys()]
        connection = connections[self.db]
        if connection.vendor != "postgresql":
            self.bulk_create(FingerprintBand(fingerprint_id=pk, key=key) for pk, key in pairs)
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(self.model._meta.db_table)}"
                " (fingerprint_id, key) SELECT * FROM UNNEST(%s::bigint[], %s::bigint[])",
                [[pk for pk, _key in pairs], [key for _pk, key in pairs]],
            )

    def fingerprints_sharing(self, keys):
        """`(article id, size, signature, keys shared, title, import key, reported_at,
        published_at, source name, merged into)` of each fingerprint `sharing(keys)` finds, in one
        query. On PostgreSQL a function of migration 0015 (planned once a connection; each key's
        newest rows read from the index alone, `LIMIT` a key: the window reads and sorts every
        row of a key before numbering them, 11 ms for a report stored 660 times)."""
        connection = connections[self.db]
        if connection.vendor != "postgresql":
            found = {}
            for key, article_id, *compared in _SHARING.rows(keys, using=self.db):
                size, signature, *article = compared
                row = found.setdefault(article_id, [article_id, size, signature, [], *article])
                row[3].append(key)
            return [tuple(row) for row in found.values()]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT * FROM articles_alike_fingerprints(%s, %s)",
                [ValueList(keys), ARTICLES_PER_BAND_KEY],
            )
            return cursor.fetchall()


# A stored fingerprint's fields a lookup reads, as `ArticleFingerprint` lookups.
COMPARED = (
    "article_id",
    "size",
    "signature",
    "article__title",
    "article__import_key",
    "article__reported_at",
    "article__published_at",
    "article__source__name",
    "article__duplicate_membership__merged_into",
)


class FingerprintBand(models.Model):
    """One LSH band key of a fingerprint: stories sharing a key are compared."""

    fingerprint = models.ForeignKey(
        ArticleFingerprint,
        verbose_name=_("稿件指纹"),
        on_delete=models.CASCADE,
        related_name="bands",
    )
    key = models.BigIntegerField(_("分段键"))

    objects = FingerprintBandQuerySet.as_manager()

    class Meta:
        verbose_name = _("指纹分段")
        verbose_name_plural = _("指纹分段")
        indexes = [models.Index(fields=["key", "fingerprint"], name="fingerprint_band_key_idx")]

    def __str__(self):
        return f"{self.fingerprint_id}:{self.key}"


_SHARING = CompiledQuery(lambda keys: FingerprintBand.objects.sharing(keys))


class DuplicateCluster(models.Model):
    """Articles that are one report from several outlets; the editor may name its original."""

    original = models.ForeignKey(
        "articles.Article",
        verbose_name=_("首发"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("编辑认定的首发稿件；其余为转载，列表中只显示首发。"),
    )
    created_at = models.DateTimeField(_("发现时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("最近变动"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("重复稿件")
        verbose_name_plural = _("重复稿件")
        permissions = [("merge_duplicatecluster", _("可以合并重复稿件"))]
        indexes = [models.Index(fields=["-updated_at", "-id"], name="duplicate_cluster_recent_idx")]

    def __str__(self):
        return _("重复稿件组 %(id)s") % {"id": self.pk}

    def get_admin_url(self):
        return reverse("admin:articles_duplicatecluster_change", args=[self.pk])


class DuplicateMemberQuerySet(models.QuerySet):
    def republications(self):
        """Members that are not their cluster's original, when a published one is named."""
        from .models import Article

        return self.filter(
            cluster__original__status=Article.Status.PUBLISHED,
            cluster__original__published_at__lte=current_time(),
        ).exclude(cluster__original=models.F("article"))


class DuplicateMember(models.Model):
    """One article's place in a cluster: what it resembled, and the original it was merged into."""

    cluster = models.ForeignKey(
        DuplicateCluster,
        verbose_name=_("重复稿件组"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("文章"),
        on_delete=models.CASCADE,
        related_name="duplicate_membership",
    )
    similarity = models.FloatField(_("相似度"), default=0)
    merged_into = models.ForeignKey(
        "articles.Article",
        verbose_name=_("已合并到"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_members",
        help_text=_("合并后本稿只是指向首发的跳转。"),
    )
    joined_at = models.DateTimeField(_("加入时间"), default=timezone.now)

    objects = DuplicateMemberQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "joined_at", "id"]
        verbose_name = _("重复稿件成员")
        verbose_name_plural = _("重复稿件成员")

    def __str__(self):
        return f"{self.cluster_id}: {self.article_id}"


class DistinctPair(models.Model):
    """Two articles an editor said are different reports: never flagged together again."""

    first = models.ForeignKey(
        "articles.Article", verbose_name=_("文章"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        "articles.Article", verbose_name=_("另一篇"), on_delete=models.CASCADE, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("判定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("判定时间"), default=timezone.now)

    class Meta:
        verbose_name = _("非重复判定")
        verbose_name_plural = _("非重复判定")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_distinct_pair"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="distinct_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.first_id} ≠ {self.second_id}"
