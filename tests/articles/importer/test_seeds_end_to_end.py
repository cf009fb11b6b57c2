"""The acceptance table of issue 3: `import_seeds` on the real seeds, then a second run."""

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, ImportedFile

from .acceptance import SEED_003_CREDITS, SEED_003_TITLES
from .builders import SHANGHAI, row_counts

pytestmark = pytest.mark.django_db

PAGE_STAFF = [("关凝淼", "responsible_editor"), ("冯潇楠", "designer"), ("王君", "proofreader")]


def import_seeds():
    out = StringIO()
    call_command("import_seeds", stdout=out)
    return out.getvalue()


def articles_of(prefix):
    return list(
        Article.objects.filter(imported_file__name__contains=f"/{prefix}_")
        .for_detail()
        .order_by("position")
    )


def credits(article):
    return [(credit.author.name, credit.role) for credit in article.credits.all()]


@pytest.fixture
def imported():
    return import_seeds()


def test_fifteen_articles_from_five_files(imported):
    assert Article.objects.count() == 15
    assert ImportedFile.objects.filter(outcome=ImportedFile.Outcome.IMPORTED).count() == 5
    assert "5 个文件：15 篇稿件，新建 15" in imported


def test_000_front_matter_post(imported):
    [article] = articles_of("000")
    assert article.title == "抗疫故事青城有爱_关键岗位党徽亮～"
    assert article.reported_at == datetime(2022, 3, 7, 10, 52, 8, tzinfo=SHANGHAI)
    assert article.date_precision == "moment"
    assert (article.source.name, article.via.name) == ("人民网", "趣头条")
    assert (article.source.kind, article.via.kind) == ("website", "aggregator")
    assert credits(article) == [("寇雅楠", "photographer"), ("刘艺琳", "photographer")]
    images = list(article.images.all())
    assert len(images) == 6
    assert [image.credit_author.name for image in images[1:]] == [
        "寇雅楠",
        "寇雅楠",
        "刘艺琳",
        "寇雅楠",
        "寇雅楠",
    ]
    assert images[1].caption == "樊庶为居民答疑解惑。"
    assert article.imported_file.original_text in article.original_text
    assert article.warnings == []


def test_001_newspaper_page(imported):
    articles = articles_of("001")
    assert [(a.kicker, a.title) for a in articles] == [
        ("", "临时党支部 战“疫”当先锋"),
        ("", "“你们来了，顶了大事！”"),  # widened from the printed `,` and `!`
        ("", "“我要站好最后一班岗”"),
        ("市宾馆", "心系防疫一线 情暖下沉干部"),
        ("市邮政分公司", "下沉小区 同心抗疫"),
        ("", "当好社区防疫“守门员”"),
    ]
    writers = [
        ("王耀", "reporter"),
        ("崔萌", "reporter"),
        ("樊朋展", "reporter"),
        ("杨希", "author"),
        ("寻霄", "reporter"),
        ("廖旌汝", "reporter"),
    ]
    for article, writer in zip(articles, writers, strict=True):
        assert article.reported_at == datetime(2022, 4, 20, tzinfo=SHANGHAI)
        assert article.date_precision == "day"
        assert article.source.name == "运城晚报" and article.source.kind == "newspaper"
        assert credits(article) == [writer, *PAGE_STAFF]
        for header in ("机关干部下沉", "责任编辑", "E-mail", "2022年4月20日"):
            assert header not in article.body
        assert article.position == articles.index(article) + 1
    bodies = "".join(article.body for article in articles)
    assert "切实筑牢疫情防控第一道坚实防线。" in bodies


def test_002_wechat_post(imported):
    [article] = articles_of("002")
    assert article.title == "这是一支由365名精兵强将组成的特派“部队”"
    assert "标题为推断" in article.warnings and "日期不详" in article.warnings
    assert article.reported_at is None and article.date_precision == "unknown"
    assert article.source is None
    assert credits(article) == [
        ("王清波", "correspondent"),
        ("贾向飞", "correspondent"),
        ("邢娜", "correspondent"),
        ("张美霞", "correspondent"),
    ]
    assert article.body.count("<h") == 7
    assert article.status == Article.Status.DRAFT


def test_004_scraped_page(imported):
    [article] = articles_of("004")
    assert (article.title, article.subtitle) == (
        "汇聚“红”力量 守护健康“绿”",
        "永州市直党员干部助力零陵抗疫工作纪实",
    )
    assert article.reported_at is None and "日期不详" in article.warnings
    assert (article.source.name, article.source.kind) == ("永州日报", "newspaper")
    assert article.via.name == "红网"
    assert credits(article) == [("彭沛", "author"), ("黎俊", "author"), ("陈小婷", "editor")]
    assert article.body.count("<h") == 3
    for chrome in ("当前位置", "相关链接", "频道精选", "阅读下一篇", "来源:"):
        assert chrome not in article.body


def test_003_page_without_a_year(imported):
    articles = articles_of("003")
    assert [a.title for a in articles] == SEED_003_TITLES
    assert [credits(a) for a in articles] == SEED_003_CREDITS
    assert [a.dateline for a in articles[1:]] == ["呼和浩特"] * 5
    assert all(a.reported_at is None and a.source is None and a.warnings for a in articles)
    assert articles[0].body.count("<h") == 3
    bodies = "".join(a.body for a in articles)
    assert "实时掌握防疫一线情况" in bodies and "到核酸检测点" in bodies


def test_a_second_run_changes_nothing(imported):
    counts = row_counts()
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    again = import_seeds()
    assert "新建 0，更新 0，无变化 15" in again
    assert row_counts() == counts
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps
