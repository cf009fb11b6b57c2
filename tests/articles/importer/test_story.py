"""The one story builder: what a draft must hold to be a story, and how its parts are read."""

from datetime import datetime

import pytest

from articles.importer.dates import CHINA
from articles.importer.pipeline import read_document
from articles.importer.records import StoryRecord
from articles.importer.story import (
    LIMITS,
    PageFacts,
    StoryDraft,
    StoryLimits,
    build_story,
    with_full_width_punctuation,
)

PARAGRAPH = (
    "昨日上午，全市春耕备耕工作会议召开，会议部署了今年的粮食生产任务，要求各地抓好农资供应。"
)
PAGE_DATE = datetime(2024, 3, 8, tzinfo=CHINA)


def draft(**fields):
    fields.setdefault("original_text", "原文")
    return StoryDraft(**fields)


def test_a_headline_and_a_paragraph_make_a_story_with_its_credits_in_print_order():
    story = build_story(
        draft(
            title_lines=("千亩良田披新绿",),
            paragraphs=("本报讯（记者 刘洋 通讯员 王芳）" + PARAGRAPH, "（张三）"),
            page=PageFacts(outlet="某某日报"),
        )
    )
    assert story.title == "千亩良田披新绿"
    assert [(c.name, c.role) for c in story.credits][:2] == [
        ("刘洋", "reporter"),
        ("王芳", "correspondent"),
    ]
    assert story.source.name == "某某日报"
    assert story.via is None


def test_a_brief_naming_another_paper_keeps_that_paper_as_source_and_the_page_as_via():
    story = build_story(
        draft(
            title_lines=("邻市开通城际公交",),
            paragraphs=("某某晚报讯 " + PARAGRAPH,),
            page=PageFacts(outlet="某某日报"),
        )
    )
    assert story.source.name == "某某晚报"
    assert story.via.name == "某某日报"


@pytest.mark.parametrize(
    ("length", "brief"),
    [(LIMITS.brief_body_min - 1, False), (LIMITS.brief_body_min, True)],
)
def test_a_datelined_brief_under_a_headline_may_be_one_short_paragraph(length, brief):
    text = "本报讯 " + "某" * (length - 1) + "。"
    story = build_story(draft(title_lines=("一则简讯的标题",), paragraphs=(text,)))
    assert (story is not None) is brief


def test_untitled_undatelined_text_is_a_blurb_unless_it_runs_long():
    blurb = draft(paragraphs=(PARAGRAPH, PARAGRAPH))
    assert build_story(blurb) is None
    assert build_story(blurb, StoryLimits(untitled_paragraphs_min=2)) is not None


def test_a_dispatch_day_dates_the_story_only_when_nothing_else_does():
    dispatched = {
        "title_lines": ("统计局发布数据",),
        "paragraphs": ("新华社北京3月7日电（记者 赵明）" + PARAGRAPH,),
    }
    on_the_page = build_story(
        draft(**dispatched, page=PageFacts(reported_at=PAGE_DATE, date_precision="day"))
    )
    assert on_the_page.reported_at.date().isoformat() == "2024-03-08"
    assert on_the_page.source.name == "新华社"
    alone = build_story(draft(**dispatched))
    assert alone.reported_at is None  # no year to put the day in, never the clock's
    assert "日期缺少年份" in alone.warnings


def test_a_story_date_line_beats_the_page_date():
    story = build_story(
        draft(
            title_lines=("统计局发布数据",),
            paragraphs=(PARAGRAPH, PARAGRAPH),
            meta_lines=("发布时间：2024-03-06 10:00",),
            page=PageFacts(reported_at=PAGE_DATE, date_precision="day"),
        )
    )
    assert story.reported_at.date().isoformat() == "2024-03-06"


def test_a_three_character_line_over_a_story_is_its_section_and_the_title_is_inferred():
    story = build_story(draft(title_lines=("要闻",), paragraphs=("本报讯 " + PARAGRAPH,)))
    assert story.section == "要闻"
    assert story.title.startswith("昨日上午")
    assert "标题为推断" in story.warnings


def test_too_many_short_lines_above_the_text_are_verse_not_a_title():
    verse = ("春风十里", "田野新绿", "机声隆隆", "农人忙碌", "好一派春耕图")
    story = build_story(draft(title_lines=verse, paragraphs=(PARAGRAPH,) * 3))
    assert "春风十里" in story.body_html
    assert "标题为推断" in story.warnings


def test_full_width_punctuation_changes_the_text_only():
    story = StoryRecord(
        title="“你们来了,顶了大事!”",
        original_text="“你们来了,顶了大事!”",
        position=1,
        lead="他说:大家辛苦了!",
        body_html=(
            '<p>他说:大家辛苦了!详见<a href="https://example.com/a?x=1,2">链接</a>。'
            "比分3:1,Hello, world!</p>\n<p>鱼&amp;熊掌;兼得?</p>"
        ),
    )
    widened = with_full_width_punctuation(story)
    assert widened.title == "“你们来了，顶了大事！”"
    assert widened.lead == "他说：大家辛苦了！"
    assert widened.body_html == (
        '<p>他说：大家辛苦了！详见<a href="https://example.com/a?x=1,2">链接</a>。'
        "比分3:1,Hello, world!</p>\n<p>鱼&amp;熊掌；兼得？</p>"
    )
    assert widened.original_text == story.original_text


def test_full_width_punctuation_is_a_setting(settings):
    text = "“你们来了,顶了大事!”\n\n本报讯（记者 王耀）" + PARAGRAPH + "\n\n" + PARAGRAPH + "\n"
    settings.NEWSROOM_FULL_WIDTH_PUNCTUATION = False
    (story,) = read_document("page.txt", text.encode()).stories
    assert story.title == "“你们来了,顶了大事!”"
    settings.NEWSROOM_FULL_WIDTH_PUNCTUATION = True
    (story,) = read_document("page.txt", text.encode()).stories
    assert story.title == "“你们来了，顶了大事！”"
