"""The image library: every picture, searchable by caption, credit and source, reusable."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Article, Image
from .common import URL_FIELD_OVERRIDES, FormActionMixin

THUMBNAIL_WIDTH = 160
# How many of the library's pictures the body editor's panel offers at once.
PICKER_RESULTS = 24


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
            copies = images.reuse_in(article)
            return _("已把 %(count)d 张图片加到《%(title)s》，没有重新上传。") % {
                "count": len(copies),
                "title": article.title,
            }

        return self.run_form_action(
            request, queryset, form_class=ReuseImageForm, title=_("用于另一篇文章"), apply=apply
        )

    # The body editor's picture panel: the article's images and the library's, inserted at
    # the cursor (articles/static/articles/admin/body_editor.js).

    def get_urls(self):
        picker = [
            path(
                "choices/", self.admin_site.admin_view(self.choices), name="articles_image_choices"
            ),
            path("attach/", self.admin_site.admin_view(self.attach), name="articles_image_attach"),
        ]
        return picker + super().get_urls()

    def _article_being_edited(self, request, pk):
        """The article whose body the editor is writing, if this user may change it."""
        if not str(pk).isdigit():
            raise Http404
        article = get_object_or_404(Article, pk=pk)
        article_admin = self.admin_site.get_model_admin(Article)
        if not article_admin.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def choices(self, request):
        """JSON: the article's own images, and the library's matching `q` (caption, credit,
        source, as the library's search), each with a thumbnail and what the figure prints."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = self._article_being_edited(request, request.GET.get("article", ""))
        own = list(article.images.all())
        library = Image.objects.exclude(article=article).select_related("article__source")
        query = request.GET.get("q", "").strip()
        if query:
            library, _duplicates = self.get_search_results(request, library, query)
        library = library.exclude(file="").order_by("-id")[:PICKER_RESULTS]
        return JsonResponse(
            {
                "article": [picker_entry(image) for image in own],
                "library": [picker_entry(image) for image in library],
            }
        )

    def attach(self, request):
        """POST `image`, `article`: the library's image added to the article (its file shared),
        answered with the new row's figure."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission_to_article(request):
            raise PermissionDenied
        article = self._article_being_edited(request, request.POST.get("article", ""))
        picked = Image.objects.filter(pk=request.POST.get("image") or 0)
        if not picked.exists():
            raise Http404
        [copy] = picked.reuse_in(article)
        return JsonResponse(picker_entry(copy))

    def has_add_permission_to_article(self, request):
        """Images are never added in the library itself (`has_add_permission`), only to an
        article: the right to add an image is the model permission."""
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")


def picker_entry(image):
    """What the body editor inserts for `image`: its address, alt text and a caption line
    `图说 摄影署名`, with a small rendition to choose it by."""
    return {
        "id": image.pk,
        "src": image.url,
        "thumbnail": image.rendition(THUMBNAIL_WIDTH),
        "alt": image.alt_text or image.caption,
        "caption": " ".join(part for part in (image.caption, image.credit) if part),
    }
