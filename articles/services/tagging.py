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

from ..importer.bylines import SINGLE_SURNAMES

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

    def forms(self):
        """{place: [every way it is written]}: `{"永州": ["永州", "永州市"]}`."""
        written = {}
        for form, name in self.canonical.items():
            written.setdefault(name, []).append(form)
        return written

    def places_in(self, words, text, surnames=()):
        """Place names among `words` (a cut of `text`), or written out in full inside it from
        the start of a word (`零陵城区` holds no 陵城区). A place right after a one-character
        surname (the positions in `surnames`) is a given name: `唐庆元` holds no 庆元."""
        found = Counter()
        starts, position = set(), 0
        for index, word in enumerate(words):
            starts.add(position)
            position += len(word)
            if word in self.canonical and index - 1 not in surnames:
                found[self.canonical[word]] += 1
        for name, tag in self.canonical.items():
            if len(name) >= 3 and name != tag and tag not in found and name in text:
                at_word = sum(1 for m in re.finditer(name, text) if m.start() in starts)
                if at_word:
                    found[tag] += at_word
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
MOST_SUGGESTIONS = 8
MOST_PLACES = 4

# Parts of speech (jieba's tags) a tag can be: nouns, organisations, other proper nouns and
# nouns made of verbs (防控, 核查). Not numerals or measures (六点, 余名), times (每天),
# verbs (日起, 做好), adjectives, adverbs, pronouns, or people's names (樊庶, a resident
# quoted in one story, is no tag).
KEYWORD_PARTS_OF_SPEECH = {"n", "nz", "nt", "vn", "an"}
# Counts, dates and times jieba may still call nouns: `十五天`, `万余人次`, `第三轮`, `六点`.
NUMBERED = re.compile(
    r"^[第0-9零〇一二两三四五六七八九十百千万亿几余多数]+"
    r"[点时分秒天日月年周号名人次个位户家条件元倍轮批班岗]"
)
# Units counted, standing alone: `人次`, `余名`.
MEASURES = re.compile(r"^[人次个位户家名条件元倍轮批万千百余多]+$")
# `全区`, `各地`, `本市`, `广大党员`, `全体队员`: a determiner or a quantifier and a noun, a
# fragment of the sentence, not a subject.
DETERMINERS = (*"全各本该每此某其我", "广大", "所有", "众多", "诸多")
# `市直`, `区直`, `省属`: the level of government an office answers to, a modifier.
GOVERNMENT_LEVEL = re.compile(r"^[省市县区乡镇][直属级]$")
# Words that say who someone is to the others in the story, not what the story is about: a
# deputy's rank (`副队长`, `副局长`), a colleague (`同事`, `队友`, `战友`), a member or a
# branch of the group just named (`队员`, `分公司`).
RELATIONAL_NOUN = re.compile(
    r"^副.{2,}|^同[事学伴]$|^.友$|^[队组班团]员$|^(?:分公司|分局|分行|支行|分队|支队)$"
)
# A light verb and its object (`作贡献`, `做好事`, `抓落实`): a verb phrase, whatever jieba calls it.
LIGHT_VERB_PHRASE = re.compile(r"^[作做搞抓].{2}$")
# Premises, not subjects: an estate (`呼铁佳园`), a staff compound (`家属院`), a hotel, a
# restaurant (`国潮酒馆`). Organisations ending in 站, 局, 处 are kept.
PREMISES_SUFFIX = re.compile(
    r"(?:家属院|大院|[佳家花庭名]园|宾馆|酒店|饭店|旅馆|酒馆|餐馆|公寓|大厦|小区)$"
)
# A named office, unit or institution (`畜牧局`, `检疫站`, `环卫处`, `卫健委`, `疾控中心`).
ORGANISATION_NAME = re.compile(
    r"^.{2,}(?:局|处|站|委|厅|办|所|院|中心|公司|集团|协会|学会|学校|大学|中学|小学|医院)$"
)
# A news outlet credited as the source (`人民网`, `运城晚报`): where the story was printed.
OUTLET_SUFFIX = re.compile(r".+(?:网|日报|晚报|早报|时报|商报|电视台|广播电台)$")
# What follows a place's name when it names a street, an estate or a building instead:
# `科尔沁街道`, `大庆东路`, `永泰城社区`, `华茂名居小区` are no mention of 科尔沁, 大庆, 永泰, 茂名.
ADDRESS_SUFFIX = re.compile(
    r"(?:[东西南北中]?路|大?街道?|大道|巷|里|小区|社区|花园|广场|新?城|名?居|苑|公寓|大厦|酒店|宾馆)"
)
# Where someone is sent or goes (`下沉社区`, `深入一线`): after a verb, its destination, not
# the second half of a term as in `下沉干部`.
DESTINATION = re.compile(r"^(?:社区|小区|街道|楼道|村里|一线|基层|农村|乡村|前线|现场)$")
# Words that place things relative to whoever speaks or governs (`辖区`, `当地`, `一线`): the
# same in every story, never its subject.
DEICTIC_PLACE = re.compile(r"^(?:辖区|当地|本地|外地|异地|属地|周边|附近|身边|现场|一线|基层)$")
# The units a city is run by, below the district: `科尔沁街道`, `北城社区`. Written after the
# name of a place they share it with (科尔沁 is also a district of Tongliao), the two are the
# unit's name.
UNIT_WORDS = {"街道", "社区"}
# What closes a clause (after NFKC): a word right before it ends its sentence's predicate.
CLAUSE_END = set(",.;!?。、:")
# jieba's tags for verbs, and for aspect particles (`顶着`, `挥洒了`) that stay with them.
VERB_PARTS = {"v", "vd", "vi", "vg", "vq"}
ASPECT_PARTS = {"uz", "ul", "ug"}
# A term a headline coins ends in a noun, its head (`下沉干部`); `社区防疫`, `坚守抗疫` are a
# headline's predicate.
HEAD_NOUN_PARTS = {"n", "nz", "nt"}
# Words too common in news to tell one story from another (工作, 企业, 居民): below this
# weight in jieba's IDF table, which runs from about 2 (的) to 14 (rare words).
GENERIC_IDF = 7.7
# Neither word of a term (`phrases`) may weigh less: `工作` 4.2, `人员` 5.6, `干部` 6.3.
PHRASE_PART_IDF = 6.0
# A word of the headline says what the story is about: it weighs this much more.
HEADLINE_WEIGHT = 2


