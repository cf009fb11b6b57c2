"""Where the editors' admin and the readers' site meet."""

from urllib.parse import unquote

import pytest
from taggit.models import Tag

from articles.models import Article
from articles.services.tag_merging import merge_tags, rename_tag

from .admin_fixtures import make_article
from .reader_data import committed

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


class TestMergedTagAddresses:
    def test_a_merged_tags_old_page_redirects_to_the_tag_that_took_it_over(self, client):
        article = make_article("乙", status="published", tags=["抗疫"])
        merge_tags([Tag.objects.get(name="抗疫")], Tag.objects.create(name="疫情防控"))

        response = client.get("/tags/抗疫/")

        assert response.status_code == 301
        assert unquote(response["Location"]) == "/tags/疫情防控/"
        assert article.title in client.get(response["Location"]).content.decode()

    def test_a_renamed_tags_old_page_redirects(self, client):
        make_article("丙", status="published", tags=["核酸"])
        rename_tag(Tag.objects.get(name="核酸"), "核酸检测", new_slug="核酸检测")

        response = client.get("/tags/核酸/")

        assert response.status_code == 301
        assert unquote(response["Location"]) == "/tags/核酸检测/"

    def test_a_merged_tags_articles_are_found_by_the_new_name(self):
        with committed():
            article = make_article("丁", status="published", tags=["抗疫"])
        with committed():
            merge_tags([Tag.objects.get(name="抗疫")], Tag.objects.create(name="疫情防控"))

        assert list(Article.objects.search("疫情防控")) == [article]
        assert not Article.objects.search("抗疫").exists()

    def test_an_unknown_tag_is_not_found(self, client):
        assert client.get("/tags/从未有过/").status_code == 404


class TestAdminSearchUsesTheChineseIndex:
    @pytest.mark.parametrize("query", ["樊", "包联", "下沉包联"])
    def test_drafts_are_found_mid_sentence(self, editor_client, query):
        with committed():
            make_article("甲", body="<p>穿着统一下发的防寒大衣，下沉包联干部樊庶正在沟通。</p>")
            make_article("乙", body="<p>寒风凛冽的农历正月。</p>")

        page = editor_client.get(CHANGELIST, {"q": query}).content.decode()

        assert ">甲<" in page and ">乙<" not in page

    def test_credits_and_tags_are_searched_too(self, editor_client):
        with committed():
            make_article("甲", credits=[("王耀", "reporter")], tags=["运城"])
            make_article("乙")

        by_name = editor_client.get(CHANGELIST, {"q": "王耀"}).content.decode()
        by_tag = editor_client.get(CHANGELIST, {"q": "运城"}).content.decode()

        assert ">甲<" in by_name and ">乙<" not in by_name
        assert ">甲<" in by_tag and ">乙<" not in by_tag


@pytest.mark.parametrize("command", ["import_seeds", "create_editor", "refresh_search_documents"])
def test_every_command_explains_itself_in_chinese(command):
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [sys.executable, "manage.py", command, "--help"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert any("\u4e00" <= char <= "\u9fff" for char in result.stdout)
