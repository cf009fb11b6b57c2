import hashlib
import random
from datetime import datetime

import pytest
from django.db import IntegrityError, connection

from articles.importer import persist
from articles.importer.pipeline import import_file, read_document
from articles.importer.records import Credit, ImageRecord, SourceRecord
from articles.models import (
    Article,
    ArticleSearchDocument,
    Author,
    Image,
    ImportedFile,
    Source,
)

from .builders import SHANGHAI, document, row_counts, seed_path, story

pytestmark = pytest.mark.django_db


def two_story_page(second_body="<p>居民们送来热乎的饺子。</p>", second_title="爱心饺子", **second):
    return (
        story(credits=(Credit("王耀", "reporter"), Credit("关凝淼", "responsible_editor"))),
        story(title=second_title, body=second_body, position=2, tags=("防疫", "饺子"), **second),
    )


class TestSeed000:
    @pytest.fixture
    def saved(self):
        path = seed_path("000")
        return persist.save_document(read_document(str(path), path.read_bytes()))

    def test_one_article_with_source_via_date_and_credits(self, saved):
        assert (saved.created, saved.updated, saved.unchanged) == (1, 0, 0)
        article = Article.objects.get()
        assert article.title == "抗疫故事青城有爱_关键岗位党徽亮～"
        assert article.reported_at == datetime(2022, 3, 7, 10, 52, 8, tzinfo=SHANGHAI)
        assert article.date_precision == Article.DatePrecision.MOMENT
        assert (article.source.name, article.source.kind) == ("人民网", Source.Kind.WEBSITE)
        assert (article.via.name, article.via.kind) == ("趣头条", Source.Kind.AGGREGATOR)
        assert [(c.author.name, c.role) for c in article.credits.all()] == [
            ("寇雅楠", "photographer"),
            ("刘艺琳", "photographer"),
        ]
        assert article.status == Article.Status.DRAFT
        assert article.position == 1 and article.warnings == []

    def test_six_images_linked_to_their_photographers(self, saved):
        article = Article.objects.get()
        images = list(article.images.select_related("credit_author"))
        assert len(images) == 6
        assert images[0].original_url.startswith(
            "http://static.1sapp.com/qupost/img/2022/03/07/528ecc"
        )
        assert (images[0].width, images[0].height) == (410, 232)
        assert [i.credit_author.name if i.credit_author else None for i in images] == [
            None,
            "寇雅楠",
            "寇雅楠",
            "刘艺琳",
            "寇雅楠",
            "寇雅楠",
        ]
        assert images[1].caption == "樊庶为居民答疑解惑。"
        assert images[1].credit == "人民网 寇雅楠摄"
        assert Author.objects.count() == 2

    def test_the_file_is_kept_whole(self, saved):
        path = seed_path("000")
        imported = ImportedFile.objects.get()
        data = path.read_bytes()
        assert imported.name == str(path)
        assert imported.sha256 == hashlib.sha256(data).hexdigest()
        assert imported.size == len(data)
        assert (imported.encoding, imported.format) == ("utf-8", "front_matter")
        assert imported.original_text == data.decode()
        assert imported.outcome == ImportedFile.Outcome.IMPORTED
        article = Article.objects.get()
        assert article.imported_file == imported
        assert article.original_text == data.decode()
        assert article.imported_values["title"] == article.title


