"""The editors' product: review, edit, tag and publish imported reports."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .forms import (
    ArticleAdminForm,
    ImportUploadForm,
    MergeTargetForm,
    SetSourceForm,
    TagNamesForm,
)
from .models import (
    Article,
    ArticleAuthor,
    Author,
    Image,
    ImportedFile,
    Revision,
    Source,
    TagRedirect,
)
from .services import importing
from .services.author_merging import merge_authors
from .services.revisions import history, record_revision, restore_revision
from .services.source_merging import merge_sources
from .services.tag_merging import merge_tags, point_old_slug_at
from .services.tagging import add_tags, remove_tags, suggest_tags
from .services.workflow import change_status

admin.site.site_header = _("新闻编辑部 · 编辑后台")
admin.site.site_title = _("新闻编辑部")
admin.site.index_title = _("编辑工作台")


class FormActionMixin:
    """Bulk actions that ask one more question on an intermediate page before they act."""

    def run_form_action(self, request, queryset, *, form_class, title, apply, form_kwargs=None):
        form_kwargs = form_kwargs or {}
        if "apply" in request.POST:
            form = form_class(request.POST, **form_kwargs)
            if form.is_valid():
                self.message_user(request, apply(queryset, form.cleaned_data), messages.SUCCESS)
                return None
        else:
            form = form_class(**form_kwargs)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/action_form.html", context)


class MergeActionMixin(FormActionMixin):
    """“Merge the selected rows into another one”, guarded by a `merge_<model>` permission."""

    merge_service = None
    merge_permission = ""

    def has_merge_permission(self, request):
        return request.user.has_perm(self.merge_permission)

    @admin.action(description=_("合并到另一项…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        def apply(selected, data):
            target = data["target"]
            count = type(self).merge_service(list(selected), target)
            return _("已合并到“%(target)s”，共移动 %(count)d 处引用。") % {
                "target": target,
                "count": count,
            }

        return self.run_form_action(
            request,
            queryset,
            form_class=MergeTargetForm,
            form_kwargs={"model": self.model},
            title=_("合并%(model)s") % {"model": self.model._meta.verbose_name},
            apply=apply,
        )


# --- articles ----------------------------------------------------------------------------


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    fields = ["author", "role", "order"]
    extra = 0


class ImageInline(admin.StackedInline):
    model = Image
    autocomplete_fields = ["credit_author"]
    fields = [
        ("thumbnail", "order"),
        "file",
        "original_url",
        "caption",
        ("credit", "credit_author"),
        "alt_text",
    ]
    readonly_fields = ["thumbnail"]
    extra = 0

    @admin.display(description=_("预览"))
    def thumbnail(self, image):
        if not image.url:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" class="article-thumbnail" referrerpolicy="no-referrer">',
            image.url,
            image.alt_text or image.caption,
        )


class TagListFilter(admin.SimpleListFilter):
    title = _("标签")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        used = Tag.objects.filter(articles_taggedarticle_items__isnull=False).distinct()
        return [(tag.slug, tag.name) for tag in used.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class ImportedFileListFilter(admin.SimpleListFilter):
    """By imported file, listing names only (an `ImportedFile` row carries the whole text)."""

    title = _("导入文件")
    parameter_name = "imported_file"

    def lookups(self, request, model_admin):
        used = ImportedFile.objects.filter(articles__isnull=False).distinct()
        return [(str(pk), name) for pk, name in used.values_list("pk", "name").order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(imported_file_id=self.value())
        return queryset


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        rows = super().get_queryset(request, exclude_parameters)
        return rows.defer("body", "original_text", "imported_values")


class WarningsListFilter(admin.SimpleListFilter):
    title = _("导入提示")
    parameter_name = "warnings"

    def lookups(self, request, model_admin):
        return [("open", _("有待核对的提示")), ("none", _("无待核对的提示"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.with_warnings()
        if self.value() == "none":
            return queryset.exclude(pk__in=Article.objects.with_warnings().values("pk"))
        return queryset


@admin.register(Article)
class ArticleAdmin(FormActionMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "kicker",
        "source",
        "report_date",
        "status",
        "credit_list",
        "tag_list",
        "image_count",
        "needs_checking",
    ]
    list_filter = [
        "status",
        ("source", admin.RelatedOnlyFieldListFilter),
        ("via", admin.RelatedOnlyFieldListFilter),
        TagListFilter,
        ("credits__author", admin.RelatedOnlyFieldListFilter),
        "credits__role",
        WarningsListFilter,
        ImportedFileListFilter,
    ]
    search_fields = ["title", "kicker", "subtitle", "body"]
    date_hierarchy = "reported_at"
    ordering = ["-created_at", "-id"]
    list_per_page = 50
    autocomplete_fields = ["source", "via"]
    inlines = [ArticleAuthorInline, ImageInline]
    readonly_fields = ["imported_file_link", "position", "import_key", "warning_list"]
    fieldsets = [
        (None, {"fields": ["kicker", "title", "subtitle", "lead", "body"]}),
        (_("出处"), {"fields": [("source", "via"), "original_url", ("section", "dateline")]}),
        (_("日期"), {"fields": [("reported_at", "date_precision")]}),
        (_("标签"), {"fields": ["tags"]}),
        (_("发布"), {"fields": [("status", "published_at"), "slug"]}),
        (_("导入提示"), {"fields": ["warning_list", "warnings_checked"]}),
        (
            _("导入记录"),
            {"fields": ["imported_file_link", "position", "import_key"], "classes": ["collapse"]},
        ),
    ]
    actions = ["add_tags", "remove_tags", "set_source", "send_to_review", "publish", "unpublish"]

    class Media:
        js = ["articles/admin/tag_suggestions.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("published_at")
        return readonly

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_revision(form.instance, request.user)

    def view_on_site(self, article):
        return reverse("admin:articles_article_preview", args=[article.pk])

    # list columns

    @admin.display(description=_("日期"), ordering="reported_at")
    def report_date(self, article):
        if article.reported_at is None:
            return _("日期不详")
        return f"{timezone.localtime(article.reported_at):%Y-%m-%d}"

    @admin.display(description=_("署名"))
    def credit_list(self, article):
        return "；".join(
            f"{role} {'、'.join(author.name for author in authors)}"
            for role, authors in article.credits_by_role()
        )

    @admin.display(description=_("标签"))
    def tag_list(self, article):
        return "，".join(sorted(tag.name for tag in article.tags.all()))

    @admin.display(description=_("图片"))
    def image_count(self, article):
        return len(article.images.all())

    @admin.display(description=_("待核对"), boolean=True)
    def needs_checking(self, article):
        return bool(article.warnings) and not article.warnings_checked

    # read-only fields of the form

    @admin.display(description=_("导入文件"))
    def imported_file_link(self, article):
        if article.imported_file_id is None:
            return "—"
        url = reverse("admin:articles_importedfile_change", args=[article.imported_file_id])
        return format_html('<a href="{}">{}</a>', url, article.imported_file)

    @admin.display(description=_("提示内容"))
    def warning_list(self, article):
        if not article.warnings:
            return _("无")
        return format_html(
            '<ul class="import-warnings">{}</ul>',
            format_html_join("", "<li>{}</li>", ((warning,) for warning in article.warnings)),
        )

    # pages of their own

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/revisions/",
                wrap(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def get_article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("没有这篇文章。"))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_view(self, request, object_id):
        """The article as readers will see it, whatever its status; staff only."""
        article = self.get_article_or_404(request, object_id)
        context = {"article": article, "object": article, "is_preview": True}
        return TemplateResponse(request, "articles/article_detail.html", context)

    def revisions_view(self, request, object_id):
        article = self.get_article_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("“%(title)s”的修订记录") % {"title": article.title},
            "opts": self.model._meta,
            "original": article,
            "entries": history(article),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, revision_id):
        article = self.get_article_or_404(request, object_id)
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(Revision, pk=revision_id, article=article)
        restore_revision(revision, request.user)
        self.message_user(request, _("已恢复到所选修订。"), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if article is not None:
            known_tags = Tag.objects.values_list("name", flat=True)
            extra_context["tag_suggestions"] = suggest_tags(article, known_tags=known_tags)
        return super().change_view(request, object_id, form_url, extra_context)

    # bulk actions

    def _record(self, request, articles):
        for article in articles:
            record_revision(article, request.user)

    def _retag(self, request, queryset, *, title, change, done):
        def apply(articles, data):
            change(articles, data["tags"])
            self._record(request, articles)
            return done % {"count": len(articles), "tags": "，".join(data["tags"])}

        return self.run_form_action(
            request, queryset, form_class=TagNamesForm, title=title, apply=apply
        )

    @admin.action(description=_("添加标签…"), permissions=["change"])
    def add_tags(self, request, queryset):
        done = _("已为 %(count)d 篇文章添加标签：%(tags)s")
        return self._retag(request, queryset, title=_("添加标签"), change=add_tags, done=done)

    @admin.action(description=_("移除标签…"), permissions=["change"])
    def remove_tags(self, request, queryset):
        done = _("已从 %(count)d 篇文章移除标签：%(tags)s")
        return self._retag(request, queryset, title=_("移除标签"), change=remove_tags, done=done)

    @admin.action(description=_("设置来源…"), permissions=["change"])
    def set_source(self, request, queryset):
        def apply(articles, data):
            source = data["source"]
            articles = articles.exclude(via=source) if source else articles
            count = articles.update(source=source, updated_at=timezone.now())
            self._record(request, articles)
            return _("已将 %(count)d 篇文章的来源设为“%(source)s”。") % {
                "count": count,
                "source": source or _("（无）"),
            }

        return self.run_form_action(
            request, queryset, form_class=SetSourceForm, title=_("设置来源"), apply=apply
        )

    def _move(self, request, articles, status, message):
        changed = change_status(articles, status)
        self._record(request, changed)
        self.message_user(request, message % {"count": len(changed)}, messages.SUCCESS)
        return changed

    @admin.action(description=_("送审所选草稿"), permissions=["change"])
    def send_to_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        self._move(request, drafts, Article.Status.REVIEW, _("已将 %(count)d 篇草稿送审。"))

    @admin.action(description=_("发布所选文章"), permissions=["publish"])
    def publish(self, request, queryset):
        published = self._move(
            request, queryset, Article.Status.PUBLISHED, _("已发布 %(count)d 篇文章。")
        )
        scheduled = sum(1 for article in published if not article.is_public)
        if scheduled:
            message = _("其中 %(count)d 篇将在设定的发布时间出现。") % {"count": scheduled}
            self.message_user(request, message)

    @admin.action(description=_("撤回所选文章（改为草稿）"), permissions=["publish"])
    def unpublish(self, request, queryset):
        published = queryset.filter(status=Article.Status.PUBLISHED)
        self._move(request, published, Article.Status.DRAFT, _("已撤回 %(count)d 篇文章。"))


# --- tags, people, outlets ---------------------------------------------------------------

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(MergeActionMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "usage_count"]
    search_fields = ["name"]
    ordering = ["name"]
    fields = ["name", "slug"]
    actions = ["merge_selected"]
    merge_service = staticmethod(merge_tags)
    merge_permission = "articles.merge_tag"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage=Count("articles_taggedarticle_items"))

    @admin.display(description=_("文章数"), ordering="usage")
    def usage_count(self, tag):
        return tag.usage

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if old_slug:
            point_old_slug_at(old_slug, obj)


@admin.register(TagRedirect)
class TagRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "tag", "created_at"]
    search_fields = ["old_slug", "tag__name"]
    list_select_related = ["tag"]
    autocomplete_fields = ["tag"]


@admin.register(Author)
class AuthorAdmin(MergeActionMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "credit_count"]
    search_fields = ["name"]
    actions = ["merge_selected"]
    merge_service = staticmethod(merge_authors)
    merge_permission = "articles.merge_author"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_total=Count("credits"))

    @admin.display(description=_("署名次数"), ordering="credit_total")
    def credit_count(self, author):
        return author.credit_total


@admin.register(Source)
class SourceAdmin(MergeActionMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "url", "article_count"]
    list_filter = ["kind"]
    search_fields = ["name"]
    actions = ["merge_selected"]
    merge_service = staticmethod(merge_sources)
    merge_permission = "articles.merge_source"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("文章数"), ordering="article_total")
    def article_count(self, source):
        return source.article_total


# --- imported files ----------------------------------------------------------------------


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
            "max_bytes": importing.max_file_bytes(),
        }
        form = ImportUploadForm()
        if request.method == "POST" and "token" in request.POST:
            try:
                files, directory = importing.unstage(request.POST["token"], request.user)
            except importing.StagingError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                context["outcomes"] = importing.import_files(files, request.user)
                importing.discard(directory)
                return TemplateResponse(request, "admin/articles/importedfile/import.html", context)
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                uploads = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
                files, rejected = importing.unpack_uploads(uploads)
                context["rejected"] = rejected
                context["previews"] = importing.preview(files)
                if files:
                    context["token"] = importing.stage(files, request.user)
        context["form"] = form
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
