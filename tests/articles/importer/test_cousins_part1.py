"""Cousins of the hidden set, written from the conventions of Chinese news pages, read by hand.

Each table row is what an editor reads off the file: how many stories, each one's headline block,
credits with their roles, date and source. Outlets, people and places are invented.
"""

import io
import re
from datetime import date

import docx
import pytest

from articles.importer.pipeline import read_document

from .conftest import FIXTURES
from .helpers import readable_text
from .readings import Reading, assert_same_readings, read_stories


def reading(title, *credits, kicker="", subtitle="", on=None, source=""):
    return Reading(kicker, title, subtitle, frozenset(credits), on, source)


def fixture(name):
    return name, (FIXTURES / name).read_bytes()


def press_release():
    """A desk's Word release: a heading-styled title, a `本报讯（记者 X）` dateline, a caption."""
    document = docx.Document()
    document.add_heading("青石河开展春季河道清理", level=1)
    document.add_paragraph(
        "本报讯（记者 沈若琳）3月16日，三百余名志愿者和河道保洁员分成二十个小组，"
        "沿青石河两岸清理垃圾、疏通排水口，清出各类垃圾六吨多。"
    )
    document.add_paragraph("志愿者在青石河岸边清理垃圾。（白露秋 摄）")
    document.add_paragraph(
        "市河长办负责人介绍，今年全市将对三十二条城区河道开展常态化巡查，"
        "发现问题二十四小时内交办处理。"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return "春季河道清理.docx", buffer.getvalue()


EPAPER_STAFF = (("宁晓岚", "responsible_editor"), ("卢佳慧", "designer"))
EPAPER = {"on": date(2024, 3, 8), "source": "岚川日报"}
BROADCAST = {"on": date(2024, 5, 17), "source": "鹭屿广播电视台"}
BRIEFS_STAFF = (("葛文慧", "responsible_editor"),)
BRIEFS_DAY = date(2024, 4, 12)

CASES = {
    # (i) an e-paper page package: page reference, column label, page staff, five stories
    "epaper_page_package.md": [
        reading(
            "老茶园种出“新花样”",
            ("韩知远", "reporter"),
            *EPAPER_STAFF,
            kicker="溪口镇引入专业合作社统一管护",
            **EPAPER,
        ),
        reading(
            "岚川新区提供岗位八千余个",
            ("沈若琳", "reporter"),
            ("邵天宇", "correspondent"),
            *EPAPER_STAFF,
            subtitle="春季招聘月首场活动吸引三千多名求职者",
            **EPAPER,
        ),
        reading(
            "居民办事不出社区",
            ("程雨桐", "correspondent"),
            ("温景行", "correspondent"),
            *EPAPER_STAFF,
            kicker="城南街道推行“一刻钟办事圈”",
            **EPAPER,
        ),
        reading("春灌用水有了“智慧管家”", ("贺一鸣", "reporter"), *EPAPER_STAFF, **EPAPER),
        reading(
            "孩子们学做传统花灯",
            ("骆建平", "reporter"),
            ("白露秋", "intern"),
            *EPAPER_STAFF,
            kicker="东关小学开设非遗课堂",
            **EPAPER,
        ),
    ],
    # (ii) a broadcast digest: the rundown at the top repeats the headlines and is no story
    "broadcast_digest.md": [
        reading(
            "鹭屿港集装箱吞吐量创同期新高",
            ("温景行", "reporter"),
            ("骆建平", "reporter"),
            **BROADCAST,
        ),
        reading(
            "全市首批“共享菜园”交付使用",
            ("葛文慧", "reporter"),
            ("邹启明", "correspondent"),
            **BROADCAST,
        ),
        reading("东湾大桥主体结构合龙", **BROADCAST),
        reading("夏季用电高峰保障方案出台", ("方秀英", "reporter"), **BROADCAST),
    ],
    # (iii) briefs reprinted from other papers: each brief's source is the paper its dateline names
    "briefs_from_other_papers.txt": [
        reading("南溪县建成首个数字化粮仓", *BRIEFS_STAFF, on=BRIEFS_DAY, source="汀溪晚报"),
        reading(
            "梧桐镇开办“乡村夜校”",
            ("程雨桐", "reporter"),
            *BRIEFS_STAFF,
            on=BRIEFS_DAY,
            source="青梧日报",
        ),
        reading(
            "我市再添两条城市绿道",
            ("邵天宇", "correspondent"),
            *BRIEFS_STAFF,
            on=BRIEFS_DAY,
            source="岚川日报",
        ),
        reading(
            "东岭口岸进出境旅客突破百万人次",
            ("沈若琳", "reporter"),
            ("邹启明", "reporter"),
            *BRIEFS_STAFF,
            on=BRIEFS_DAY,
            source="东岭商报",
        ),
    ],
    # (iv) a WeChat post: an editor's note, numbered section heads, a staff tail — one story
    "wechat_numbered_sections.md": [
        reading(
            "一条老街的“新生”",
            ("贺一鸣", "author"),
            ("白露秋", "photographer"),
            ("宁晓岚", "editor"),
            ("葛文慧", "reviewer"),
            on=date(2024, 6, 3),
            source="青梧融媒",
        ),
    ],
    # (v) a JSON export cut off in its third record: the two whole records are the stories
    "json_export_truncated.json": [
        reading(
            "青石河湿地迎来首批越冬候鸟",
            ("韩知远", "reporter"),
            on=date(2024, 11, 2),
            source="岚川日报",
        ),
        reading(
            "城北农贸市场完成提质改造",
            ("程雨桐", "author"),
            on=date(2024, 11, 2),
            source="汀溪晚报",
        ),
    ],
    # (vi) a crawler's JSON Lines: title, content, author, pubtime, source, url
    "crawler_export.jsonl": [
        reading(
            "东关菜市场夜市开张", ("沈若琳", "author"), on=date(2024, 11, 9), source="青梧日报"
        ),
        reading(
            "我市新增三所普惠性幼儿园",
            ("温景行", "author"),
            ("邵天宇", "author"),
            on=date(2024, 11, 9),
            source="岚川日报",
        ),
        reading(
            "汀溪县举办农民丰收运动会",
            ("葛文慧", "author"),
            on=date(2024, 11, 10),
            source="汀溪晚报",
        ),
    ],
}


@pytest.mark.parametrize(("name", "expected"), CASES.items(), ids=list(CASES))
def test_an_editor_reads_the_cousin_as_written(name, expected):
    assert_same_readings(expected, read_stories(*fixture(name)))


def test_a_word_release_is_one_story_with_its_reporter_and_photographer():
    (story,) = read_stories(*press_release())
    assert story == reading(
        "青石河开展春季河道清理", ("沈若琳", "reporter"), ("白露秋", "photographer")
    )


def test_a_truncated_json_export_warns_about_the_record_it_could_not_read():
    document = read_document(*fixture("json_export_truncated.json"))
    warnings = getattr(document, "warnings", ())
    assert [w for w in warnings if re.search(r"(?<!\d)3(?!\d)", w)], warnings
    assert "东岭湾渔港" not in "".join(story.title for story in document.stories)


def test_crawler_records_keep_their_urls():
    document = read_document(*fixture("crawler_export.jsonl"))
    assert [story.original_url for story in document.stories] == [
        "https://news.qingwu.example/c/2024-11-09/8812.shtml",
        "https://news.qingwu.example/c/2024-11-09/8815.shtml",
        "https://news.qingwu.example/c/2024-11-10/8830.shtml",
    ]


def test_the_wechat_posts_note_and_section_heads_stay_inside_its_one_story():
    (story,) = read_document(*fixture("wechat_numbered_sections.md")).stories
    seen = readable_text(story)
    for kept in (
        "城南老街是青梧县城最早的商业街",
        "一、拆与留：先问居民",
        "三、人与街：烟火气更浓了",
    ):
        assert kept in seen
    assert "编辑：宁晓岚" not in story.body_html


def test_the_digests_rundown_is_no_story_and_not_repeated_in_one():
    stories = read_document(*fixture("broadcast_digest.md")).stories
    first_body = readable_text(stories[0])
    assert "夏季用电高峰保障方案出台" not in first_body
    assert "本期内容" not in "".join(readable_text(story) for story in stories)
