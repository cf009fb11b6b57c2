"""Articles: the list, the form beside the original text, preview, revisions, bulk actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from ..forms import (
    ArticleAdminForm,
    CheckWarningsForm,
    PinForm,
    ReturnForm,
    SetSourceForm,
    TagNamesForm,
)
from ..models import Article, ArticleAuthor, Image, Revision
from ..services.credits import credit_line
from ..services.notifications import announce
from ..services.revisions import (
    changes_since,
    compare,
    history,
    record_revision,
    record_revision_if_changed,
    restore_preview,
    restore_revision,
)
from ..services.tagging import add_tags, remove_tags, suggest_tags
from ..services.workflow import NOTES, change_status, held_back
from .common import URL_FIELD_OVERRIDES, FormActionMixin
from .filters import (
    AuthorFilter,
    ImportedFileFilter,
    SourceFilter,
    TagFilter,
    ViaFilter,
    autocomplete_media,
)


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    fields = ["author", "role", "order"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")  # each row names its author


class ImageInline(admin.StackedInline):
    model = Image
    formfield_overrides = URL_FIELD_OVERRIDES
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
            image.rendition(320),
            image.alt_text or image.caption,
        )


def is_review_queue(request):
    return request.GET.get("status__exact") == Article.Status.REVIEW


class ArticleChangeList(ChangeList):
    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.query:
            # A search's matches are not drilled into by date: at 100,000 articles the date links
            # took two more passes over the matches of a common word (1.7 of 3.4 s).
            self.date_hierarchy = None

    def get_queryset(self, request, exclude_parameters=None):
        rows = super().get_queryset(request, exclude_parameters)
        return rows.defer("body", "original_text", "imported_values")

    def get_ordering(self, request, queryset):
        """The review queue (待审) is worked oldest first, unless the editor sorts it."""
        if is_review_queue(request) and ORDER_VAR not in self.params:
            return ["updated_at", "pk"]
        return super().get_ordering(request, queryset)


class PublicationListFilter(admin.SimpleListFilter):
    title = _("发布安排")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("scheduled", _("定时发布（尚未上线）")), ("live", _("已上线"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "live":
            return queryset.published()
        return queryset


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
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = [
        "title",
        "kicker",
        "source",
        "report_date",
        "status_marker",
        "publication_time",
        "pin_marker",
        "credit_list",
        "tag_list",
        "image_count",
        "needs_checking",
    ]
    list_filter = [
        "status",
        PublicationListFilter,
        SourceFilter,
        ViaFilter,
        TagFilter,
        AuthorFilter,
        "credits__role",
        WarningsListFilter,
        ImportedFileFilter,
    ]
    search_fields = ["title", "kicker", "subtitle", "body"]
    date_hierarchy = "reported_at"
    ordering = ["-created_at", "-id"]
    list_per_page = 50
    # The total beside a filtered count is the whole archive counted again on every page.
    show_full_result_count = False
    autocomplete_fields = ["source", "via"]
    inlines = [ArticleAuthorInline, ImageInline]
    readonly_fields = ["imported_file_link", "position", "import_key", "warning_list"]
    fieldsets = [
        (None, {"fields": ["kicker", "title", "subtitle", "lead", "body"]}),
        (_("出处"), {"fields": [("source", "via"), "original_url", ("section", "dateline")]}),
        (_("日期"), {"fields": [("reported_at", "date_precision")]}),
        (_("标签"), {"fields": ["tags"]}),
        (
            _("发布"),
            {"fields": [("status", "published_at"), "slug", "loaded_version", "loaded_revision"]},
        ),
        (_("置顶"), {"fields": [("pin", "pinned_until")]}),
        (_("导入提示"), {"fields": ["warning_list", "warnings_checked"]}),
        (
            _("导入记录"),
            {"fields": ["imported_file_link", "position", "import_key"], "classes": ["collapse"]},
        ),
    ]
    actions = [
        "add_tags",
        "remove_tags",
        "set_source",
        "send_to_review",
        "publish",
        "check_and_publish",
        "return_to_author",
        "unpublish",
        "pin_as_headline",
        "pin_to_section",
        "lift_pins",
    ]

    @property
    def media(self):
        editor = forms.Media(
            js=["articles/admin/tag_suggestions.js", "articles/admin/body_editor.js"]
        )
        return super().media + editor + autocomplete_media(self)

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def get_search_results(self, request, queryset, search_term):
        """The readers' indexed Chinese search, over articles of every status."""
        if not search_term.strip():
            return queryset, False
        return queryset.filter(pk__in=Article.objects.search(search_term).values("pk")), False

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_pin_permission(self, request):
        return request.user.has_perm("articles.pin_article")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("published_at")
        if not self.has_pin_permission(request):
            readonly.extend(["pin", "pinned_until"])
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform") and context["adminform"].form
        if obj is not None and getattr(form, "conflict_since", None) is not None:
            saved = type(obj).objects.get(pk=obj.pk)  # `obj` holds the refused submit
            context["conflict"] = changes_since(saved, form.conflict_since)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if article.pin and {"pin", "pinned_until"} & set(form.changed_data):
            Article.objects.filter(pk=article.pk).pin_as(article.pin, article.pinned_until)
        moved = "status" in form.changed_data
        note = NOTES[article.status] if moved else ""
        record_revision(article, request.user, note=note)
        if moved:
            announce(article, form.initial.get("status"), request.user)

    def view_on_site(self, article):
        return reverse("admin:articles_article_preview", args=[article.pk])

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if is_review_queue(request):
            columns.insert(columns.index("status_marker"), "waiting")
        return columns

    # list columns

    @admin.display(description=_("状态"), ordering="status")
    def status_marker(self, article):
        if article.is_scheduled:
            return format_html(
                '<span class="status-scheduled" title="{}">{}</span>', _("尚未上线"), _("定时")
            )
        return article.get_status_display()

    @admin.display(description=_("发布时间"), ordering="published_at")
    def publication_time(self, article):
        if article.published_at is None:
            return "—"
        return f"{timezone.localtime(article.published_at):%Y-%m-%d %H:%M}"

    @admin.display(description=_("置顶"), ordering="pinned_until")
    def pin_marker(self, article):
        if not article.pin:
            return "—"
        until = f"{timezone.localtime(article.pinned_until):%Y-%m-%d %H:%M}"
        if article.pinned_until <= timezone.now():
            return format_html(
                '<span class="pin-lapsed">{}</span>', _("已过期（%(until)s）") % {"until": until}
            )
        return format_html(
            '<span class="pin-current">{}</span>',
            _("%(pin)s，至 %(until)s") % {"pin": article.get_pin_display(), "until": until},
        )

    @admin.display(description=_("已等待"), ordering="updated_at")
    def waiting(self, article):
        return timesince(article.updated_at)

    @admin.display(description=_("日期"), ordering="reported_at")
    def report_date(self, article):
        if article.reported_at is None:
            return _("日期不详")
        return f"{timezone.localtime(article.reported_at):%Y-%m-%d}"

    @admin.display(description=_("署名"))
    def credit_list(self, article):
        return credit_line((credit.role, credit.author.name) for credit in article.credits.all())

    @admin.display(description=_("标签"))
    def tag_list(self, article):
        return "，".join(sorted(tag.name for tag in article.tags.all()))

    @admin.display(description=_("图片"))
    def image_count(self, article):
        return len(article.images.all())

    @admin.display(description=_("待核对"))
    def needs_checking(self, article):
        if not article.warnings or article.warnings_checked:
            return "—"
        return format_html(
            '<span class="needs-checking" title="{}">⚠ {}</span>',
            "；".join(article.warnings),
            len(article.warnings),
        )

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
        """The article's revisions, each against the one before; any two compared on request."""
        article = self.get_article_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("“%(title)s”的修订记录") % {"title": article.title},
            "opts": self.model._meta,
            "original": article,
            "entries": history(article),
            "can_restore": self.has_change_permission(request, article),
        }
        chosen = [request.GET.get("from", ""), request.GET.get("to", "")]
        if all(value.isdigit() for value in chosen):
            older, newer = (
                get_object_or_404(Revision, pk=value, article=article) for value in chosen
            )
            context["comparison"] = compare(older, newer)
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, revision_id):
        """Asks first, showing what restoring would change; restores on the confirming POST."""
        article = self.get_article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(Revision, pk=revision_id, article=article)
        if request.method == "POST":
            restore_revision(revision, request.user)
            self.message_user(request, _("已恢复到所选修订。"), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("恢复到 %(when)s 的修订？")
            % {"when": f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M}"},
            "opts": self.model._meta,
            "original": article,
            "revision": revision,
            "changes": restore_preview(revision),
        }
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

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
            record_revision_if_changed(article, request.user)

    def _retag(self, request, queryset, *, title, change, done):
        def apply(articles, data):
            change(articles, data["tags"])
            # Tags live in their own table: the article's version moves too (edit conflicts).
            articles.update(updated_at=timezone.now())
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

    def _move(self, request, articles, status, message, **options):
        changed = change_status(articles, status, request.user, **options)
        self.message_user(request, message % {"count": len(changed)}, messages.SUCCESS)
        return changed

    @admin.action(description=_("送审所选草稿"), permissions=["change"])
    def send_to_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        self._move(request, drafts, Article.Status.REVIEW, _("已将 %(count)d 篇草稿送审。"))

    @admin.action(description=_("发布所选文章"), permissions=["publish"])
    def publish(self, request, queryset):
        held = held_back(queryset)
        published = self._move(
            request, queryset, Article.Status.PUBLISHED, _("已发布 %(count)d 篇文章。")
        )
        self._report_scheduled(request, published)
        if held:
            message = format_html(
                "{} {}",
                _("以下 %(count)d 篇有尚未核对的导入提示，没有发布：") % {"count": len(held)},
                format_html_join(
                    "、",
                    '<a href="{}">《{}》</a>',
                    ((reverse("admin:articles_article_change", args=[a.pk]), a) for a in held),
                ),
            )
            hint = _("请打开稿件对照原稿核对、勾选“提示已核对”后再发布，或用“核对并发布”。")
            self.message_user(request, format_html("{}<br>{}", message, hint), messages.WARNING)

    @admin.action(description=_("核对并发布…"), permissions=["publish"])
    def check_and_publish(self, request, queryset):
        def apply(articles, data):
            published = change_status(
                articles, Article.Status.PUBLISHED, request.user, check_warnings=True
            )
            self._report_scheduled(request, published)
            return _("已核对导入提示并发布 %(count)d 篇文章。") % {"count": len(published)}

        return self.run_form_action(
            request,
            queryset,
            form_class=CheckWarningsForm,
            title=_("核对导入提示并发布"),
            apply=apply,
            template="admin/articles/article/check_and_publish.html",
        )

    def _report_scheduled(self, request, published):
        scheduled = sum(1 for article in published if not article.is_public)
        if scheduled:
            message = _("其中 %(count)d 篇将在设定的发布时间出现。") % {"count": scheduled}
            self.message_user(request, message)

    @admin.action(description=_("退回所选待审稿…"), permissions=["publish"])
    def return_to_author(self, request, queryset):
        def apply(articles, data):
            returned = change_status(
                articles, Article.Status.DRAFT, request.user, note=data["note"]
            )
            return _("已退回 %(count)d 篇待审稿，并通知了作者。") % {"count": len(returned)}

        in_review = queryset.filter(status=Article.Status.REVIEW)
        return self.run_form_action(
            request, in_review, form_class=ReturnForm, title=_("退回修改"), apply=apply
        )

    @admin.action(description=_("撤回所选文章（改为草稿）"), permissions=["publish"])
    def unpublish(self, request, queryset):
        published = queryset.filter(status=Article.Status.PUBLISHED)
        self._move(request, published, Article.Status.DRAFT, _("已撤回 %(count)d 篇文章。"))

    def _pin(self, request, queryset, pin, title, done):
        def apply(articles, data):
            count = articles.pin_as(pin, data["until"])
            until = f"{timezone.localtime(data['until']):%Y-%m-%d %H:%M}"
            return done % {"count": count, "until": until}

        return self.run_form_action(request, queryset, form_class=PinForm, title=title, apply=apply)

    @admin.action(description=_("设为头条…"), permissions=["pin"])
    def pin_as_headline(self, request, queryset):
        done = _("已将 %(count)d 篇文章设为头条，至 %(until)s。")
        return self._pin(request, queryset, Article.Pin.HEADLINE, _("设为头条"), done)

    @admin.action(description=_("在所属栏目置顶…"), permissions=["pin"])
    def pin_to_section(self, request, queryset):
        in_a_section = queryset.exclude(section="")
        done = _("已将 %(count)d 篇文章在所属栏目置顶，至 %(until)s。")
        return self._pin(request, in_a_section, Article.Pin.SECTION, _("栏目置顶"), done)

    @admin.action(description=_("取消所选文章的置顶"), permissions=["pin"])
    def lift_pins(self, request, queryset):
        count = queryset.unpin()
        self.message_user(request, _("已取消 %(count)d 篇文章的置顶。") % {"count": count})