def article_text(article):
    return "\n".join(
        part
        for part in (article.title, article.kicker, article.subtitle, strip_tags(article.body))
        if part
    )


def is_keyword(word, part_of_speech):
    """A word an editor would click as a tag: `核酸`, `党支部`; never `六点`, `日起`, `全区`."""
    return (
        part_of_speech in KEYWORD_PARTS_OF_SPEECH
        and KEYWORD_PATTERN.match(word) is not None
        and not NUMBERED.match(word)
        and not MEASURES.match(word)
        and not word.startswith(DETERMINERS)
        and not GOVERNMENT_LEVEL.match(word)
        and not RELATIONAL_NOUN.match(word)
        and not LIGHT_VERB_PHRASE.match(word)
        and not PREMISES_SUFFIX.search(word)
        and not OUTLET_SUFFIX.match(word)
        and not DEICTIC_PLACE.match(word)
    )


def after_a_verb(tagged, index):
    """Whether the word at `index` is a verb's object: `推/v 垃圾车`, `顶/v 着/uz 寒风`."""
    before = index - 1
    if before >= 0 and tagged[before][1] in ASPECT_PARTS:
        before -= 1
    return before >= 0 and tagged[before][1] in VERB_PARTS


def closes_a_clause(tagged, index):
    return index + 1 == len(tagged) or tagged[index + 1][0].strip() in CLAUSE_END


