"""Chinese text as the search index sees it: pure functions, no database.

PostgreSQL's parsers and SQLite's tokenizers do not segment Chinese, so every
document and every query is cut here into character tokens the same way: the
bigrams of each run of letters and digits, in order (a phrase of bigrams finds a
word of two or more characters anywhere, `王耀`, `核酸`, `志愿者`), followed by the
distinct single characters (so a one-character query such as `党` finds its word).
"""

import functools
import html
import math
import re
import unicodedata

import lxml.html
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
# Letters and digits of any script; `_` is a word character for `\w` but not for readers.
WORD_RUN = re.compile(r"[^\W_]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|figure|tr|div)>|<br\s*/?>", re.I)
# A careful adult reads about 400 Chinese characters a minute.
HAN_CHARACTERS_PER_MINUTE = 400


def normalise(text):
    """Full-width forms folded to their usual ones and case folded: `ＣＯＶＩＤ` → `covid`."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def word_runs(text):
    """`“王耀，核酸检测”` → `["王耀", "核酸检测"]`: punctuation and spaces split runs."""
    return WORD_RUN.findall(normalise(text))


def document_tokens(*texts):
    """Space-separated index tokens for `texts`: bigrams in order, then distinct characters.

    `document_tokens("记者 王耀")` → `"记者 王耀 记 者 王 耀"`. No bigram spans two runs,
    so a phrase query never matches across punctuation.
    """
    bigrams, characters = [], {}
    for text in texts:
        for run in word_runs(text):
            bigrams.extend(run[index : index + 2] for index in range(len(run) - 1))
            characters.update(dict.fromkeys(run))
    return " ".join([*bigrams, *characters])


def document_text(*texts):
    """`texts` as the words queries are cut into, space-separated, so that no term spans two
    of them: `document_text("记者：王耀", "ＣＯＶＩＤ-19")` → `"记者 王耀 covid 19"`.

    PostgreSQL's index cuts these words into tokens itself (`articles_search_tokens()`,
    migration 0012) and confirms a term of three or more characters in them with `strpos`.
    """
    return " ".join(run for text in texts if text for run in word_runs(text))


def query_terms(query):
    """The runs of a reader's query that must all be found: `"王耀 核酸！"` → `["王耀", "核酸"]`.

    Empty, punctuation-only and over-long queries have no terms.
    """
    if not query or len(query) > MAX_QUERY_LENGTH:
        return []
    return list(dict.fromkeys(word_runs(query)))


def term_tokens(term):
    """A query term as index tokens: a character alone, or its bigrams in order."""
    if len(term) == 1:
        return [term]
    return [term[index : index + 2] for index in range(len(term) - 1)]


def html_to_text(body_html):
    """Sanitised body HTML to plain text, one line per block."""
    if not body_html or not body_html.strip():
        return ""
    fragment = lxml.html.fragment_fromstring(
        BLOCK_END.sub(lambda match: match.group(0) + "\n", body_html), create_parent="div"
    )
    lines = (line.strip() for line in fragment.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def strip_images(body_html):
    """Sanitised body HTML without its `<figure>` and `<img>` elements (and empty paragraphs left)."""
    if "<img" not in body_html and "<figure" not in body_html:
        return body_html
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for element in fragment.xpath("//figure | //img"):
        element.drop_tree()
    for paragraph in fragment.xpath("//p[not(normalize-space())]"):
        paragraph.drop_tree()
    children = (lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return (fragment.text or "") + "".join(children)


def excerpt(text, length=120):
    """The first `length` characters of plain `text` on one line, with `…` when cut.

    Plain text is never un-escaped: `&lt;script&gt;` in a lead is what its author wrote.
    """
    flat = " ".join((text or "").split())
    if len(flat) <= length:
        return flat
    return flat[:length].rstrip() + "…"


def han_count(text):
    return len(HAN.findall(text or ""))


def reading_minutes(text):
    """Minutes to read `text`, counting its Chinese characters; at least one."""
    return max(1, math.ceil(han_count(text) / HAN_CHARACTERS_PER_MINUTE))


def _term_pattern(terms):
    return _pattern_of(tuple(terms))


@functools.lru_cache(maxsize=256)
def _pattern_of(terms):
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in ordered), re.IGNORECASE)


def highlight(text, terms):
    """`text` escaped, with each occurrence of a term wrapped in `<mark>`."""
    if not terms:
        return escape(text)
    # The standard library's escape, which Django's wraps for lazy strings: 15,000 wrapper
    # calls in 50 search pages.
    pattern = _term_pattern(terms)
    pieces, end = [], 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[end : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        end = match.end()
    pieces.append(html.escape(text[end:]))
    return mark_safe("".join(pieces))


def snippet_beyond(shown, text, terms, width=60):
    """`snippet()` of `text` for the terms that `shown` lacks, or `""` when it has them all.

    A search result shows its summary (the lead, or the start of the body); a second line
    quotes the body only where the query was found beyond it. The body often repeats the
    lead (`<p>导语</p><p>导语</p>…`): that opening is skipped. No line either when the match
    was in a credit, a tag or a caption.
    """
    flat_shown = " ".join((shown or "").split()).removesuffix("…")
    unseen = [term for term in terms if not _term_pattern([term]).search(flat_shown)]
    if not unseen:
        return ""
    flat = " ".join((text or "").split())
    if flat_shown and flat.startswith(flat_shown):
        flat = flat[len(flat_shown) :].lstrip()
    match = _term_pattern(unseen).search(flat)
    if match is None:
        return ""
    return _around(flat, match, terms, width)


def _around(flat, match, terms, width):
    start = max(0, match.start() - width // 2)
    stop = min(len(flat), start + width * 2)
    prefix = "…" if start > 0 else ""
    suffix = "…" if stop < len(flat) else ""
    return mark_safe(prefix + highlight(flat[start:stop], terms) + suffix)
