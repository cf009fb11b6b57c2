"""Imported files: the list, the original text, and the “导入稿件” page."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..forms import ImportUploadForm
from ..importer import staging, uploads
from ..importer.pipeline import import_file
from ..models import Article, ImportedFile


class ImportedFileChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer("original_text")


@admin.register(ImportedFile)
class ImportedFileAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "format",
        "encoding",
        "imported_at",
        "imported_by",
        "outcome",
        "article_count",
    ]
    list_filter = ["outcome", "format"]
    list_select_related = ["imported_by"]
    search_fields = ["name", "sha256"]
    date_hierarchy = "imported_at"
    fields = [
        ("name", "outcome"),
        ("format", "encoding", "size"),
        ("imported_at", "imported_by"),
        "sha256",
        "message_list",
        "article_links",
        "original_text",
    ]
    readonly_fields = [
        "name", "outcome", "format", "encoding", "size", "imported_at", "imported_by",
        "sha256", "message_list", "article_links", "original_text",
    ]  # fmt: skip

    def get_queryset(self, request):
        made = (
            Article.objects.filter(imported_file=OuterRef("pk"))
            .order_by()
            .values("imported_file")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return super().get_queryset(request).annotate(article_total=Coalesce(Subquery(made), 0))

    def get_changelist(self, request, **kwargs):
        return ImportedFileChangeList

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        return request.user.has_perms(["articles.add_importedfile", "articles.add_article"])

    def can_publish(self, request):
        return request.user.has_perm("articles.publish_article")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_view)
        return [
            path("import/", import_view, name="articles_importedfile_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload → preview (nothing written) → confirm (the importer writes each file)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("导入稿件"),
            "opts": self.model._meta,
            "max_bytes": uploads.max_file_bytes(),
            "fetch_images_default": settings.NEWSROOM_FETCH_IMAGES,
        }
        form = ImportUploadForm()
        if request.method == "POST" and "token" in request.POST:
            try:
                files, directory = staging.unstage(request.POST["token"], request.user)
            except staging.StagingError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                # publishing is the chief editors' right, whatever the form says
                publish = "publish" in request.POST and self.can_publish(request)
                fetch_images = "fetch_images" in request.POST
                context["outcomes"] = [
                    import_file(
                        staged.name,
                        staged.data,
                        user=request.user,
                        publish=publish,
                        fetch_images=fetch_images,
                    )
                    for staged in files
                ]
                staging.discard(directory)
                return TemplateResponse(request, "admin/articles/importedfile/import.html", context)
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                received = uploads.read_uploads(form.cleaned_data["files"])
                files, rejected = uploads.unpack_uploads(received)
                context["rejected"] = rejected
                context["previews"] = [
                    import_file(staged.name, staged.data, dry_run=True) for staged in files
                ]
                if any(not preview.error for preview in context["previews"]):
                    try:
                        context["token"] = staging.stage(files, request.user)
                    except staging.UnsafeStagingRoot as error:
                        self.message_user(request, str(error), messages.ERROR)
        context["form"] = form
        context["can_publish"] = self.can_publish(request)
        return TemplateResponse(request, "admin/articles/importedfile/import.html", context)

    @admin.display(description=_("文章数"), ordering="article_total")
    def article_count(self, imported_file):
        return imported_file.article_total

    @admin.display(description=_("消息"))
    def message_list(self, imported_file):
        if not imported_file.messages:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((m,) for m in imported_file.messages)),
        )

    @admin.display(description=_("生成的文章"))
    def article_links(self, imported_file):
        articles = imported_file.articles.order_by("position", "id")
        if not articles:
            return "—"
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:articles_article_change", args=[a.pk]), a.title)
                    for a in articles
                ),
            ),
        )
