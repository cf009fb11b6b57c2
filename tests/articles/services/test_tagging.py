import unicodedata

import pytest
import rjieba

from articles.models import Article, Source
from articles.services.tagging import (
    Gazetteer,
    format_tags,
    gazetteer,
    is_keyword,
    parse_tags,
    phrases,
    said_in_passing,
    short_place_name,
    suggest_tags,
    unit_names,
)


def cut(text):
    return rjieba.tag(unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("永州，新闻、民生", ["永州", "新闻", "民生"]),
        ("永州;新闻；民生", ["永州", "新闻", "民生"]),
        ("永州\n新闻\r\n民生", ["永州", "新闻", "民生"]),
        ("  永州 ,, 、 ", ["永州"]),
        ("ＣＣＴＶ，cctv，Cctv", ["CCTV"]),
        ("“抗疫”，「下沉干部」", ["抗疫", "下沉干部"]),
        ("New York, 纽约", ["New York", "纽约"]),
        ("", []),
    ],
)
def test_parse_tags_splits_on_chinese_and_ascii_separators(typed, expected):
    assert parse_tags(typed) == expected


def test_format_tags_joins_with_the_chinese_comma():
    class Named:
        def __init__(self, name):
            self.name = name

    assert format_tags([Named("民生"), Named("永州")]) == "民生，永州"
    assert parse_tags(format_tags([Named("民生"), Named("永州")])) == ["民生", "永州"]


@pytest.mark.parametrize(
    ("full_name", "short"),
    [
        ("永州市", "永州"),
        ("湖南省", "湖南"),
        ("江华瑶族自治县", "江华"),
        ("湘西土家族苗族自治州", "湘西"),
        ("黔西南布依族苗族自治州", "黔西南"),
        ("内蒙古自治区", "内蒙古"),
        ("广西壮族自治区", "广西"),
        ("东乡族自治县", "东乡"),
        ("零陵区", "零陵"),
        ("神农架林区", "神农架"),
        ("兴安盟", "兴安"),
        ("城区", None),
        ("道县", None),
    ],
)
def test_short_place_name(full_name, short):
    assert short_place_name(full_name) == short


def test_gazetteer_covers_every_province_and_many_counties():
    names = set(gazetteer().canonical.values())
    provinces = "河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾"
    assert set(provinces.split()) <= names
    assert {"北京", "上海", "天津", "重庆", "香港", "澳门"} <= names
    assert {"永州", "呼和浩特", "运城", "襄阳", "零陵", "冷水滩", "回民区"} <= names
    assert len(gazetteer().canonical) > 5000


def test_gazetteer_skips_names_that_are_everyday_words():
    places = Gazetteer.from_lines(["河北省 和平县 石家庄市", "! 和平"])
    assert places.places_in(["世界", "和平"], "世界和平") == {}
    assert places.places_in(["石家庄市"], "石家庄市") == {"石家庄": 1}


@pytest.mark.django_db
def test_suggestions_come_from_known_tags_places_and_keywords():
    article = Article.objects.create(
        title="永州市直党员干部助力零陵抗疫",
        body="<p>连日来，永州市直机关党员干部下沉零陵区社区，协助核酸检测。核酸检测点秩序井然。</p>",
    )
    article.tags.add("零陵")
    suggestions = suggest_tags(article, known_tags=["核酸检测", "运城"])
    by_name = {s.name: s.reason for s in suggestions}

    assert by_name["核酸检测"] == "已有标签"
    assert by_name["永州"] == "地名"
    assert "零陵" not in by_name  # already on the article
    assert "运城" not in by_name  # not in the text
    assert any(reason == "关键词" for reason in by_name.values())
    assert not article.tags.filter(name="永州").exists()  # suggestions apply nothing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sentence", "not_offered"),
    [
        (
            "早上六点，十五天来，自4月19日起，120余名志愿者服务万余人次。",
            {"六点", "十五天", "日起", "余名", "万余人次", "人次"},
        ),
        ("全区第三轮核酸检测今天开始，各地居民有序参加。", {"全区", "第三轮", "各地", "今天"}),
        (
            "在朝阳街道、大庆东路和永泰城社区，唐庆元做好了值守。",
            {"朝阳", "大庆", "永泰", "庆元", "做好"},
        ),
    ],
)
def test_no_numbers_dates_counts_fragments_or_addresses(sentence, not_offered):
    article = Article.objects.create(title="核酸检测", body=f"<p>{sentence}</p>" * 2)
    offered = {suggestion.name for suggestion in suggest_tags(article)}
    assert not offered & not_offered, offered
    assert all(len(name) >= 2 for name in offered)


