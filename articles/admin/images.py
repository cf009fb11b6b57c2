"""The image library: every picture, searchable by caption, credit and source, reusable."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Article, Image
from .common import URL_FIELD_OVERRIDES, FormActionMixin

THUMBNAIL_WIDTH = 160


class ReuseImageForm(forms.Form):
    article = forms.ModelChoiceField(
        label=_("用于文章"),
        queryset=Article.objects.only("pk", "title"),
        widget=forms.NumberInput(attrs={"autofocus": True}),
        help_text=_("填写文章编号（文章网址里 /article/ 后面的数字）。"),
    )


@admin.register(Image)
class ImageAdmin(FormActionMixin, admin.ModelAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["thumbnail", "caption", "credit", "article_link", "source", "size"]
    list_display_links = ["thumbnail", "caption"]
    list_select_related = ["article__source"]
    search_fields = ["caption", "credit", "alt_text", "article__source__name", "article__title"]
    list_per_page = 40
    autocomplete_fields = ["credit_author"]
    fields = ["preview", "caption", "credit", "credit_author", "alt_text", "original_url"]
    readonly_fields = ["preview", "original_url"]
    actions = ["reuse"]

    def has_add_permission(self, request):
        return False  # pictures arrive with an article; the library finds and reuses them

    @admin.display(description=_("缩略图"))
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="{}" class="library-thumbnail" width="{}" loading="lazy" '
            'referrerpolicy="no-referrer">',
            image.rendition(THUMBNAIL_WIDTH),
            image.alt_text or image.caption,
            THUMBNAIL_WIDTH,
        )

    @admin.display(description=_("预览"))
    def preview(self, image):
        return format_html(
            '<img src="{}" alt="" class="library-preview" referrerpolicy="no-referrer">',
            image.rendition(640),
        )

    @admin.display(description=_("文章"), ordering="article__title")
    def article_link(self, image):
        url = reverse("admin:articles_article_change", args=[image.article_id])
        return format_html('<a href="{}">{}</a>', url, image.article.title)

    @admin.display(description=_("来源"), ordering="article__source__name")
    def source(self, image):
        return image.article.source or "—"

    @admin.display(description=_("尺寸"))
    def size(self, image):
        return f"{image.width}×{image.height}" if image.width and image.height else "—"

    @admin.action(description=_("用于另一篇文章…"), permissions=["change"])
    def reuse(self, request, queryset):
        def apply(images, data):
            article = data["article"]
            start = article.images.count()
            Image.objects.bulk_create(
                Image(
                    article=article,
                    order=start + index,
                    file=image.file.name,
                    original_url=image.original_url,
                    width=image.width,
                    height=image.height,
                    sha256=image.sha256,
                    caption=image.caption,
                    credit=image.credit,
                    credit_author_id=image.credit_author_id,
                    alt_text=image.alt_text,
                )
                for index, image in enumerate(images)
            )
            article.refresh_search_document()
            return _("已把 %(count)d 张图片加到《%(title)s》，没有重新上传。") % {
                "count": len(images),
                "title": article.title,
            }

        return self.run_form_action(
            request, queryset, form_class=ReuseImageForm, title=_("用于另一篇文章"), apply=apply
        )
