import pytest

from articles.importer import bylines, datelines
from articles.importer.records import Credit
from articles.models import ArticleAuthor, Source


def credits(*pairs):
    return tuple(Credit(name, role) for name, role in pairs)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("记者 王耀", credits(("王耀", "reporter"))),
        ("记者王耀", credits(("王耀", "reporter"))),
        (
            "本报记者 张三 李四 通讯员 王五",
            credits(("张三", "reporter"), ("李四", "reporter"), ("王五", "correspondent")),
        ),
        ("(杨希)", credits(("杨希", "author"))),
        ("（杨希）", credits(("杨希", "author"))),
        ("(李琛瑶 杨金玲)", credits(("李琛瑶", "author"), ("杨金玲", "author"))),
        (
            "(通讯员:王清波、贾向飞、邢娜、张美霞)",
            credits(
                ("王清波", "correspondent"),
                ("贾向飞", "correspondent"),
                ("邢娜", "correspondent"),
                ("张美霞", "correspondent"),
            ),
        ),
        (
            "（通讯员：王清波，贾向飞,邢娜）",
            credits(
                ("王清波", "correspondent"), ("贾向飞", "correspondent"), ("邢娜", "correspondent")
            ),
        ),
        (
            "责任编辑 关凝淼 / 美编 冯潇楠 / 校对 王君 / E-mail: x@y.com",
            credits(
                ("关凝淼", "responsible_editor"), ("冯潇楠", "designer"), ("王君", "proofreader")
            ),
        ),
        ("作者:彭沛 黎俊", credits(("彭沛", "author"), ("黎俊", "author"))),
        ("编辑:陈小婷", credits(("陈小婷", "editor"))),
        ("编辑 | 陈小婷  审核 | 王君", credits(("陈小婷", "editor"), ("王君", "reviewer"))),
        ("责编：王君", credits(("王君", "responsible_editor"))),
        ("文/图 张三", credits(("张三", "author"), ("张三", "photographer"))),
        ("本报特约记者 马力", credits(("马力", "special_reporter"))),
        ("实习生 张三", credits(("张三", "intern"))),
        ("摄影 李四", credits(("李四", "photographer"))),
        ("编译 欧阳娜娜", credits(("欧阳娜娜", "translator"))),
        ("记者 阿布都·热合曼", credits(("阿布都·热合曼", "reporter"))),
        ("新华社记者 张三 摄", credits(("张三", "photographer"))),
        ("人民网 寇雅楠摄", credits(("寇雅楠", "photographer"))),
        ("张三/摄", credits(("张三", "photographer"))),
        ("(张三 摄)", credits(("张三", "photographer"))),
        # traditional Chinese
        ("記者 王耀", credits(("王耀", "reporter"))),
        (
            "（通訊員：王清波、賈向飛）",
            credits(("王清波", "correspondent"), ("賈向飛", "correspondent")),
        ),
        ("實習生 張三", credits(("張三", "intern"))),
        ("攝影 李四", credits(("李四", "photographer"))),
        (
            "責任編輯 關凝淼 / 美編 馮瀟楠 / 校對 王君",
            credits(
                ("關凝淼", "responsible_editor"), ("馮瀟楠", "designer"), ("王君", "proofreader")
            ),
        ),
        ("責編：王君 審核：李四", credits(("王君", "responsible_editor"), ("李四", "reviewer"))),
        ("編輯：陳小婷", credits(("陳小婷", "editor"))),
        ("本报记者 张三 报道", credits(("张三", "reporter"))),
        ("记者 李四 摄影报道", credits(("李四", "photographer"))),
        ("■记者 张三", credits(("张三", "reporter"))),
        ("本版编辑：张三  校对：李四", credits(("张三", "editor"), ("李四", "proofreader"))),
        ("策划：王五 设计：赵六", credits(("王五", "editor"), ("赵六", "designer"))),
        ("【责任编辑：王君】", credits(("王君", "responsible_editor"))),
        ("张三/图", credits(("张三", "photographer"))),
        ("记者 王 耀", credits(("王耀", "reporter"))),
        (
            "责任编辑 关凝淼 / 美编 冯潇楠 / 校对 王　君",
            credits(
                ("关凝淼", "responsible_editor"), ("冯潇楠", "designer"), ("王君", "proofreader")
            ),
        ),
        ("人民网 寇 雅楠摄", credits(("寇雅楠", "photographer"))),
        ("記者王小明／台北報導", credits(("王小明", "reporter"))),
        ("見習記者 王小明", credits(("王小明", "reporter"))),
        ("编辑丨王芳 审核丨张强", credits(("王芳", "editor"), ("张强", "reviewer"))),
        ("美術編輯：李四 監製：張三", credits(("李四", "designer"), ("張三", "reviewer"))),
        ("〔記者王小明／台北報導〕", credits(("王小明", "reporter"))),
        ("（編輯：李大同）1110420", credits(("李大同", "editor"))),
        ("(李四/文)", credits(("李四", "author"))),
        # an office credited beside its people is no person
        (
            "（文/图 县融媒体中心 陈晨 通讯员 赵亮）",
            credits(("陈晨", "author"), ("陈晨", "photographer"), ("赵亮", "correspondent")),
        ),
        ("记者 市委宣传部 王芳", credits(("王芳", "reporter"))),
        ("文 | 张三", credits(("张三", "author"))),
        ("图丨李四", credits(("李四", "photographer"))),
        ("记者 文 静", credits(("文静", "reporter"))),
        ("文/图 市气象台 李强", credits(("李强", "author"), ("李强", "photographer"))),
        ("（文／圖 縣融媒體中心 陳晨）", credits(("陳晨", "author"), ("陳晨", "photographer"))),
        ("記者 市電視臺 王小明", credits(("王小明", "reporter"))),
    ],
)
def test_credit_lines(line, expected):
    assert bylines.parse_credit_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "市宾馆",
        "心系防疫一线 情暖下沉干部",
        "临时党支部 战“疫”当先锋",
        "党旗插在最高处",
        "走不了 就留下当个志愿者",
        "(图右二)",
        "(完)",
        "（上）",
        "记者节快乐",
        "编辑部的故事",
        "记者 王耀说,今天很冷。",
        "张三 李四",  # bare names need brackets or a role word
        "高永和说。",
        "记者",
        "致敬!365名联防员",
        "报道",
        "设计方案",
        "县融媒体中心",  # an office alone credits no one
        "文/图 县融媒体中心",
        "市民走进社区服务站",
    ],
)
def test_not_credit_lines(line):
    assert bylines.parse_credit_line(line) == ()


