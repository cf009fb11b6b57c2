"""Bylines, photo credits and source lines: how Chinese news reports credit people and outlets
(datelines are `datelines.py`'s).

Every rule here is a convention of Chinese news writing (`记者 王耀`, `(杨希)`, `通讯员:A、B`,
`运城晚报讯(记者 寻霄)`, `人民网 寇雅楠摄`, `来源:永州日报`), never the wording of one report.
Roles are `ArticleAuthor.Role` values; outlet kinds are `Source.Kind` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from articles.importer import dates, script
from articles.importer.records import Credit

# Credit and outlet rules are pure and asked of the same lines many times a file (a line is
# classified, then read by the stage that places it): answers are kept for this many lines.
CACHED_LINES = 8192


def simplified(text: str) -> str:
    """`責任編輯 關凝淼` → `责任编辑 关凝淼`: same length, so a match's indices fit the original."""
    return script.to_simplified(text)


SINGLE_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛"
    "奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康"
    "伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵"
    "席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗"
    "丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫"
    "乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄"
    "印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂"
    "濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘"
    "匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相"
    "查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况郈佘佴墨哈谯笪年爱阳佟言福付仝覃揭谌"
    "寻肖冼粟银母练海庹种麦植代智候达菅战来回苑原过户展修伦綦邝历迟信由门么库操邸隋兰栗雒靖"
    "旷檀占腾矫闪郑卿蹇阿"
)
_COMPOUND = (
    "万俟司马上官欧阳夏侯诸葛闻人东方赫连皇甫尉迟公羊澹台公冶宗政濮阳淳于单于太叔申屠公孙仲孙轩辕令狐钟离宇文长孙慕容鲜于闾丘"
    "司徒司空亓官司寇子车颛孙端木巫马公西漆雕乐正壤驷公良拓跋夹谷宰父谷梁段干百里东郭南门呼延归海羊舌微生梁丘左丘东门西门南宫"
    "第五"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND[i : i + 2] for i in range(0, len(_COMPOUND), 2))
# Characters that make a 2–4 character run a phrase rather than a person's name.
_NOT_IN_NAMES = frozenset("的了们这那吗呢吧啊讯说是在着过")
# Labels of a story's fields that happen to open with a surname (来, 时, 原): never a name.
FIELD_LABELS = frozenset({"来源", "出处", "时间", "原标题", "原题", "来稿", "简介", "提示"})

HAN = script.HAN
_MIDDLE_DOTS = "·•・‧"
_NAME_RE = re.compile(rf"[{HAN}]{{2,4}}")
_MINORITY_NAME_RE = re.compile(rf"[{HAN}]{{1,8}}(?:[{_MIDDLE_DOTS}][{HAN}]{{1,8}})+")

# Role words in their simplified form, longest first when matched.
ROLE_WORDS = {
    "本报特约记者": "special_reporter",
    "特约记者": "special_reporter",
    "本报首席记者": "reporter",
    "首席记者": "reporter",
    "融媒体记者": "reporter",
    "全媒体记者": "reporter",
    "本报见习记者": "reporter",
    "见习记者": "reporter",
    "本报记者": "reporter",
    "摄影记者": "photographer",
    "记者": "reporter",
    "本报实习记者": "intern",
    "实习记者": "intern",
    "本报通讯员": "correspondent",
    "特约通讯员": "correspondent",
    "通讯员": "correspondent",
    "本报实习生": "intern",
    "实习生": "intern",
    "摄影": "photographer",
    "摄": "photographer",
    "图片": "photographer",
    "图": "photographer",
    "作者": "author",
    "撰文": "author",
    "撰稿": "author",
    "文字": "author",
    "文": "author",
    "责任编辑": "responsible_editor",
    "责编": "responsible_editor",
    "值班编辑": "editor",
    "编辑": "editor",
    "美术编辑": "designer",
    "美编": "designer",
    "责任校对": "proofreader",
    "校对": "proofreader",
    "审核": "reviewer",
    "审校": "reviewer",
    "终审": "reviewer",
    "编译": "translator",
    "翻译": "translator",
    "本版编辑": "editor",
    "本版责编": "responsible_editor",
    "主编": "editor",
    "策划": "editor",
    "统筹": "editor",
    "监制": "reviewer",
    "值班主任": "reviewer",
    "摄像": "photographer",
    "设计": "designer",
    "制图": "designer",
    "版式": "designer",
    "排版": "designer",
    "美工": "designer",
    "发稿": "editor",
    "签发": "reviewer",
}
# Words printed after the names they credit: `寇雅楠摄`, `张三/摄`, `(张三 摄)`, `李四 供图`,
# `记者 张三 采写`. A picture word makes the names photographers; a writing word (role "") keeps the
# role printed before the names, else they are the authors.
CLOSING_WORDS = {
    "摄": "photographer",
    "摄影": "photographer",
    "供图": "photographer",
    "提供": "photographer",
    "采写": "",
    "参与采写": "",
    "采访整理": "",
    "整理": "",
}
# Set apart at the end of a line, `张三/图` and `李四/文` credit the names before them too.
TRAILING_ROLE_WORDS = {
    **CLOSING_WORDS,
    "图": "photographer",
    "图片": "photographer",
    "文": "author",
}
# Roles the staff of a page carry rather than the writers of a story.
STAFF_ROLES = frozenset(
    {"editor", "responsible_editor", "designer", "proofreader", "reviewer", "translator"}
)

