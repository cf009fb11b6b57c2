"""Rule 3 of the importer's grammars: bylines, staff lines and meta lines are found in a story's
head zone (from its title to its first paragraph of running prose, past banners, notices,
kickers and editor's notes) and its tail zone (after its last paragraph of prose), in every
container; a line of several fields gives every field it holds.
"""

import json

import pytest

from articles.importer.pipeline import read_document

TITLE = "青石河开展春季河道清理"
WORK = "三百余名志愿者分成二十个小组，沿青石河两岸清理垃圾、疏通排水口，清出各类垃圾六吨多。"
PLAN = (
    "市河长办负责人介绍，今年全市将对三十二条城区河道开展常态化巡查，发现问题二十四小时内交办处理。"
)


def post_html(lines):
    body = "".join(f"<p>{line}</p>" for line in lines)
    return "post.md", f"---\ntitle: {TITLE}\ndate: 2024-03-16\n---\n\n{body}\n".encode()


def post_markdown(lines):
    body = "\n\n".join(line.replace("<br>", "  \n") for line in lines)
    return "post.md", f"---\ntitle: {TITLE}\ndate: 2024-03-16\n---\n\n{body}\n".encode()


def crawler_record(lines):
    content = "".join(f"<p>{line}</p>" for line in lines)
    record = {"title": TITLE, "pubtime": "2024-03-16 09:30", "content": content}
    return "record.json", json.dumps(record, ensure_ascii=False).encode()


CONTAINERS = {"post_html": post_html, "post_markdown": post_markdown, "crawler": crawler_record}
LI = ("李四", "author")
LI_REPORTER = ("李四", "reporter")

HEADS = [
    # a backup tool's banner above the byline
    (["本文由网页存档助手于2024-03-17 08:00备份", "文/李四"], {LI}, ""),
    # an original-content notice naming the outlet
    (["本文为「青禾日报」原创内容", "记者 李四"], {LI_REPORTER}, "青禾日报"),
    (["本文為「青禾日報」原創內容", "記者 李四"], {LI_REPORTER}, "青禾日報"),
    # a kicker, then the byline
    (["春季河道整治——", "文 / 李四"], {LI}, ""),
    # an editor's note, then the byline
    (
        ["【编者按】春季是河道清理的关键时期，本报今起推出系列报道。", "□ 本报记者 李四"],
        {LI_REPORTER},
        "",
    ),
    # one line of several fields
    (["来源：青禾日报 作者：李四 编辑：赵六"], {LI, ("赵六", "editor")}, "青禾日报"),
    (["來源：青禾日報 作者：李四 編輯：趙六"], {LI, ("趙六", "editor")}, "青禾日報"),
    (["来源: 青禾日报  作者: 李四"], {LI}, "青禾日报"),
    # the byline on top of a paragraph a `<br>` broke into lines
    ([f"文/李四<br>{WORK}"], {LI}, ""),
    # a name padded to the width of three characters
    (["文 / 李 四"], {LI}, ""),
    (["记者 李 四 通讯员 王 五"], {LI_REPORTER, ("王五", "correspondent")}, ""),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("head", "credits", "source"), HEADS)
def test_credits_in_the_head_zone(head, credits, source, container):
    lines = [*head, PLAN] if "<br>" in head[-1] else [*head, WORK, PLAN]
    (story,) = read_document(*CONTAINERS[container](lines)).stories
    assert {(c.name, c.role) for c in story.credits} == credits
    assert (story.source.name if story.source else "") == source
    assert WORK in story.body_html and PLAN in story.body_html
    for line in head:
        if "<br>" not in line and "编者按" not in line:
            assert line not in story.body_html


TAILS = [
    (["（记者 李四 通讯员 王五）"], {LI_REPORTER, ("王五", "correspondent")}),
    (["（記者 李四 通訊員 王五）"], {LI_REPORTER, ("王五", "correspondent")}),
    (["文/李四", "责任编辑：赵六"], {LI, ("赵六", "responsible_editor")}),
    (["李四 采写", "编辑 赵六  审核 钱七"], {LI, ("赵六", "editor"), ("钱七", "reviewer")}),
    (["（李四）", "本文为青禾日报原创，转载请注明出处"], {LI}),
    (["通讯员：王清 贾向"], {("王清", "correspondent"), ("贾向", "correspondent")}),
    (["来源：青禾日报", "作者：李四"], {LI}),
    (["撰稿：李四", "排版：孙八", "发稿：赵六"], {LI, ("孙八", "designer"), ("赵六", "editor")}),
    (["記者 李 四"], {LI_REPORTER}),
    (["-END-", "文字：李四 图片：周九"], {LI, ("周九", "photographer")}),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("tail", "credits"), TAILS)
def test_credits_in_the_tail_zone(tail, credits, container):
    (story,) = read_document(*CONTAINERS[container]([WORK, PLAN, *tail])).stories
    assert {(c.name, c.role) for c in story.credits} == credits
    assert story.body_html.rstrip().endswith(f"{PLAN}</p>")
