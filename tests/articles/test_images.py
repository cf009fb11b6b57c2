"""Image files are stored through Django's storage API, named by their content."""

import hashlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.models import Image
from tests.articles.admin_fixtures import make_article

pytestmark = pytest.mark.django_db


def picture(image_format="JPEG", size=(80, 60), colour="navy"):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def memory_storage(settings):
    """Any storage backend (S3 through django-storages, in production) is used the same way."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage


def test_fetched_bytes_are_stored_under_their_hash(memory_storage):
    content = picture()
    image = Image(article=make_article(), original_url="http://img.example.com/a/1.jpeg")
    image.set_file_content(content, "1.jpeg")
    image.save()

    digest = hashlib.sha256(content).hexdigest()
    image.refresh_from_db()
    assert image.file.name == f"images/{digest[:2]}/{digest}.jpg"
    assert (image.width, image.height, image.sha256) == (80, 60, digest)
    assert memory_storage.exists(image.file.name)
    assert image.url == f"/media/{image.file.name}"
    assert image.original_url == "http://img.example.com/a/1.jpeg"  # the remote address kept


def test_the_same_picture_fetched_for_two_articles_is_stored_once(memory_storage):
    content = picture()
    names = set()
    for title in ("甲", "乙"):
        image = Image(article=make_article(title))
        image.set_file_content(content, "photo.jpg")
        image.save()
        names.add(image.file.name)
    assert len(names) == 1
    directory = names.pop().rsplit("/", 1)[0]
    assert len(memory_storage.listdir(directory)[1]) == 1


def test_bytes_that_are_no_picture_are_refused(memory_storage):
    image = Image(article=make_article())
    with pytest.raises(ValidationError):
        image.set_file_content(b"<html>404</html>", "photo.jpg")
    assert not memory_storage.exists("images")