class TestIdempotency:
    def test_saving_twice_changes_nothing_the_second_time(self):
        persist.save_document(document(*two_story_page()))
        counts = row_counts()
        stamps = dict(Article.objects.values_list("pk", "updated_at"))

        again = persist.save_document(document(*two_story_page()))

        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
        assert again.outcome == ImportedFile.Outcome.UNCHANGED
        assert row_counts() == counts
        assert dict(Article.objects.values_list("pk", "updated_at")) == stamps

    def test_the_same_bytes_under_another_name_are_recognised(self):
        first = persist.save_document(document(*two_story_page(), name="a/page.txt"))
        again = persist.save_document(document(*two_story_page(), name="b/copy.txt"))
        assert again.unchanged == 2 and again.created == 0
        assert again.imported_file == first.imported_file
        assert (first.same_as, again.same_as) == ("", "a/page.txt")
        assert ImportedFile.objects.count() == 1

    def test_changed_text_updates_the_stories_in_place(self):
        persist.save_document(document(*two_story_page()))
        pks = sorted(Article.objects.values_list("pk", flat=True))

        changed = persist.save_document(
            document(
                *two_story_page(second_body="<p>居民们送来热乎的饺子。</p><p>还有一封感谢信。</p>")
            )
        )

        assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
        assert sorted(Article.objects.values_list("pk", flat=True)) == pks
        article = Article.objects.get(title="爱心饺子")
        assert "感谢信" in article.body
        assert ImportedFile.objects.count() == 2
        assert article.imported_file == changed.imported_file

    def test_a_retitled_story_is_found_again_by_its_position_in_the_file(self):
        persist.save_document(document(*two_story_page()))
        pk = Article.objects.get(title="爱心饺子").pk
        result = persist.save_document(document(*two_story_page(second_title="一盘爱心饺子")))
        assert result.created == 0 and result.updated == 1
        assert Article.objects.get(pk=pk).title == "一盘爱心饺子"

    def test_an_editors_change_is_never_overwritten_and_is_reported(self):
        persist.save_document(document(*two_story_page()))
        article = Article.objects.get(title="爱心饺子")
        article.title = "编辑改过的标题"
        article.save()
        article.tags.set(["编辑的标签"])

        result = persist.save_document(
            document(
                *two_story_page(second_title="文件里的新标题", second_body="<p>新的正文。</p>")
            )
        )

        article.refresh_from_db()
        assert article.title == "编辑改过的标题"
        assert article.body == "<p>新的正文。</p>"
        assert [tag.name for tag in article.tags.all()] == ["编辑的标签"]
        assert [(s.article_id, s.field) for s in result.skipped_fields] == [(article.pk, "title")]
        assert result.skipped_fields[0].as_dict()["label"] == "标题"

    def test_an_edited_field_is_not_reported_when_the_file_did_not_change_it(self):
        persist.save_document(document(*two_story_page()))
        Article.objects.filter(title="爱心饺子").update(kicker="编辑加的引题")
        result = persist.save_document(document(*two_story_page()))
        assert result.skipped_fields == [] and result.updated == 0
        assert Article.objects.get(title="爱心饺子").kicker == "编辑加的引题"


class TestWrites:
    def test_credits_tags_and_sources_by_normalised_name(self):
        Author.objects.create(name="王耀")
        persist.save_document(
            document(
                story(
                    credits=(Credit("王 耀", "reporter"), Credit("王耀", "reporter")),
                    source=SourceRecord("运城晚报", "newspaper"),
                    via=SourceRecord("运城晚报", "newspaper"),
                    tags=("防疫", "防疫 "),
                )
            )
        )
        article = Article.objects.get()
        assert [(c.author.name, c.role) for c in article.credits.all()] == [("王耀", "reporter")]
        assert Author.objects.count() == 1
        assert article.via is None and article.source.kind == "newspaper"
        assert [tag.name for tag in article.tags.all()] == ["防疫"]

    def test_images_are_recorded_by_url_with_declared_size(self):
        image = ImageRecord(
            "https://img.example.com/a.jpg", 400, 300, "图为现场。", "张三 摄", "张三"
        )
        persist.save_document(document(story(images=(image,))))
        stored = Image.objects.get()
        assert (stored.original_url, stored.width, stored.height) == (
            "https://img.example.com/a.jpg",
            400,
            300,
        )
        assert stored.credit_author.name == "张三" and not stored.file

    def test_publish_publishes_only_what_has_no_warnings(self):
        result = persist.save_document(
            document(story(), story(title="日期不详的稿", position=2, warnings=("日期不详",))),
            publish=True,
        )
        statuses = {a.title: a.status for a in result.articles}
        assert statuses == {"社区里的“守门员”": "published", "日期不详的稿": "draft"}
        assert Article.objects.published().count() == 1

    def test_publishing_later_publishes_drafts_without_warnings(self):
        persist.save_document(document(story()))
        result = persist.save_document(document(story()), publish=True)
        assert result.updated == 1
        assert Article.objects.get().status == Article.Status.PUBLISHED

    def test_the_importing_user_is_recorded(self, django_user_model):
        editor = django_user_model.objects.create_user("editor")
        result = persist.save_document(document(story()), user=editor)
        assert result.imported_file.imported_by == editor


