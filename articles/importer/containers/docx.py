"""Word `.docx` files, which many desks receive: converted to HTML by mammoth, then read as HTML.

Headings keep their level (`Heading 1` → `<h1>`), paragraphs stay paragraphs; pictures embedded
in the file are not addresses an article can point at, so they are counted in a warning.
"""

import io
import re
import zipfile

import mammoth
from django.utils.translation import gettext as _

from ..errors import ImportFailure

ENCODING = "docx"
_EMBEDDED_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"data:", re.I)


class UnreadableWordFile(ImportFailure):
    pass


def is_docx(data: bytes) -> bool:
    """A zip archive holding `word/document.xml`: what Word and WPS save as `.docx`."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def to_html(data: bytes) -> tuple[str, tuple[str, ...]]:
    """(the document as an HTML page, warnings) — a damaged file is an `UnreadableWordFile`."""
    try:
        converted = mammoth.convert_to_html(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableWordFile(
            _("Word 文件已损坏，无法读取（%(error)s）。") % {"error": error}
        ) from error
    html = converted.value
    warnings = ()
    if embedded := len(_EMBEDDED_IMAGE.findall(html)):
        warnings = (
            _("Word 文件里嵌入的 %(count)s 张图片未导入，请在后台上传。") % {"count": embedded},
        )
        html = re.sub(r"<img\b[^>]*\bsrc=\"data:[^\"]*\"[^>]*>", "", html, flags=re.I)
    return f"<!doctype html><html><body>{html}</body></html>", warnings
