"""Line classification: what one line is by itself, the same for every container."""

import pytest

from articles.importer import classify
from articles.importer.lines import non_blank_lines


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("记者 王耀", classify.BYLINE),
        ("文/图 本报记者 李华", classify.BYLINE),
        ("编辑 | 王芳  审核 | 张强", classify.STAFF),
        ("责任编辑：赵明", classify.STAFF),
        ("来源：某某日报", classify.SOURCE),
        ("2023-06-10 09:30 来源：某某发布 作者：刘洋", classify.SOURCE),
        ("《某某日报》（2024年03月08日 第 07 版）", classify.DATE),
        ("某某晚报 2024年3月8日 星期五 第3版", classify.DATE),
        ("2022年4月20日", classify.DATE),
        ("——编 者", classify.SIGNATURE),
        ("——张三（市委书记）", classify.SIGNATURE),
        ("……", classify.ELLIPSIS),
        ("（完）", classify.END_MARK),
        ("党旗插在最高处", classify.HEADING),
        ("千亩良田披新绿——某某镇备耕见闻", classify.HEADING),
        (
            "本报讯（记者 刘洋）昨日，全市春耕备耕工作会议召开，部署今年的粮食生产任务。",
            classify.PROSE,
        ),
        ("记者：下一步有什么打算", classify.PROSE),
    ],
)
def test_a_line_is_classified_by_itself(line, kind):
    assert classify.classify_line(line).kind == kind


def test_a_byline_carries_the_people_it_names():
    found = classify.classify_line("记者 王耀 通讯员 刘芳")
    assert [(credit.name, credit.role) for credit in found.credits] == [
        ("王耀", "reporter"),
        ("刘芳", "correspondent"),
    ]


def test_a_subtitle_opening_with_a_dash_is_no_signature():
    assert classify.classify_line("——记市人民医院护士长刘芳").kind == classify.HEADING


def test_gathering_takes_meta_lines_out_and_keeps_the_story_in_order():
    lines = non_blank_lines(
        "社区志愿者的一天\n来源：某某发布\n清晨六点，志愿者已经来到小区门口。\n编辑 | 王芳\n"
    )
    gathered = classify.gather_meta(lines)
    assert [line.text for line in gathered.lines] == [
        "社区志愿者的一天",
        "清晨六点，志愿者已经来到小区门口。",
    ]
    assert gathered.meta == ("来源：某某发布", "编辑 | 王芳")
