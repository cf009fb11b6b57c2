from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.models import Article, ArticleSearchDocument


class Command(BaseCommand):
    help = _(
        "重建全部文章的检索文档、列表卡片、文章页面与相关文章（批量写入或直接改库之后、升级之后运行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help=_("只补建缺少检索文档的文章（如断电、断库之后）")
        )

    def handle(self, *args, missing=False, **options):
        articles = Article.objects.all()
        if missing:
            articles = articles.filter(search_document__isnull=True)
        written = ArticleSearchDocument.objects.refresh(articles.values_list("pk", flat=True))
        self.stdout.write(_("已重建 %(count)d 篇文章的检索文档、卡片与页面。") % {"count": written})
