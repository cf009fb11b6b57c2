"""Near-duplicate reports through the real importer, the database (SQLite and PostgreSQL), the
admin's decisions and the reader's pages."""

import json
import random
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import fingerprints
from articles.compiled import CompiledQuery
from articles.importer import persist, preview
from articles.importer.records import SourceRecord
from articles.models import (
    Article,
    ArticleFingerprint,
    DistinctPair,
    DuplicateCluster,
    DuplicateMember,
    FingerprintBand,
)
from articles.near_duplicates import ARTICLES_PER_BAND_KEY
from articles.services import duplicates
from tests.articles.admin_fixtures import ensure_editorial_groups, make_user
from tests.articles.duplicate_files import import_story, story, story_file
from tests.articles.duplicate_variants import edited, traditional
from tests.articles.importer import builders
from tests.articles.reader_data import committed

pytestmark = pytest.mark.django_db

ESTATES = story("old_estates")
RNG = random.Random(3)
LOOKUP = "articles_alike_fingerprints"  # PostgreSQL's lookup function (migration 0015)


def reprint(base=ESTATES, title="纺织厂家属院改造完工 三十年老院焕新"):
    """Another paper's reprint: traditional characters, 10% edited, a new headline."""
    changed = traditional(edited(0.10)(base, RNG), RNG)
    return type(base)(base.key, title, changed.paragraphs)


def import_original():
    with committed():
        report = import_story(
            "renmin.md", ESTATES, source="人民网", date="2022-03-07", authors=["刘文静"]
        )
    return Article.objects.get(pk=report.articles[0].pk)


def import_mirror(name="qtt.md", base=None, **fields):
    fields = {"source": "人民网", "relay": "趣头条", "date": "2022-03-07", **fields}
    with committed():
        return import_story(name, base or reprint(), **fields)


class TestImport:
    def test_a_reprint_is_flagged_and_clustered_with_the_article_it_repeats(self):
        original = import_original()
        report = import_mirror()
        (note,) = report.duplicates
        assert re.fullmatch(
            r"可能与《老旧小区换新颜 居民住得更舒心》（人民网，2022年3月7日）重复，相似度 \d+%",
            note["note"],
        )
        assert note["url"] == f"/admin/articles/article/{original.pk}/change/"
        assert note["message"] in report.describe()
        assert note["message"] in report.details()
        mirror = report.articles[0]
        cluster = DuplicateCluster.objects.get()
        assert set(cluster.members.values_list("article_id", flat=True)) == {
            original.pk,
            mirror.pk,
        }
        assert cluster.original is None  # nothing decided, nothing merged automatically
        assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == 2

    def test_the_preview_says_so_and_writes_nothing(self):
        import_original()
        report = import_mirror(dry_run=True)
        assert report.status == "parsed"
        (note,) = report.duplicates
        assert note["story"] == "纺织厂家属院改造完工 三十年老院焕新"
        assert note["similarity"] >= duplicates.THRESHOLD
        assert note["message"] in report.describe()
        (cut,) = preview.cuts(report)
        assert cut.duplicates == (note,)
        assert Article.objects.count() == 1
        assert not DuplicateCluster.objects.exists()

    def test_previewing_a_file_already_imported_flags_nothing(self):
        import_original()
        report = import_story(
            "renmin.md",
            ESTATES,
            source="人民网",
            date="2022-03-07",
            authors=["刘文静"],
            dry_run=True,
        )
        assert report.already_imported and report.duplicates == []

    def test_the_command_line_and_report_carry_the_note(self, tmp_path):
        import_original()
        path = tmp_path / "qtt.md"
        path.write_bytes(story_file(reprint(), source="人民网", relay="趣头条", date="2022-03-07"))
        output, printed = tmp_path / "report.json", StringIO()
        with committed():
            call_command("import_seeds", str(path), "--report", str(output), stdout=printed)
        printed = printed.getvalue()
        assert "可能与《老旧小区换新颜 居民住得更舒心》（人民网，2022年3月7日）重复" in printed
        (file_report,) = json.loads(output.read_text())["files"]
        assert file_report["duplicates"][0]["title"] == "老旧小区换新颜 居民住得更舒心"

    def test_articles_stored_before_fingerprints_are_clustered_by_the_command(self):
        original = import_original()
        mirror = import_mirror().articles[0]
        DuplicateCluster.objects.all().delete()
        ArticleFingerprint.objects.all().delete()
        printed = StringIO()
        call_command("fingerprint_articles", stdout=printed)
        assert "已为 2 篇文章计算指纹，其中 1 篇疑似重复。" in printed.getvalue()
        assert set(DuplicateMember.objects.values_list("article_id", flat=True)) == {
            original.pk,
            mirror.pk,
        }
        call_command("fingerprint_articles", stdout=StringIO())  # nothing left to do
        assert DuplicateMember.objects.count() == 2

    def test_different_reports_from_one_page_are_not_flagged(self):
        with committed():
            import_story(
                "canteen.md", story("community_canteen"), source="运城晚报", date="2022-04-12"
            )
            report = import_story(
                "station.md", story("elderly_station"), source="运城晚报", date="2022-04-12"
            )
            brief = import_story("b1.md", story("brief_0419"), source="运城晚报", date="2022-04-19")
            next_brief = import_story(
                "b2.md", story("brief_0420"), source="运城晚报", date="2022-04-20"
            )
        assert report.duplicates == [] and brief.duplicates == [] and next_brief.duplicates == []
        assert not DuplicateCluster.objects.exists()

    def test_a_lookup_costs_the_same_queries_however_many_articles_are_stored(
        self, django_assert_num_queries
    ):
        import_original()
        for index in range(5):
            import_story(
                f"other{index}.md", story("paper_cutting"), source=f"报{index}", date="2022-05-01"
            )
        fingerprint = fingerprints.fingerprint_story(reprint().body_html)
        with django_assert_num_queries(1):  # the bands shared, their fingerprints and articles
            (found,) = duplicates.resembling(fingerprint)
        assert found.title == ESTATES.title
        unrelated = fingerprints.fingerprint_story(story("drowning_safety").body_html)
        with django_assert_num_queries(1):
            assert duplicates.resembling(unrelated) == []


