"""Tags as editors type them, and tags suggested from an article's own text.

Suggestions are computed locally (no web service): place names from the gazetteer in
`articles/data/places.txt`, keywords by TF-IDF over rjieba's cut with jieba's IDF table,
and tags already in use that the text mentions. None is applied without an editor.
"""

import importlib.util
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "places.txt"

# After NFKC, `，` is `,` and `；` is `;`; `、` and line breaks stay as they are.
TAG_SEPARATORS = re.compile(r"[,;、\r\n]+")
QUOTES = "\"'“”‘’「」『』《》"


def normalise_tag(name):
    """`　永州 ` → `永州`; full-width letters folded (NFKC), quotes and spaces trimmed."""
    folded = unicodedata.normalize("NFKC", name or "")
    return " ".join(folded.strip().strip(QUOTES).split())


def parse_tags(tagstring):
    """`永州，新闻、民生` → ["永州", "新闻", "民生"]: each name once, case-insensitively."""
    names, seen = [], set()
    for part in TAG_SEPARATORS.split(unicodedata.normalize("NFKC", tagstring or "")):
        name = normalise_tag(part)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def add_tags(articles, names):
    for article in articles:
        article.tags.add(*names)


def remove_tags(articles, names):
    """Take the tags named `names` (in any letter case) off `articles`."""
    from ..models import TaggedArticle

    matching = Q()
    for name in names:
        matching |= Q(tag__name__iexact=name)
    TaggedArticle.objects.filter(matching, content_object__in=articles).delete()


def format_tags(tags):
    """The tag field's text: names joined by `，`, the separator editors type."""
    return "，".join(sorted(tag.name for tag in tags))


# --- the gazetteer -----------------------------------------------------------------------

ETHNIC_GROUPS = (
    "维吾尔|哈萨克|柯尔克孜|塔吉克|达斡尔|鄂温克|鄂伦春|土家|布依|仡佬|拉祜|哈尼|傈僳|"
    "纳西|景颇|朝鲜|蒙古|撒拉|保安|东乡|锡伯|裕固|仫佬|毛南|独龙|普米|布朗|"
    "苗|侗|白|傣|彝|壮|藏|羌|回|满|瑶|黎|畲|水|佤|怒|土|各"
)
AUTONOMOUS = re.compile(rf"^(?P<base>.{{2,}}?)(?:(?:{ETHNIC_GROUPS})族?|族)*自治(?:区|州|县|旗)$")
ADMINISTRATIVE_SUFFIX = re.compile(r"^(?P<base>.{2,}?)(?:特别行政区|地区|林区|省|市|县|区|盟|旗)$")


def short_place_name(full_name):
    """`江华瑶族自治县` → `江华`, `永州市` → `永州`, `零陵区` → `零陵`, `城区` → None."""
    for pattern in (AUTONOMOUS, ADMINISTRATIVE_SUFFIX):
        match = pattern.match(full_name)
        if match:
            return match["base"]
    return None


@dataclass(frozen=True)
class Gazetteer:
    canonical: dict  # any written form (full or short) → the name to suggest as a tag

    @classmethod
    def from_lines(cls, lines):
        """Names separated by spaces; `#` starts a comment; a line starting with `!` lists
        names that are also everyday words (和平, 前进): never matched on their own."""
        lines = [line.split("#", 1)[0].strip() for line in lines]
        ambiguous = {name for line in lines if line.startswith("!") for name in line[1:].split()}
        canonical = {}
        for line in lines:
            if line.startswith("!"):
                continue
            for full_name in line.split():
                if full_name in ambiguous:
                    continue
                short = short_place_name(full_name)
                if short and short not in ambiguous:
                    canonical[full_name] = canonical[short] = short
                else:
                    canonical.setdefault(full_name, full_name)
        return cls(canonical)

    def places_in(self, words, text):
        """Place names among `words` (a cut of `text`), or written out in full inside it."""
        found = Counter()
        for word in words:
            if word in self.canonical:
                found[self.canonical[word]] += 1
        for name, tag in self.canonical.items():
            if len(name) >= 3 and name != tag and tag not in found and name in text:
                found[tag] += text.count(name)
        return found


@cache
def gazetteer():
    lines = PLACES_FILE.read_text(encoding="utf-8").splitlines()
    return Gazetteer.from_lines(lines)


@cache
def idf_table():
    """jieba's IDF table (word → weight) and its median weight.

    Read from jieba's data file directly: importing `jieba.analyse` costs 1.6 s at startup.
    """
    path = Path(importlib.util.find_spec("jieba").origin).parent / "analyse" / "idf.txt"
    idf = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _space, weight = line.rpartition(" ")
        if word:
            idf[word] = float(weight)
    return idf, statistics.median_low(idf.values())


# --- suggestions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    name: str
    reason: str


REASON_PLACE = _("地名")
REASON_EXISTING = _("已有标签")
REASON_KEYWORD = _("关键词")
KEYWORD_PATTERN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def article_text(article):
    return "\n".join(
        part
        for part in (article.title, article.kicker, article.subtitle, strip_tags(article.body))
        if part
    )


def keywords(words, *, limit):
    """The words weighing most by TF-IDF: Chinese words of 2–8 characters, no places."""
    idf, median = idf_table()
    counts = Counter(word for word in words if KEYWORD_PATTERN.match(word))
    total = sum(counts.values()) or 1
    weights = {word: count / total * idf.get(word, median) for word, count in counts.items()}
    return sorted(weights, key=weights.get, reverse=True)[:limit]


def suggest_tags(article, *, known_tags=(), limit=12):
    """Tags an editor may want on `article`, best first, none it already carries.

    `known_tags` are the names of tags already in use anywhere; those the text mentions
    come first, then places, then keywords.
    """
    import rjieba  # loading its dictionary takes a quarter second: not at every startup

    text = unicodedata.normalize("NFKC", article_text(article))
    words = rjieba.cut(text)
    carried = {tag.name.casefold() for tag in article.tags.all()}
    suggestions, seen = [], set(carried)

    def offer(name, reason):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            suggestions.append(Suggestion(name, str(reason)))

    for name in sorted(known_tags, key=lambda name: text.find(name)):
        if len(name) >= 2 and name in text:
            offer(name, REASON_EXISTING)
    places = gazetteer().places_in(words, text)
    for name, _count in places.most_common(limit // 2):
        offer(name, REASON_PLACE)
    place_words = set(gazetteer().canonical)
    for word in keywords([w for w in words if w not in place_words], limit=limit):
        offer(word, REASON_KEYWORD)
    return suggestions[:limit]
