from django.contrib import admin

from .models import Article, ArticleAuthor, Author, Image, ImportedFile, Source


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    extra = 0


class ImageInline(admin.StackedInline):
    model = Image
    autocomplete_fields = ["credit_author"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "reported_at", "status", "published_at"]
    list_filter = ["status", "source"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["source", "via"]
    inlines = [ArticleAuthorInline, ImageInline]
    readonly_fields = ["original_text", "imported_file", "position", "import_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url"]
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(ImportedFile)
class ImportedFileAdmin(admin.ModelAdmin):
    list_display = ["name", "format", "encoding", "imported_at", "outcome"]
    readonly_fields = [field.name for field in ImportedFile._meta.fields]
