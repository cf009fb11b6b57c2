"""The editors' admin site: one 稿件 section, and the desk's queue on the index.

Outside `articles.admin`: Django builds the site before it imports the apps' admin modules.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

# Apps whose models editors find under 稿件 rather than in a section of their own
# (taggit's would be “标签项”, holding only 标签).
FOLDED_APPS = ("taggit",)


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("新闻编辑部 · 编辑后台")
    site_title = _("新闻编辑部")
    index_title = _("编辑工作台")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        home = next((app for app in apps if app["app_label"] == "articles"), None)
        if home is None:
            return apps
        for app in [app for app in apps if app["app_label"] in FOLDED_APPS]:
            home["models"].extend(app["models"])
            apps.remove(app)
        home["models"].sort(key=lambda model: model["name"])
        return apps

    def index(self, request, extra_context=None):
        from .models import Article

        context = {**(extra_context or {})}
        if request.user.has_perm("articles.view_article"):
            context["desk"] = Article.objects.desk_counts()
        return super().index(request, context)

    def app_index(self, request, app_label, extra_context=None):
        if app_label in FOLDED_APPS:
            return redirect("admin:app_list", app_label="articles")
        return super().app_index(request, app_label, extra_context)