def said_in_passing(tagged):
    """Words the story only uses as part of what someone does, never as what it is about.

    - the object of a verb at the end of its clause, every time (`挥洒汗水,`, `推垃圾车、`,
      `避免交叉感染。`): the verb and its object are the predicate, the object alone no topic;
    - a verbal noun ending its clause every time (`进行管控,`, `全面消杀。`): a predicate;
    - a word always written before the same verb, twice or more (`居家隔离` … `居家隔离`): it
      says how or where that is done, as an adverb would (居家, 就地).

    A named office or unit is never said in passing (`走访了市畜牧局。`): whom the story visits,
    asks or names is what it is about.
    """
    mentions = {}
    for index, (word, _part) in enumerate(tagged):
        mentions.setdefault(word, []).append(index)
    return {
        word
        for word, indexes in mentions.items()
        if not ORGANISATION_NAME.match(word) and in_passing(tagged, indexes)
    }


def in_passing(tagged, indexes):
    """Whether the word at every one of `indexes` of `tagged` is said in passing (see above)."""
    if all(closes_a_clause(tagged, i) and after_a_verb(tagged, i) for i in indexes):
        return True
    if all(tagged[i][1] == "vn" and closes_a_clause(tagged, i) for i in indexes):
        return True
    following = {tagged[i + 1] if i + 1 < len(tagged) else None for i in indexes}
    only = next(iter(following))
    return len(indexes) >= 2 and len(following) == 1 and only is not None and only[1] in VERB_PARTS


def unit_names(tagged, place_words):
    """`科尔沁街道`: a place's name and `街道` or `社区` written together at least twice, the name
    of the unit ({name: ((place, unit), mentions)}); `朝阳街道` once is an address in passing.
    The place starts the name, after a word that is no noun or after a larger place
    (`赛罕区科尔沁街道`): `学苑花都社区` is no 花都社区."""
    pairs = Counter(
        (first, second)
        for (before, before_part), (first, _p), (second, _q) in zip(
            [("", "x"), *tagged], tagged, tagged[1:], strict=False
        )
        if first in place_words
        and second in UNIT_WORDS
        and (before in place_words or not before_part.startswith("n"))
    )
    return {"".join(pair): (pair, count) for pair, count in pairs.items() if count >= 2}


def is_surname(tagged, index):
    """Whether the word at `index` of `tagged` is a one-character surname: jieba says so
    (`李/nr`), or it is a surname before a proper noun (`高/a 永和/nz`: 高永和, a person)."""
    word, part = tagged[index]
    if len(word) != 1:
        return False
    following = tagged[index + 1][1] if index + 1 < len(tagged) else ""
    return part == "nr" or (word in SINGLE_SURNAMES and following in {"nz", "nr"})


def mentioned_as_a_place(name, forms, text):
    """Whether `text` names the place `name` (written as any of `forms`) other than as part
    of an address: `在零陵区` does, `在朝阳街道` does not name 朝阳."""
    for form in forms:
        for found in re.finditer(re.escape(form), text):
            if not ADDRESS_SUFFIX.match(text, found.end()):
                return True
    return False


def phrases(tagged, headline=""):
    """Two words written together at least twice, a term of the story: `疫情防控`, `核酸检测`,
    `下沉干部`; {phrase: (first, second)}. Written together in the headline counts twice when
    the body uses each word on its own too (`情暖下沉干部` over `下沉党员干部`, `干部下沉`): the
    headline names the term the story is about; not `心系防疫`, whose 心系 the body never says.
    Not with a word as vague as `工作` or `人员` (`防控工作`), unless the headline says it
    (`敲门行动`); not a verb and where it goes (`下沉社区`)."""
    idf, median = idf_table()
    pairs, head_nouns = Counter(), set()
    for (first, first_part), (second, second_part) in zip(tagged, tagged[1:], strict=False):
        if (
            len(first) == len(second) == 2
            and first_part in KEYWORD_PARTS_OF_SPEECH | {"v"}
            and is_keyword(second, second_part)
            and not (first_part == "v" and DESTINATION.match(second))
            and is_keyword(first, "n")
        ):
            pairs[first, second] += 1
            if second_part in HEAD_NOUN_PARTS:
                head_nouns.add((first, second))
    words = Counter(word for word, _part in tagged)
    for pair in head_nouns:
        if pair[0] + pair[1] in headline and min(words[pair[0]], words[pair[1]]) > pairs[pair]:
            pairs[pair] += HEADLINE_WEIGHT - 1
    return {
        first + second: (first, second)
        for (first, second), count in pairs.items()
        if count >= 2
        and (
            first + second in headline
            or min(idf.get(first, median), idf.get(second, median)) >= PHRASE_PART_IDF
        )
    }


