import pytest

from articles.models import Article, Source
from articles.services.tagging import (
    Gazetteer,
    format_tags,
    gazetteer,
    is_keyword,
    parse_tags,
    short_place_name,
    suggest_tags,
)


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
