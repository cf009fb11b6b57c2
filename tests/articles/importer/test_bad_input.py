"""Bad input: a clear message naming the file and the reason, nothing written for it, the run goes on."""

import codecs

import pytest

from articles.importer.pipeline import import_paths
from articles.models import Article, ImportedFile

from .builders import assert_no_unsafe_markup, seed_path

pytestmark = pytest.mark.django_db

GOOD = "---\ntitle: 好稿件\ndate: 2022-04-20\nsource: 运城晚报\n---\n<p>社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def run_beside_a_good_file(tmp_path, name, data, **options):
    """Import a directory holding `name` and one good file; return (report of `name`, report)."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    report = import_paths([tmp_path], **options)
    good = next(f for f in report.files if f.name.endswith("good.txt"))
    assert good.status == "imported", "the run goes on after the bad file"
    bad = next(f for f in report.files if f.name.endswith(name))
    return bad, report


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", " \n\r\n\t\u3000\n".encode(), "文件为空"),
        ("image.txt", PNG, "PNG"),
        ("noise.txt", b"\x80\x81\xff\xfe\x00abc"[:3] + b"\xff\x80\x81", "无法识别文件编码"),
        (
            "bad-yaml.md",
            b"---\ntitle: [unclosed\n---\n<p>\xe6\xad\xa3\xe6\x96\x87</p>",
            "YAML 头信息格式有误",
        ),
        ("no-story.md", "---\ntitle: 只有标题\n---\n\n".encode(), "没有正文"),
        (
            "blurb.txt",
            "本站简介：本地新闻网站，提供本地新闻、政务信息和便民服务。".encode(),
            "正文",
        ),
        (
            "headlines.txt",
            "社区志愿者连续奋战十天\n居民送来热乎的饺子\n核酸检测点前排起长队\n党旗在一线高高飘扬\n".encode(),
            "正文",
        ),
        (
            "links.html",
            "<html><body><ul><li><a href='/1'>头条新闻一则</a></li><li><a href='/2'>头条新闻二则</a></li>"
            "<li><a href='/3'>头条新闻三则</a></li></ul></body></html>".encode(),
            "大部分是链接",
        ),
        (
            "laughs.md",
            (
                "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n---\n"
                "<p>社区志愿者连续奋战十天，居民送来热乎的饺子，纷纷点赞。</p>"
            ).encode(),
            "锚点或别名",
        ),
        ("nested.md", ("---\ntitle: " + "[" * 5000 + "\n---\n<p>正文</p>").encode(), "头信息"),
        ("year-zero.md", GOOD.replace("date: 2022-04-20", "date: 0000-01-01").encode(), "无效的值"),
    ],
)
def test_bad_files_fail_with_their_name_and_reason(tmp_path, name, data, reason):
    bad, report = run_beside_a_good_file(tmp_path, name, data)
    assert bad.status == "failed"
    assert bad.error.startswith(str(tmp_path / name) + "：")
    assert reason in bad.error
    failed = ImportedFile.objects.get(outcome=ImportedFile.Outcome.FAILED)
    assert failed.name == str(tmp_path / name) and not failed.articles.exists()
    assert Article.objects.count() == 1
    assert len(report.failed) == 1


def test_a_file_over_the_size_limit(tmp_path, settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = len(GOOD.encode()) + 10
    bad, _report = run_beside_a_good_file(tmp_path, "big.txt", GOOD.encode() * 2)
    assert bad.status == "failed" and "超过导入上限" in bad.error


def test_non_text_files_in_a_directory_are_skipped_and_reported(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    bad, report = run_beside_a_good_file(tmp_path, "photo.png", PNG)
    assert bad.status == "skipped" and "不是文本文件" in bad.error
    assert [f.status for f in report.files if f.name.endswith("scan.pdf")] == ["skipped"]
    assert report.failed == []
    assert not ImportedFile.objects.filter(outcome=ImportedFile.Outcome.FAILED).exists()


SEED_TEXT = seed_path("000").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SEED_TEXT.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF8 + SEED_TEXT.encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16-be"),
        (SEED_TEXT.replace("\n", "\r\n").encode(), "utf-8"),
    ],
)
def test_other_encodings_and_line_ends_import_correctly(tmp_path, data, encoding):
    path = tmp_path / "post.txt"
    path.write_bytes(data)
    [report] = import_paths([path]).files
    assert (report.status, report.encoding) == ("imported", encoding)
    article = Article.objects.get()
    assert article.title == "抗疫故事青城有爱_关键岗位党徽亮～"
    assert article.source.name == "人民网" and article.images.count() == 6
    assert article.imported_file.original_text == SEED_TEXT
    assert "\r" not in article.original_text


def test_gbk_text_imports_with_its_dashes_and_middle_dots(tmp_path):
    text = GOOD.replace("好稿件", "社区——志愿者·饺子")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    [report] = import_paths([tmp_path]).files
    assert (report.status, report.encoding) == ("imported", "gb18030")
    assert Article.objects.get().title == "社区——志愿者·饺子"


def test_untrusted_html_is_sanitised_before_it_reaches_the_database(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>核酸检测进小区_某网</title><style>p{color:red}</style></head>"
        "<body><article><h1>核酸检测进小区</h1>"
        '<p onclick="steal()" style="color:red">居民在楼下排队检测，<a href="javascript:alert(1)">详情</a>'
        "志愿者逐户通知。<script>alert(1)</script></p>"
        '<iframe src="https://evil.example/"></iframe><p onmouseover="x()">检测在两小时内完成，秩序井然，居民纷纷点赞。</p>'
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [report] = import_paths([path]).files
    assert report.status == "imported" and report.format == "html"
    article = Article.objects.get()
    assert article.title == "核酸检测进小区"
    assert_no_unsafe_markup(article.body)
    assert "志愿者逐户通知" in article.body


def test_a_page_nested_thousands_of_elements_deep_loses_nothing(tmp_path):
    paragraphs = "".join(
        f"<p>第{n}段：社区志愿者连续奋战十天，居民送来热乎的饺子，纷纷点赞。</p>" for n in range(3)
    )
    page = f"<html><body><h1>层层嵌套的稿件</h1>{'<div>' * 3000}{paragraphs}{'</div>' * 3000}</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    [report] = import_paths([tmp_path]).files
    assert report.status == "imported", report.error
    article = Article.objects.get()
    assert article.title == "层层嵌套的稿件"
    assert all(f"第{n}段" in article.body for n in range(3))


@pytest.mark.parametrize("field", ["tags: 12", "author: 12345", "categories: 3.5", "source: 7"])
def test_a_number_where_front_matter_expects_names_is_read_as_text(tmp_path, field):
    (tmp_path / "post.md").write_text(GOOD.replace("date:", f"{field}\ndate:"), encoding="utf-8")
    [report] = import_paths([tmp_path]).files
    assert report.status == "imported", report.error


def test_a_word_file_over_the_size_limit_is_refused_as_too_large(settings):
    import io

    import docx

    from articles.importer.errors import FileTooLarge
    from articles.importer.pipeline import read_document

    document = docx.Document()
    document.add_paragraph("社区志愿者连续奋战十天，居民送来热乎的饺子。" * 50)
    buffer = io.BytesIO()
    document.save(buffer)
    settings.NEWSROOM_IMPORT_MAX_BYTES = len(buffer.getvalue()) - 1
    with pytest.raises(FileTooLarge, match="^稿件.docx：文件超过导入上限"):
        read_document("稿件.docx", buffer.getvalue())
