"""Every fixture file and every seed, read through the front door, as an editor checks what the
importer made of it: how many stories, and for each its headline, how many pictures and how many
of them carry a caption, how many subheads its body prints, and how its lead opens.

Read by hand off each file. A file added to `fixtures/` or `seeds/` needs its row here.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from articles.importer.errors import NoStoryFound
from articles.importer.pipeline import read_document

from .conftest import FIXTURES
from .readings import REFUSED

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
LEAD_OPENING = 12  # characters of the lead a row gives


@dataclass(frozen=True)
class Figures:
    title: str
    images: int = 0
    captions: int = 0
    subheads: int = 0
    lead: str = ""

    @classmethod
    def of(cls, story):
        return cls(
            title=story.title,
            images=len(story.images),
            captions=sum(1 for image in story.images if image.caption),
            subheads=len(re.findall(r"<h2\b", story.body_html)),
            lead=story.lead[:LEAD_OPENING],
        )


CASES = {
    "agency_story_traditional.txt": [
        Figures("行政院會通過防疫特別條例延長施行", lead="行政院會今天通過防疫特別")
    ],
    "blurb.txt": REFUSED,
    "blurb_with_mailbox.txt": REFUSED,
    "bracketed_reporter_at_the_end.txt": [
        Figures("市区新增三处便民停车场", lead="为缓解老城区停车难问题，")
    ],
    "briefs_from_other_papers.txt": [
        Figures("南溪县建成首个数字化粮仓", lead="南溪县首个数字化粮仓日前"),
        Figures("梧桐镇开办“乡村夜校”", lead="4月10日晚，梧桐镇“乡"),
        Figures("我市再添两条城市绿道", lead="近日，城西和北湖两条城市"),
        Figures("东岭口岸进出境旅客突破百万人次", lead="今年以来，东岭口岸进出境"),
    ],
    "broadcast_digest.md": [
        Figures("鹭屿港集装箱吞吐量创同期新高", lead="记者从市港口管理局获悉，"),
        Figures("全市首批“共享菜园”交付使用", lead="5月16日，全市首批十二"),
        Figures("东湾大桥主体结构合龙", lead="5月17日上午，随着最后"),
        Figures("夏季用电高峰保障方案出台", lead="今天，市发展改革委发布今"),
    ],
    "bullet_briefs_column.txt": [
        Figures("我市新增两条公交线路", lead="为方便市民出行，市公交集"),
        Figures("图书馆延长开放时间", lead="市图书馆近日宣布，自本月"),
        Figures("社区开展消防演练", lead="7月1日，城西街道组织辖"),
    ],
    "bylines_under_headlines.txt": [
        Figures("全市夏粮收购工作启动", lead="6月1日，全市夏粮收购工"),
        Figures("高温天气持续 市民注意防暑", lead="气象部门预计，未来一周我"),
        Figures("国务院部署稳就业工作", lead="国务院常务会议1日召开，"),
    ],
    "contents_page.txt": REFUSED,
    "crawler_export.jsonl": [
        Figures("东关菜市场夜市开张", lead="11月8日晚，东关菜市场"),
        Figures("我市新增三所普惠性幼儿园", lead="记者从市教育局获悉，今年"),
        Figures("汀溪县举办农民丰收运动会", lead="11月9日，汀溪县第三届"),
    ],
    "crawler_photo_record.json": [
        Figures("非遗剪纸走进校园", images=2, captions=2, lead="5月20日，东岭区实验小")
    ],
    "digest_masthead_agency_brief.txt": [
        Figures("我市举办职业技能大赛", lead="5月7日，第三届全市职业"),
        Figures("社区食堂开进老旧小区", lead="为解决老年人吃饭难问题，"),
        Figures("国家统计局7日发布数据显示", lead="国家统计局7日发布数据显"),
    ],
    "digest_page.txt": [
        Figures("我市新增两条公交线路", lead="记者从市交通运输局获悉，"),
        Figures("老旧小区改造完成过半", lead="今年以来，我市加快推进老"),
        Figures("图书馆延长开放时间", lead="市图书馆近日宣布，自本月"),
    ],
    "epaper_copy.txt": [Figures("春耕备播有序推进", lead="记者从农业农村部获悉：当")],
    "epaper_page_package.md": [
        Figures("老茶园种出“新花样”", lead="初春时节，溪口镇后坪村的"),
        Figures("岚川新区提供岗位八千余个", lead="3月7日，岚川新区春季招"),
        Figures("居民办事不出社区", lead="“以前开个证明要跑街道，"),
        Figures("春灌用水有了“智慧管家”", lead="3月6日，岚川市首个灌区"),
        Figures("孩子们学做传统花灯", lead="一张竹篾、几张彩纸，在老"),
    ],
    "headline_links.txt": REFUSED,
    "hexo_post_photos.md": [
        Figures(
            "老码头变身滨水客厅", images=2, captions=2, subheads=2, lead="曾经堆满砂石的老码头，如"
        )
    ],
    "hk_exclusive_dateline.txt": [
        Figures("政府昨日公布新一輪防疫措施", lead="政府昨日公布新一輪防疫措")
    ],
    "inline_headline_digest.txt": [
        Figures("我市新增两条公交线路", lead="记者从市交通运输局获悉，"),
        Figures("老旧小区改造完成过半", lead="今年以来，我市加快推进老"),
    ],
    "interview_questions_and_answers.txt": [
        Figures("让群众办事更便捷", lead="记者：今年政务服务改革有")
    ],
    "jekyll_post.md": [
        Figures(
            "长沙启动防汛四级应急响应",
            images=1,
            captions=1,
            subheads=1,
            lead="6月11日起，长沙市出现",
        )
    ],
    "json_export_truncated.json": [
        Figures("青石河湿地迎来首批越冬候鸟", lead="11月1日，首批二百余只"),
        Figures("城北农贸市场完成提质改造", lead="经过三个月的改造，城北农"),
    ],
    "kicker_subtitle_byline.txt": [Figures("代表委员热议民生实事", lead="3月5日，十四届全国人大")],
    "link_list.txt": REFUSED,
    "long_link_list.txt": REFUSED,
    "national_paper_byline_and_dispatch.txt": [
        Figures("全国春播粮食进度过六成", lead="记者从农业农村部获悉：截")
    ],
    "page_note_above_first_story.txt": [
        Figures("全市夏粮收购工作启动", lead="6月1日，全市夏粮收购工"),
        Figures("图书馆延长开放时间", lead="市图书馆近日宣布，自本月"),
    ],
    "page_photo_news.txt": [
        Figures("新学期 新气象", lead="开学第一周，全市中小学秩"),
        Figures(
            "9月11日，市实验小学的学生在新建的操场上进行体育活动", lead="9月11日，市实验小学的"
        ),
        Figures("秋收时节稻飘香", lead="图为9月10日，农民在城"),
        Figures("旧厂房变身文创园", lead="位于城北的老纺织厂经过改"),
    ],
    "profile_numbered_subheads.txt": [
        Figures("扎根基层三十年 守护群众健康", subheads=2, lead="清晨六点，王建国已经背着")
    ],
    "saved_page_photo_story.html": [
        Figures(
            "柳塘湿地迎来越冬候鸟", images=2, captions=2, subheads=1, lead="11月17日，柳塘湿地迎"
        )
    ],
    "scraped_agency_page.txt": [
        Figures("国务院召开常务会议 部署稳经济措施", lead="国务院总理主持召开国务院")
    ],
    "scraped_gov_site.txt": [
        Figures("市农业农村局召开秋粮收购工作部署会", lead="9月20日，市农业农村局")
    ],
    "scraped_link_list.txt": REFUSED,
    "scraped_menu_page.txt": [
        Figures("全市中小学开学 十万学生返校", lead="9月1日，全市中小学迎来")
    ],
    "scraped_other_site.txt": [
        Figures("我市举办春季招聘会 提供岗位三千余个", lead="3月11日，我市2023")
    ],
    "scraped_print_toolbar.txt": [Figures("市区新增3条公交线路", lead="3月15日起，市区新增开")],
    "scraped_repost_disclaimer.txt": [Figures("外卖骑手的一天", lead="早上七点，骑手小王已经开")],
    "scraped_traditional_toolbar.txt": [
        Figures("全民健身日活動精彩紛呈！", lead="全民健身日當天，市民紛紛")
    ],
    "short_notice.txt": REFUSED,
    "single_story_plain.txt": [Figures("我市启动夏季防汛应急演练", lead="6月9日上午，我市在江滨")],
    "story_end_marks.txt": [
        Figures("我市启动老旧小区加装电梯工作", lead="记者昨日从市住建局获悉，")
    ],
    "traditional_agency_dispatch.txt": [
        Figures("颱風過境 全台停班停課", lead="強烈颱風今天清晨登陸，中"),
        Figures(
            "市府今天召開防颱會議，要求各區公所做好抽水機與沙包等防災整備",
            lead="市府今天召開防颱會議，要",
        ),
    ],
    "traditional_local_story.txt": [
        Figures("本地青年返鄉創業 帶動鄉親增收", lead="近日，記者走進南投縣埔里")
    ],
    "traditional_story.txt": [Figures("香港舉行防疫義工嘉許禮", lead="特區政府昨日舉行防疫義工")],
    "two_line_blurb.txt": REFUSED,
    "wechat_chrome_only.txt": REFUSED,
    "wechat_credits_after_end.txt": [
        Figures("夏日的傍晚滨江公园里热闹非凡", lead="今年以来，我市新建改建口")
    ],
    "wechat_credits_on_top.txt": [
        Figures("夏日的傍晚滨江公园里热闹非凡", subheads=2, lead="今年以来，我市新建改建口")
    ],
    "wechat_editors_note.txt": [
        Figures("春耕时节田间地头一派繁忙", subheads=2, lead="春耕时节 田间地头一派繁")
    ],
    "wechat_numbered_sections.md": [
        Figures("一条老街的“新生”", subheads=3, lead="城南老街是青梧县城最早的")
    ],
    "wechat_original_header.txt": [Figures("社区志愿者的一天", lead="清晨六点半，社区志愿者李")],
    "wechat_photo_captions.txt": [
        Figures("周末去哪儿城郊花海正当时", lead="这个周末，城郊百亩花海迎")
    ],
    "wechat_platform_tail.txt": [
        Figures("社区食堂开张啦 家门口的“幸福餐桌”", lead="9月1日，城东街道首家社")
    ],
    "wechat_with_title.txt": [
        Figures("社区志愿者的一天", subheads=2, lead="清晨六点，志愿者李华已经")
    ],
    "seeds/000_8691c00af1c559de.txt": [
        Figures(
            "抗疫故事青城有爱_关键岗位党徽亮～", images=6, captions=5, lead="2月27日，呼和浩特市委"
        )
    ],
    "seeds/001_c4ca35cf7287a038.txt": [
        Figures("临时党支部 战“疫”当先锋", lead="“同志您好，请打开健康码"),
        Figures("“你们来了，顶了大事！”", lead="“我能出去买一碗羊肉泡吗"),
        Figures("“我要站好最后一班岗”", lead="“在疫情防控一线，我要站"),
        Figures("心系防疫一线 情暖下沉干部", lead="干部下沉社区指令发出后，"),
        Figures("下沉小区 同心抗疫", lead="“阿姨，我帮您拿着东西，"),
        Figures("当好社区防疫“守门员”", lead="4月18日下午，在市区学"),
    ],
    "seeds/002_6882ad933bddeb28.txt": [
        Figures(
            "这是一支由365名精兵强将组成的特派“部队”", subheads=7, lead="为打赢疫情防控阻击战，2"
        )
    ],
    "seeds/003_0df42dcc4b39c432.txt": [
        Figures("让党旗在疫情防控一线高高飘扬", subheads=3, lead="寒风凛冽的农历正月，突如"),
        Figures("一家三口上阵 坚守抗疫一线", lead="在呼和浩特市疫情防控一线"),
        Figures("核酸检测“服务到家” 开启暖心“敲门行动”", lead="2月21日下午，寒风瑟瑟"),
        Figures("小小绿色卡片 助力疫情防控", lead="2月21日上午，呼和浩特"),
        Figures("爱心企业暖心餐 齐心协力战疫情", lead="“感谢爱心企业送来的爱心"),
        Figures("走不了 就留下当个志愿者", lead="疫情就是命令，防控就是责"),
    ],
    "seeds/004_072a2f5dead4e409.txt": [
        Figures("汇聚“红”力量 守护健康“绿”", subheads=3, lead="关键时刻冲得上，危难关头")
    ],
}


def _path(name):
    return SEEDS / name.removeprefix("seeds/") if name.startswith("seeds/") else FIXTURES / name


def test_every_fixture_and_seed_has_a_row():
    files = {path.name for path in FIXTURES.iterdir()} | {
        f"seeds/{path.name}" for path in SEEDS.iterdir()
    }
    assert files == set(CASES)


def read_figures(name):
    """Each story's `Figures` as the importer reads the file, or `REFUSED`."""
    path = _path(name)
    try:
        document = read_document(path.name, path.read_bytes())
    except NoStoryFound:
        return REFUSED
    return [Figures.of(story) for story in document.stories]


@pytest.mark.parametrize("name", sorted(CASES))
def test_pictures_captions_subheads_and_lead_of_every_story(name):
    assert read_figures(name) == CASES[name]
