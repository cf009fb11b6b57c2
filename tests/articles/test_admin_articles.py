"""The article list, form, preview and revisions, through the admin client."""

import hashlib
from datetime import UTC, datetime, timedelta

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Image, ImportedFile, Revision
from articles.services.revisions import record_revision
from tests.articles.admin_fixtures import make_article, source
from tests.articles.reader_data import committed

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
# The article form, however many tags and pictures; each credit's autocomplete box loads the
# name it shows (Django's `AutocompleteSelect`), one query a credit.
PINNED_FORM_QUERIES = 18


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, **changes):
    """The change form as the browser would post it, with `changes` applied."""
    data = {
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "lead": article.lead,
        "body": article.body,
        "source": article.source_id or "",
        "via": article.via_id or "",
        "original_url": article.original_url,
        "section": article.section,
        "dateline": article.dateline,
        "reported_at_0": "",
        "reported_at_1": "",
        "date_precision": article.date_precision,
        "tags": "，".join(article.tags.names()),
        "status": article.status,
        "slug": article.slug,
        "credits-TOTAL_FORMS": 0,
        "credits-INITIAL_FORMS": 0,
        "images-TOTAL_FORMS": 0,
        "images-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


class TestArticleList:
    def test_columns_show_what_editors_need(self, editor_client):
        make_article(
            "临时党支部战“疫”当先锋",
            kicker="机关干部下沉",
            source=source("运城晚报"),
            credits=[("王耀", "reporter"), ("崔萌", "reporter"), ("杨希", "correspondent")],
            tags=["防疫", "运城"],
            images=2,
            warnings=["日期只写了月日"],
        )
        page = editor_client.get(CHANGELIST).content.decode()
        assert "临时党支部战“疫”当先锋" in page
        assert "机关干部下沉" in page
        assert "运城晚报" in page
        assert "日期不详" in page
        assert "记者 王耀、崔萌；通讯员 杨希" in page
        assert "运城，防疫" in page
        assert 'class="field-image_count">2<' in page
        assert '<span class="needs-checking" title="日期只写了月日">⚠ 1</span>' in page

    def test_query_count_does_not_grow_with_the_articles(
        self, editor_client, django_assert_num_queries
    ):
        def one_article(index):
            make_article(
                f"稿件{index}",
                source=source("人民网"),
                via=source("趣头条"),
                credits=[(f"作者{index}", "reporter"), ("通讯员甲", "correspondent")],
                tags=[f"标签{index}", "抗疫"],
                images=2,
                reported_at=timezone.now() - timedelta(days=index),
            )

        one_article(0)
        editor_client.get(CHANGELIST)  # session and content types warmed
        with django_assert_num_queries(11):  # one count: no total beside it
            assert editor_client.get(CHANGELIST).status_code == 200
        for index in range(1, 12):
            one_article(index)
        with django_assert_num_queries(11):
            page = editor_client.get(CHANGELIST).content.decode()
        assert "稿件11" in page

    def test_search_finds_a_chinese_word_in_the_middle_of_the_body(self, editor_client):
        with committed():
            make_article("甲", body="<p>穿着统一下发的防寒大衣，下沉包联干部樊庶正在沟通。</p>")
            make_article("乙", body="<p>寒风凛冽的农历正月。</p>")
        page = editor_client.get(CHANGELIST, {"q": "包联"}).content.decode()
        assert ">甲<" in page and ">乙<" not in page

    def test_a_search_keeps_the_year_chosen_and_shows_no_date_links(self, editor_client):
        with committed():  # search documents are written at commit
            for title, year in (("甲", 2021), ("乙", 2022), ("丙", 2022)):
                make_article(
                    title,
                    body="<p>下沉包联干部正在沟通。</p>" if title != "丙" else "<p>别的事。</p>",
                    reported_at=datetime(year, 4, 20, 12, tzinfo=UTC),
                )
        listed = editor_client.get(CHANGELIST).content.decode()
        assert "reported_at__year=2021" in listed  # the date links, without a search
        found = editor_client.get(CHANGELIST, {"q": "包联", "reported_at__year": "2022"})
        page = found.content.decode()
        assert ">乙<" in page and ">甲<" not in page and ">丙<" not in page
        matches = editor_client.get(CHANGELIST, {"q": "包联"}).content.decode()
        assert ">甲<" in matches and ">乙<" in matches
        assert "reported_at__year=" not in matches  # no date links over the matches

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"status__exact": "review"}, {"待审稿"}),
            ({"credits__role__exact": "correspondent"}, {"草稿"}),
            ({"warnings": "open"}, {"草稿"}),
            ({"warnings": "none"}, {"待审稿"}),
            ({"reported_at__year": "2022"}, {"待审稿"}),
        ],
    )
    def test_filters(self, editor_client, query, expected):
        make_article("草稿", credits=[("杨希", "correspondent")], warnings=["署名存疑"])
        make_article(
            "待审稿",
            status="review",
            tags=["防疫"],
            credits=[("王耀", "reporter")],
            reported_at=datetime(2022, 4, 20, 12, tzinfo=UTC),
        )
        response = editor_client.get(CHANGELIST, query)
        titles = {a.title for a in response.context["cl"].result_list}
        assert titles == expected

    def test_filters_by_source_author_and_imported_file(self, editor_client):
        upload = ImportedFile.objects.create(name="001.txt", sha256="0" * 64, outcome="imported")
        first = make_article(
            "甲",
            source=source("人民网"),
            credits=[("王耀", "reporter")],
            tags=["防疫"],
            imported_file=upload,
        )
        make_article("乙", source=source("红网"), credits=[("崔萌", "reporter")], tags=["春耕"])
        author = first.credits.get().author
        tag = first.tags.get()
        for query in (
            {"source": first.source_id},
            {"author": author.pk},
            {"imported_file": upload.pk},
            {"tag": tag.pk},
        ):
            response = editor_client.get(CHANGELIST, query)
            assert [a.title for a in response.context["cl"].result_list] == ["甲"]

    def test_relation_filters_list_no_names_but_show_the_chosen_one(self, editor_client):
        """At 100,000 articles the filters would list every author, source and file: they are
        autocomplete boxes over the admin's own search, each showing only what was chosen."""
        upload = ImportedFile.objects.create(name="001.txt", sha256="0" * 64, outcome="imported")
        first = make_article(
            "甲", source=source("人民网"), credits=[("王耀", "reporter")], imported_file=upload
        )
        make_article("乙", source=source("红网"), credits=[("崔萌", "reporter")])
        sidebar = lxml.html.fromstring(
            editor_client.get(CHANGELIST).content.decode()
        ).get_element_by_id("changelist-filter")
        boxes = sidebar.cssselect("select.admin-autocomplete")
        assert {box.get("name") for box in boxes} == {
            "source",
            "via",
            "author",
            "tag",
            "imported_file",
        }
        assert all(box.get("data-ajax--url") == reverse("admin:autocomplete") for box in boxes)
        assert not {"人民网", "红网", "王耀", "崔萌", "001.txt"} & set(
            sidebar.text_content().split()
        )
        author = first.credits.get().author
        chosen = lxml.html.fromstring(
            editor_client.get(CHANGELIST, {"author": author.pk}).content.decode()
        ).get_element_by_id("filter-author")
        assert [option.text for option in chosen.cssselect("option[selected]")] == ["王耀"]

    def test_a_relation_filter_given_a_name_instead_of_an_id_is_refused_clearly(
        self, editor_client
    ):
        make_article("甲", credits=[("王耀", "reporter")])
        response = editor_client.get(CHANGELIST, {"author": "王耀"})
        assert response.status_code == 302 and response["Location"].endswith("?e=1")

    def test_the_autocomplete_behind_the_author_filter_finds_authors(self, editor_client):
        make_article("甲", credits=[("王耀", "reporter"), ("崔萌", "reporter")])
        found = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "articleauthor",
                "field_name": "author",
                "term": "王",
            },
        ).json()
        assert [result["text"] for result in found["results"]] == ["王耀"]

    def test_plain_staff_without_permissions_is_refused(self, client, plain_staff):
        client.force_login(plain_staff)
        article = make_article()
        assert client.get(CHANGELIST).status_code == 403
        assert client.get(change_url(article)).status_code == 403


