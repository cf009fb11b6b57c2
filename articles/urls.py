from django.urls import path, re_path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("authors/<str:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("sources/<str:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("section/<str:name>/", views.SectionDetailView.as_view(), name="section_detail"),
    path("subscribe/", views.SubscribeView.as_view(), name="subscribe"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.YearArchiveView.as_view(), name="archive_year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.MonthArchiveView.as_view(),
        name="archive_month",
    ),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("tags/<str:slug>/rss/", feeds.TagFeed(), name="tag_feed_rss"),
    path("tags/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("sources/<str:slug>/rss/", feeds.SourceFeed(), name="source_feed_rss"),
    path("sources/<str:slug>/atom/", feeds.SourceAtomFeed(), name="source_feed_atom"),
    path("section/<str:name>/rss/", feeds.SectionFeed(), name="section_feed_rss"),
    path("section/<str:name>/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    # Browsers ask for /favicon.ico whatever the page links (feed readers, bookmarks).
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
]
