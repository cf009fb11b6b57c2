"""Near-duplicate fingerprints: a story's text → normalised text → MinHash → LSH band keys.

Pure: no database. The same report reaches the desk from an e-paper, a website, a WeChat account,
an aggregator's mirror or another paper's reprint, under a new headline, cut, edited, with an
editor's note added or in traditional characters. What stays is its running text, so that is what
is fingerprinted: the body, simplified (OpenCC, as the importer matches text: `script`), NFKC-folded,
without punctuation and spaces, without the lines a relay adds or changes (bylines, desk credits,
`来源：` lines, platform prompts, republication notices) and without the dateline's
`本报讯（记者 X）` opening. Its character shingles (`SHINGLE` characters) are summarised by a
MinHash of `PERMUTATIONS` values; `BANDS` band keys of `ROWS` values each let a
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


# MurmurHash3's 64-bit finalizer (shift, multiplier, shift, multiplier, shift): spreads the
# packed code points, which are close together, over all 64 bits before the permutations.
_FMIX64 = (33, 0xFF51AFD7ED558CCD, 33, 0xC4CEB9FE1A85EC53, 33)


@cache
def _permutations():
    """The MinHash's `PERMUTATIONS` affine maps `v → a·v + b (mod 2⁶⁴)`, `a` odd so that each
    is a bijection, drawn from `SEED`. They are datasketch's `MinHash(scheme="affine64")`'s,
    which made the signatures stored before; numpy alone draws them here, so that a process
    that fingerprints (the importer's parsing processes, the writer) loads neither datasketch
    nor the scipy it imports (~60 MB and half a second each)."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 63, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = generator.randint(0, 1 << 64, PERMUTATIONS, dtype=np.uint64)
    return a, b


def _mixed(values):
    first, m1, second, m2, third = (np.uint64(constant) for constant in _FMIX64)
    values = values ^ (values >> first)
    values = values * m1
    values = values ^ (values >> second)
    values = values * m2
    return values ^ (values >> third)


def minhash_signature(values: np.ndarray) -> np.ndarray:
    """The MinHash of distinct `values` (uint64, at least one): each permutation's least image,
    in uint64 arithmetic whose wraparound is the modulo."""
    a, b = _permutations()
    with np.errstate(over="ignore"):
        return (_mixed(values)[:, np.newaxis] * a + b).min(axis=0)


def fingerprint_text(text: str) -> Fingerprint | None:
    """The fingerprint of already normalised text; None when it is too short to compare."""
    if len(text) < MIN_CHARACTERS:
        return None
    values = shingle_values(text)
    # Half the bytes to store; two unrelated values agree on their low 32 bits once in 4 billion.
    return Fingerprint(minhash_signature(values).astype(np.uint32), len(values))


def paragraphs_of(body_html: str, lead: str = "") -> list[str]:
    """A story's paragraphs as plain text: its body's, else its lead's."""
    text = search_text.html_to_text(body_html) if body_html else ""
    return [line for line in _PARAGRAPH_BREAK_RE.split(text or lead or "") if line.strip()]


def fingerprint_story(body_html: str, lead: str = "") -> Fingerprint | None:
    """`fingerprint_text` of a story's body (HTML, as stored or parsed), else of its lead."""
    return fingerprint_text(normalised_text(paragraphs_of(body_html, lead)))
