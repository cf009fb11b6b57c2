"""A Markdown post without front matter: `# 标题` (or a `===` underlined title) then the body.

Read like a front-matter post whose only key is the title, so images, captions, credit and source
lines follow the same rules.
"""

import re

from .front_matter import post_stories

ATX_TITLE = re.compile(r"\A\s*#{1,6}[ \t]+(?P<title>[^\n#][^\n]*?)[ \t#]*\n")
# Markdown's own marks, which no plain text or HTML page prints: a `#` heading at any level, an
# image or a link to an address.
MARKDOWN_EVIDENCE = re.compile(
    r"^[ \t]{0,3}#{1,6}[ \t]+\S|!\[[^\]\n]*\]\(\s*\S|\[[^\]\n]+\]\(\s*(?:https?:)?//", re.MULTILINE
)
SETEXT_TITLE = re.compile(r"\A\s*(?P<title>[^\n]+)\n=+[ \t]*\n")


def sniff(text):
    return _title_match(text) is not None or is_markdown(text)


def is_markdown(text):
    """`## 标题`, `![图](…)` or `[链接](https://…)` anywhere: Markdown, even around HTML blocks."""
    return MARKDOWN_EVIDENCE.search(text) is not None


def parse(text):
    match = _title_match(text)
    if match is None:  # forced with `--format markdown`: the title is inferred from the body
        return post_stories({}, text, original_text=text)
    title = match["title"].strip()
    return post_stories({"title": title}, text[match.end() :], original_text=text, page_body=text)


def _title_match(text):
    return ATX_TITLE.match(text) or SETEXT_TITLE.match(text)
