import pytest

from articles.importer import script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("責任編輯 陳志明", "责任编辑 陈志明"),
        ("本報訊（記者 張三）", "本报讯（记者 张三）"),
        ("臺灣 後來 頭髮", "台湾 后来 头发"),
        ("版權歸「城東發佈」所有", "版权归「城东发布」所有"),
        ("原文連結：https://example.com/a", "原文连结：https://example.com/a"),
        ("记者 张三", "记者 张三"),
        ("Reuters, 3 March", "Reuters, 3 March"),
        ("", ""),
        ("週一", "周一"),
        ("瞭解情況", "了解情况"),
    ],
)
def test_to_simplified(text, expected):
    converted = script.to_simplified(text)
    assert converted == expected
    assert len(converted) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("李  强", "李强"),
        ("——编 者", "——编者"),
        ("——編 者", "——編者"),
        ("记者 李 强", "记者 李强"),
        ("新 闻 中 心", "新闻中心"),
        ("王\u3000君", "王君"),
        ("心系防疫一线 情暖下沉干部", "心系防疫一线 情暖下沉干部"),
        ("他們是逆行者 他們是守護者", "他們是逆行者 他們是守護者"),
        ("王君 张三", "王君 张三"),
        ("New York 纽 约", "New York 纽约"),
        ("第 3 版", "第 3 版"),
        ("", ""),
    ],
)
def test_without_padding(text, expected):
    assert script.without_padding(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“大家辛苦了,谢谢你们!”", "“大家辛苦了，谢谢你们！”"),
        ("「大家辛苦了,謝謝你們!」", "「大家辛苦了，謝謝你們！」"),
        ("时间:10:30", "时间：10:30"),
        ("共3,000人参加", "共3,000人参加"),
        ("Hello, world!", "Hello, world!"),
        ("(记者 张三)", "（记者 张三）"),
        ("(記者 張三)", "（記者 張三）"),
        ("(Reuters)", "(Reuters)"),
        ("第(1)条", "第（1）条"),
        ("详见https://example.com/a?x=1,y=2 。", "详见https://example.com/a?x=1,y=2 。"),
        ("是吗?是的;好", "是吗？是的；好"),
        ("他说 : 好", "他说 ： 好"),
        ("GDP,同比增长", "GDP，同比增长"),
        ("他说:OK!", "他说：OK!"),
        ("邮箱:news@example.com,欢迎来信", "邮箱：news@example.com，欢迎来信"),
    ],
)
def test_full_width_punctuation(text, expected):
    assert script.full_width_punctuation(text) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("市民有序", "排队", "市民有序排队"),
        ("New", "York", "New York"),
        ("New ", " York", "New York"),
        ("China", "Daily報道", "China Daily報道"),
        ("共计3", "000人", "共计3000人"),
        ("记者", "Tom", "记者Tom"),
        ("Tom", "说", "Tom说"),
        ("", "排队", "排队"),
        ("排队", "", "排队"),
        ("市民", "(图)", "市民(图)"),
    ],
)
def test_join_broken_line(left, right, expected):
    assert script.join_broken_line(left, right) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("原文链接：https://example.com/a.html", "https://example.com/a.html"),
        ("原文链接：https://example.com/a.html。", "https://example.com/a.html"),
        ("见https://example.com/a?x=1,y=2,请查看", "https://example.com/a?x=1,y=2"),
        ("(https://example.com/a)", "https://example.com/a"),
        ("www.example.com/news 点击查看", "www.example.com/news"),
        ("http://example.com/路径", "http://example.com/"),
        ("没有网址", ""),
        ("", ""),
        ("mailto news@example.com", ""),
        ("两个 https://a.example.com 和 https://b.example.com", "https://a.example.com"),
    ],
)
def test_find_url(text, expected):
    assert script.find_url(text) == expected