class TestWholeFileOrNothing:
    def test_a_file_failing_half_way_leaves_nothing(self):
        broken = document(story(), story(title="第二篇", position=-1))
        with pytest.raises(IntegrityError):
            persist.save_document(broken)
        assert all(count == 0 for count in row_counts().values())

    def test_the_pipeline_records_the_failure_and_only_the_failure(self):
        path = seed_path("000")
        data = path.read_bytes()
        report = import_file("seeds/bad.txt", b"\x89PNG\r\n\x1a\n" + data)
        assert report.status == "failed" and "seeds/bad.txt" in report.error
        failed = ImportedFile.objects.get()
        assert failed.outcome == ImportedFile.Outcome.FAILED
        assert failed.messages == [report.error]
        assert failed.original_text == "" and not failed.articles.exists()
        import_file("seeds/bad.txt", b"\x89PNG\r\n\x1a\n" + data)
        assert ImportedFile.objects.count() == 1


class TestLimits:
    def test_over_long_names_and_addresses_do_not_fail_the_file(self):
        long_name = "某" * 150
        persist.save_document(
            document(
                story(
                    source=SourceRecord(long_name, "unknown"),
                    credits=(Credit(long_name, "author"),),
                    original_url="https://example.com/?" + "a" * 1200,
                )
            )
        )
        article = Article.objects.get()
        assert article.source.name == "某" * 100
        assert article.credits.get().author.name == "某" * 100
        assert article.original_url == ""


class TestEditorsAndImages:
    def test_images_an_editor_changed_are_left_alone(self):
        image = ImageRecord("https://img.example.com/a.jpg", caption="原图说")
        persist.save_document(document(story(images=(image,))))
        Image.objects.update(caption="编辑改的图说")
        changed = ImageRecord("https://img.example.com/a.jpg", caption="新图说")
        result = persist.save_document(document(story(images=(changed,)), name="other.txt"))
        assert Image.objects.get().caption == "编辑改的图说"
        assert [skipped.field for skipped in result.skipped_fields] == ["images"]

    def test_new_warnings_ask_for_a_new_check(self):
        persist.save_document(document(story()))
        Article.objects.update(warnings_checked=True)
        persist.save_document(document(story(warnings=("日期不详",))))
        article = Article.objects.get()
        assert article.warnings == ["日期不详"] and not article.warnings_checked

    def test_the_file_record_lists_warnings_and_skipped_fields(self):
        persist.save_document(document(story(warnings=("来源不详",))))
        Article.objects.update(title="编辑改的标题")
        result = persist.save_document(document(story(title="新标题", warnings=("来源不详",))))
        messages = result.imported_file.messages
        assert "编辑改的标题：来源不详" in messages
        assert "编辑改过的“标题”未覆盖：编辑改的标题" in messages


# Imports of the same bytes take turns on PostgreSQL: one advisory lock per file.
LOCK_QUERIES = 1 if connection.vendor == "postgresql" else 0
# And imports that fingerprint articles take turns to look for near-duplicates: one more.
TURN_QUERIES = LOCK_QUERIES


def unrelated_text(seed, length=80):
    """Running text long enough for a near-duplicate fingerprint, sharing nothing with another
    seed's: a report of its own."""
    pool = "社区居民街道干部防疫物资核酸检测志愿服务老旧小区改造医院学校交通道路农村产业发展"
    pool += "文化旅游非遗传承环境保护河道治理企业复工就业招聘养老食堂托育科技创新工业园区"
    rng = random.Random(seed)
    return "".join(rng.choice(pool) for _ in range(length))


