"""The guard against silent loss: every sentence of a file that holds articles ends up in a story.

Run over every seed and every hand-made fixture; a file that holds no article must be refused with
a reason instead (and is listed here, so a new fixture is always judged one way or the other).
"""

import pytest

from articles.importer.errors import NoStoryFound
from articles.importer.pipeline import read_document

from .conftest import FIXTURES, SEEDS
from .helpers import assert_nothing_lost

NO_ARTICLE = {
    "blurb.txt",
    "two_line_blurb.txt",
    "short_notice.txt",
    "wechat_chrome_only.txt",
    "link_list.txt",
    "long_link_list.txt",
    "scraped_link_list.txt",
    "blurb_with_mailbox.txt",
    "headline_links.txt",
    "contents_page.txt",
}
FILES = sorted(SEEDS.glob("*.txt")) + sorted(
    path for path in FIXTURES.iterdir() if path.name not in NO_ARTICLE
)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_sentence_ends_up_in_a_story(path):
    document = read_document(path.name, path.read_bytes())
    assert_nothing_lost(document.text, document.stories)


@pytest.mark.parametrize("name", sorted(NO_ARTICLE))
def test_files_without_an_article_are_refused(name):
    with pytest.raises(NoStoryFound):
        read_document(name, (FIXTURES / name).read_bytes())