@pytest.mark.django_db
def test_at_most_eight_existing_tags_first_then_at_most_four_places():
    places = ["永州", "零陵", "运城", "盐湖区", "襄阳", "樊城"]
    body = "".join(f"<p>{place}的志愿者参加疫情防控。</p>" for place in places)
    known = ["志愿者", "疫情防控", *places]
    suggestions = suggest_tags(
        Article.objects.create(title="各地志愿者", body=body * 2), known_tags=known
    )
    assert len(suggestions) == 8
    assert {s.reason for s in suggestions} == {"已有标签"}
    fresh = suggest_tags(Article.objects.create(title="各地志愿者", body=body * 2))
    assert [s.reason for s in fresh][:5] == ["地名"] * 4 + ["关键词"]


@pytest.mark.parametrize(
    ("word", "part_of_speech"),
    [
        ("广大党员", "n"),  # a quantifier and a noun
        ("全体队员", "n"),
        ("市直", "n"),  # the level an office answers to
        ("省属", "n"),
        ("副队长", "n"),  # a rank held towards the others
        ("副局长", "n"),
        ("同事", "n"),
        ("队友", "n"),
        ("队员", "n"),
        ("分公司", "n"),  # a branch of the company just named
        ("家属院", "n"),  # premises: a compound, an estate, a hotel, a restaurant
        ("呼铁佳园", "n"),
        ("宾馆", "n"),
        ("国潮酒馆", "n"),
        ("人民网", "n"),  # an outlet
        ("运城晚报", "nt"),
        ("作贡献", "n"),  # a light verb and its object
        ("抓落实", "n"),
    ],
)
def test_words_that_say_who_where_or_how_much_are_no_keywords(word, part_of_speech):
    assert not is_keyword(word, part_of_speech)


@pytest.mark.parametrize(
    ("word", "part_of_speech"),
    [
        ("党员", "n"),
        ("志愿者", "n"),
        ("畜牧局", "n"),
        ("检疫站", "n"),
        ("统战部", "nt"),
        ("工作队", "n"),
        ("防疫", "vn"),
        ("网格", "n"),
        ("作家", "n"),  # two characters: a noun, not a light verb's phrase
        ("党旗", "n"),
    ],
)
def test_nouns_that_say_what_a_story_is_about_are_keywords(word, part_of_speech):
    assert is_keyword(word, part_of_speech)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sentence", "not_offered"),
    [
        # a given name after a surname jieba does not tag as one (高永和, a person)
        ("高永和值守在检疫站。高永和说，检疫站离不开党员。", {"永和"}),
        # a verb and where it goes, not a term like 下沉干部
        ("党员下沉社区，下沉社区的党员守好检疫站。", {"下沉社区"}),
        # a word inside a longer chip says less than it
        ("志愿者招募志愿者，志愿者的志愿服务暖人心。", {"志愿"}),
    ],
)
def test_no_given_names_verb_phrases_or_words_inside_another_chip(sentence, not_offered):
    article = Article.objects.create(title="检疫站", body=f"<p>{sentence}</p>" * 2)
    offered = {suggestion.name for suggestion in suggest_tags(article)}
    assert offered, offered
    assert not offered & not_offered, offered