class TestQueries:
    @pytest.mark.parametrize("count", [2, 6])
    def test_an_unchanged_file_costs_the_same_few_queries_however_many_stories(
        self, count, django_assert_num_queries
    ):
        stories = [
            story(
                title=f"稿件{n}",
                position=n,
                credits=(Credit("王耀", "reporter"), Credit("关凝淼", "responsible_editor")),
                images=(ImageRecord(f"https://img.example.com/{n}.jpg", caption="图为现场。"),),
                tags=("防疫",),
            )
            for n in range(1, count + 1)
        ]
        persist.save_document(document(*stories))
        # the file, its articles by key, whether they have search documents, 3 savepoints
        with django_assert_num_queries(6 + LOCK_QUERIES):
            result = persist.save_document(document(*stories))
        assert result.unchanged == count

    @pytest.mark.parametrize("names", [["王耀"], ["王耀", "崔萌", "樊朋展", "寻霄"]])
    def test_a_changed_story_costs_no_query_per_credit_or_image(
        self, names, django_assert_num_queries
    ):
        def page(body):
            credits = tuple(Credit(name, "reporter") for name in names)
            images = tuple(ImageRecord(f"https://img.example.com/{n}.jpg") for n in names)
            return document(story(body=body, credits=credits, images=images))

        persist.save_document(page("<p>第一版正文。</p>"))
        # 13 to write the story (2 savepoints, the file's authors, its records by bytes and
        # name in one, the new record, articles by key, the earlier version's articles, the
        # article's credits, tags and images to compare, the article twice, the record's
        # outcome), 4 to load the article once with its credits, tags and images, then 4
        # inserts: its 导入 revision, its reader card, its article page's story and its search
        # document, and 1 for its near-duplicate fingerprint (a text this short has none: the
        # stale one is deleted), and 1 for its stored related articles (a draft: none ranked)
        with django_assert_num_queries(23 + LOCK_QUERIES + TURN_QUERIES):
            result = persist.save_document(page("<p>第二版正文。</p>"))
        assert result.updated == 1

    @pytest.mark.parametrize("count", [1, 8])
    def test_a_new_file_costs_the_same_few_queries_however_many_stories(
        self, count, django_assert_num_queries
    ):
        Author.objects.create(name="王耀")
        persist.save_document(document(story(title="旧稿", tags=("防疫",)), name="old.txt"))
        stories = [
            story(
                title=f"新稿{n}",
                body=f"<p>第{n}篇正文，居民们送来热乎的饺子。{unrelated_text(n)}</p>",
                position=n,
                credits=(Credit("王耀", "reporter"),),
                images=(ImageRecord(f"https://img.example.com/new-{n}.jpg", caption="现场。"),),
                tags=("防疫", "饺子"),
            )
            for n in range(1, count + 1)
        ]
        # 2 savepoints, the file's authors, its records, the new record, articles by key, its
        # source, then one insert each for the articles, credits, taggings and images, the tags
        # named (one new: 3 to create it), the record's outcome; 4 to load the articles with
        # their credits, tags and images once; the revisions, cards, article pages' stories and
        # search documents: one insert each; the near-duplicate fingerprints: their stale bands
        # deleted, the fingerprints and their bands inserted, one lookup of them all (nothing
        # alike); their stored related articles (drafts: none ranked).
        with django_assert_num_queries(29 + LOCK_QUERIES + TURN_QUERIES):
            result = persist.save_document(document(*stories, name="new.txt"))
        assert result.created == count
        articles = Article.objects.filter(title__startswith="新稿").for_listing()
        assert sorted(
            (
                a.title,
                [c.author.name for c in a.credits.all()],
                sorted(t.name for t in a.tags.all()),
            )
            for a in articles
        ) == sorted((f"新稿{n}", ["王耀"], sorted(["饺子", "防疫"])) for n in range(1, count + 1))
        assert {a.revisions.count() for a in articles} == {1}
        assert ArticleSearchDocument.objects.filter(article__in=articles).count() == count
        assert sorted(a.title for a in Article.objects.search("饺子")) == sorted(
            f"新稿{n}" for n in range(1, count + 1)
        )
