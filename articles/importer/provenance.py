"""Republication notices: who first made a story and who carried it here.

Posts and pages copied from elsewhere say so (`本文为「X」原创内容`, `本文经授权转载自X`,
`本文来自微信公众号“X”（ID：…），Y经授权发布`, `原载X`, `转自X`, `原文链接：URL`). These notices are
read before the noise rules drop them: the first creator they name is the story's origin, the
outlet that passed it on is its `via`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from articles.importer import bylines, script

# A notice names a creator, says where the text was taken from, or gives the original's address.
CREATOR = "creator"
TAKEN_FROM = "taken_from"
ADDRESS = "address"

_OPEN_QUOTES = "「『“\"‘'《【"
_CLOSE_QUOTES = "」』”\"’'》】"
# Platforms named before an account: `微信公众号“城东发布”`, `公众号：城东发布`.
_PLATFORM_RE = re.compile(r"^(?:微信公众号|微信公众平台|公众号|微信号|微信)\s*[:：]?\s*")
# Where a source value ends: a clause mark, a space, or a call to action run on after it.
_VALUE_END_RE = re.compile(
    rf"[\s（(）)\[\]【】|｜{bylines.CLAUSE_MARKS}]|{'|'.join(bylines.CALLS_TO_ACTION)}"
    r"|特此|经授权|授权|所有|原创|版权"
)
# Words a notice may name instead of an outlet: no one in particular.
_NOBODY = frozenset(
    {"原作者", "作者", "原作者及原出处", "原出处", "原创作者", "网络", "互联网", "原文"}
)
MAX_NOTICE = 120

# A notice opens its line or follows a clause mark or bracket, never inside a word (`扭转自身`).
_AT = r"(?:^|(?<=[\s，,。；;（(【\[|｜■●]))(?:本文|文章|此文|该文)?"
_THIS = r"(?:^|(?<=[\s，,。；;（(【\[|｜■●]))(?:本文|文章|此文|该文)"
_NOTICES = (
    # `本文来自微信公众号“X”（ID：abc），作者：Z，Y经授权发布。`
    (
        CREATOR,
        re.compile(
            _THIS + r"来自\s*(?P<origin>.+?)\s*(?:[（(]\s*ID\s*[:：][^)）]*[)）])?\s*"
            r"(?:[，,]\s*作者\s*[:：]\s*[^，,]+?)?\s*[，,]\s*(?P<via>[^，,。]{2,30}?)\s*经授权发布"
        ),
    ),
    (CREATOR, re.compile(_THIS + r"(?:为|系|是|由)?\s*(?P<origin>.+?)\s*原创")),
    (CREATOR, re.compile(_AT + r"版权归\s*(?P<origin>.+?)\s*所有")),
    (CREATOR, re.compile(_AT + r"原载(?:于|自)?\s*(?P<origin>.+)")),
    (CREATOR, re.compile(_THIS + r"来自\s*(?P<origin>.+)")),
    (TAKEN_FROM, re.compile(_AT + r"(?:经授权)?转载(?:自|于)\s*(?P<origin>.+)")),
    (TAKEN_FROM, re.compile(_AT + r"转自\s*(?P<origin>.+)")),
    (
        ADDRESS,
        re.compile(_AT + r"原文(?:链接|地址|网址|连结|出处)?\s*[:：]\s*(?P<url>https?://\S+)"),
    ),
)


@dataclass(frozen=True)
class Notice:
    """One republication notice: its kind (`CREATOR`, `TAKEN_FROM`, `ADDRESS`) and what it names."""

    kind: str
    name: str = ""
    via: str = ""
    url: str = ""
    wechat: bool = False  # the name is a WeChat account's


@dataclass(frozen=True)
class Provenance:
    """Where a story comes from: `origin` its first creator, `via` who passed it on."""

    origin: str = ""
    via: str = ""
    original_url: str = ""
    origin_is_wechat: bool = False


def read_notice(line: str) -> Notice | None:
    """A republication notice → what it names; None if `line` is not one.

    `本文经授权转载自微信公众号“城东发布”，点击查看原文` → Notice(TAKEN_FROM, `城东发布`,
    wechat=True): a name stops at the first clause mark or call to action.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_NOTICE:
        return None
    plain = script.to_simplified(stripped)
    for kind, pattern in _NOTICES:
        match = pattern.search(plain)
        if match is None:
            continue
        if kind == ADDRESS:
            return Notice(ADDRESS, url=script.find_url(stripped[match.start("url") :]))
        name, wechat = _source_value(stripped, match.start("origin"))
        via = ""
        if "via" in match.groupdict():
            via, _ = _source_value(stripped, match.start("via"))
        if name or via:
            return Notice(kind, name, via=via, wechat=wechat)
        return Notice(kind)  # `版权归原作者所有`: a notice naming no one
    return None


