"""Imported files: the list, the original text, and the “导入稿件” page."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..forms import ImportUploadForm
from ..importer import preview, staging, uploads
from ..importer.pipeline import import_file
from ..models import Article, ImportedFile, ImportJob
from ..tasks import start_import_job

JOBS_LISTED = 50
JOB_REFRESH_SECONDS = 2
OUTCOMES = dict(ImportedFile.Outcome.choices)


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
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("import/", view(self.import_view), name="articles_importedfile_import"),
            path("import/jobs/", view(self.job_list_view), name="articles_importedfile_jobs"),
            path("import/jobs/<int:pk>/", view(self.job_view), name="articles_importedfile_job"),
            *super().get_urls(),
        ]

    def import_context(self, request, title):
        if not self.has_import_permission(request):
            raise PermissionDenied
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
        }

    def import_view(self, request):
        """Upload → preview (nothing written) → confirm (a background task imports each file)."""
        context = {
            **self.import_context(request, _("导入稿件")),
            "max_bytes": uploads.max_file_bytes(),
            "fetch_images_default": settings.NEWSROOM_FETCH_IMAGES,
        }
        form = ImportUploadForm()
        if request.method == "POST" and "token" in request.POST:
            try:
                job = start_import_job(
                    staging.batch_named_by(request.POST["token"], request.user),
                    user=request.user,
                    # publishing is the chief editors' right, whatever the form says
                    publish="publish" in request.POST and self.can_publish(request),
                    fetch_images="fetch_images" in request.POST,
                )
            except staging.StagingError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                return redirect(job)
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                received = uploads.read_uploads(form.cleaned_data["files"])
                files, rejected = uploads.unpack_uploads(received)
                context["rejected"] = rejected
                context["previews"] = [
                    import_file(staged.name, staged.data, dry_run=True) for staged in files
                ]
                context["cuts"] = [
                    (report, preview.format_label(report.format), preview.cuts(report))
                    for report in context["previews"]
                ]
                if any(not report.error for report in context["previews"]):
                    try:
                        context["token"] = staging.stage(files, request.user)
                    except staging.UnsafeStagingRoot as error:
                        self.message_user(request, str(error), messages.ERROR)
        context["form"] = form
        context["can_publish"] = self.can_publish(request)
        return TemplateResponse(request, "admin/articles/importedfile/import.html", context)

    def job_list_view(self, request):
        """The latest import jobs, with their state and counts."""
        context = {
            **self.import_context(request, _("导入任务")),
            "jobs": ImportJob.objects.select_related("created_by")[:JOBS_LISTED],
        }
        return TemplateResponse(request, "admin/articles/importedfile/job_list.html", context)

    def job_view(self, request, pk):
        """One job's progress, refreshing itself until the job is done."""
        context = self.import_context(request, _("导入任务 #%(pk)s") % {"pk": pk})
        job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
        context |= {
            "job": job,
            "counts": job.counts(),
            "files": [
                (report, preview.format_label(report["format"]), OUTCOMES.get(report["status"]))
                for report in job.reports
            ],
            "refresh_seconds": JOB_REFRESH_SECONDS,
        }
        return TemplateResponse(request, "admin/articles/importedfile/job.html", context)

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
