from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("authors/<str:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("sources/<str:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
]