def as_record(base, title=None, position=1, source="运城晚报"):
    return builders.story(
        title=title or base.title,
        body=base.body_html,
        position=position,
        source=SourceRecord(source, "newspaper"),
    )


def test_a_compiled_lookup_binds_new_values_converts_them_and_compiles_once():
    made = [
        import_story(f"{n}.md", story(key), source="运城晚报", date="2022-04-12").articles[0]
        for n, key in enumerate(["community_canteen", "elderly_station", "drowning_safety"])
    ]
    lookup = CompiledQuery(
        lambda ids: Article.objects.filter(id__any_of=ids).values_list("pk", "reported_at")
    )
    for count in (1, 2, 3, 3, 0, 2):
        rows = lookup.rows([article.pk for article in made[:count]])
        assert sorted(rows) == sorted((a.pk, a.reported_at) for a in made[:count])
    assert made[0].reported_at.year == 2022  # a date, as the ORM reads it on either database
    assert len(lookup.compiled) == 1  # one SQL whatever the number of values


def test_any_of_is_in_with_the_values_one_parameter():
    made = [
        import_story(f"{n}.md", story(key), source="运城晚报", date="2022-04-12").articles[0]
        for n, key in enumerate(["community_canteen", "elderly_station"])
    ]
    ids = [article.pk for article in made]
    for wanted in ([], ids[:1], ids, [*ids, 10**12, -(2**63)]):
        query = Article.objects.filter(id__any_of=wanted)
        assert sorted(query.values_list("pk", flat=True)) == sorted(set(wanted) & set(ids))
        assert len(query.query.sql_with_params()[1]) == 1


