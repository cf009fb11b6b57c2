"""Photo captions: `图为…`, `…（张三 摄）`, an arrow pointing at the picture — and the image they
describe, with its photographer credited.
"""

import re
from dataclasses import replace

from . import bylines

# Chinese captions are introduced by `图为…`, `图：…` or an arrow pointing at the picture.
CAPTION_MARKER = re.compile(r"^\s*(?:图为|图：|图:|[▲△↑▼]\s*)")
CAPTION_MAX_CHARS = 150


def caption_parts(words):
    """(caption, printed credit, credits) when `words` read as a photo caption, else None."""
    if not words or len(words) > CAPTION_MAX_CHARS:
        return None
    caption, credit_text, credits = bylines.split_photo_credit(words)
    if credits:
        return caption, credit_text, credits
    if CAPTION_MARKER.match(bylines.simplified(words)):
        return words, "", ()
    return None


def captioned(image, text, credit_text, credits):
    return replace(
        image,
        caption=text,
        credit=credit_text,
        credit_name=credits[0].name if credits else "",
    )