@pytest.mark.django_db
def test_the_articles_own_outlet_is_no_tag():
    source = Source.objects.create(name="运城晚报")
    article = Article.objects.create(
        title="检疫站的党员",
        source=source,
        body="<p>运城晚报记者走进检疫站，检疫站党员值守。运城晚报报道。</p>" * 2,
    )
    offered = {suggestion.name for suggestion in suggest_tags(article)}
    assert "检疫站" in offered
    assert not {"运城晚报", "晚报"} & offered, offered


@pytest.mark.parametrize(
    ("sentence", "word", "in_passing"),
    [
        # a verb's object closing its clause, every time
        ("志愿者们挥洒汗水，守护社区。", "汗水", True),
        ("志工們揮灑汗水，守護社區。", "汗水", True),
        ("他帮环卫工人推垃圾车。", "垃圾车", True),
        ("采样在门口完成，避免交叉感染。", "交叉感染", True),
        ("採樣在門口完成，避免交叉感染。", "交叉感染", True),
        # a verbal noun closing its clause, every time
        ("街道对小区进行管控，居民配合管控。", "管控", True),
        ("街道對小區進行管控，居民配合管控。", "管控", True),
        # always before the same verb: how or where it is done
        ("医护人员为居家隔离人员采样，居家隔离的老人很感激。", "居家", True),
        ("醫護人員為居家隔離人員採樣，居家隔離的老人很感激。", "居家", True),
        # the subject, or a modifier of a noun, at least once
        ("汗水湿透了衣服，汗水是最好的勋章。", "汗水", False),
        ("寒风瑟瑟，医护人员顶着寒风上门。", "寒风", False),
        ("党员干部下沉社区，党员干部实行三班倒。", "党员干部", False),
        ("志愿者在检疫站值守，检疫站离不开志愿者。", "检疫站", False),
        ("按照防疫规定，做好防疫工作。", "防疫", False),
        ("按照防疫規定，做好防疫工作。", "防疫", False),
        ("他们把党旗插在一线，党旗在一线飘扬。", "党旗", False),
        ("他們把黨旗插在一線，黨旗在一線飄揚。", "黨旗", False),
        ("居家的老人很多，居家养老服务站开门了。", "居家", False),
        ("筹备组设20个点位，筹备组负责人介绍。", "筹备组", False),
        # a named office or unit, even as a verb's object closing its clause
        ("记者先后走访畜牧局。", "畜牧局", False),
        ("記者先後走訪畜牧局。", "畜牧局", False),
        ("居民多次求助环卫处。", "环卫处", False),
        ("工作人员来到卫健委，", "卫健委", False),
        ("他们随即联系疾控中心，", "疾控中心", False),
    ],
)
def test_words_said_in_passing(sentence, word, in_passing):
    assert (word in said_in_passing(cut(sentence))) is in_passing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "body", "word", "offered"),
    [
        # a word of the title the story never uses again: the headline's figure
        (
            "心系防疫一线",
            "党员干部坚守防疫一线，防疫物资送到检疫站。检疫站的党员干部很辛苦。",
            "心系",
            False,
        ),
        ("当好社区防疫守门员", "党员干部在检疫站值守，检疫站的党员干部很辛苦。", "守门员", False),
        ("小小卡片助力防疫", "居民领到绿色卡片，绿色卡片方便检疫站统计。", "助力", False),
        ("榜样的力量", "党员干部在检疫站值守，检疫站的党员干部很辛苦。", "榜样", False),
        ("暖心餐送到一线", "爱心企业为检疫站送来午饭，检疫站的党员干部很感动。", "暖心餐", False),
        # the story uses it again
        ("情暖检疫站", "党员干部在检疫站值守，检疫站的党员干部很辛苦。", "检疫站", True),
        ("党徽闪耀", "党员干部佩戴党徽，在检疫站值守。", "党徽", True),
        ("守门员的一天", "足球队的守门员也来当志愿者，守门员说很光荣。", "守门员", True),
        ("榜样的力量", "她是社区的榜样，榜样的力量是无穷的。", "榜样", True),
        (
            "爱心企业送餐",
            "爱心企业为检疫站送来午饭，爱心企业的员工也当了志愿者。",
            "爱心企业",
            True,
        ),
    ],
)
def test_a_title_word_the_story_never_uses_again_is_no_chip(title, body, word, offered):
    article = Article.objects.create(title=title, body=f"<p>{body}</p>")
    names = {suggestion.name for suggestion in suggest_tags(article)}
    assert (word in names) is offered, names