class TestWithinOneFile:
    """A page holding one story twice, an e-paper and its web version in one export."""

    def page(self):
        return builders.document(
            as_record(ESTATES, position=1),
            as_record(story("drowning_safety"), position=2),
            as_record(reprint(), title="纺织厂家属院改造完工", position=3, source="运城新闻网"),
        )

    def test_the_repeat_is_flagged_and_clustered_with_the_earlier_story(self):
        with committed():
            result = persist.save_document(self.page())
        first, unrelated, repeat = result.articles
        (note,) = result.duplicates
        assert note.story == "纺织厂家属院改造完工" and note.article_id == first.pk
        assert note.describe().startswith(f"可能与《{ESTATES.title}》（运城晚报，2022年4月20日）")
        (cluster,) = DuplicateCluster.objects.all()
        assert set(cluster.members.values_list("article_id", flat=True)) == {first.pk, repeat.pk}

    def test_the_preview_says_so_without_a_link(self):
        (note,) = duplicates.notes_for_stories(self.page().stories)
        assert note.story == "纺织厂家属院改造完工" and note.article_id is None
        assert note.as_dict()["url"] == ""
        assert note.describe().startswith(f"可能与《{ESTATES.title}》（运城晚报，2022年4月20日）")
        assert not Article.objects.exists()

    @pytest.mark.parametrize("copies", [2, 6])
    def test_one_lookup_and_one_clustering_for_all_the_stories_of_a_file(self, copies):
        import_original()
        stories = [
            as_record(reprint(title=f"老院焕新{n}"), position=n) for n in range(1, copies + 1)
        ]
        with committed(), CaptureQueriesContext(connection) as captured:
            result = persist.save_document(builders.document(*stories))
        looked_up = [
            query
            for query in captured
            if query["sql"].startswith("SELECT")
            and ('FROM "articles_fingerprintband"' in query["sql"] or LOOKUP in query["sql"])
        ]
        assert len(looked_up) == 1
        # The same for 2 and 6 copies: the writer's (its article pages' stories and related
        # articles included), the fingerprints stored (3), the lookup (1), the pairs told apart
        # (1), the one cluster joined (6, with its savepoint); on PostgreSQL the file's
        # advisory lock and its turn to look for near-duplicates.
        assert len(captured) == 33 + 2 * (connection.vendor == "postgresql")
        assert len(result.duplicates) == copies
        assert DuplicateMember.objects.count() == copies + 1  # one cluster of them all
        assert DuplicateCluster.objects.count() == 1


class TestRelayedManyTimes:
    """A report stored more times than a lookup reads a band key's articles
    (`ARTICLES_PER_BAND_KEY`): a new copy still joins its one cluster, and the cost of
    importing one does not grow with the cluster."""

    COPIES = ARTICLES_PER_BAND_KEY + 4

    def relay(self, index):
        return import_mirror(f"relay{index}.md", relay=f"转载{index}", base=reprint())

    def test_a_new_copy_joins_the_one_cluster_reading_a_bounded_number_of_band_rows(self):
        import_original()
        for index in range(self.COPIES):
            self.relay(index)
        (cluster,) = DuplicateCluster.objects.all()
        assert cluster.members.count() == self.COPIES + 1
        fingerprint = fingerprints.fingerprint_story(reprint().body_html)
        keys = fingerprint.band_keys()
        found = FingerprintBand.objects.fingerprints_sharing(keys)
        # PostgreSQL's per-key LIMIT reads the same rows as the portable window.
        shared = {(key, row[0]) for row in found for key in row[3]}
        rows = FingerprintBand.objects.sharing(keys)
        assert shared == {(key, article_id) for key, article_id, *_ in rows}
        assert len(shared) <= ARTICLES_PER_BAND_KEY * len(set(keys))
        # Each fingerprint once, with what a note says of its article.
        noted = Article.objects.filter(pk__in=[row[0] for row in found])
        assert sorted((row[0], row[4], row[5]) for row in found) == sorted(
            noted.values_list("pk", "title", "import_key")
        )
        found = {item.article_id for item in duplicates.resembling(fingerprint)}
        assert found and found <= set(cluster.members.values_list("article_id", flat=True))

    def test_joining_a_large_cluster_does_not_read_its_members(self):
        members = Article.objects.bulk_create(
            Article(title=f"转载 {index}", slug=f"relay-{index}", body="<p>同一篇报道</p>")
            for index in range(300)
        )
        cluster = DuplicateCluster.objects.create()
        DuplicateMember.objects.bulk_create(
            DuplicateMember(cluster=cluster, article=article) for article in members
        )
        outsider, newcomer = Article.objects.bulk_create(
            Article(title=title, slug=title, body="<p>同一篇报道</p>") for title in ("a", "b")
        )
        DistinctPair.objects.create(first=members[5], second=outsider)
        with CaptureQueriesContext(connection) as captured:
            joined = duplicates.cluster_articles(
                {newcomer.pk: 0.9, members[-1].pk: 0.9, outsider.pk: 0.8}
            )
        assert joined == cluster
        held = set(cluster.members.values_list("article_id", flat=True))
        assert newcomer.pk in held and outsider.pk not in held  # told apart from a member
        assert len(held) == 301
        # No query names the cluster's 300 members: one naming them twice, as the pairs told apart
        # among them did, is over 3,000 characters; the longest now is ~800 (its ids' digits).
        assert max(len(query["sql"]) for query in captured) < 1500

    def test_one_told_apart_from_a_member_the_lookup_did_not_read_stays_out(self):
        original = import_original()
        outsider = import_mirror("outsider.md", relay="某号").articles[0]
        cluster = DuplicateCluster.objects.get()
        duplicates.mark_not_duplicate(cluster, outsider)  # told apart from the original only
        for index in range(self.COPIES):
            self.relay(index)
        cluster = DuplicateCluster.objects.get()
        assert original.pk in set(cluster.members.values_list("article_id", flat=True))
        # Its file again, changed: it resembles the copies the lookup reads (the newest), yet
        # it is not put in the cluster holding the original.
        import_mirror("outsider.md", relay="某号", base=reprint(title="老院焕新"))
        assert not DuplicateMember.objects.filter(article=outsider).exists()