def test_every_role_is_an_article_author_role():
    assert set(bylines.ROLE_WORDS.values()) <= set(ArticleAuthor.Role.values)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("王耀", True),
        ("欧阳娜娜", True),
        ("阿布都·热合曼", True),
        ("疫情防控", False),
        ("右二", False),
        ("王", False),
        ("王耀是谁呢", False),
        ("關凝淼", True),
    ],
)
def test_person_names(word, expected):
    assert bylines.is_person_name(word) is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "运城晚报讯(记者 寻霄)“阿姨,我帮您拿着东西。",
            ("“阿姨,我帮您拿着东西。", "运城晚报", credits(("寻霄", "reporter"))),
        ),
        (
            "运城晚报讯 干部下沉社区指令发出后,公司闻令而动。",
            ("干部下沉社区指令发出后,公司闻令而动。", "运城晚报", ()),
        ),
        ("呼和浩特讯 在呼和浩特市疫情防控一线。", ("在呼和浩特市疫情防控一线。", "呼和浩特", ())),
        (
            "本报讯（记者 张三 通讯员 李四）近日,市里开会。",
            ("近日,市里开会。", "本报", credits(("张三", "reporter"), ("李四", "correspondent"))),
        ),
        (
            "新华社北京4月19日电(记者 王五)国务院今天开会。",
            ("国务院今天开会。", "新华社", credits(("王五", "reporter"))),
        ),
        (
            "本報訊（記者 張三）近日,市里開會。",
            ("近日,市里開會。", "本報", credits(("張三", "reporter"))),
        ),
        (
            "记者从市通讯管理局获悉,今年用户增长。",
            ("记者从市通讯管理局获悉,今年用户增长。", "", ()),
        ),
        ("喜讯传来,大家很高兴。", ("喜讯传来,大家很高兴。", "", ())),
        ("通讯员近日从电力公司获悉。", ("通讯员近日从电力公司获悉。", "", ())),
        ("城市简讯", ("城市简讯", "", ())),
        ("体育快讯 本周末全市举行马拉松比赛。", ("体育快讯 本周末全市举行马拉松比赛。", "", ())),
        ("南通讯 近日,全市开展安全检查。", ("近日,全市开展安全检查。", "南通", ())),
        (
            "本报讯 记者张三 通讯员李四报道：近日,市里开会。",
            ("近日,市里开会。", "本报", credits(("张三", "reporter"), ("李四", "correspondent"))),
        ),
    ],
)
def test_opening_credit(paragraph, expected):
    assert datelines.split_opening_credit(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "（中央社記者王小明台北20日電）行政院今天通過方案。",
            ("行政院今天通過方案。", "中央社", "台北", credits(("王小明", "reporter"))),
        ),
        ("【明報專訊】政府昨日宣布。", ("政府昨日宣布。", "明報", "", ())),
        (
            "（記者王小明／台北報導）市府今天宣布。",
            ("市府今天宣布。", "", "台北", credits(("王小明", "reporter"))),
        ),
        ("（杨希）市府今天宣布。", ("（杨希）市府今天宣布。", "", "", ())),
        (
            "本报讯 2023年5月8日 星期一 第3版 综合新闻",
            ("本报讯 2023年5月8日 星期一 第3版 综合新闻", "", "", ()),
        ),
        (
            "本报讯 2023年5月8日,全市职业技能大赛开幕。",
            ("2023年5月8日,全市职业技能大赛开幕。", "本报", "", ()),
        ),
    ],
)
def test_bracketed_datelines(paragraph, expected):
    assert datelines.split_dateline(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("新华社北京5月7日电（记者 赵明）国家统计局7日发布数据。", "5月7日"),
        ("（中央社記者王小明台北20日電）行政院今天通過方案。", "20日"),
        ("本报北京4月19日电 （记者 张三）记者从农业农村部获悉。", "4月19日"),
        ("本报讯（记者 张伟）5月7日，大赛开幕。", ""),
        ("国家统计局7日发布数据。", ""),
    ],
)
def test_dateline_date_is_the_printed_day(paragraph, expected):
    assert datelines.dateline_date(paragraph) == expected


