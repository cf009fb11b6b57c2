"""The import key names a whole story; a file's own earlier version decides what is an update."""

import pytest
from django.core.management import call_command

from articles.importer import persist
from articles.models import Article, ArticleSearchDocument

from .builders import document, story

pytestmark = pytest.mark.django_db

OPENING = "<p>" + "社区志愿者连续奋战十天，居民送来热乎的饺子。" * 20 + "</p>"  # 440 characters


def test_two_files_alike_in_their_first_400_characters_are_two_articles():
    first = persist.save_document(
        document(story(title="爱心饺子", body=OPENING + "<p>东区的故事。</p>"), name="east.txt")
    )
    second = persist.save_document(
        document(story(title="爱心饺子", body=OPENING + "<p>西区的故事。</p>"), name="west.txt")
    )

    assert (first.created, second.created) == (1, 1)
    assert Article.objects.filter(body__contains="西区的故事").exists()
    assert Article.objects.filter(body__contains="东区的故事").exists()


def test_a_corrected_story_behind_a_new_one_updates_its_own_article():
    """Version 2 of a page inserts a story before one whose last paragraph it corrects."""
    kept = story(title="爱心饺子", body=OPENING + "<p>共送出三百份。</p>", position=1)
    persist.save_document(document(kept, name="page.txt"))
    pk = Article.objects.get().pk

    inserted = story(title="新开的菜市场", body="<p>菜市场今天开张，摊位整齐。</p>", position=1)
    corrected = story(title="爱心饺子", body=OPENING + "<p>共送出五百份。</p>", position=2)
    result = persist.save_document(document(inserted, corrected, name="page.txt"))

    assert (result.created, result.updated) == (1, 1)
    article = Article.objects.get(pk=pk)
    assert "五百份" in article.body and article.position == 2
    assert Article.objects.get(title="新开的菜市场").pk != pk


def test_an_article_keyed_otherwise_is_found_again_in_its_own_file_record():
    """Articles keyed before the key changed are recognised when their file is imported again."""
    page = document(story(title="爱心饺子", body=OPENING), name="page.txt")
    persist.save_document(page)
    Article.objects.update(import_key="an-older-kind-of-key")

    again = persist.save_document(page)

    assert again.created == 0
    article = Article.objects.get()
    assert article.import_key == persist.import_key(page.stories[0])


def test_search_documents_are_written_with_the_articles():
    persist.save_document(document(story(title="爱心饺子", body=OPENING)))
    # No commit has happened (the test's transaction is still open): the document is there.
    assert ArticleSearchDocument.objects.count() == 1
    assert list(Article.objects.search("饺子")) == list(Article.objects.all())


def test_re_import_repairs_an_article_without_its_search_document():
    page = document(story(title="爱心饺子", body=OPENING))
    persist.save_document(page)
    ArticleSearchDocument.objects.all().delete()

    again = persist.save_document(page)

    assert again.unchanged == 1
    assert list(Article.objects.search("饺子")) == list(Article.objects.all())


def test_refresh_search_documents_missing_writes_only_the_missing(capsys):
    persist.save_document(document(story(title="爱心饺子", body=OPENING), name="a.txt"))
    persist.save_document(document(story(title="菜市场", body="<p>菜市场开张。</p>"), name="b.txt"))
    ArticleSearchDocument.objects.filter(article__title="菜市场").delete()

    call_command("refresh_search_documents", "--missing")

    assert "1" in capsys.readouterr().out
    assert ArticleSearchDocument.objects.count() == 2
    assert [article.title for article in Article.objects.search("菜市场")] == ["菜市场"]
