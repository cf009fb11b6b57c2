"""Bytes in, text out: the first step of every import.

A byte-order mark decides first; then strict UTF-8; then strict GB18030 (a superset of GBK and
GB2312 that keeps `—` and `·`, which the `gb2312` codec corrupts). Anything else is refused with
a reason rather than guessed: charset detectors read short GBK texts as Korean.
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
FALLBACK_ENCODINGS = ("utf-8", "gb18030")

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


def decode(name, data):
    """Decode a file's bytes to text with `\\n` line ends, or raise a failure naming `name`.

    `"运城晚报讯".encode("gb18030")` decodes as GB18030; a PNG renamed `.txt` is a `BinaryFile`.
    """
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileTooLarge(
            _("文件超过导入上限 %(limit)s 字节（NEWSROOM_IMPORT_MAX_BYTES）。") % {"limit": limit},
            filename=name,
        )
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
        raise BinaryFile(_("文件含有空字节，不是文本文件。"), filename=name)
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UndecodableText(
        _("无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030），请另存为 UTF-8 后重试。"),
        filename=name,
    )