class TestOrigin:
    def test_the_outlet_a_relay_names_is_proposed_as_the_original(self):
        original = import_original()
        mirror = import_mirror(date="2022-03-06").articles[0]  # dated earlier, yet a relay
        members = Article.objects.filter(pk__in=[original.pk, mirror.pk]).select_related("source")
        assert duplicates.proposed_original(members) == original

    def test_without_provenance_the_earliest_is_proposed(self):
        later = import_original()
        earlier = import_mirror(source="运城晚报", relay="", date="2022-03-05").articles[0]
        members = Article.objects.filter(pk__in=[later.pk, earlier.pk]).select_related("source")
        assert duplicates.proposed_original(members) == earlier


class TestDecisions:
    def test_not_a_duplicate_is_remembered(self):
        original = import_original()
        mirror = import_mirror().articles[0]
        cluster = DuplicateCluster.objects.get()
        assert duplicates.mark_not_duplicate(cluster, mirror) is None  # one member left
        assert not DuplicateCluster.objects.exists()
        assert DistinctPair.objects.filter(first=original, second=mirror).exists()
        # The mirror's file changes; the new version is still not flagged with the original.
        report = import_mirror(base=reprint(title="老院焕新"))
        assert report.updated == 1 and report.duplicates == []
        assert not DuplicateMember.objects.exists()

    def test_a_third_copy_joins_the_cluster(self):
        original = import_original()
        mirror = import_mirror().articles[0]
        third = import_mirror("zaker.md", relay="ZAKER").articles[0]
        (cluster,) = DuplicateCluster.objects.all()
        assert set(cluster.members.values_list("article_id", flat=True)) == {
            original.pk,
            mirror.pk,
            third.pk,
        }

    def test_merge_keeps_every_credit_tag_and_source_and_redirects(self, client):
        with committed():
            bare = import_story("bare.md", ESTATES, source="", date="2022-03-07")
        original = bare.articles[0]
        assert original.source is None and original.warnings  # a draft: no source
        original.status = Article.Status.PUBLISHED
        original.save()
        with committed():
            copy = import_story(
                "epaper.md",
                reprint(),
                source="运城晚报",
                date="2022-03-07",
                authors=["孙桂兰"],
                tags=["老旧小区"],
            ).articles[0]
        copy_credits = set(copy.credits.values_list("author__name", "role"))
        cluster = DuplicateCluster.objects.get()
        with committed():
            assert duplicates.merge_cluster(cluster, original) == 1
        original.refresh_from_db()
        credits = set(original.credits.values_list("author__name", "role"))
        assert copy_credits <= credits and ("刘文静", "reporter") in credits
        assert "老旧小区" in original.tags.names()
        assert original.source.name == "运城晚报"
        copy.refresh_from_db()
        assert copy.status == Article.Status.DRAFT
        assert set(copy.credits.values_list("author__name", "role")) == copy_credits  # kept
        response = client.get(copy.get_absolute_url())
        assert response.status_code == 301
        assert response["Location"] == original.get_absolute_url()
        assert original.revisions.filter(note="合并同题报道").exists()


