"""The photo-credit splitter reads a bounded tail of a line, whatever the line's length."""

import tracemalloc

from articles.importer import bylines
from articles.importer.records import Credit


def peak_bytes_of(function, *args):
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_350_kb_line_of_reporter_names_is_no_credit_and_stays_small():
    line = "记者 " + "张 " * 87_500  # 350 KB of UTF-8
    assert len(line.encode()) > 350_000

    result, peak = peak_bytes_of(bylines.split_photo_credit, line)

    assert result == (line, "", ())
    # Every suffix of the line, as the splitter once built, is gigabytes; one tail is kilobytes.
    assert peak < 1_000_000


def test_a_credit_at_the_end_of_a_long_caption_is_still_found():
    caption = "居民在核酸检测点有序排队，" * 20_000 + "人民网 寇雅楠摄"

    (rest, credit, credits), peak = peak_bytes_of(bylines.split_photo_credit, caption)

    assert credit == "人民网 寇雅楠摄"
    assert credits == (Credit("寇雅楠", "photographer"),)
    assert rest == caption.removesuffix("人民网 寇雅楠摄")
    assert peak < len(caption) * 4 + 200_000  # the caption's one copy, and a bounded tail
