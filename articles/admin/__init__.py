"""The editors' product: review, edit, tag and publish imported reports."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import articles, imports, taxonomy  # noqa: F401 (each module registers its admins)

admin.site.site_header = _("新闻编辑部 · 编辑后台")
admin.site.site_title = _("新闻编辑部")
admin.site.index_title = _("编辑工作台")
