"""Rule 9 of the importer's grammars: every article gets a lead — the standfirst or editor's note
when the story opens with one, else its first paragraph of prose, trimmed at a sentence end —
whatever container it came in.
"""

import json

import pytest

from articles.importer.leads import EXCERPT_MAX
from articles.importer.pipeline import read_document

TITLE = "青石河开展春季河道清理"
WORK = "三百余名志愿者分成二十个小组，沿青石河两岸清理垃圾、疏通排水口，清出各类垃圾六吨多。"
PLAN = (
    "市河长办负责人介绍，今年全市将对三十二条城区河道开展常态化巡查，发现问题二十四小时内交办处理。"
)
NOTE = "春季是河道清理的关键时期，本报今起推出系列报道，记录城区河道的变化。"
NOTE_TRADITIONAL = "春季是河道清理的關鍵時期，本報今起推出系列報道，記錄城區河道的變化。"
RIVER = "青石河是城区最长的一条河，两岸住着十多万居民。"
LONG = RIVER * 7 + "这次清理是今年的第一次，共清出垃圾六吨多。"


def post(paragraphs):
    body = "\n\n".join(paragraphs)
    return "post.md", f"---\ntitle: {TITLE}\ndate: 2024-03-16\n---\n\n{body}\n".encode()


def crawler_record(paragraphs):
    content = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    record = {"title": TITLE, "pubtime": "2024-03-16 09:30", "content": content}
    return "record.json", json.dumps(record, ensure_ascii=False).encode()


def plain_text(paragraphs):
    return "story.txt", "\n".join([TITLE, *paragraphs]).encode()


CONTAINERS = {"post": post, "crawler_record": crawler_record, "plain_text": plain_text}

LEADS = [
    # the first paragraph, without the dateline and byline opening it
    ([f"本报讯（记者 李四）3月16日，{WORK}", PLAN], f"3月16日，{WORK}"),
    ([f"本報訊（記者 李四）3月16日，{WORK}", PLAN], f"3月16日，{WORK}"),
    ([f"本报讯 （记者 李 四） 3月16日，{WORK}", PLAN], f"3月16日，{WORK}"),
    ([WORK, PLAN], WORK),
    # an editor's note or a standfirst, labelled
    ([f"【编者按】{NOTE}", WORK, PLAN], NOTE),
    ([f"【編者按】{NOTE_TRADITIONAL}", WORK, PLAN], NOTE_TRADITIONAL),
    ([f"【 编 者 按 】 {NOTE}", WORK, PLAN], NOTE),
    ([f"编者按：{NOTE}", WORK, PLAN], NOTE),
    ([f"摘要：{NOTE}", WORK, PLAN], NOTE),
    ([f"导语｜{NOTE}", WORK, PLAN], NOTE),
    ([f"導讀：{NOTE_TRADITIONAL}", WORK, PLAN], NOTE_TRADITIONAL),
    # a label standing alone over its note
    (["编者按", NOTE, WORK, PLAN], NOTE),
    # a long first paragraph, cut after its last whole sentence within the limit
    ([LONG, PLAN], RIVER * (EXCERPT_MAX // len(RIVER))),
    # a subhead or a reposting notice above the text is not the lead
    (["清理现场", WORK, PLAN], WORK),
    (["本文为青禾日报原创内容，转载请注明出处。", WORK, PLAN], WORK),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("paragraphs", "lead"), LEADS)
def test_every_story_has_its_lead(paragraphs, lead, container):
    (story,) = read_document(*CONTAINERS[container](paragraphs)).stories
    assert story.lead == lead
    assert len(story.lead) <= EXCERPT_MAX


@pytest.mark.parametrize("container", ["post", "crawler_record"])
def test_a_picture_opening_the_story_gives_no_lead(container):
    picture = (
        "![志愿者清理垃圾（张三 摄）](https://img.example.cn/r.jpg)"
        if container == "post"
        else '<img src="https://img.example.cn/r.jpg" width="800" height="533">志愿者清理垃圾（张三 摄）'
    )
    (story,) = read_document(*CONTAINERS[container]([picture, WORK, PLAN])).stories
    assert story.lead == WORK


def test_a_lead_in_the_metadata_is_the_lead():
    text = f"---\ntitle: {TITLE}\ndescription: {NOTE}\n---\n\n{WORK}\n\n{PLAN}\n"
    (story,) = read_document("post.md", text.encode()).stories
    assert story.lead == NOTE
