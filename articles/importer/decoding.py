"""Bytes in, text out: the first step of every import.

A byte-order mark decides first; then strict UTF-8. Otherwise the file is decoded strictly as
GB18030 (a superset of GBK and GB2312 that keeps `—` and `·`, which the `gb2312` codec corrupts)
and as Big5 — most Big5 text also decodes as GB18030, as nonsense — and the decoding kept is the
one whose characters are most plausibly common ones of its script, if plausible at all. A file
with NUL bytes may be UTF-16 without a mark, read the same way in both byte orders. Anything else
is refused with a reason rather than guessed: charset detectors read short GBK texts as Korean.
"""

import codecs
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import BinaryFile, EmptyFile, FileTooLarge, UndecodableText

BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _characters(codec, leads, trails):
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return frozenset(found)


# The common characters of each script, as its national standard ranks them: GB2312's level 1
# (3,755 characters, rows B0–D7) and Big5's 常用字 (5,401, A440–C67E).
COMMON_SIMPLIFIED = _characters("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
COMMON_TRADITIONAL = frozenset(
    character
    for character in _characters(
        "big5", range(0xA4, 0xC7), (*range(0x40, 0x7F), *range(0xA1, 0xFF))
    )
    if character.encode("big5") <= b"\xc6\x7e"
)
COMMON_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】〔〕—…·「」『』　％＋－／～｜")
# (encoding, the characters that are common in text written in it)
# GB18030 encodes traditional characters too (a Hong Kong or Taiwan text saved on the mainland).
CHINESE_ENCODINGS = (
    ("gb18030", COMMON_SIMPLIFIED | COMMON_TRADITIONAL),
    ("big5", COMMON_TRADITIONAL),
)
UTF16_ENCODINGS = (
    ("utf-16-le", COMMON_SIMPLIFIED | COMMON_TRADITIONAL),
    ("utf-16-be", COMMON_SIMPLIFIED | COMMON_TRADITIONAL),
)
# Measured on news paragraphs: the right decoding scores 0.95–1.0; Big5 read as GB18030 0.18,
# a file half GBK and half Big5 0.59.
PLAUSIBLE_SHARE = 0.75
SAMPLE_CHARACTERS = 20_000

# The first bytes of files people mistake for text: images, PDF, archives, office documents.
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0", "Office"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def refuse_oversize(name, data):
    """A file over `NEWSROOM_IMPORT_MAX_BYTES`, text or Word, is refused before it is read."""
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileTooLarge(
            _("文件超过导入上限 %(limit)s 字节（NEWSROOM_IMPORT_MAX_BYTES）。") % {"limit": limit},
            filename=name,
        )


def decode(name, data):
    """Decode a file's bytes to text with `\\n` line ends, or raise a failure naming `name`.

    `"运城晚报讯".encode("gb18030")` decodes as GB18030; a PNG renamed `.txt` is a `BinaryFile`.
    """
    refuse_oversize(name, data)
    if not data.strip():
        raise EmptyFile(_("文件为空或只有空白。"), filename=name)
    text, encoding = _decode_by_byte_order_mark(data) or _decode_without_mark(name, data)
    if CONTROL_CHARACTERS.search(text):
        raise BinaryFile(_("文件含有控制字符，不是文本文件。"), filename=name)
    text = LINE_BREAKS.sub("\n", text)
    if not text.strip():
        raise EmptyFile(_("文件为空或只有空白。"), filename=name)
    return DecodedText(text=text, encoding=encoding)


def _decode_by_byte_order_mark(data):
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError:
                return None
    return None


def _decode_without_mark(name, data):
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryFile(_("这是 %(kind)s 文件，不是文本。") % {"kind": kind}, filename=name)
    if b"\x00" in data:
        decoded, _shares = _most_plausible(data, UTF16_ENCODINGS)
        if decoded is None:
            raise BinaryFile(_("文件含有空字节，不是文本文件。"), filename=name)
        return decoded
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded, shares = _most_plausible(data, CHINESE_ENCODINGS)
    if decoded is not None:
        return decoded
    if not shares:
        raise UndecodableText(
            _("无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030、Big5），请另存为 UTF-8 后重试。"),
            filename=name,
        )
    tried = "、".join(
        _("按 %(encoding)s 读只有 %(share)d%% 是常用字")
        % {"encoding": encoding.upper(), "share": share * 100}
        for encoding, share in shares
    )
    raise UndecodableText(
        _("无法判断文件编码：%(tried)s，像是乱码或混用了几种编码；请另存为 UTF-8 后重试。")
        % {"tried": tried},
        filename=name,
    )


def _most_plausible(data, encodings):
    """((text, encoding) of the strict decoding most plausibly right, or None; [(encoding,
    share of common characters)] of every decoding that succeeded)."""
    decodings = []
    for encoding, common in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decodings.append((plausibility(text, common), text, encoding))
    best = max(decodings, key=lambda decoding: decoding[0], default=None)
    shares = [(encoding, share) for share, _text, encoding in decodings]
    if best is None or best[0] < PLAUSIBLE_SHARE:
        return None, shares
    return (best[1], best[2]), shares


def plausibility(text, common):
    """The share of `text`'s characters beyond ASCII that are `common` ones or Chinese
    punctuation: `plausibility("记者王耀。", COMMON_SIMPLIFIED)` is 1.0; Big5 bytes read as
    GB18030 (`セ厨癟癘`) score about 0.2."""
    considered = [
        character
        for character in text[:SAMPLE_CHARACTERS]
        if not character.isascii() and not character.isspace()
    ]
    if not considered:
        return 1.0
    plausible = sum(
        character in common or character in COMMON_PUNCTUATION for character in considered
    )
    return plausible / len(considered)
