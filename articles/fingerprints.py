"""Near-duplicate fingerprints: a story's text → normalised text → MinHash → LSH band keys.

Pure: no database. The same report reaches the desk from an e-paper, a website, a WeChat account,
an aggregator's mirror or another paper's reprint, under a new headline, cut, edited, with an
editor's note added or in traditional characters. What stays is its running text, so that is what
is fingerprinted: the body, simplified (OpenCC, as the importer matches text: `script`), NFKC-folded,
without punctuation and spaces, without the lines a relay adds or changes (bylines, desk credits,
`来源：` lines, platform prompts, republication notices) and without the dateline's
`本报讯（记者 X）` opening. Its character shingles (`SHINGLE` characters) are summarised by a
MinHash (datasketch) of `PERMUTATIONS` values; `BANDS` band keys of `ROWS` values each let a
lookup find the stories sharing a band over an index (see `articles.duplicates`).

Similarity is the share of the shorter text's shingles found in the longer one, estimated from
the MinHash's Jaccard and both texts' shingle counts: a summary half as long, or a version with
paragraphs dropped or an editor's note added, is still one report.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from .importer import bylines, datelines, provenance
from .importer.formats.wechat_post import is_platform_prompt
from .importer.script import to_simplified
from .search import text as search_text

SHINGLE = 3  # characters per shingle: bigrams are Chinese words, which unrelated reports share
PERMUTATIONS = 128
BANDS, ROWS = 42, 3  # a pair of Jaccard 0.4 shares a band 94% of the time, of 0.05 0.5%
SEED = 20240307
MIN_CHARACTERS = 40  # normalised characters below which a text is too short to compare
# Only lines this short are read as credits, sources or prompts: running text is longer, and
# reading every paragraph with the byline grammar would cost more than the rest together.
CREDIT_LINE_MAX = 60
# The first paragraphs are where a dateline (`本报讯（记者 X）`, `新华社北京3月7日电`) opens a story.
DATELINE_PARAGRAPHS = 2

_NOT_WORDS_RE = re.compile(r"[\W_]+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n+")
_ORIGINAL_TITLE_RE = re.compile(r"^[【\[（(]?\s*(?:原标题|原题|编者按|编者的话)\s*[:：]")


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """A story's MinHash signature and the number of distinct shingles it summarises."""

    signature: np.ndarray  # PERMUTATIONS uint32 values: the MinHash's, their low 32 bits
    size: int

    def similarity(self, other: Fingerprint) -> float:
        """The estimated share of the shorter text's shingles found in the other, 0–1."""
        jaccard = float(np.count_nonzero(self.signature == other.signature)) / PERMUTATIONS
        shared = jaccard * (self.size + other.size) / (1 + jaccard)
        return min(1.0, shared / max(1, min(self.size, other.size)))

    def band_keys(self) -> tuple[int, ...]:
        """One signed 64-bit key per band: two stories sharing a key are compared."""
        return self._band_keys

    @cached_property
    def _band_keys(self):
        # An import asks for them three times a story (the lookup, the file's own stories,
        # the band rows stored): a tenth of a millisecond each.
        keys = []
        for band in range(BANDS):
            values = self.signature[band * ROWS : (band + 1) * ROWS].tobytes()
            digest = hashlib.blake2b(values, digest_size=8, person=bytes([band]) * 8).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return tuple(keys)

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Fingerprint:
        return cls(np.frombuffer(bytes(data), dtype="<u4").astype(np.uint32), size)


def normalised_text(paragraphs: list[str]) -> str:
    """`本报讯（记者 王耀）4月19日，下沉幹部…` / `责任编辑：关凝淼` → `4月19日下沉干部…`.

    Simplified, NFKC-folded and lower-cased; punctuation and spaces dropped; credit, source,
    prompt and notice lines and the dateline's opening left out.
    """
    kept = []
    for index, paragraph in enumerate(paragraphs):
        paragraph = to_simplified(unicodedata.normalize("NFKC", paragraph)).strip()
        if not paragraph or _is_relay_line(paragraph):
            continue
        if index < DATELINE_PARAGRAPHS:
            paragraph = datelines.split_dateline(paragraph)[0]
        kept.append(_NOT_WORDS_RE.sub("", paragraph).casefold())
    return "".join(kept)


def _is_relay_line(line: str) -> bool:
    """What a relay adds or rewrites around a story: `责任编辑：关凝淼`, `来源：人民网`,
    `点击蓝字关注我们`, `本文转自人民网，版权归原作者所有`, `原标题：…`, `（记者 王耀）`."""
    if _ORIGINAL_TITLE_RE.match(line):
        return True
    if len(line) > CREDIT_LINE_MAX:
        return False
    return bool(
        bylines.read_credit_line(line)
        or bylines.is_source_line(line)
        or is_platform_prompt(line)
        or provenance.is_repost_notice(line)
    )


def shingle_values(text: str) -> np.ndarray:
    """The distinct `SHINGLE`-character shingles of `text`, each packed into one integer.

    A code point has 21 bits, so three fit into 63 bits: no two shingles share a value.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(codes) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    packed = np.zeros(len(codes) - SHINGLE + 1, dtype=np.uint64)
    for offset in range(SHINGLE):
        packed = (packed << np.uint64(21)) | codes[offset : len(codes) - SHINGLE + 1 + offset]
    return np.unique(packed)


@cache
def _minhash():
    """datasketch's `MinHash`, imported on the first fingerprint: with the scipy it loads it was
    ~60 MB and 0.45 s of every process's start (web workers, parsing processes), which never
    fingerprint."""
    from datasketch import MinHash

    return MinHash


@cache
def _permutations():
    return _minhash()(PERMUTATIONS, seed=SEED, scheme="affine64", hashfunc=int).permutations


def fingerprint_text(text: str) -> Fingerprint | None:
    """The fingerprint of already normalised text; None when it is too short to compare."""
    if len(text) < MIN_CHARACTERS:
        return None
    values = shingle_values(text)
    minhash = _minhash()(
        PERMUTATIONS, seed=SEED, scheme="affine64", hashfunc=int, permutations=_permutations()
    )
    minhash.update_batch(values.tolist())
    # Half the bytes to store; two unrelated values agree on their low 32 bits once in 4 billion.
    return Fingerprint(minhash.hashvalues.astype(np.uint32), len(values))


def paragraphs_of(body_html: str, lead: str = "") -> list[str]:
    """A story's paragraphs as plain text: its body's, else its lead's."""
    text = search_text.html_to_text(body_html) if body_html else ""
    return [line for line in _PARAGRAPH_BREAK_RE.split(text or lead or "") if line.strip()]


def fingerprint_story(body_html: str, lead: str = "") -> Fingerprint | None:
    """`fingerprint_text` of a story's body (HTML, as stored or parsed), else of its lead."""
    return fingerprint_text(normalised_text(paragraphs_of(body_html, lead)))