class TestReaderPages:
    def decided(self):
        original = import_original()
        mirror = import_mirror().articles[0]
        duplicates.mark_original(DuplicateCluster.objects.get(), original)
        return original, mirror

    def test_a_republication_points_to_its_original(self, client):
        original, mirror = self.decided()
        page = client.get(mirror.get_absolute_url()).content.decode()
        expected = f'<link rel="canonical" href="http://testserver{original.get_absolute_url()}">'
        assert expected in page
        assert "同题报道：" in page and f'href="{original.get_absolute_url()}"' in page

    def test_the_original_lists_where_else_it_ran(self, client):
        original, mirror = self.decided()
        page = client.get(original.get_absolute_url()).content.decode()
        own = f'<link rel="canonical" href="http://testserver{original.get_absolute_url()}">'
        assert own in page
        assert re.search(r"同题报道：<a href=\"[^\"]+\">人民网 3月7日</a>", page)

    def test_lists_and_feeds_show_a_cluster_once(self, client):
        original, mirror = self.decided()
        home = client.get("/").content.decode()
        feed = client.get("/feeds/rss/").content.decode()
        assert original.title in home and mirror.title not in home
        assert original.title in feed and mirror.title not in feed
        assert list(Article.objects.published()) == [original]

    def test_an_undecided_cluster_is_listed_whole(self, client):
        original = import_original()
        mirror = import_mirror().articles[0]
        home = client.get("/").content.decode()
        assert original.title in home and mirror.title in home

    def test_a_draft_in_the_cluster_is_not_mentioned(self, client):
        original = import_original()
        import_mirror(publish=False)
        page = client.get(original.get_absolute_url()).content.decode()
        assert "同题报道" not in page


class TestAdmin:
    def cluster(self):
        original = import_original()
        mirror = import_mirror().articles[0]
        return DuplicateCluster.objects.get(), original, mirror

    def test_editors_see_the_cluster_side_by_side(self, client):
        ensure_editorial_groups()
        cluster, original, mirror = self.cluster()
        client.force_login(make_user("editor", "编辑"))
        listing = client.get("/admin/articles/duplicatecluster/").content.decode()
        assert original.title in listing and mirror.title in listing
        page = client.get(cluster.get_admin_url()).content.decode()
        assert "建议首发" in page and mirror.title in page
        assert "diff-added" in page  # the body's differences
        assert 'value="merge"' not in page  # merging is for 主编

    def test_marking_the_original_and_telling_apart_through_the_admin(self, client):
        ensure_editorial_groups()
        cluster, original, mirror = self.cluster()
        client.force_login(make_user("chief", "主编"))
        response = client.post(
            cluster.get_admin_url(), {"action": "original", "article": original.pk}
        )
        assert response.status_code == 302
        cluster.refresh_from_db()
        assert cluster.original == original
        client.post(cluster.get_admin_url(), {"action": "distinct", "article": mirror.pk})
        assert not DuplicateCluster.objects.exists()
        assert DistinctPair.objects.filter(first=original, second=mirror).exists()

    def test_the_comparison_costs_the_same_queries_however_many_members(
        self, client, django_assert_num_queries
    ):
        ensure_editorial_groups()
        cluster, original, mirror = self.cluster()
        client.force_login(make_user("editor", "编辑"))
        client.get(cluster.get_admin_url())
        with CaptureQueriesContext(connection) as two:
            client.get(cluster.get_admin_url())
        import_mirror("zaker.md", relay="ZAKER", authors=["王耀"], tags=["改造"])
        import_mirror("wy.md", base=reprint(title="又一版"), relay="网易号")
        assert cluster.members.count() == 4
        # the session, the user and their permissions (3), the cluster, its members with their
        # articles, their credits with their authors, their tags: 8 (was 3 more a member)
        with django_assert_num_queries(len(two)):
            page = client.get(cluster.get_admin_url()).content.decode()
        assert "王耀" in page and page.count('class="module duplicate-diff"') == 3
        assert len(two) == 8

    def test_editors_cannot_merge(self, client):
        ensure_editorial_groups()
        cluster, original, mirror = self.cluster()
        client.force_login(make_user("editor", "编辑"))
        response = client.post(cluster.get_admin_url(), {"action": "merge", "article": original.pk})
        assert response.status_code == 403
        assert not DuplicateMember.objects.filter(merged_into__isnull=False).exists()


