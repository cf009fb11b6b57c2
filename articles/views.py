from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Article, Author, Source


class ArticleListView(ListView):
    paginate_by = 20
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.published().for_detail()


class FilteredArticleListView(ArticleListView):
    """Published articles under one tag, author or source."""

    owner_model = None
    owner_filter = None

    def get_owner(self):
        return get_object_or_404(self.owner_model, slug=self.kwargs["slug"])

    def get_queryset(self):
        self.owner = self.get_owner()
        return super().get_queryset().filter(**{self.owner_filter: self.owner}).distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


class TagDetailView(FilteredArticleListView):
    owner_model = Tag
    owner_filter = "tags"


class AuthorDetailView(FilteredArticleListView):
    owner_model = Author
    owner_filter = "credits__author"


class SourceDetailView(FilteredArticleListView):
    owner_model = Source
    owner_filter = "source"