def _source_value(text: str, start: int) -> tuple[str, bool]:
    """The outlet named at `text[start:]`, in quotes or up to the first clause mark or call to
    action, and whether it is a WeChat account: `微信公众号“城东发布”，点击…` → (`城东发布`, True)."""
    rest = text[start:].lstrip(" \u3000:：")
    platform = _PLATFORM_RE.match(script.to_simplified(rest))
    if platform:
        rest = rest[platform.end() :]
    rest = rest.lstrip(" \u3000:：")
    if rest[:1] in _OPEN_QUOTES:
        closing = _CLOSE_QUOTES[_OPEN_QUOTES.index(rest[0])]
        end = rest.find(closing, 1)
        name = rest[1:end] if end > 0 else ""
    else:
        end = _VALUE_END_RE.search(script.to_simplified(rest))
        name = rest[: end.start()] if end else rest
    name = name.strip()
    if not 2 <= len(name) <= 30 or script.to_simplified(name) in _NOBODY:
        return "", False
    return name, platform is not None


def read_provenance(lines: Iterable[str]) -> Provenance:
    """The chain the notices among `lines` describe.

    `["原载某某日报", "转自某某网"]` → origin `某某日报`, via `某某网`: the origin is the first creator
    named (`原创`, `版权归`, `原载`, `本文来自`), else the first outlet the text was taken from; `via`
    is the outlet a notice says published it by permission, else the one it was taken from.
    """
    notices = [notice for notice in map(read_notice, lines) if notice]
    creators = [notice for notice in notices if notice.kind == CREATOR and notice.name]
    taken = [notice for notice in notices if notice.kind == TAKEN_FROM and notice.name]
    first = (creators or taken or [Notice("")])[0]
    vias = [notice.via for notice in notices if notice.via]
    vias += [notice.name for notice in taken if notice.name != first.name]
    urls = [notice.url for notice in notices if notice.url]
    return Provenance(
        origin=first.name,
        via=vias[0] if vias else "",
        original_url=urls[0] if urls else "",
        origin_is_wechat=first.wechat,
    )


# Reposting notices that aggregators and WeChat accounts append: `版权归原作者所有，向原创者致敬。`
REPOST_NOTICE = re.compile(
    r"版权[归歸]原作|原作者所有|向原[创創]者?致敬|如有侵[权權]|侵[权權]请?[联聯]系|[联聯]系[删刪]除"
    r"|请[联聯]系.{0,8}[删刪]除|[转轉][载載]请注明|未[经經]授[权權].{0,6}[转轉][载載]|免[责責][声聲]明"
    r"|不代表本(?:站|平台|号|號)[观觀]点"
)
REPOST_NOTICE_MAX = 120


def is_repost_notice(text):
    """`版权归原作者所有，向原创者致敬。` and its cousins: boilerplate, not the story."""
    return bool(REPOST_NOTICE.search(bylines.simplified(text))) and len(text) <= REPOST_NOTICE_MAX
