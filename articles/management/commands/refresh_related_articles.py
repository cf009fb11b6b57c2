from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles import related
from articles.models import Article


class Command(BaseCommand):
    help = _(
        "重新排出全部已发布文章的相关文章（升级之后、批量导入或直接改库之后运行；"
        "平时在文章保存时自动更新）。"
    )

    def handle(self, *args, **options):
        ids = Article.objects.filter(status=Article.Status.PUBLISHED).values_list("pk", flat=True)
        ranked = related.refresh(ids.order_by("pk"))
        self.stdout.write(_("已重新排出 %(count)d 篇文章的相关文章。") % {"count": ranked})
