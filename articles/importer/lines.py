"""Lines of a file: its non-blank lines with their offsets into the text as it stood."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Patterns, not `str.translate` with a dict, which looks every character up (45 µs a paragraph
# under cProfile, 8 % of parsing); a pattern without a match is one scan in C.
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_SPACES_RE = re.compile("[\u00a0\u2002\u2003\t]")


@dataclass(frozen=True)
class Line:
    """One non-blank line: its cleaned text and where it stood in the original text."""

    text: str
    start: int
    end: int


def clean_line(line: str) -> str:
    r"""`\ufeff　　疫情就是命令。\r` → `疫情就是命令。`: invisible marks and edge spaces go, punctuation stays."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", line)).strip(" \u3000\r\n")


def clean_text(text: str) -> str:
    r"""Line ends to `\n`, invisible characters out, each line stripped; blank lines kept."""
    return "\n".join(clean_line(line) for line in text.replace("\r\n", "\n").split("\n"))


def non_blank_lines(text: str) -> list[Line]:
    """The non-blank lines of `text` with their offsets into `text` itself (CRLF or not)."""
    found = []
    for match in re.finditer(r"[^\r\n]+", text):
        cleaned = clean_line(match.group())
        if cleaned:
            found.append(Line(cleaned, match.start(), match.end()))
    return found


def original_span(text: str, lines: list[Line]) -> str:
    """The exact text from the first to the last of `lines`, as it stood in the file."""
    return text[lines[0].start : lines[-1].end] if lines else ""