class TestArticleForm:
    def test_query_count_does_not_grow_with_credits_tags_and_pictures(
        self, editor_client, django_assert_num_queries
    ):
        """The form with its credits, pictures, tag suggestions and original text: the same
        queries for one credit and no picture as for six credits, three tags and pictures, but
        a query for each credit's box."""
        small = make_article("一人一图", source=source("人民网"), credits=[("王耀", "reporter")])
        large = make_article(
            "六人多图",
            source=source("红网"),
            via=source("趣头条"),
            credits=[(f"作者{n}", "reporter") for n in range(6)],
            tags=["抗疫", "志愿者", "社区"],
            images=3,
        )
        editor_client.get(change_url(small))  # session, content types and the gazetteer warmed
        with django_assert_num_queries(PINNED_FORM_QUERIES + 1):
            assert editor_client.get(change_url(small)).status_code == 200
        # and one more for its `via` box
        with django_assert_num_queries(PINNED_FORM_QUERIES + 6 + 1):
            assert editor_client.get(change_url(large)).status_code == 200

    def test_original_text_warnings_and_suggestions_are_shown(self, editor_client):
        article = make_article(
            "永州市直党员干部助力零陵抗疫",
            body="<p>永州市直机关党员干部下沉零陵区社区，协助核酸检测。</p>",
            original_text="当前位置:\n\n汇聚“红”力量 守护健康“绿”",
            warnings=["未找到署名"],
        )
        page = editor_client.get(change_url(article)).content.decode()
        assert 'class="article-editor__side"' in page
        assert "汇聚“红”力量 守护健康“绿”" in page
        assert "本稿有 1 条导入提示待核对" in page and "未找到署名" in page
        assert 'data-tag="永州"' in page
        assert "articles/admin/tag_suggestions.js" in page
        assert not article.tags.exists()

    def test_chinese_separators_in_the_tag_field_make_separate_tags(self, editor_client):
        article = make_article()
        response = editor_client.post(
            change_url(article), form_data(article, tags="永州，新闻、民生")
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert sorted(article.tags.names()) == sorted(["永州", "新闻", "民生"])

    def test_body_html_typed_by_an_editor_is_sanitised(self, editor_client):
        article = make_article()
        body = (
            '<p onclick="steal()">正文<script>alert(1)</script><a href="javascript:x">链接</a></p>'
        )
        editor_client.post(change_url(article), form_data(article, body=body))
        article.refresh_from_db()
        assert "正文" in article.body and "链接" in article.body
        assert "script" not in article.body
        assert "onclick" not in article.body and "javascript:" not in article.body

    def test_an_untouched_body_is_saved_exactly_as_imported(self, editor_client):
        body = "<p>第一段</p>\n<p>第二段</p>"
        article = make_article(body=body, lead="导语第一行\n第二行")
        posted = form_data(article, body=body.replace("\n", "\r\n"), lead="导语第一行\r\n第二行")
        editor_client.post(change_url(article), posted)
        article.refresh_from_db()
        assert (article.body, article.lead) == (body, "导语第一行\n第二行")

    def test_saving_keeps_a_revision_with_who_and_what(self, editor_client, editor):
        article = make_article("旧标题", tags=["抗疫"])
        editor_client.post(change_url(article), form_data(article, title="新标题"))
        revision = Revision.objects.get(article=article)
        assert revision.user == editor
        assert revision.data["title"] == "新标题"
        assert revision.data["tags"] == ["抗疫"]

    def test_marking_warnings_checked(self, editor_client):
        article = make_article(warnings=["日期不详"])
        editor_client.post(change_url(article), form_data(article, warnings_checked="on"))
        article.refresh_from_db()
        assert article.warnings_checked
        assert (
            "待核对"
            not in editor_client.get(change_url(article)).content.decode().split("<form")[1][:300]
        )

    def test_editor_cannot_publish_through_the_form(self, editor_client):
        article = make_article()
        response = editor_client.post(change_url(article), form_data(article, status="published"))
        assert response.status_code == 200
        assert "只有主编可以发布或撤回文章" in response.content.decode()
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

    def test_editor_is_not_offered_the_published_status(self, editor_client):
        offered = editor_client.get(change_url(make_article())).content.decode()
        assert 'value="review"' in offered and 'value="published"' not in offered

    def test_chief_is_offered_the_published_status(self, chief_client):
        offered = chief_client.get(change_url(make_article())).content.decode()
        assert 'value="published"' in offered

    def test_editor_corrects_a_published_article_but_cannot_unpublish_it(self, editor_client):
        article = make_article("错字稿", status="published")
        published_at = article.published_at
        fixed = editor_client.post(change_url(article), form_data(article, title="改正稿"))
        assert fixed.status_code == 302
        article.refresh_from_db()
        assert (article.title, article.status, article.published_at) == (
            "改正稿",
            "published",
            published_at,
        )
        refused = editor_client.post(change_url(article), form_data(article, status="draft"))
        assert "只有主编可以发布或撤回文章" in refused.content.decode()
        assert Article.objects.get(pk=article.pk).status == "published"

    def test_chief_schedules_publication_through_the_form(self, chief_client):
        article = make_article()
        later = timezone.localtime() + timedelta(days=1)
        response = chief_client.post(
            change_url(article),
            form_data(
                article,
                status="published",
                published_at_0=f"{later:%Y-%m-%d}",
                published_at_1=f"{later:%H:%M:%S}",
            ),
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert not Article.objects.published().filter(pk=article.pk).exists()


class TestPreview:
    def test_staff_preview_a_draft_but_readers_never_see_it(self, client, editor):
        article = make_article("尚未发布的稿件", body="<p>草稿正文</p>")
        preview = reverse("admin:articles_article_preview", args=[article.pk])

        anonymous = client.get(preview)
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
        assert client.get(article.get_absolute_url()).status_code == 404

        client.force_login(editor)
        page = client.get(preview)
        assert page.status_code == 200
        assert "草稿正文" in page.content.decode()
        assert preview in client.get(change_url(article)).content.decode()  # “在站点上查看”

    def test_plain_staff_cannot_preview(self, client, plain_staff):
        client.force_login(plain_staff)
        article = make_article()
        preview = reverse("admin:articles_article_preview", args=[article.pk])
        assert client.get(preview).status_code == 403


class TestRevisions:
    def test_history_shows_a_readable_diff_and_restores(self, editor_client):
        article = make_article("第一稿", body="<p>第一段</p>")
        editor_client.post(change_url(article), form_data(article))
        article.refresh_from_db()
        editor_client.post(change_url(article), form_data(article, title="第二稿"))
        history_url = reverse("admin:articles_article_revisions", args=[article.pk])

        page = editor_client.get(history_url).content.decode()
        assert '<div class="diff-removed">− 第一稿</div>' in page
        assert '<div class="diff-added">+ 第二稿</div>' in page

        first = Revision.objects.filter(article=article).order_by("created_at", "id").first()
        restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
        asked = editor_client.get(restore)
        assert asked.status_code == 200
        confirmation = asked.content.decode()
        assert '<div class="diff-removed">− 第二稿</div>' in confirmation
        assert '<div class="diff-added">+ 第一稿</div>' in confirmation
        assert 'value="确认恢复"' in confirmation
        assert Article.objects.get(pk=article.pk).title == "第二稿"  # asking changed nothing
        assert editor_client.post(restore).status_code == 302
        article.refresh_from_db()
        assert article.title == "第一稿"
        assert Revision.objects.filter(article=article).count() == 3


ADD = reverse("admin:articles_article_add")


def new_article_data(**changes):
    """The empty add form as the browser posts it, with `changes` applied."""
    data = {
        "kicker": "",
        "title": "新写的稿件",
        "subtitle": "",
        "lead": "",
        "body": "<p>正文第一段。</p>",
        "source": "",
        "via": "",
        "original_url": "",
        "section": "",
        "dateline": "",
        "reported_at_0": "",
        "reported_at_1": "",
        "date_precision": "unknown",
        "tags": "",
        "status": "draft",
        "slug": "",
        "credits-TOTAL_FORMS": 0,
        "credits-INITIAL_FORMS": 0,
        "images-TOTAL_FORMS": 0,
        "images-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def png_upload(name="现场.png", size=(64, 48), colour="red", image_format="PNG"):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def with_image(data, upload, **fields):
    return {
        **data,
        "images-TOTAL_FORMS": 1,
        "images-0-order": 0,
        "images-0-file": upload,
        "images-0-original_url": "",
        "images-0-caption": fields.get("caption", "下沉干部在小区门口值守"),
        "images-0-credit": fields.get("credit", "本报记者 王耀摄"),
        "images-0-credit_author": "",
        "images-0-alt_text": "",
    }


class TestCreating:
    @pytest.mark.parametrize("status", ["draft", "review"])
    def test_editor_creates_an_article(self, editor_client, status):
        response = editor_client.post(ADD, new_article_data(status=status))
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get()
        assert (article.title, article.status, article.published_at) == ("新写的稿件", status, None)

    def test_editor_still_cannot_create_a_published_article(self, editor_client):
        response = editor_client.post(ADD, new_article_data(status="published"))
        assert response.status_code == 200
        assert not Article.objects.exists()

    def test_chief_publishes_with_no_time_given_and_keeps_the_image(self, chief_client):
        before = timezone.now()
        response = chief_client.post(
            ADD, with_image(new_article_data(status="published"), png_upload())
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get()
        assert article.status == "published"
        assert before <= article.published_at <= timezone.now()
        assert article.is_public
        assert article.images.get().file

    def test_chief_publishes_an_existing_draft_with_no_time_given(self, chief_client):
        article = make_article()
        response = chief_client.post(change_url(article), form_data(article, status="published"))
        assert response.status_code == 302
        page = chief_client.get(response["Location"]).content.decode()
        assert "约束" not in page
        article.refresh_from_db()
        assert article.status == "published" and article.published_at is not None


class TestImageUpload:
    def test_uploaded_image_is_named_by_its_content_and_measured(self, editor_client):
        upload = png_upload("IMG 0001.PNG", size=(64, 48))
        editor_client.post(ADD, with_image(new_article_data(), upload))
        image = Article.objects.get().images.get()
        upload.seek(0)
        digest = hashlib.sha256(upload.read()).hexdigest()
        assert image.sha256 == digest
        assert image.file.name == f"images/{digest[:2]}/{digest}.png"
        assert (image.width, image.height) == (64, 48)

    @pytest.mark.parametrize(
        ("name", "image_format", "extension"),
        [("照片.JPEG", "JPEG", ".jpg"), ("截图.jpg", "PNG", ".png"), ("动图.GIF", "GIF", ".gif")],
    )
    def test_the_extension_is_the_images_format(self, editor_client, name, image_format, extension):
        upload = png_upload(name, image_format=image_format)
        editor_client.post(ADD, with_image(new_article_data(), upload))
        assert Article.objects.get().images.get().file.name.endswith(extension)

    def test_the_same_picture_uploaded_twice_is_stored_once(self, editor_client, settings):
        for title in ("甲", "乙"):
            editor_client.post(ADD, with_image(new_article_data(title=title), png_upload()))
        names = {image.file.name for image in Image.objects.all()}
        assert len(names) == 1
        stored = list((settings.MEDIA_ROOT / "images").rglob("*.*"))
        assert [path.name for path in stored] == [names.pop().rsplit("/", 1)[1]]

    def test_a_stored_image_is_served_as_an_image(self, editor_client, rf, settings):
        from django.views.static import serve

        editor_client.post(ADD, with_image(new_article_data(), png_upload()))
        image = Image.objects.get()
        response = serve(rf.get(image.file.url), image.file.name, settings.MEDIA_ROOT)
        assert response["Content-Type"] == "image/png"


class TestEditConflict:
    def opened(self, client, article):
        """The version the form carries as `client` opened it."""
        form = client.get(change_url(article)).context["adminform"].form
        return {name: form[name].value() or "" for name in ("loaded_version", "loaded_revision")}

    def test_the_second_save_is_refused_showing_what_the_first_changed(self, client, editor, chief):
        article = make_article("原标题", body="<p>第一段</p>")
        record_revision(article)  # as imported
        client.force_login(editor)
        editors_version = self.opened(client, article)

        client.force_login(chief)
        chiefs_version = self.opened(client, article)
        chiefs = form_data(article, title="主编改的标题", **chiefs_version)
        assert client.post(change_url(article), chiefs).status_code == 302

        client.force_login(editor)
        editors = form_data(article, body="<p>编辑改的正文</p>", **editors_version)
        refused = client.post(change_url(article), editors)
        assert refused.status_code == 200
        page = refused.content.decode()
        assert "您打开本稿之后，别人保存了新的版本" in page
        assert "在您打开本稿之后，chief 保存了它" in page
        assert '<div class="diff-added">+ 主编改的标题</div>' in page
        article.refresh_from_db()
        assert (article.title, article.body) == ("主编改的标题", "<p>第一段</p>")

        # The form came back with the editor's text and the newer version: saving it again,
        # having seen the chief's change, is the editor's decision.
        form = refused.context["adminform"].form
        assert form["body"].value() == "<p>编辑改的正文</p>"
        resolved = {
            **editors,
            "title": "主编改的标题",
            "loaded_version": form["loaded_version"].value(),
            "loaded_revision": form["loaded_revision"].value(),
        }
        assert client.post(change_url(article), resolved).status_code == 302
        article.refresh_from_db()
        assert (article.title, article.body) == ("主编改的标题", "<p>编辑改的正文</p>")

    def test_saving_the_version_one_opened_is_no_conflict(self, editor_client):
        article = make_article()
        version = self.opened(editor_client, article)
        data = form_data(article, title="改过", **version)
        assert editor_client.post(change_url(article), data).status_code == 302
        again = form_data(article, title="再改", **self.opened(editor_client, article))
        assert editor_client.post(change_url(article), again).status_code == 302

    def test_a_bulk_action_after_opening_is_a_conflict_too(self, editor_client):
        article = make_article()
        record_revision(article)
        version = self.opened(editor_client, article)
        from tests.articles.test_admin_actions import run

        run(editor_client, "add_tags", [article], apply="1", tags="永州")
        data = form_data(article, tags="", **version)
        refused = editor_client.post(change_url(article), data)
        assert refused.status_code == 200
        assert '<div class="diff-added">+ 永州</div>' in refused.content.decode()
        assert list(article.tags.names()) == ["永州"]

    def test_an_article_opened_before_any_revision_still_names_who_saved(
        self, client, editor, chief
    ):
        article = make_article("原标题")
        client.force_login(editor)
        editors_version = self.opened(client, article)
        client.force_login(chief)
        client.post(
            change_url(article), form_data(article, title="新标题", **self.opened(client, article))
        )
        client.force_login(editor)
        page = client.post(
            change_url(article), form_data(article, **editors_version)
        ).content.decode()
        assert "在您打开本稿之后，chief 保存了它" in page and "无法逐项列出" in page
        assert Article.objects.get(pk=article.pk).title == "新标题"

    def test_any_two_revisions_are_compared(self, editor_client):
        article = make_article("第一稿", body="<p>第一段</p>")
        for title in ("第一稿", "第二稿", "第三稿"):
            editor_client.post(change_url(article), form_data(article, title=title))
        first, _second, third = Revision.objects.filter(article=article).order_by(
            "created_at", "id"
        )
        history_url = reverse("admin:articles_article_revisions", args=[article.pk])
        page = editor_client.get(history_url).content.decode()
        assert 'name="from"' in page and 'name="to"' in page and "比较所选的两个修订" in page

        compared = editor_client.get(history_url, {"from": third.pk, "to": first.pk})
        section = compared.content.decode().split('class="module revision-comparison"')[1]
        section = section.split("</section>")[0]
        assert '<div class="diff-removed">− 第一稿</div>' in section
        assert '<div class="diff-added">+ 第三稿</div>' in section
        assert "第二稿" not in section

    def test_revisions_page_and_restore_confirmation_query_counts(
        self, editor_client, django_assert_num_queries
    ):
        article = make_article("第一稿")
        for title in ("第二稿", "第三稿", "第四稿"):
            editor_client.post(change_url(article), form_data(article, title=title))
        first = Revision.objects.filter(article=article).order_by("created_at", "id").first()
        history_url = reverse("admin:articles_article_revisions", args=[article.pk])
        restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
        editor_client.get(history_url)
        with django_assert_num_queries(9):
            editor_client.get(history_url)
        with django_assert_num_queries(11):
            editor_client.get(history_url, {"from": first.pk, "to": first.pk + 2})
        with django_assert_num_queries(12):
            editor_client.get(restore)