def test_dateline_keeps_outlet_and_place_apart():
    rest, outlet, place, found = datelines.split_dateline(
        "新华社北京4月19日电(记者 王五)国务院开会。"
    )
    assert (rest, outlet, place, found) == (
        "国务院开会。",
        "新华社",
        "北京",
        credits(("王五", "reporter")),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "樊庶为居民答疑解惑。人民网 寇雅楠摄",
            ("樊庶为居民答疑解惑。", "人民网 寇雅楠摄", credits(("寇雅楠", "photographer"))),
        ),
        (
            "市民有序排队。(张三 摄)",
            ("市民有序排队。", "张三 摄", credits(("张三", "photographer"))),
        ),
        (
            "市民有序排队。新华社记者 张三 摄",
            ("市民有序排队。", "新华社记者 张三 摄", credits(("张三", "photographer"))),
        ),
        ("市民有序排队 图/张三", ("市民有序排队", "图/张三", credits(("张三", "photographer")))),
        ("张三/摄", ("", "张三/摄", credits(("张三", "photographer")))),
        ("市民有序排队。", ("市民有序排队。", "", ())),
        ("市民在摄影展前排队。", ("市民在摄影展前排队。", "", ())),
    ],
)
def test_photo_credit(text, expected):
    assert bylines.split_photo_credit(text) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "大家都在默默付出,共克时艰。(记者 张三)",
            ("大家都在默默付出,共克时艰。", credits(("张三", "reporter"))),
        ),
        ("大家都在默默付出。（杨希）", ("大家都在默默付出。", credits(("杨希", "author")))),
        ("高永和(图右二)和同事值守。", ("高永和(图右二)和同事值守。", ())),
        (
            "送立法院審議。（編輯：李大同）1110420",
            ("送立法院審議。", credits(("李大同", "editor"))),
        ),
    ],
)
def test_closing_credit_at_paragraph_end(paragraph, expected):
    assert bylines.split_closing_credit(paragraph) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("【来源：人民网】", "人民网"),
        ("来源:永州日报", "永州日报"),
        ("来源：永州日报 作者：彭沛 黎俊", "永州日报"),
        ("稿源：中新网", "中新网"),
        ("转自澎湃新闻", "澎湃新闻"),
        ("來源：大公報", "大公報"),
        ("(来源:新华社)", "新华社"),
        ("(据新华社电)", "新华社"),
        ("据人民网报道", "人民网"),
        ("据介绍", None),
        ("来源丨人民日报", "人民日报"),
        ("来源 | 樊城发布", "樊城发布"),
        ("来自全国各地的医生", None),
        ("来源于群众的智慧", None),
        ("记者 王耀", None),
        ("来源：网络", None),
        ("来源：本报", None),
        ("来源：http://www.example.com", None),
    ],
)
def test_source_lines(line, expected):
    assert bylines.parse_source_line(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源：网络", True),
        ("【来源：人民网】", True),
        ("来自全国各地的医生", False),
        ("记者 王耀", False),
    ],
)
def test_is_source_line(line, expected):
    assert bylines.is_source_line(line) is expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("永州日报", "newspaper"),
        ("运城晚报", "newspaper"),
        ("大公報", "newspaper"),
        ("红网", "website"),
        ("人民网", "website"),
        ("中国新闻网", "website"),
        ("新华社", "agency"),
        ("中新社", "agency"),
        ("中央社", "agency"),
        ("人民日报社", "newspaper"),
        ("樊城发布公众号", "wechat"),
        ("趣头条", "aggregator"),
        ("人民日报客户端", "aggregator"),
        ("呼和浩特", "unknown"),
        ("要闻简报", "unknown"),
        ("天气预报", "unknown"),
        ("现代快报", "newspaper"),
    ],
)
def test_outlet_kind(name, kind):
    assert bylines.outlet_kind(name) == kind
    assert kind in Source.Kind.values


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("运城晚报", True),
        ("本报", True),
        ("新华社", True),
        ("红网", True),
        ("呼和浩特", False),
        ("赛罕区", False),
    ],
)
def test_outlet_or_place(word, expected):
    assert bylines.is_outlet_name(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("县融媒体中心", True),
        ("市委宣传部", True),
        ("人民网", True),
        ("市农技站", True),
        ("陈晨", False),
        ("欧阳娜娜", False),
        ("排队", False),
    ],
)
def test_organisation_names(word, expected):
    assert bylines.is_organisation_name(word) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("原创 城东发布 2023-05-08 08:00", "城东发布"),
        ("原创 张三 城东发布 2023年5月8日 08:00", "城东发布"),
        ("原创 张三 2023-05-08", ""),  # only the author
        ("城东发布 2023-05-08", ""),
    ],
)
def test_original_post_account(line, expected):
    assert bylines.original_post_account(line) == expected
