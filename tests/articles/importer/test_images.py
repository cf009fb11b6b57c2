"""Fetching images against a local HTTP server started by the test, never the internet."""

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO, StringIO
from pathlib import Path

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PillowImage

from articles.importer import persist
from articles.importer.errors import ImageFetchFailed
from articles.importer.images import fetch_image, fetch_images
from articles.importer.records import ImageRecord
from articles.models import Article, Image

from .builders import document, row_counts, story


def png(width, height, colour="red"):
    buffer = BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


RED = png(40, 30)
ROUTES = {
    "/red.png": (200, "image/png", RED, 0),
    "/same-red.png": (200, "image/png", RED, 0),
    "/page.html": (200, "text/html", b"<p>not an image</p>", 0),
    "/fake.png": (200, "image/png", b"\x89PNG\r\n\x1a\nbroken", 0),
    "/slow.png": (200, "image/png", RED, 1.0),
    "/slow-too.png": (200, "image/png", RED, 1.0),
    "/big.png": (200, "image/png", png(400, 400, "blue") + b"\x00" * 50_000, 0),
}


REQUESTED = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        REQUESTED.append(self.path)
        status, content_type, body, delay = ROUTES.get(self.path, (404, "text/plain", b"", 0))
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A client that gave up (the timeout test) is expected, not an error to print."""


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _short_timeout(settings):
    settings.NEWSROOM_IMAGE_FETCH_TIMEOUT = 0.3
    settings.NEWSROOM_IMAGE_MAX_BYTES = 40_000


def test_an_image_is_verified_and_measured(server):
    fetched = fetch_image(f"{server}/red.png")
    assert (fetched.width, fetched.height) == (40, 30)
    assert fetched.sha256 == hashlib.sha256(RED).hexdigest()
    assert fetched.filename == "red.png"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/page.html", "不是图片"),
        ("/fake.png", "不是有效的图片"),
        ("/missing.png", "404"),
        ("/slow.png", "连接失败"),
        ("/big.png", "超过 40000 字节"),
    ],
)
def test_what_is_not_a_small_image_is_refused_with_a_reason(server, path, reason):
    with pytest.raises(ImageFetchFailed, match=reason):
        fetch_image(f"{server}{path}")


def test_only_http_addresses_are_fetched():
    with pytest.raises(ImageFetchFailed):
        fetch_image("file:///etc/passwd")


@pytest.mark.django_db
class TestFetchingOnImport:
    def pictured_story(self, server):
        return story(
            images=(
                ImageRecord(f"{server}/red.png", 410, 232),
                ImageRecord(f"{server}/same-red.png"),
                ImageRecord(f"{server}/missing.png", caption="图为现场。"),
            )
        )

    def test_images_are_stored_once_and_failures_become_warnings(self, server):
        result = persist.save_document(document(self.pictured_story(server)), fetch_images=True)
        assert result.created == 1
        red, same_red, missing = Image.objects.order_by("order")
        assert red.file and red.sha256 == hashlib.sha256(RED).hexdigest()
        assert (red.width, red.height) == (40, 30)
        assert same_red.file.name == red.file.name, "the same bytes are stored once"
        assert red.file.read() == RED
        assert not missing.file and missing.original_url.endswith("/missing.png")
        [warning] = Article.objects.get().warnings
        assert warning.startswith("图片下载失败：") and "missing.png" in warning

    def test_fetching_again_changes_nothing(self, server):
        persist.save_document(document(self.pictured_story(server)), fetch_images=True)
        counts, stamps = row_counts(), list(Article.objects.values_list("updated_at", flat=True))
        again = persist.save_document(document(self.pictured_story(server)), fetch_images=True)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
        assert row_counts() == counts
        assert list(Article.objects.values_list("updated_at", flat=True)) == stamps

    def test_images_recorded_earlier_are_fetched_later(self, server):
        persist.save_document(document(self.pictured_story(server)))
        assert not Image.objects.exclude(file="").exists()
        later = persist.save_document(document(self.pictured_story(server)), fetch_images=True)
        assert later.updated == 1
        assert Image.objects.exclude(file="").count() == 2


@pytest.mark.django_db
def test_the_command_fetches_images_and_keeps_the_article_when_one_fails(server, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: 核酸检测进小区\ndate: 2022-04-20\nsource: 运城晚报\n---\n"
        f'<p><img src="https://proxy.example/?{server}/red.png" data-size="400,300"></p>'
        "<p>居民在楼下排队检测。（张三 摄）</p>"
        f'<p><img src="{server}/missing.png"></p><p>检测在两小时内完成，秩序井然，没有一户漏检。居民们纷纷点赞，说有了他们心里踏实多了。</p>',
        encoding="utf-8",
    )
    call_command("import_seeds", str(post), "--fetch-images", stdout=StringIO())
    article = Article.objects.get()
    red, missing = article.images.all()
    assert red.original_url == f"{server}/red.png"
    assert red.file and (red.width, red.height) == (40, 30)
    assert red.caption == "居民在楼下排队检测。" and red.credit_author.name == "张三"
    assert not missing.file
    assert any("missing.png" in warning for warning in article.warnings)
    assert article.status == Article.Status.DRAFT


def post_with_images(tmp_path, *urls):
    post = tmp_path / "post.md"
    images = "".join(f'<p><img src="{url}"></p>' for url in urls)
    post.write_text(
        "---\ntitle: 核酸检测进小区\ndate: 2022-04-20\nsource: 运城晚报\n---\n"
        f"{images}<p>检测在两小时内完成，秩序井然，没有一户漏检。居民们纷纷点赞，说有了他们心里踏实多了。</p>",
        encoding="utf-8",
    )
    return post


@pytest.mark.django_db
class TestTheDefault:
    def test_importing_stores_every_image_by_default(self, server, tmp_path, settings):
        settings.NEWSROOM_FETCH_IMAGES = True
        call_command(
            "import_seeds", str(post_with_images(tmp_path, f"{server}/red.png")), stdout=StringIO()
        )
        image = Image.objects.get()
        assert image.file.name == f"images/{image.sha256[:2]}/{image.sha256}.png"
        assert (image.width, image.height) == (40, 30)
        assert image.file.storage.exists(image.file.name)

    def test_no_fetch_images_stores_nothing(self, server, tmp_path, settings):
        settings.NEWSROOM_FETCH_IMAGES = True
        REQUESTED.clear()
        post = post_with_images(tmp_path, f"{server}/red.png")
        call_command("import_seeds", str(post), "--no-fetch-images", stdout=StringIO())
        image = Image.objects.get()
        assert not image.file and image.original_url == f"{server}/red.png"
        assert REQUESTED == [] and not (settings.MEDIA_ROOT / "images").exists()

    def test_the_setting_off_keeps_images_remote_unless_asked(self, server, tmp_path, settings):
        settings.NEWSROOM_FETCH_IMAGES = False
        post = post_with_images(tmp_path, f"{server}/red.png")
        call_command("import_seeds", str(post), stdout=StringIO())
        assert not Image.objects.get().file
        call_command("import_seeds", str(post), "--fetch-images", stdout=StringIO())
        assert Image.objects.get().file

    @pytest.mark.parametrize(
        ("path", "reason"),
        [
            ("/big.png", "图片超过 40000 字节"),
            ("/page.html", "不是图片"),
            ("/fake.png", "不是有效的图片"),
        ],
    )
    def test_a_refused_image_is_a_warning_naming_it_and_the_import_succeeds(
        self, server, tmp_path, settings, path, reason
    ):
        settings.NEWSROOM_FETCH_IMAGES = True
        out = StringIO()
        call_command("import_seeds", str(post_with_images(tmp_path, f"{server}{path}")), stdout=out)
        article = Article.objects.get()
        [warning] = [w for w in article.warnings if w.startswith("图片下载失败")]
        assert f"{server}{path}" in warning and reason in warning and "保留原图网址" in warning
        assert (
            article.images.get().original_url == f"{server}{path}" and not article.images.get().file
        )
        assert "新建 1" in out.getvalue()


def test_a_host_that_does_not_answer_is_waited_for_once(server):
    REQUESTED.clear()
    started = time.monotonic()
    fetched, failures = fetch_images({f"{server}/slow.png", f"{server}/slow-too.png"})
    assert fetched == {} and set(failures) == {f"{server}/slow.png", f"{server}/slow-too.png"}
    assert all("连接失败" in reason for reason in failures.values())
    assert len(REQUESTED) == 1, "the second image of the silent host is not asked for"
    assert time.monotonic() - started < 0.9


def test_a_name_that_does_not_resolve_fails_at_once():
    started = time.monotonic()
    _fetched, failures = fetch_images({"http://no-such-host.invalid/a.jpg"})
    assert "连接失败" in failures["http://no-such-host.invalid/a.jpg"]
    assert time.monotonic() - started < 2


def test_a_missing_image_does_not_stop_the_hosts_others(server):
    fetched, failures = fetch_images({f"{server}/missing.png", f"{server}/red.png"})
    assert set(fetched) == {f"{server}/red.png"} and "404" in failures[f"{server}/missing.png"]


@pytest.mark.django_db
@pytest.mark.parametrize("default", [True, False])
def test_the_admins_confirm_step_follows_the_default(editor_client, settings, tmp_path, default):
    settings.NEWSROOM_IMPORT_STAGING_DIR = tmp_path / "staging"
    settings.NEWSROOM_FETCH_IMAGES = default
    seed = Path(__file__).resolve().parents[3] / "seeds" / "002_6882ad933bddeb28.txt"
    preview = editor_client.post(
        reverse("admin:articles_importedfile_import"),
        {"files": [SimpleUploadedFile(seed.name, seed.read_bytes())]},
    )
    [checkbox] = lxml.html.fromstring(preview.content).cssselect("input[name=fetch_images]")
    assert (checkbox.get("checked") is not None) is default
