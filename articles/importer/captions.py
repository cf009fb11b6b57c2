"""Photo captions: `图为…`, `…（张三 摄）`, `…（新华社发）`, an arrow pointing at the picture, a
short line a page centres or sets in small type under it — and the image they describe, with its
photographer credited.
"""

import re
from dataclasses import replace

from . import bylines
from .blocks import Block

# Chinese captions are introduced by `图为…`, `图：…` or an arrow pointing at the picture.
CAPTION_MARKER = re.compile(r"^\s*(?:图为|图：|图:|[▲△↑▼]\s*)")
CAPTION_MAX_CHARS = 150
# A bracketed credit closing a caption that the next paragraph was glued to:
# `志愿者清理河道。（张三 摄）3月16日，…`.
_GLUED_CREDIT_RE = re.compile(r"[（(][^（()）]{2,40}[)）]")
# Blocks that may print a caption under an image.
CAPTION_KINDS = ("caption", "paragraph", "line")
_UNSPACED_RE = re.compile(r"[\s。，,.：:！!？?（）()]+")


def caption_parts(words):
    """(caption, printed credit, credits) when `words` read as a photo caption, else None:
    a closing photo credit (`…张三 摄`), a picture provider (`…（新华社发）`) or a marker (`图为…`)."""
    if not words or len(words) > CAPTION_MAX_CHARS:
        return None
    caption, credit_text, credits = bylines.split_photo_credit(words)
    if credits:
        return caption, credit_text, credits
    provided = _provider_tail(words)
    if provided:
        return provided
    if CAPTION_MARKER.match(bylines.simplified(words)):
        return words, "", ()
    return None


def _provider_tail(words):
    """`志愿者清理河道。（新华社发）` → (`志愿者清理河道。`, `新华社发`, ()): a caption whose
    credit names only who supplied the picture."""
    bracket = bylines._PHOTO_TAIL_RE.search(words)
    if not bracket or bracket.start() == 0:
        return None
    found = bylines.read_credit_line(bracket.group(0))
    if found is None or not found.provider or found.credits:
        return None
    return words[: bracket.start()].rstrip(), bracket.group(1).strip(), ()


def glued_caption(words):
    """((caption, credit, credits), the rest) when `words` open with a caption closed by a
    bracketed photo credit and run on into the story: `志愿者清理河道。（张三 摄）3月16日，…`."""
    for bracket in _GLUED_CREDIT_RE.finditer(words, 0, CAPTION_MAX_CHARS):
        rest = words[bracket.end() :].strip()
        parts = caption_parts(words[: bracket.end()])
        if rest and parts and parts[1]:
            return parts, rest
    return None


def captioned(image, text, credit_text, credits):
    return replace(
        image,
        caption=text,
        credit=credit_text,
        credit_name=credits[0].name if credits else "",
    )


def with_captions(blocks: list[Block]) -> list[Block]:
    """Each image paired with its caption, and the caption's lines taken out of the text.

    The caption is a `<figcaption>`; else the line printed right under the image when it reads
    as a caption (`图为…`, `…（张三 摄）`), is set apart (centred, small type) or repeats the
    image's alt text; else the head of the next paragraph up to a bracketed photo credit; else
    a line printed just above it that closes with a photo credit; else the alt text. Copies of the caption left under it (a page that printed it twice) go too:
    `[image, 樊庶为居民答疑。人民网 寇雅楠摄, 樊庶为居民答疑。人民网 寇雅楠摄]` → `[image+caption]`.
    """
    paired: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.kind != "image":
            paired.append(block)
            continue
        following = blocks[index] if index < len(blocks) else None
        parts, rest = _caption_under(block.image, following)
        if parts is not None:
            index += 1
        if parts is None and paired and _credited_caption(paired[-1]):
            parts = _credited_caption(paired.pop())  # printed above the picture
        parts = parts or caption_parts(block.image.alt_text)
        image = captioned(block.image, *parts) if parts else block.image
        paired.append(replace(block, image=image))
        if rest:
            paired.append(replace(following, text=rest, markup=""))
        elif parts:
            while index < len(blocks) and _repeats(blocks[index], image):
                index += 1
    return paired


def _caption_under(image, following):
    """(caption parts, the rest of the block) read off the block printed under an image."""
    if following is None or following.kind not in CAPTION_KINDS:
        return None, ""
    words = following.text
    parts = caption_parts(words)
    if parts is None and (
        following.kind == "caption"
        or (len(words) <= CAPTION_MAX_CHARS and following.set_apart)
        or (image.alt_text and _unspaced(words) == _unspaced(image.alt_text))
    ):
        parts = (words, "", ())
    if parts is not None:
        return parts, ""
    glued = glued_caption(words)
    return glued if glued else (None, "")


def _credited_caption(block):
    """The caption parts of a line that closes with a photo credit (`…（张三 摄）`), else None."""
    if block.kind not in CAPTION_KINDS:
        return None
    parts = caption_parts(block.text)
    return parts if parts and parts[1] else None


def _repeats(block, image):
    """A line that only prints the image's caption (or its alt text) again."""
    if block.kind not in CAPTION_KINDS or not block.text:
        return False
    words = _unspaced(block.text)
    said = {_unspaced(image.caption), _unspaced(image.caption + image.credit)}
    if image.alt_text:
        said.add(_unspaced(image.alt_text))
    return words in said


def _unspaced(words):
    return _UNSPACED_RE.sub("", bylines.simplified(words or ""))
