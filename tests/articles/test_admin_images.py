"""The image library: every picture with a small rendition, searchable, reusable."""

from io import BytesIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image
from tests.articles.admin_fixtures import make_article, make_user, source

pytestmark = pytest.mark.django_db

LIBRARY = reverse("admin:articles_image_changelist")


def stored_image(article, caption, colour="red", size=(1200, 800)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    image = Image(article=article, caption=caption, credit="本报记者 王耀摄")
    image.set_file_content(buffer.getvalue(), "photo.jpg")
    image.save()
    return image


@pytest.fixture
def library():
    people = make_article("下沉干部在小区值守", source=source("运城晚报"))
    other = make_article("志愿者上门采样", source=source("红网"))
    return {
        "guard": stored_image(people, "下沉干部在小区门口值守"),
        "swab": stored_image(other, "志愿者为居民采样", colour="blue"),
        "other": other,
    }


def test_the_library_lists_every_image_with_a_small_rendition(editor_client, library, settings):
    page = editor_client.get(LIBRARY).content.decode()
    assert "下沉干部在小区门口值守" in page and "志愿者为居民采样" in page
    assert "运城晚报" in page and "1200×800" in page
    guard = library["guard"]
    assert f"/media/renditions/{guard.sha256[:2]}/{guard.sha256}-160w.webp" in page
    assert guard.file.url not in page  # never the full original on a list page
    rendition = settings.MEDIA_ROOT / "renditions" / guard.sha256[:2] / f"{guard.sha256}-160w.webp"
    with PILImage.open(rendition) as picture:
        assert (picture.format, picture.width) == ("WEBP", 160)


@pytest.mark.parametrize(
    ("query", "found"), [("值守", "下沉干部在小区门口值守"), ("红网", "志愿者为居民采样")]
)
def test_the_library_is_searched_by_caption_credit_and_source(editor_client, library, query, found):
    response = editor_client.get(LIBRARY, {"q": query})
    assert [image.caption for image in response.context["cl"].result_list] == [found]


def test_the_library_query_count_does_not_grow(editor_client, library, django_assert_num_queries):
    editor_client.get(LIBRARY)
    with django_assert_num_queries(7):
        editor_client.get(LIBRARY)
    for index in range(5):
        stored_image(library["other"], f"第{index}张", colour=(index * 40, 0, 0))
    with django_assert_num_queries(7):
        editor_client.get(LIBRARY)


def test_an_image_is_reused_in_another_article_without_uploading_it(
    editor_client, library, settings
):
    guard, other = library["guard"], library["other"]
    files_before = sorted((settings.MEDIA_ROOT / "images").rglob("*.*"))
    data = {"action": "reuse", ACTION_CHECKBOX_NAME: [guard.pk]}
    assert "用于文章" in editor_client.post(LIBRARY, data).content.decode()
    done = editor_client.post(LIBRARY, {**data, "apply": "1", "article": other.pk})
    assert done.status_code == 302
    reused = other.images.get(caption="下沉干部在小区门口值守")
    assert (reused.file.name, reused.sha256, reused.credit) == (
        guard.file.name,
        guard.sha256,
        guard.credit,
    )
    assert sorted((settings.MEDIA_ROOT / "images").rglob("*.*")) == files_before


def test_plain_staff_cannot_open_the_library(client, plain_staff, library):
    client.force_login(plain_staff)
    assert client.get(LIBRARY).status_code == 403


def test_a_missing_stored_file_falls_back_to_its_address(library):
    guard = library["guard"]
    guard.file.storage.delete(guard.file.name)
    assert guard.rendition(160) == guard.file.url


CHOICES = reverse("admin:articles_image_choices")
ATTACH = reverse("admin:articles_image_attach")


def user_with(username, *codenames):
    user = make_user(username)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


class TestBodyEditorPicturePanel:
    def test_it_offers_the_articles_images_and_searches_the_library(self, editor_client, library):
        other = library["other"]
        choices = editor_client.get(CHOICES, {"article": other.pk}).json()
        assert [entry["id"] for entry in choices["article"]] == [library["swab"].pk]
        assert [entry["id"] for entry in choices["library"]] == [library["guard"].pk]
        [offered] = choices["library"]
        assert offered["src"] == library["guard"].file.url
        assert offered["caption"] == "下沉干部在小区门口值守 本报记者 王耀摄"
        assert "/renditions/" in offered["thumbnail"] and offered["thumbnail"].endswith(
            "-160w.webp"
        )
        searched = editor_client.get(CHOICES, {"article": other.pk, "q": "运城晚报"}).json()
        assert [entry["id"] for entry in searched["library"]] == [library["guard"].pk]
        nothing = editor_client.get(CHOICES, {"article": other.pk, "q": "不存在的图说"}).json()
        assert nothing["library"] == []

    def test_attaching_reuses_the_stored_file(self, editor_client, library, settings):
        guard, other = library["guard"], library["other"]
        files_before = sorted((settings.MEDIA_ROOT / "images").rglob("*.*"))
        response = editor_client.post(ATTACH, {"image": guard.pk, "article": other.pk})
        assert response.status_code == 200
        copy = other.images.get(pk=response.json()["id"])
        assert (copy.file.name, copy.sha256, copy.caption, copy.order) == (
            guard.file.name,
            guard.sha256,
            guard.caption,
            1,
        )
        assert response.json()["src"] == copy.url
        assert sorted((settings.MEDIA_ROOT / "images").rglob("*.*")) == files_before
        assert Image.objects.filter(pk=guard.pk, article=guard.article).exists()

    def test_the_panel_query_count_does_not_grow(
        self, editor_client, library, django_assert_num_queries
    ):
        other = library["other"]
        editor_client.get(CHOICES, {"article": other.pk})
        with django_assert_num_queries(7):
            editor_client.get(CHOICES, {"article": other.pk})
        for index in range(5):
            stored_image(library["other"], f"第{index}张", colour=(0, index * 40, 0))
            stored_image(make_article(f"另一篇{index}"), f"图库{index}", colour=(0, 0, index * 40))
        with django_assert_num_queries(7):
            editor_client.get(CHOICES, {"article": other.pk})

    @pytest.mark.parametrize(
        ("who", "choices_status", "attach_status"),
        [
            ("anonymous", 302, 302),
            ("plain staff", 403, 403),
            ("may view images only", 403, 403),
            ("may change articles, view images", 200, 403),
            ("editor", 200, 200),
            ("chief", 200, 200),
        ],
    )
    def test_permissions(self, client, library, who, choices_status, attach_status):
        users = {
            "plain staff": lambda: user_with("staff"),
            "may view images only": lambda: user_with("viewer", "view_image"),
            "may change articles, view images": lambda: user_with(
                "writer", "view_image", "change_article"
            ),
            "editor": lambda: make_user("editor", "编辑"),
            "chief": lambda: make_user("chief", "主编"),
        }
        if who in users:
            client.force_login(users[who]())
        other, guard = library["other"], library["guard"]
        count = Image.objects.count()
        assert client.get(CHOICES, {"article": other.pk}).status_code == choices_status
        response = client.post(ATTACH, {"image": guard.pk, "article": other.pk})
        assert response.status_code == attach_status
        assert Image.objects.count() == count + (attach_status == 200)

    def test_unknown_articles_and_images_and_gets_are_refused(self, editor_client, library):
        other, guard = library["other"], library["guard"]
        assert editor_client.get(CHOICES, {"article": "x"}).status_code == 404
        assert editor_client.get(CHOICES, {"article": 999_999}).status_code == 404
        assert (
            editor_client.post(ATTACH, {"image": 999_999, "article": other.pk}).status_code == 404
        )
        assert editor_client.post(ATTACH, {"image": guard.pk, "article": 0}).status_code == 404
        assert (
            editor_client.get(ATTACH, {"image": guard.pk, "article": other.pk}).status_code == 405
        )

    def test_the_article_form_holds_the_panel(self, editor_client, library):
        other = library["other"]
        page = editor_client.get(reverse("admin:articles_article_change", args=[other.pk]))
        content = page.content.decode()
        assert (
            f'data-article="{other.pk}"' in content and f'data-choices-url="{CHOICES}"' in content
        )
        assert "插入图片" in content
