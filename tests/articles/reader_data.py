"""Published articles with realistic Chinese text, built through the ORM, for the reader tests."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import TestCase
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Author, Image, Source

SHANGHAI = ZoneInfo("Asia/Shanghai")

BODY = (
    "<p>“同志您好，请打开健康码，配合检测体温，登记出行相关信息。”4月19日一大早，"
    "在盐湖区畜牧局家属院门口，下沉干部赵建群正在认真做好进出居民的核查工作。</p>"
    "<h2>党旗插在最高处</h2>"
    "<p>临时党支部实行24小时轮流值班制，组织居民有序参加核酸检测，志愿者每天巡查小区。</p>"
)


def committed():
    """Run what waits for the commit (search documents) at the end of the block.

    Tests run inside a transaction that is rolled back, so nothing commits by itself.
    """
    return TestCase.captureOnCommitCallbacks(execute=True)


def shanghai(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


def make_article(*args, **kwargs):
    """`build_article()`, committed: its search document is written too."""
    with committed():
        return build_article(*args, **kwargs)


def build_article(
    title="临时党支部 战“疫”当先锋",
    *,
    credits=(("王耀", "reporter"),),
    tags=("抗疫",),
    images=1,
    published_at=None,
    **fields,
):
    """A published article with credits, tags and lead images, unless told otherwise."""
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("body", BODY)
    if fields["status"] == Article.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - timedelta(hours=1)
    article = Article.objects.create(title=title, published_at=published_at, **fields)
    for order, (name, role) in enumerate(credits):
        author, _ = Author.objects.get_or_create(name=name)
        ArticleAuthor.objects.create(article=article, author=author, role=role, order=order)
    if tags:
        article.tags.add(*tags)
    for order in range(images):
        Image.objects.create(
            article=article,
            order=order,
            original_url=f"https://img.example.com/{article.pk}-{order}.jpg",
            width=640,
            height=427,
            caption=f"下沉干部为居民答疑解惑（第{order + 1}张）",
            credit="人民网 寇雅楠摄",
        )
    return article


def newspaper(name="运城晚报"):
    return Source.objects.get_or_create(name=name, defaults={"kind": Source.Kind.NEWSPAPER})[0]