@pytest.mark.parametrize(
    ("headline", "body", "term", "found"),
    [
        # written together in the headline, each word on its own in the body: the story's term
        (
            "情暖下沉干部",
            "干部下沉社区后，下沉的党员干部值守小区，干部们很辛苦。",
            "下沉干部",
            True,
        ),
        (
            "情暖下沉幹部",
            "幹部下沉社區後，下沉的黨員幹部值守小區，幹部們很辛苦。",
            "下沉幹部",
            True,
        ),
        (
            "关爱留守儿童",
            "村里的留守老人和儿童很多，志愿者关爱儿童成长，留守家庭得到帮助。",
            "留守儿童",
            True,
        ),
        (
            "關愛留守兒童",
            "村裡的留守老人和兒童很多，志願者關愛兒童成長，留守家庭得到幫助。",
            "留守兒童",
            True,
        ),
        ("下沉干部", "下沉干部值守小区。", "下沉干部", True),  # twice together, as before
        # the body never uses one of its words alone
        ("情暖下沉干部", "干部们值守小区。", "下沉干部", False),
        ("心系防疫一线", "干部们坚守一线，做好防疫工作。", "心系防疫", False),
        # a headline's predicate, not a noun's name
        (
            "当好社区防疫守门员",
            "社区干部守好大门，防疫一刻不松。社区里人人防疫。",
            "社区防疫",
            False,
        ),
        ("坚守抗疫一线", "她坚守岗位，投身抗疫，在一线奋战。", "坚守抗疫", False),
        ("社区志愿者在行动", "社区招募志愿者，志愿者走进社区。", "社区志愿者", False),
    ],
)
def test_a_term_the_headline_coins(headline, body, term, found):
    headline = unicodedata.normalize("NFKC", headline)
    assert (term in phrases(cut(f"{headline}\n{body}"), headline)) is found


@pytest.mark.parametrize(
    ("sentence", "name", "found"),
    [
        # a place's name before 街道 or 社区, twice: the unit (the gazetteer is simplified only)
        ("在赛罕区科尔沁街道，科尔沁街道筹备组设点位。", "科尔沁街道", True),
        ("在朝阳街道办事处，朝阳街道的干部下沉。", "朝阳街道", True),
        ("她在东湖社区工作，东湖社区的居民都认识她。", "东湖社区", True),
        ("走进东湖社区，东湖社区很安静。", "东湖社区", True),
        ("朝阳区朝阳街道的志愿者，朝阳街道的干部。", "朝阳街道", True),
        # once is an address in passing
        ("他到了朝阳街道。", "朝阳街道", False),
        ("在科尔沁街道和科尔沁社区，各一次。", "科尔沁街道", False),
        # the place is the end of a longer name
        ("下沉到学苑花都社区，学苑花都社区有四个小区。", "花都社区", False),
        # no place (phrases finds 大渠街道), or no unit
        ("大渠街道的干部值守，大渠街道很安静。", "大渠街道", False),
        ("朝阳路和朝阳路口", "朝阳路", False),
    ],
)
def test_units_named_after_a_place(sentence, name, found):
    assert (name in unit_names(cut(sentence), set(gazetteer().canonical))) is found


@pytest.mark.parametrize(
    "word",
    [
        "辖区",
        "当地",
        "本地",
        "外地",
        "异地",
        "属地",
        "周边",
        "附近",
        "身边",
        "现场",
        "一线",
        "基层",
    ],
)
def test_words_placing_things_relative_to_the_speaker_are_no_keywords(word):
    assert not is_keyword(word, "n")
    assert is_keyword("社区", "n")
