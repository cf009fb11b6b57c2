"""Rule 7 of the importer's grammars: title blocks and inferred titles."""

import pytest

from articles.importer import titles
from articles.importer.titles import TitleBlock, TitleLine


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["### 春耕正当时——", "# 千亩良田披新绿", "——某某镇备耕见闻"],
            TitleBlock("春耕正当时", "千亩良田披新绿", "某某镇备耕见闻"),
        ),
        (
            ["### 春耕正當時——", "# 千畝良田披新綠", "——某某鎮備耕見聞"],
            TitleBlock("春耕正當時", "千畝良田披新綠", "某某鎮備耕見聞"),
        ),
        # a kicker ending in `——` is never the headline, however long
        (
            ["深化改革开放 推动高质量发展——", "汇聚力量"],
            TitleBlock("深化改革开放 推动高质量发展", "汇聚力量"),
        ),
        (
            ["奋进新征程 建功新时代：", "千亩良田披新绿"],
            TitleBlock("奋进新征程 建功新时代", "千亩良田披新绿"),
        ),
        (["奋进新征程:", "千亩良田披新绿"], TitleBlock("奋进新征程", "千亩良田披新绿")),
        # heading levels are respected
        (["### 引题写在上面而且更长", "# 主题"], TitleBlock("引题写在上面而且更长", "主题")),
        (["# 主题", "### 副题写在下面而且更长"], TitleBlock("", "主题", "副题写在下面而且更长")),
        (
            [TitleLine("引题", 3), TitleLine("主题", 1), TitleLine("副题", 2)],
            TitleBlock("引题", "主题", "副题"),
        ),
        (["## 主题", "副题是一行普通的文字"], TitleBlock("", "主题", "副题是一行普通的文字")),
        # no levels, no marks: the longest line is the headline
        (
            ["市宾馆", "心系防疫一线 情暖下沉干部"],
            TitleBlock("市宾馆", "心系防疫一线 情暖下沉干部"),
        ),
        # three lines alike: 引题, 主题, 副题 as printed, whichever is longest
        (
            ["聚焦两会", "代表委员热议民生实事", "教育医疗养老成为关注焦点"],
            TitleBlock("聚焦两会", "代表委员热议民生实事", "教育医疗养老成为关注焦点"),
        ),
        (
            ["聚焦兩會", "代表委員熱議民生實事", "教育醫療養老成為關注焦點"],
            TitleBlock("聚焦兩會", "代表委員熱議民生實事", "教育醫療養老成為關注焦點"),
        ),
        (
            ["汇聚力量 守护健康——记市人民医院抗疫纪实"],
            TitleBlock("", "汇聚力量 守护健康", "记市人民医院抗疫纪实"),
        ),
        (["**春耕正当时**：", "## 千亩良田 披新绿"], TitleBlock("春耕正当时", "千亩良田 披新绿")),
        (["# 标 题"], TitleBlock("", "标题")),
        (["奋进新征程："], TitleBlock("", "奋进新征程")),
        (["——某某镇备耕见闻"], TitleBlock("", "某某镇备耕见闻")),
        (["", "  "], TitleBlock()),
    ],
)
def test_title_blocks(lines, expected):
    assert titles.read_title_block(lines) == expected


def test_a_story_with_no_title_lines_gets_an_inferred_flagged_headline():
    block = titles.read_title_block([], first_paragraph="## 近日，某某镇完成春耕备耕。全镇……")
    assert block == TitleBlock(headline="近日，某某镇完成春耕备耕", inferred=True)
    assert titles.read_title_block([]) == TitleBlock()


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("## 近日，某某镇千亩良田完成春耕备耕。全镇共有……", "近日，某某镇千亩良田完成春耕备耕"),
        ("近日，某某鎮千畝良田完成春耕備耕。全鎮共有……", "近日，某某鎮千畝良田完成春耕備耕"),
        ("> **本报讯** 今天全市开会。", "本报讯 今天全市开会"),
        (
            "今年以来，某某县坚持把项目建设作为推动高质量发展的主引擎，以项目大建设促进经济大发展。",
            "今年以来，某某县坚持把项目建设作为推动高质量发展的主引擎",
        ),
        ("“同志您好。”一大早，志愿者在门口值守。", "“同志您好。”一大早，志愿者在门口值守"),
        ("![图](https://example.com/a.jpg)市民排队。", "市民排队"),
        ("1. 第一条规定", "第一条规定"),
        ("#某某话题# 市民排队。", "某某话题# 市民排队"),
        ("- 市民 排队 等候", "市民 排队 等候"),
        ("市 民 排 队。", "市民排队"),
        ("市民排队？大家都在问。", "市民排队？大家都在问"),
        ("", ""),
    ],
)
def test_inferred_titles(paragraph, expected):
    title = titles.infer_title(paragraph)
    assert title == expected
    assert len(title) <= titles.TITLE_MAX
    assert not title[:1] or title[0] not in "#>*-+`[!"


def test_an_inferred_title_longer_than_the_limit_is_cut_at_a_clause():
    clause = "某某县坚持把项目建设作为推动高质量发展的主引擎"
    paragraph = "，".join([clause] * 3) + "。"
    title = titles.infer_title(paragraph)
    assert title == clause
    assert titles.infer_title(paragraph, limit=2 * len(clause) + 1) == f"{clause}，{clause}"


def test_a_clause_longer_than_any_title_is_cut_at_the_limit():
    paragraph = "某" * (titles.TITLE_MAX + 10) + "。"
    assert titles.infer_title(paragraph) == "某" * titles.TITLE_MAX