def keywords(tagged, *, limit, headline="", passing=frozenset(), units=None):
    """The keywords weighing most by TF-IDF in `tagged` ([(word, POS)]): terms (`phrases`, and
    `units` a caller found) standing for their two words, then single words (`is_keyword`)
    jieba's dictionary knows (an unknown one is most often a fragment of a name: 樊庶, 呼铁), no
    generic ones, none the story only says in `passing`."""
    idf, median = idf_table()
    units = units or {}
    terms = {**phrases(tagged, headline), **{name: parts for name, (parts, _n) in units.items()}}
    counts = Counter(
        word
        for word, part in tagged
        if is_keyword(word, part) and word in idf and word not in passing
    )
    text = "".join(word for word, _part in tagged)
    for term in terms:
        counts[term] = units[term][1] if term in units else text.count(term)
    covered = {part for parts in terms.values() for part in parts}
    total = sum(counts.values()) or 1

    def weight(word):
        if word in terms:
            return max(idf.get(part, median) for part in terms[word])
        return idf[word]

    def vague(word):  # `防控工作`, `值守过程`: a four-character word ending in a vague one
        return (
            len(word) == 4
            and word not in terms
            and word not in headline
            and idf.get(word[2:], median) < PHRASE_PART_IDF
        )

    weights = {
        word: count / total * weight(word) * (HEADLINE_WEIGHT if word in headline else 1)
        for word, count in counts.items()
        if word not in covered and weight(word) >= GENERIC_IDF and not vague(word)
    }
    return sorted(weights, key=lambda word: (-weights[word], word))[:limit]


def suggest_tags(article, *, known_tags=(), limit=MOST_SUGGESTIONS):
    """At most `limit` tags an editor may want on `article`, best first, none it carries.

    `known_tags` are the names of tags already in use anywhere: those the text mentions
    come first, then places from the gazetteer, then keywords.
    """
    import rjieba  # loading its dictionary takes a quarter second: not at every startup

    text = unicodedata.normalize("NFKC", article_text(article))
    tagged = rjieba.tag(text)
    words = [word for word, _part in tagged]
    carried = {tag.name.casefold() for tag in article.tags.all()}
    suggestions, seen = [], set(carried)

    def offer(name, reason):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            suggestions.append(Suggestion(name, str(reason)))

    for name in sorted(known_tags, key=lambda name: text.find(name)):
        if len(name) >= 2 and name in text:
            offer(name, REASON_EXISTING)
    surnames = {index for index, (word, part) in enumerate(tagged) if is_surname(tagged, index)}
    places = gazetteer().places_in(words, text, surnames)
    forms = gazetteer().forms()
    named = [
        name
        for name, _count in places.most_common()
        if mentioned_as_a_place(name, forms[name], text)
    ]
    for name in named[:MOST_PLACES]:
        offer(name, REASON_PLACE)
    place_words = set(gazetteer().canonical)
    written_places = [form for name in places for form in forms[name] if form in text]
    outlet = article.source.name if article.source_id else ""
    others = [
        (word, part)
        for index, (word, part) in enumerate(tagged)
        if word not in place_words
        and not any(word in form for form in written_places)
        and index - 1 not in surnames
        and word not in outlet
    ]
    headline = unicodedata.normalize("NFKC", f"{article.kicker} {article.title} {article.subtitle}")
    # A word of the title the story never uses again is the headline's figure (`心系`, `守门员`).
    rest = text.removeprefix(unicodedata.normalize("NFKC", article.title))
    only_in_title = {word for word, _part in tagged if word not in rest}
    found = keywords(
        others,
        limit=limit * 2,
        headline=headline,
        passing=said_in_passing(tagged) | only_in_title,
        units=unit_names(tagged, place_words),
    )
    for word in found:
        if not any(word != longer and word in longer for longer in found):
            offer(word, REASON_KEYWORD)
    return suggestions[:limit]
