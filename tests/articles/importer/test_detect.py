import pytest

from articles.importer.detect import detect_format
from articles.importer.errors import UnrecognisedFormat
from articles.importer.formats import FORMATS

from .builders import SEEDS, seed_path


def test_registry_order_puts_the_most_distinctive_formats_first():
    assert list(FORMATS)[:4] == ["front_matter", "json", "html", "markdown"]
    for module in FORMATS.values():
        assert callable(module.sniff) and callable(module.parse)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: 标题\n---\n<p>正文</p>", "front_matter"),
        ("\n\n---\ntitle: 标题\ndate: 2022-04-20\n---\n正文第一段。", "front_matter"),
        ("<!DOCTYPE html><html><body><p>正文</p></body></html>", "html"),
        ("<div><h1>标题</h1><p>第一段</p><p>第二段</p></div>", "html"),
        ("# 标题\n\n第一段。\n", "markdown"),
    ],
)
def test_documents_are_recognised_by_their_shape(text, expected):
    assert detect_format(text) == expected


def test_seed_000_is_a_front_matter_post():
    assert detect_format(seed_path("000").read_text(encoding="utf-8")) == "front_matter"


def test_a_forced_format_skips_detection():
    assert detect_format("<p>看似网页</p>", forced="front_matter") == "front_matter"


def test_an_unknown_forced_format_names_the_known_ones():
    with pytest.raises(UnrecognisedFormat, match="没有名为 pdf 的格式.*front_matter"):
        detect_format("正文", forced="pdf")


PLAIN_TEXTS = sorted((SEEDS.parent / "tests/articles/importer/fixtures").glob("*.txt")) + sorted(
    path for path in SEEDS.glob("*.txt") if not path.name.startswith("000_")
)


@pytest.mark.parametrize("path", PLAIN_TEXTS, ids=lambda path: path.name)
def test_plain_text_is_left_to_the_plain_text_formats(path):
    text = path.read_text(encoding="utf-8")
    assert detect_format(text) in {"scraped_page", "wechat_post", "newspaper_page"}