# Role words printed glued to a name (`记者王耀`, `本报通讯员李四`); others (`设计`, `策划`) also
# open ordinary phrases (`设计方案`), so they count only when set apart by a space or colon.
GLUED_ROLE_WORDS = {word for word in ROLE_WORDS if len(word) >= 3} | {
    "记者",
    "责编",
    "美编",
    "摄影",
}
_ROLE_ALTERNATION = "|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True))
ROLE_PREFIX_RE = re.compile(rf"(?:{_ROLE_ALTERNATION})")
_GLUED_ROLE_RE = re.compile(
    "|".join(sorted(map(re.escape, GLUED_ROLE_WORDS | {"文", "图"}), key=len, reverse=True))
)
GLUED_RUN_RE = re.compile(
    "|".join(
        sorted(map(re.escape, (w for w in GLUED_ROLE_WORDS if len(w) >= 2)), key=len, reverse=True)
    )
)
_CLOSING_LONGEST_FIRST = sorted(CLOSING_WORDS, key=len, reverse=True)
_CONTACT_RE = re.compile(
    r"(?:E-?mail|email|邮箱|电子邮箱|电子信箱|邮件|电话|联系电话|热线|Tel|QQ)\s*[:：]?\s*[\w.@+\-()（）]+",
    re.IGNORECASE,
)
_LEADING_MARKS = "■□●○◆◇▲△★☆►▶"
# `本报记者 张三 报道`, `记者 李四 摄影报道`, `记者 张三 北京报道`, `记者 张三 发自北京`: the closing
# verb, and the place it names, are no names.
_REPORTED_RE = re.compile(
    rf"(?<=[\s{HAN}])(?:\s*[／/]\s*(?P<place>[{HAN}]{{2,6}}?)|\s+(?P<spaced>[{HAN}]{{2,6}}?))?"
    r"\s*(?:报道|报导|報道|報導)\s*$"
    rf"|\s+(?:发自|發自)[{HAN}]{{2,8}}\s*$"
)


def _without_reporting_verb(line: str) -> str:
    """`记者 张三 北京报道` → `记者 张三`; `记者 张三 李四报道` → `记者 张三 李四` (a name is no place),
    `记者 李四 摄影报道` → `记者 李四 摄影`."""
    match = _REPORTED_RE.search(line)
    if match is None:
        return line
    spaced = match.group("spaced") or ""
    if spaced and (is_person_name(spaced) or simplified(spaced) in TRAILING_ROLE_WORDS):
        return line[: match.end("spaced")]  # `李四报道`, `摄影报道`
    return line[: match.start()]


# `（編輯：李大同）1110420`: an agency's story code after the closing credit.
_STORY_CODE_RE = re.compile(r"(?<=[)）])\s*\d{6,8}\s*$")
_SEPARATORS_RE = re.compile(r"[\s/／|｜丨;；,，、:：]+")
_BRACKETS = {"(": ")", "（": "）", "【": "】", "[": "]", "〔": "〕"}
_SENTENCE_END = "。！？!?…"
MAX_CREDIT_LINE = 80


def is_person_name(word: str) -> bool:
    """`王耀`, `李琛瑶`, `阿布都·热合曼` are names; `疫情防控`, `右二` are not.

    A Chinese name is 2–4 Han characters starting with a surname (single or compound); a
    minority name joins its parts with `·`.
    """
    if _MINORITY_NAME_RE.fullmatch(word):
        return len(word) <= 16
    if (
        not _NAME_RE.fullmatch(word)
        or _NOT_IN_NAMES.intersection(word)
        or simplified(word) in FIELD_LABELS
    ):
        return False
    plain = simplified(word)
    return plain[0] in SINGLE_SURNAMES or plain[:2] in COMPOUND_SURNAMES


def _unwrap(line: str) -> tuple[str, bool]:
    """`(杨希)` → (`杨希`, True): a credit wrapped whole in brackets."""
    if len(line) >= 2 and _BRACKETS.get(line[0]) == line[-1]:
        inner = line[1:-1]
        if not any(opening in inner or closing in inner for opening, closing in _BRACKETS.items()):
            return inner.strip(), True
    return line, False


