from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.models import Article, ArticleSearchDocument


class Command(BaseCommand):
    help = _("重建全部文章的检索文档（批量写入或直接改库之后运行）。")

    def handle(self, *args, **options):
        written = ArticleSearchDocument.objects.refresh(
            Article.objects.values_list("pk", flat=True)
        )
        self.stdout.write(_("已重建 %(count)d 篇文章的检索文档。") % {"count": written})
