import codecs

import pytest

from articles.importer.decoding import decode
from articles.importer.errors import BinaryFile, EmptyFile, FileTooLarge, UndecodableText

STORY = "运城晚报讯(记者 寻霄)“阿姨，您的健康码呢？”——核酸检测点·现场"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16-be"),
        (STORY.encode("gb18030"), "gb18030"),
    ],
)
def test_known_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode("稿件.txt", data)
    assert decoded.text == STORY
    assert decoded.encoding == encoding


def test_gbk_text_keeps_dash_and_middle_dot():
    decoded = decode("gbk.txt", "破折号——与间隔号·".encode("gbk"))
    assert decoded.text == "破折号——与间隔号·"


@pytest.mark.parametrize("line_end", ["\r\n", "\r", "\u2028"])
def test_line_ends_become_newlines(line_end):
    decoded = decode("crlf.txt", f"第一段{line_end}第二段{line_end}".encode())
    assert decoded.text == "第一段\n第二段\n"


@pytest.mark.parametrize(
    ("data", "failure", "reason"),
    [
        (b"", EmptyFile, "文件为空"),
        (b"  \n\t\r\n ", EmptyFile, "文件为空"),
        (codecs.BOM_UTF8 + "\u3000\n".encode(), EmptyFile, "文件为空"),
        (PNG_HEADER + b"\x00" * 20, BinaryFile, "PNG"),
        (b"%PDF-1.7\n", BinaryFile, "PDF"),
        (b"abc\x00def", BinaryFile, "空字节"),
        ("正文\x07响铃".encode(), BinaryFile, "控制字符"),
        (b"caf\xe9 \x80\xff\x81", UndecodableText, "无法识别文件编码"),
    ],
)
def test_bad_bytes_fail_with_a_reason_naming_the_file(data, failure, reason):
    with pytest.raises(failure) as raised:
        decode("seeds/坏文件.txt", data)
    message = str(raised.value)
    assert message.startswith("seeds/坏文件.txt：")
    assert reason in message


def test_file_over_the_limit_is_refused(settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 10
    with pytest.raises(FileTooLarge, match=r"big\.txt：.*超过导入上限 10 字节"):
        decode("big.txt", "十一个字节多一点".encode())


SIMPLIFIED = (
    "本报讯（记者 王小明 通讯员 李大华）社区志愿者清晨六点就来到卡口，为往来居民测量体温、"
    "查验健康码。街道党工委组织在职党员下沉一线，分成三个小组轮流值守。\n"
)
TRADITIONAL = (
    "本報訊（記者 王小明 通訊員 李大華）社區志願者清晨六點就來到卡口，為往來居民測量體溫、"
    "查驗健康碼。街道黨工委組織在職黨員下沉一線，分成三個小組輪流值守。\n"
)


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
        (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030"),
        (SIMPLIFIED + "欧元€与㐀", (SIMPLIFIED + "欧元€与㐀").encode("gb18030"), "gb18030"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (TRADITIONAL, TRADITIONAL.encode("utf-16-le"), "utf-16-le"),
        (TRADITIONAL, codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_the_plausible_decoding_is_chosen(text, data, encoding):
    decoded = decode("稿件.txt", data)
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_big5_is_not_read_as_gb18030_though_it_decodes_as_such():
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030") != TRADITIONAL  # the nonsense it used to import
    assert decode("big5.txt", data).text == TRADITIONAL


@pytest.mark.parametrize(
    "data",
    [
        SIMPLIFIED.encode("gbk") + TRADITIONAL.encode("big5"),
        TRADITIONAL.encode("big5") + SIMPLIFIED.encode("gbk"),
    ],
    ids=["gbk-then-big5", "big5-then-gbk"],
)
def test_a_file_mixing_encodings_fails_clearly(data):
    with pytest.raises(UndecodableText) as raised:
        decode("混合.txt", data)
    message = str(raised.value)
    assert message.startswith("混合.txt：")
    assert "常用字" in message and "另存为 UTF-8" in message