def _split_role_prefix(token: str) -> tuple[str, str]:
    """`本报记者张三` → (`本报记者`, `张三`); `新华社记者张三` → (`新华社记者`, `张三`).

    A single-character role word (`文`, `图`, `摄`) is split off only when the whole token
    is not itself a name, so the surname 文 in `文静` stays part of the name.
    """
    plain = simplified(token)
    match = _GLUED_ROLE_RE.match(plain)
    if match is None:
        for start in range(2, min(len(plain), 10)):
            if is_outlet_name(plain[:start]):
                match = _GLUED_ROLE_RE.match(plain, start)
                if match:
                    break
        if match is None:
            return "", token
    role_end = match.end()
    if len(match.group()) == 1 and is_person_name(token):
        return "", token
    return token[:role_end], token[role_end:]


def _role_of(word: str) -> str:
    plain = simplified(word)
    if plain in ROLE_WORDS:
        return ROLE_WORDS[plain]
    if plain in CLOSING_WORDS:  # printed before the names: `参与采写：王五`
        return CLOSING_WORDS[plain] or "author"
    match = ROLE_PREFIX_RE.search(plain)
    return ROLE_WORDS[match.group()] if match and match.end() == len(plain) else ""


def _glued_runs(piece: str) -> list[str]:
    """`记者张三实习记者李四` → [`记者张三`, `实习记者李四`]: a run of role+name pairs printed with no
    separator, cut before each role word of two or more characters."""
    starts = [match.start() for match in GLUED_RUN_RE.finditer(simplified(piece))]
    bounds = [0, *(start for start in starts if start > 0), len(piece)]
    return [piece[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def _closing_word(piece: str) -> str:
    """`寇雅楠摄` → `摄`, `张三采写` → `采写`: the closing word glued to a name, or ``."""
    plain = simplified(piece)
    for word in _CLOSING_LONGEST_FIRST:
        if plain.endswith(word) and is_person_name(piece[: -len(word)]):
            return piece[-len(word) :]
    return ""


def _tokens(line: str) -> list[tuple[str, str]]:
    """Split a credit line into ("role", word), ("name", word), ("outlet", word), ("postfix", word).

    Returns [] as soon as a piece is none of these: the line is then no credit.
    """
    tokens = []
    pieces = _padded_names_joined(_SEPARATORS_RE.split(line))
    for piece in (run for spaced in pieces for run in _glued_runs(spaced)):
        plain = simplified(piece)
        if plain in ROLE_WORDS or plain in CLOSING_WORDS:
            tokens.append(("role", piece))
            continue
        if plain in ("文/图", "图文"):
            tokens += [("role", "文"), ("role", "图")]
            continue
        postfix = _closing_word(piece)
        if postfix:
            piece = piece[: -len(postfix)]
        role, name = _split_role_prefix(piece)
        if role:
            if not _role_of(role):
                return []
            tokens.append(("role", role))
        if name and is_person_name(name) and not is_organisation_name(name):
            tokens.append(("name", name))
        elif name and not role and not postfix and _is_credited_organisation(name, tokens):
            tokens.append(("outlet", name))
        elif name:
            return []
        if postfix:
            tokens.append(("postfix", postfix))
    return tokens


def _padded_names_joined(pieces: list[str]) -> list[str]:
    """`["校对", "王", "君"]` → `["校对", "王君"]`: a page pads a two-character name to the width of
    three (`王 君`), or a name is spaced after its surname (`寇 雅楠`); joined only when the parts
    make a name."""
    joined: list[str] = []
    for piece in filter(None, pieces):
        previous = joined[-1] if joined else ""
        plain = simplified(piece)
        closing = next((w for w in _CLOSING_LONGEST_FIRST if plain.endswith(w) and plain != w), "")
        given = piece[: len(piece) - len(closing)]  # `寇 雅楠摄`
        role_then_name = simplified(previous) in ROLE_WORDS and is_person_name(given)  # `文 | 张三`
        # `文 李 四`: 文 is the role; `记者 文 娟`: after a role, 文 is the surname
        after_role = len(joined) >= 2 and simplified(joined[-2]) in ROLE_WORDS
        surname_only = (
            len(previous) == 1 and (simplified(previous) not in ROLE_WORDS or after_role)
        ) or simplified(previous) in COMPOUND_SURNAMES
        if (
            surname_only
            and 1 <= len(given) <= 2
            and simplified(piece) not in ROLE_WORDS
            and not role_then_name
            and is_person_name(previous + given)
        ):
            joined[-1] = previous + piece
        else:
            joined.append(piece)
    return joined


def _credits_from_tokens(tokens, *, bracketed: bool) -> tuple[Credit, ...]:
    groups: list[tuple[list[str], list[str]]] = []  # (roles, names)
    pending_roles: list[str] = []
    for index, (kind, word) in enumerate(tokens):
        role = TRAILING_ROLE_WORDS.get(simplified(word)) if kind != "name" else None
        names_follow = any(k == "name" for k, _ in tokens[index + 1 :])
        if kind == "postfix" or (
            kind == "role" and role is not None and groups and groups[-1][1] and not names_follow
        ):
            if not groups or not groups[-1][1]:
                return ()
            roles, names = groups[-1]
            if role and not (roles and set(roles) <= STAFF_ROLES):  # staff never take pictures
                groups[-1] = ([role], names)
            elif not roles:  # `张三 采写`
                groups[-1] = (["author"], names)
        elif kind == "role":
            pending_roles.append(_role_of(word))
        elif kind == "outlet":
            continue  # the people's organisation: `文/图 县融媒体中心 陈晨`, `人民网 寇雅楠摄`
        else:
            if pending_roles or not groups:
                groups.append((pending_roles, []))
                pending_roles = []
            groups[-1][1].append(word)
    if pending_roles or not groups:
        return ()
    credits = []
    for roles, names in groups:
        if not roles and not bracketed:
            return ()
        for name in names:
            credits.extend(Credit(name, role) for role in roles or ["author"])
    return tuple(dict.fromkeys(credits))


@dataclass(frozen=True)
class CreditLine:
    """What a credit line gives: people, a picture provider, or an organisation as the source.

    `张三摄（新华社发）` → credits (张三 photographer,), provider `新华社`;
    `作者：县人民医院` → source `县人民医院`, no credits.
    """

    credits: tuple[Credit, ...] = ()
    provider: str = ""
    source: str = ""


def _cleaned(line: str) -> str:
    """A line as the credit rules read it: no leading bullet, agency story code or contact."""
    line = _STORY_CODE_RE.sub("", line.strip().lstrip(_LEADING_MARKS).strip())
    return line if len(line) <= MAX_CREDIT_LINE else ""


def _read_people(line: str) -> tuple[tuple[Credit, ...], str]:
    """(credits, organisation credited as the writer) of a cleaned line."""
    if not line or line[-1] in "。":
        return (), ""
    line, bracketed = _unwrap(line)
    line = _without_reporting_verb(_CONTACT_RE.sub(" ", line)).strip()
    if not line or any(mark in line for mark in _SENTENCE_END):
        return (), ""
    tokens = _tokens(line)
    credits = _credits_from_tokens(tokens, bracketed=bracketed)
    kinds = {kind for kind, _ in tokens}
    roles = {_role_of(word) for kind, word in tokens if kind == "role"}
    if not credits and kinds == {"role", "outlet"} and roles <= {"author", "photographer"}:
        return (), next(word for kind, word in tokens if kind == "outlet")
    return credits, ""


_PROVIDER_VERBS = ("供图", "提供", "供稿", "发")
_PICTURE_LABEL_RE = re.compile(r"^(?:图片来源|图片|图|照片|摄影)\s*[/／:：|｜丨]\s*")
_TRAILING_BRACKET_RE = re.compile(r"[（(]\s*([^（()）]{2,24}?)\s*[)）]$")


def _provider(value: str, *, verb_required: bool) -> str:
    """`新华社发` → `新华社`, `视觉中国供图` → `视觉中国`, `受访者提供` → `受访者`: who supplied a
    picture; `` when `value` names people or holds a clause."""
    value = value.strip()
    plain = simplified(value)
    verb = next((verb for verb in _PROVIDER_VERBS if plain.endswith(verb)), "")
    if verb_required and not verb:
        return ""
    name = value[: len(value) - len(verb)].strip(" /／")
    if not 2 <= len(name) <= 20 or re.search(r"[\s，,。；;：:！!？?、]", name):
        return ""
    return "" if split_author_list(name) else name


@lru_cache(maxsize=CACHED_LINES)
def read_credit_line(line: str) -> CreditLine | None:
    """A byline, staff line or picture credit → what it credits; None if it is none of these.

    `记者张三实习记者李四` (glued runs), `本报记者 张三 采访整理` (a closing verb), `张三摄（新华社发）`
    and `（视觉中国供图）` (a picture provider), `图/受访者提供`, `作者：县融媒体中心` (an organisation
    is a source, not a person).
    """
    line = _cleaned(line)
    credits, organisation = _read_people(line)
    if credits or organisation:
        return CreditLine(credits, source=organisation)
    if not line:
        return None
    bracket = _TRAILING_BRACKET_RE.search(line)
    if bracket and bracket.start() > 0:  # `张三摄（东方IC）`
        people, _ = _read_people(line[: bracket.start()].rstrip())
        provider = _provider(bracket.group(1), verb_required=False)
        if provider and any(credit.role == "photographer" for credit in people):
            return CreditLine(people, provider=provider)
    inner, bracketed = _unwrap(line)
    label = _PICTURE_LABEL_RE.match(simplified(inner))
    provider = _provider(inner[label.end() :] if label else inner, verb_required=not label)
    if provider and (bracketed or label or len(inner) <= len(provider) + 2):
        return CreditLine(provider=provider)
    return None


@lru_cache(maxsize=CACHED_LINES)
def parse_credit_line(line: str) -> tuple[Credit, ...]:
    """A standalone byline or staff line → its credits in print order; `()` if it is no credit.

    `责任编辑 关凝淼 / 美编 冯潇楠 / 校对 王君 / E-mail: x@y.com`,
    `(通讯员:王清波、贾向飞、邢娜、张美霞)`, `(李琛瑶 杨金玲)` (a bare bracketed name is the author),
    `文/图 张三` (author and photographer), `人民网 寇雅楠摄`. `read_credit_line` also gives a
    picture's provider and an organisation credited as the writer.
    """
    found = read_credit_line(line)
    return found.credits if found else ()


_AUTHOR_LIST_SEPARATORS_RE = re.compile(r"[\s、，,/／;；]+")


def split_author_list(value: str) -> tuple[str, ...]:
    """A metadata author list → its names, when every item is a person: `王  敏` → (`王敏`,),
    `张三、李四`, `张三 李四`, `张三/李四` → (`张三`, `李四`); `县人民医院`, `张三 报道` → ()."""
    value = value.strip()
    if len(value) > MAX_CREDIT_LINE:
        return ()
    names = _padded_names_joined(_AUTHOR_LIST_SEPARATORS_RE.split(value))
    if names and all(is_person_name(name) and not is_organisation_name(name) for name in names):
        return tuple(dict.fromkeys(names))
    return ()


def read_author_field(value: str) -> CreditLine | None:
    """A metadata `author:` value: people (`王  敏`, `记者 张三`) are credited, an organisation
    (`县人民医院`, `县融媒体中心`) is the source; None when it is neither."""
    names = split_author_list(value)
    if names:
        return CreditLine(tuple(Credit(name, "author") for name in names))
    found = read_credit_line(value)
    if found and (found.credits or found.source):
        return found
    name = _cleaned(value)
    return CreditLine(source=name) if name and is_organisation_name(name) else None


_CLOSING_BRACKET_RE = re.compile(
    rf"[（(]([^（()）]{{2,{MAX_CREDIT_LINE}}})[)）]\s*(?:\d{{6,8}})?\s*$"
)


def split_closing_credit(paragraph: str) -> tuple[str, tuple[Credit, ...]]:
    """A paragraph ending in a bracketed byline: `…共克时艰。(记者 张三)` → (`…共克时艰。`, credits)."""
    match = _CLOSING_BRACKET_RE.search(paragraph)
    if match and match.start() > 0 and paragraph[: match.start()].rstrip()[-1:] in "。！？!?”…":
        credits = parse_credit_line(f"({match.group(1)})")
        if credits:
            return paragraph[: match.start()].rstrip(), credits
    return paragraph, ()


LEADING_BRACKET_RE = re.compile(rf"^\s*[（(]([^（()）]{{2,{MAX_CREDIT_LINE}}})[)）]\s*")


def split_leading_credit(paragraph: str) -> tuple[str, tuple[Credit, ...]]:
    """A paragraph opening with a bracketed byline: `（杨希）市政府今天宣布…` → (`市政府今天宣布…`,
    (杨希 author,)); `（记者 张三 通讯员 李四）近日…` gives both. No byline: (paragraph, ())."""
    match = LEADING_BRACKET_RE.match(paragraph)
    if match and paragraph[match.end() :].strip():
        credits = parse_credit_line(f"({match.group(1)})")
        if credits:
            return paragraph[match.end() :], credits
    return paragraph, ()


@dataclass(frozen=True)
class FieldLine:
    """Every field of a labelled line a site or page prints around a story.

    `fields` keeps each (label, value) as printed, in order.
    """

    fields: tuple[tuple[str, str], ...]
    source: str = ""
    credits: tuple[Credit, ...] = ()
    provider: str = ""
    date_text: str = ""
    original_url: str = ""


_SOURCE_LABELS = ("来源", "稿源", "出处", "信息来源", "新闻来源", "文章来源", "本文来源")
_DATE_LABELS = ("发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期", "发布于")
_URL_LABELS = ("原文链接", "原文地址", "原文网址", "原文连结")
_COUNT_LABELS = ("浏览次数", "浏览量", "浏览", "阅读量", "阅读", "点击量", "点击数", "点击", "字号")
_FIELD_LABELS = sorted(
    {*_SOURCE_LABELS, *_DATE_LABELS, *_URL_LABELS, *_COUNT_LABELS, *ROLE_WORDS, *CLOSING_WORDS},
    key=len,
    reverse=True,
)
_FIELD_LABEL_RE = re.compile(
    rf"(?:^|(?<=[\s|｜丨/／【\[（(]))(?P<label>{'|'.join(map(re.escape, _FIELD_LABELS))})"
    r"\s*[:：|｜丨]\s*"
)


def read_field_line(line: str) -> FieldLine | None:
    """A line of labelled fields → every field it holds; None if it is not one.

    `来源：永州日报 作者：彭沛 黎俊 发布时间：2022-11-16 10:52 浏览：35` → source `永州日报`, credits
    彭沛 and 黎俊 (author), date text `2022-11-16 10:52`. An organisation given as the author
    (`作者：县人民医院`) is the source when no `来源` names one.
    """
    stripped = _cleaned(line).strip("【】[]")
    labels = list(_FIELD_LABEL_RE.finditer(simplified(stripped)))
    if (
        not labels
        or labels[0].start() > 0
        and not dates.is_date_line(stripped[: labels[0].start()])
    ):
        return None
    fields, credits = [], []
    found = {"source": "", "organisation": "", "provider": "", "date": "", "url": ""}
    if labels[0].start() > 0:
        found["date"] = stripped[: labels[0].start()].strip()
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(stripped)
        name = label.group("label")
        value = stripped[label.end() : end].strip(" |｜丨/／")
        fields.append((stripped[label.start() : label.start() + len(name)], value))
        if name in _SOURCE_LABELS:
            source = _source_value(f"来源:{value}") or ""
            named = parse_source_line(f"来源:{source}") if source else None
            named = named or (source if is_local_outlet_word(source) else None)  # `来源：本报`
            found["source"] = found["source"] or named or ""
            value = value[len(source) :].strip()
        elif name in _URL_LABELS:
            found["url"] = found["url"] or script.find_url(value)
            continue
        elif name in _DATE_LABELS:
            found["date"] = found["date"] or value
            continue
        elif name in _COUNT_LABELS:
            continue
        else:
            value = f"{name}:{value}"
        credit_line = read_credit_line(value) if value else None
        if credit_line:
            credits.extend(credit_line.credits)
            found["organisation"] = found["organisation"] or credit_line.source
            found["provider"] = found["provider"] or credit_line.provider
        elif value and dates.is_date_line(value):
            found["date"] = found["date"] or value
    if not (credits or any(found.values())):
        return None  # `记者：你们每天工作多久` is a question in an interview, not a field
    return FieldLine(
        tuple(fields),
        source=found["source"] or found["organisation"],
        credits=tuple(dict.fromkeys(credits)),
        provider=found["provider"],
        date_text=found["date"],
        original_url=found["url"],
    )


@dataclass(frozen=True)
class Signature:
    """Who signs a piece at its foot: `——编 者` (the editors), `——张三（市委书记）`."""

    name: str
    position: str = ""


_SIGNATURE_RE = re.compile(
    r"^\s*(?:——|──|--|—|－－)\s*(?P<name>[^（()）\s][^（()）]{0,19}?)\s*"
    r"(?:[（(]\s*(?P<position>[^（()）]{2,30}?)\s*[)）])?\s*$"
)
# Who signs for a paper as a body: `——编者`, `——本报评论员`, `——本刊编辑部`.
_DESK_SIGNERS = ("编者", "编辑部", "评论员", "本报评论员", "本刊评论员", "本报编辑部", "本刊编辑部")


def parse_signature(line: str) -> Signature | None:
    """`——编 者` → Signature(`编者`), `——张三（市委书记）` → Signature(`张三`, `市委书记`); a subtitle
    (`——记市人民医院护士长`) or any other line → None."""
    match = _SIGNATURE_RE.match(line)
    if match is None:
        return None
    name = script.without_padding(match.group("name").strip())
    plain = simplified(name)
    if plain in _DESK_SIGNERS or (is_person_name(name) and not is_organisation_name(name)):
        return Signature(name, (match.group("position") or "").strip())
    return None


_LOCAL_OUTLET_WORDS = ("本报", "本台", "本刊", "本网", "本站")

_PHOTO_TAIL_RE = re.compile(r"[（(]([^（()）]{2,60})[)）]\s*$")
# The most characters at the end of a caption line that the photo-credit rule reads: a credit is
# at most `MAX_CREDIT_LINE` characters, plus its brackets and stray marks.
PHOTO_CREDIT_TAIL = MAX_CREDIT_LINE + 20


def split_photo_credit(text: str) -> tuple[str, str, tuple[Credit, ...]]:
    """A caption ending in a photo credit: `樊庶为居民答疑解惑。人民网 寇雅楠摄` →
    (`樊庶为居民答疑解惑。`, `人民网 寇雅楠摄`, (Credit("寇雅楠", "photographer"),)).

    Also `…(张三 摄)`, `…新华社记者 张三 摄`, `图/张三`, `张三/摄`. None: (text, ``, ()).
    Only the line's last `PHOTO_CREDIT_TAIL` characters are read, so the cost does not grow with
    the line.
    """
    stripped = text.strip()
    for start, candidate in _photo_credit_candidates(stripped):
        credits = parse_credit_line(candidate)
        if credits and any(credit.role == "photographer" for credit in credits):
            return stripped[:start].rstrip(), candidate.strip(), credits
    return text, "", ()


def _photo_credit_candidates(line: str):
    """(start, text) of each tail of `line` that may be its photo credit, longest first: a
    bracketed tail, then the last clause and its ever shorter space-split tails (the credit may
    share the clause with the caption), all within the last `PHOTO_CREDIT_TAIL` characters."""
    window = max(0, len(line) - PHOTO_CREDIT_TAIL)
    bracket = _PHOTO_TAIL_RE.search(line, window)
    if bracket:
        yield bracket.start(), bracket.group(1)
    cut = max(line.rfind(mark, window) for mark in "。！？!?；;，,")
    if cut >= 0 or window == 0:
        yield cut + 1, line[cut + 1 :]
    for space in re.finditer(r"\s+", line[max(window, cut + 1) :]):
        start = max(window, cut + 1) + space.end()
        yield start, line[start:]


_SOURCE_LABEL_RE = re.compile(
    r"^[【\[（(]?\s*(?:本文|文章|消息|新闻|稿件)?(?:(?:来源|稿源|出处|来自|源自)\s*[:：|｜丨]|转载自|转自)\s*"
)
# Words a page runs on after a source's name, asking the reader to act: `转自X，点击查看原文`.
CALLS_TO_ACTION = (
    "点击",
    "查看",
    "阅读原文",
    "阅读",
    "关注",
    "长按",
    "扫码",
    "扫描",
    "转载请",
    "如需转载",
    "欢迎",
    "未经",
)
# Marks that end a clause or a sentence, full- and half-width: a source's name stops at one.
CLAUSE_MARKS = "，,、；;：:。！？!?"
_SOURCE_STOP_RE = re.compile(
    rf"\s+|[】\]）)|｜丨{CLAUSE_MARKS}]|{'|'.join(CALLS_TO_ACTION)}"
    r"|(?:作者|编辑|责任编辑|责编|记者|时间|发布|日期|浏览)[:：]"
)


_ATTRIBUTION_RE = re.compile(
    r"^[（(]?\s*据\s*(?P<name>[^，,。)）\s]{2,16}?)\s*(?:电|报道|消息|讯|微信公众号)?\s*[)）]?$"
)


def parse_source_line(line: str) -> str | None:
    """`【来源：人民网】`, `来源:永州日报`, `稿源：X`, `转自X`, `來源：X`, `(据新华社电)` → the outlet; else None.

    A line holding more fields (`来源：永州日报 作者：彭沛`) yields the first field's value; a source
    that names no outlet (`来源：网络`, `来源：本报`, a web address) yields None, though the line is
    still a source line (`is_source_line`).
    """
    name = _source_value(line)
    if not name or simplified(name) in _NO_OUTLET or re.search(r"https?://|www\.", name):
        return None
    return name


def is_source_line(line: str) -> bool:
    """`来源：网络`, `【来源：人民网】`: a line saying where the story came from, whatever it names."""
    return _source_value(line) is not None


_NO_OUTLET = frozenset(
    {
        "网络",
        "互联网",
        "网友",
        "综合",
        "网络综合",
        "本报",
        "本台",
        "本网",
        "本站",
        "本刊",
        "未知",
        "自媒体",
    }
)


def _source_value(line: str) -> str | None:
    stripped = line.strip()
    attribution = _ATTRIBUTION_RE.match(stripped)
    if attribution and is_outlet_name(attribution.group("name")):
        return attribution.group("name")
    match = _SOURCE_LABEL_RE.match(simplified(stripped))
    if match is None:
        return None
    value = stripped[match.end() :]
    is_address = re.match(r"https?://|www\.", value)
    stop = re.search(r"\s", value) if is_address else _SOURCE_STOP_RE.search(value)
    name = (value[: stop.start()] if stop else value).strip(" 。，,;；:：")
    if not name or len(name) > 30 or any(mark in name for mark in _SENTENCE_END):
        return None
    return name


_ORIGINAL_POST_RE = re.compile(
    r"^(?:原创|原創)\s+(?P<names>[^\d]{2,40}?)\s+(?=(?:19|20)\d{2}[-/.年])"
)


def original_post_account(line: str) -> str:
    """`原创 城东发布 2023-05-08 08:00` → `城东发布`: the account WeChat prints above an original post
    (after the author's name when there is one: `原创 张三 城东发布 2023-05-08`)."""
    match = _ORIGINAL_POST_RE.match(line.strip())
    if match is None:
        return ""
    words = match.group("names").split()
    return words[-1] if words and not is_person_name(words[-1]) else ""


_AGENCIES = ("新华社", "中新社", "中国新闻社", "美联社", "路透社", "法新社", "共同社", "塔斯社")
_AGGREGATOR_WORDS = (
    "头条",
    "客户端",
    "百家号",
    "网易号",
    "搜狐号",
    "企鹅号",
    "澎湃号",
    "大风号",
    "一点资讯",
    "微博",
    "抖音",
    "快手",
    "APP",
    "App",
)


# Words ending in 报 that name a kind of notice, not a newspaper.
_NOT_PAPERS = ("简报", "通报", "海报", "情报", "预报", "汇报", "喜报", "捷报", "战报", "举报")


@lru_cache(maxsize=CACHED_LINES)
def outlet_kind(name: str) -> str:
    """A `Source.Kind` guessed from the form of an outlet's name.

    `永州日报` newspaper, `红网`/`人民网` website, `新华社` agency, `XX公众号` wechat,
    `趣头条`/`XX客户端`/`XX号` aggregator; `unknown` otherwise.
    """
    plain = simplified(name.strip())
    if not plain or len(plain) > 30:
        return "unknown"
    if "公众号" in plain or "微信" in plain or (plain.endswith("发布") and len(plain) >= 4):
        return "wechat"  # `城东发布`: a government office's account
    if any(word in plain for word in _AGGREGATOR_WORDS) or (
        plain.endswith("号") and len(plain) >= 3
    ):
        return "aggregator"
    if plain in _AGENCIES or (
        plain.endswith("社") and not plain.endswith(("报社", "出版社", "杂志社", "合作社"))
    ):
        return "agency"
    if plain.endswith(("报", "报社", "报业", "周刊", "杂志")) and not plain.endswith(_NOT_PAPERS):
        return "newspaper"
    if re.search(r"(网|网站|在线|新闻中心|\.com|\.cn|\.net|\.org)$", plain, re.IGNORECASE):
        return "website"
    return "unknown"


@lru_cache(maxsize=CACHED_LINES)
def is_outlet_name(word: str) -> bool:
    """`运城晚报`, `本报`, `新华社`, `红网` name outlets; `呼和浩特` (a place) does not."""
    plain = simplified(word.strip())
    if plain in _LOCAL_OUTLET_WORDS:
        return True
    if plain.endswith(("电视台", "广播电台", "广播电视台", "融媒体中心", "新闻社")):
        return True
    return len(plain) >= 2 and outlet_kind(plain) != "unknown"


# Endings that make a word an office, not a person: `县融媒体中心`, `市委宣传部`, `农技站`.
_ORGANISATION_ENDINGS = (
    "中心",
    "电视台",
    "电台",
    "气象台",
    "站",
    "社",
    "局",
    "委员会",
    "办公室",
    "宣传部",
    "协会",
    "公司",
    "集团",
    "学校",
    "大学",
    "医院",
    "街道",
    "社区",
)


def is_organisation_name(word: str) -> bool:
    """`县融媒体中心`, `市委宣传部`, `人民网`: an outlet or an office, four characters or more
    unless it is an outlet, so no two- or three-character name is taken for one."""
    plain = simplified(word.strip())
    return is_outlet_name(plain) or (len(plain) >= 4 and plain.endswith(_ORGANISATION_ENDINGS))


def _is_credited_organisation(word: str, tokens: list[tuple[str, str]]) -> bool:
    """An outlet anywhere on a credit line (`人民网 寇雅楠摄`); another office only after a role
    word (`文/图 县融媒体中心 陈晨`), so a caption ending in `…服务站` is no credit."""
    if is_outlet_name(word):
        return True
    return is_organisation_name(word) and any(kind == "role" for kind, _ in tokens)


def is_local_outlet_word(word: str) -> bool:
    """`本报`, `本台`: the paper speaking of itself, which names no outlet."""
    return simplified(word) in _LOCAL_OUTLET_WORDS


def is_staff_credit(credits: tuple[Credit, ...]) -> bool:
    """Credits naming only page staff (`责任编辑`, `美编`, `校对`…), not a story's writers."""
    return bool(credits) and all(credit.role in STAFF_ROLES for credit in credits)


def unique_credits(*groups) -> tuple:
    """Credits in print order, each (name, role) once."""
    return tuple(dict.fromkeys(credit for group in groups for credit in group))


# Roles of the people who wrote a story, as against those who took its pictures or edited it.
WRITER_ROLES = frozenset({"reporter", "special_reporter", "correspondent", "intern", "author"})


def most_specific(credits) -> tuple:
    """A person credited as `author` and also in a writer's role (`记者`) is credited in that
    role only: `本报记者 张丽` … `文/图 张丽` → 张丽 reporter and photographer."""
    specific = {c.name for c in credits if c.role in WRITER_ROLES and c.role != "author"}
    return tuple(c for c in credits if c.role != "author" or c.name not in specific)


def credits_in_order(credits) -> tuple:
    """Writers first, then photographers, then the page's staff, each group in print order:
    `新华社记者 陈刚 摄` printed above `本报讯（记者 刘洋）` still credits 刘洋 first."""

    def rank(credit):
        if credit.role in STAFF_ROLES:
            return 2
        return 1 if credit.role == "photographer" else 0

    return tuple(sorted(credits, key=rank))