class TestMergeConfirmation:
    """合并 shows what will happen first (主编 only); only its confirmation merges."""

    def cluster(self):
        with committed():
            bare = import_story("bare.md", ESTATES, source="", date="2022-03-07")
            copy = import_story(
                "epaper.md",
                reprint(),
                source="运城晚报",
                date="2022-03-07",
                authors=["孙桂兰"],
                tags=["老旧小区"],
            ).articles[0]
        original = bare.articles[0]
        original.status = Article.Status.PUBLISHED  # a draft (no source) until the desk says
        original.save()
        return DuplicateCluster.objects.get(), original, copy

    def url(self, cluster, article):
        return reverse("admin:articles_duplicatecluster_merge", args=[cluster.pk, article.pk])

    def test_editors_may_not_see_or_confirm_it(self, client):
        ensure_editorial_groups()
        cluster, original, copy = self.cluster()
        client.force_login(make_user("editor", "编辑"))
        assert client.get(self.url(cluster, original)).status_code == 403
        assert client.post(self.url(cluster, original)).status_code == 403
        assert not DuplicateMember.objects.filter(merged_into__isnull=False).exists()

    def test_the_button_opens_the_page_which_says_what_will_happen(self, client):
        ensure_editorial_groups()
        cluster, original, copy = self.cluster()
        client.force_login(make_user("chief", "主编"))
        compare = client.get(cluster.get_admin_url()).content.decode()
        assert f'href="{self.url(cluster, original)}"' in compare
        response = client.post(cluster.get_admin_url(), {"action": "merge", "article": original.pk})
        assert response.status_code == 302 and response["Location"] == self.url(cluster, original)
        page = client.get(self.url(cluster, original)).content.decode()
        assert f"#{original.pk}《{original.title}》" in page  # kept
        assert f"#{copy.pk}《{copy.title}》" in page  # becomes a pointer
        assert f"<code>/articles/{copy.pk}/{copy.slug}/</code> → <code>" in page
        assert "作者 孙桂兰" in page  # the copy's credit, folded in
        assert "老旧小区" in page  # its tag
        assert "首发稿件没有来源，将采用“运城晚报”。" in page
        assert "确认合并" in page and f'href="{cluster.get_admin_url()}"' in page  # cancel
        assert not DuplicateMember.objects.filter(merged_into__isnull=False).exists()

    def test_the_page_costs_the_same_queries_however_many_members(
        self, client, django_assert_num_queries
    ):
        ensure_editorial_groups()
        cluster, original, copy = self.cluster()
        client.force_login(make_user("chief", "主编"))
        client.get(self.url(cluster, original))
        with CaptureQueriesContext(connection) as two:
            client.get(self.url(cluster, original))
        import_mirror("zaker.md", relay="ZAKER")
        import_mirror("qtt.md", base=reprint(title="又一版"), authors=["王耀"], tags=["改造"])
        assert cluster.members.count() == 4
        with django_assert_num_queries(len(two)):
            page = client.get(self.url(cluster, original)).content.decode()
        assert "作者 王耀" in page and "改造" in page

    def test_confirming_merges_and_redirects(self, client):
        ensure_editorial_groups()
        cluster, original, copy = self.cluster()
        client.force_login(make_user("chief", "主编"))
        with committed():
            response = client.post(self.url(cluster, original))
        assert response.status_code == 302 and response["Location"] == cluster.get_admin_url()
        copy.refresh_from_db()
        assert copy.status == Article.Status.DRAFT
        assert DuplicateMember.objects.get(article=copy).merged_into == original
        original.refresh_from_db()
        assert ("孙桂兰", "author") in set(original.credits.values_list("author__name", "role"))
        assert "老旧小区" in original.tags.names() and original.source.name == "运城晚报"
        assert client.get(copy.get_absolute_url()).status_code == 301
        page = client.get(cluster.get_admin_url()).content.decode()
        assert "已合并：1 篇转为指向" in page
        # A pointer is not offered again.
        assert client.get(self.url(cluster, copy)).status_code == 404
