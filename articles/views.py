"""The public reader site: thin views over `Article.objects.published()`."""

import functools
from functools import partial
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, RedirectView, TemplateView
from django.views.generic.dates import MonthArchiveView as BaseMonthArchiveView
from django.views.generic.dates import YearArchiveView as BaseYearArchiveView
from taggit.models import Tag

from . import cards, search, sections, stories
from .compiled import CompiledQuery, columns_of
from .models import Article, Author, Source, TagRedirect, role_labels
from .pagination import DeferredJoinPaginator, SearchPaginator, StoredCardPaginator, kept_count
from .related import RELATED_SHOWN
from .search.text import MAX_QUERY_LENGTH, query_terms
from .services.duplicates import merged_original

ARTICLES_PER_PAGE = 20
# A list's count is kept this long (at 100,000 articles counting the home page took 25 ms, a
# third of its SQL); articles published meanwhile are listed, only the number of pages lags.
LIST_COUNT_SECONDS = 60
# A search's count is kept this long: counting the matches of a common word costs more than
# finding its first page. New matches are found meanwhile, newest first; the count and the
# end of the list lag.
SEARCH_COUNT_SECONDS = 5 * 60


class PublicCacheMixin:
    """Reader pages a CDN may keep for `NEWSROOM_PUBLIC_MAX_AGE` seconds, when set."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if settings.NEWSROOM_PUBLIC_MAX_AGE and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.NEWSROOM_PUBLIC_MAX_AGE)
        return response


class DeferredJoinPaginationMixin:
    """Deep pages find their ids over an index (see `DeferredJoinPaginator`) with the
    page's stored cards (see `articles.cards`), in the site's language; in another, the
    cards are drawn from the articles and their relations."""

    paginate_by = ARTICLES_PER_PAGE

    def load_page(self, ids):
        return Article.objects.filter(pk__in=ids).for_listing()

    def articles(self, queryset):
        """The list as a queryset, for the ORM to count and to page in another language."""
        return queryset

    def stored_cards(self, queryset):
        """How the list's stored cards are read: here by the ORM, from `queryset`."""
        return cards.QuerysetCards(queryset)

    def get_paginator(self, queryset, per_page, **kwargs):
        count = partial(
            kept_count,
            "list",
            self.request.path,
            lambda: self.articles(queryset).count(),
            LIST_COUNT_SECONDS,
        )
        if not cards.in_site_language():
            return DeferredJoinPaginator(
                self.articles(queryset), per_page, load=self.load_page, count=count, **kwargs
            )
        return StoredCardPaginator(
            queryset,
            per_page,
            cards=self.stored_cards(queryset),
            complete=cards.completed,
            count=count,
            **kwargs,
        )


class PublishedArticleListView(PublicCacheMixin, DeferredJoinPaginationMixin, ListView):
    """Published articles, newest first, a page of cards at a time."""

    template_name = "articles/home.html"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published().newest_first())

    def filter_articles(self, articles):
        return articles


class CompiledListMixin:
    """A list of published articles read by queries compiled once per process and list
    (`cards.CompiledCards`), its owner bound at each request (`owner_key()`).

    The list is `listed(owner)`: the published articles `owned()` by the owner (the home
    page: none, all of them). Building its queryset took ~40 % of a warm home page once the
    queries were compiled, so it is built only when the ORM reads the list: to count it
    (once per `LIST_COUNT_SECONDS`) and to page it in another language."""

    @staticmethod
    def owned(articles, owner):
        """Those of `articles` listed under `owner`: a tag's, author's or source's id, a
        section's name, or None, or a `compiled.Slot` standing for one."""
        return articles

    @classmethod
    def listed(cls, owner):
        return cls.owned(Article.objects.published().newest_first(), owner)

    # Whether every owner's list is best read one way, along one index in the list's order
    # (`CompiledQuery`'s `generic_plan`).
    generic_plan = False

    @classmethod
    @functools.cache
    def compiled_cards(cls):
        return cards.CompiledCards(cls.listed, generic_plan=cls.generic_plan)

    owner = None  # the home page's list has none

    @staticmethod
    def key_of(owner):
        """What `owned()` takes for `owner` (a list page's, or a feed's of the same list)."""
        return None

    def owner_key(self):
        return self.key_of(self.owner)

    def get_queryset(self):
        return None

    def articles(self, queryset):
        return self.listed(self.owner_key())

    def stored_cards(self, queryset):
        return self.compiled_cards().of(self.owner_key())


class PinnedArticleMixin:
    """A list page whose first page opens with the article the desk pinned there, if any:
    the newest pinned as `pin` of the list's `owned()` articles, by a compiled query."""

    pin = None

    @classmethod
    @functools.cache
    def compiled_pinned(cls):
        return CompiledQuery(
            lambda owner: cls.owned(Article.objects.published(), owner).pinned_newest(cls.pin)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            found = self.compiled_pinned().instances(self.owner_key(), limit=1)
            context["pinned"] = found[0] if found else None
        return context


class ArticleListView(PinnedArticleMixin, CompiledListMixin, PublishedArticleListView):
    """The home page: the 头条 the desk pinned, then the latest published articles."""

    pin = Article.Pin.HEADLINE
    generic_plan = True  # one list, along `article_status_pub_id_idx`


class ArticleDetailView(PublicCacheMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    @staticmethod
    @functools.cache
    def compiled_article():
        return CompiledQuery(
            lambda pk: Article.objects.published(republications=True).filter(pk=pk).with_story()
        )

    def get_object(self, queryset=None):
        """The article with its story, by a compiled query, or `OwnerMoved` to the original an
        editor merged it into."""
        found = self.compiled_article().instances(self.kwargs["pk"], limit=1)
        if found:
            return found[0]
        original = merged_original(self.kwargs["pk"])
        if original is None:
            raise Http404(_("没有找到这篇文章。"))
        raise OwnerMoved(original.get_absolute_url())

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except OwnerMoved as moved:
            return HttpResponsePermanentRedirect(moved.url)
        if self.kwargs["slug"] != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        last_modified = max(self.object.updated_at, self.object.published_at).timestamp()
        not_modified = get_conditional_response(request, last_modified=int(last_modified))
        if not_modified is not None:
            return not_modified
        stories.attach(self.object)
        response = self.render_to_response(self.get_context_data(object=self.object))
        response.headers["Last-Modified"] = http_date(last_modified)
        return response

    @staticmethod
    @functools.cache
    def compiled_related():
        return CompiledQuery(
            lambda article: (
                Article.objects.published()
                .listed_as_related_to(article)
                .values_list("pk", "line_html", "line_source_id", "source_id")
            )
        )

    def related_lines(self):
        """The lines of the related articles ranked at the article's last write that are
        still published (`articles.related`): one withdrawn since leaves the list at once."""
        rows = self.compiled_related().rows(self.object.pk, limit=RELATED_SHOWN)
        return stories.related_lines(rows)

    def get_context_data(self, **kwargs):
        return super().get_context_data(related_lines=self.related_lines(), **kwargs)


def nothing_published_yet():
    """The 404 of a list or feed with no published article: a name known only from embargoed
    or draft work is not revealed."""
    return Http404(_("这里还没有发布的文章。"))


class OwnerMoved(Exception):
    """Raised by `get_owner()` when the slug now belongs elsewhere, e.g. a merged tag."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


class OwnerArticleListView(CompiledListMixin, PublishedArticleListView):
    """Published articles under one tag, author or source, named by its slug."""

    owner_model = None
    owner_context_name = None

    def get(self, request, *args, **kwargs):
        try:
            self.owner  # noqa: B018 (found, or moved, before anything is listed)
        except OwnerMoved as moved:
            return HttpResponsePermanentRedirect(moved.url)
        return super().get(request, *args, **kwargs)

    @classmethod
    @functools.cache
    def compiled_owner(cls):
        columns = columns_of(cls.owner_model)
        return CompiledQuery(
            lambda slug: cls.owner_model.objects.filter(slug=slug).values_list(*columns)
        )

    @classmethod
    def owner_named(cls, slug):
        """The `owner_model` row with this slug, or None, by a compiled query."""
        found = cls.compiled_owner().instances(slug, limit=1)
        return found[0] if found else None

    def get_owner(self):
        owner = self.owner_named(self.kwargs["slug"])
        if owner is None:
            raise Http404
        return owner

    @cached_property
    def owner(self):
        return self.get_owner()

    @staticmethod
    def key_of(owner):
        return owner.pk

    @staticmethod
    def moved(slug, url_name):
        """What to raise for a slug no owner has: a 404, unless the owner's slug changed."""
        return Http404

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        if paginated[0].count == 0:
            raise nothing_published_yet()
        return paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{self.owner_context_name: self.owner}, **kwargs)


class TagDetailView(OwnerArticleListView):
    template_name = "articles/tag_detail.html"
    owner_model = Tag
    owner_context_name = "tag"

    def get_tag(self):
        """The tag named in the URL, or `OwnerMoved` to the tag a merge or rename gave its slug."""
        slug = self.kwargs["slug"]
        tag = self.owner_named(slug)
        if tag is not None:
            return tag
        raise self.moved(slug, "articles:tag_detail")

    @staticmethod
    def moved(slug, url_name):
        """`OwnerMoved` to the `url_name` page of the tag a merge or rename gave `slug`; a 404
        when no tag ever had it."""
        moved = TagRedirect.objects.select_related("tag").filter(old_slug=slug).first()
        if moved is None:
            return Http404(_("没有这个标签。"))
        return OwnerMoved(reverse(url_name, kwargs={"slug": moved.tag.slug}))

    def get_owner(self):
        return self.get_tag()

    @staticmethod
    def owned(articles, tag):
        return articles.filter(tags=tag)


class AuthorDetailView(OwnerArticleListView):
    template_name = "articles/author_detail.html"
    owner_model = Author
    owner_context_name = "author"

    @staticmethod
    def owned(articles, author):
        return articles.credited_to(author)

    @classmethod
    @functools.cache
    def compiled_roles(cls):
        return CompiledQuery(lambda author: Article.objects.published().roles_held_by(author))

    def get_context_data(self, **kwargs):
        held = [role for (role,) in self.compiled_roles().rows(self.owner.pk)]
        return super().get_context_data(roles=tuple(role_labels(held)), **kwargs)


class SourceDetailView(OwnerArticleListView):
    template_name = "articles/source_detail.html"
    owner_model = Source
    owner_context_name = "source"

    @staticmethod
    def owned(articles, source):
        return articles.from_source(source)


class SectionDetailView(PinnedArticleMixin, OwnerArticleListView):
    """A section (栏目): its pinned article, then its published articles, newest first."""

    template_name = "articles/section_detail.html"
    owner_context_name = "section"
    pin = Article.Pin.SECTION
    generic_plan = True  # each section's list along `article_section_pub_idx`

    def get_owner(self):
        return self.kwargs["name"]

    @staticmethod
    def key_of(name):
        return name

    @staticmethod
    def owned(articles, name):
        return articles.in_section(name)


class SubscribeView(PublicCacheMixin, TemplateView):
    """订阅: what the feeds are, their addresses, how to add one to a feed reader."""

    template_name = "articles/subscribe.html"

    # How the address of one tag's, source's or section's feed is written.
    ADDRESS_PATTERNS = [
        (_("标签"), "articles:tag_feed_rss", {"slug": _("标签名")}),
        (_("来源"), "articles:source_feed_rss", {"slug": _("来源名")}),
        (_("栏目"), "articles:section_feed_rss", {"name": _("栏目名")}),
    ]

    def get_context_data(self, **kwargs):
        patterns = [
            (kind, unquote(self.request.build_absolute_uri(reverse(name, kwargs=placeholder))))
            for kind, name, placeholder in self.ADDRESS_PATTERNS
        ]
        return super().get_context_data(
            sections=sections.navigation(), address_patterns=patterns, **kwargs
        )


SEARCH_PAGES = search.CompiledSearch(lambda: Article.objects.published())


class SearchView(PublishedArticleListView):
    """Results highlight the query in every card: stored with marks for the highlights."""

    template_name = "articles/search.html"

    @cached_property
    def query(self):
        return self.request.GET.get("q", "").strip()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The published articles' queryset is built only to count, once per kept count.
        return SearchPaginator(
            queryset,
            per_page,
            load=self.load_page,
            count=lambda: kept_count(
                "search-found",
                " ".join(query_terms(self.query)),
                lambda: Article.objects.published().search_count(self.query),
                SEARCH_COUNT_SECONDS,
            ),
            ids=partial(SEARCH_PAGES.ids, query_terms(self.query)),
            **kwargs,
        )

    def get_queryset(self):
        # The pages are found by `SEARCH_PAGES` and counted by `search_count()`: building the
        # `search()` queryset here, never read, cost ~10 % of a warm request.
        return Article.objects.none()

    def load_page(self, ids):
        """The results drawn from their stored cards (`cards.search_results`), in the site's
        language; in another, from the articles and their relations."""
        if not cards.in_site_language():
            return super().load_page(ids)
        return cards.search_results(ids, query_terms(self.query))

    def get_context_data(self, **kwargs):
        if not self.query:
            problem = None
        elif len(self.query) > MAX_QUERY_LENGTH:
            problem = _("搜索词太长了，请不要超过 %(limit)d 个字。") % {"limit": MAX_QUERY_LENGTH}
        elif not query_terms(self.query):
            problem = _("请输入要搜索的汉字、字母或数字。")
        else:
            problem = None
        return super().get_context_data(
            query=self.query, terms=query_terms(self.query), problem=problem, **kwargs
        )


class ArchiveIndexView(PublicCacheMixin, TemplateView):
    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            months=Article.objects.published().dated().count_by_month(), **kwargs
        )


class DatedArchiveMixin(PublicCacheMixin, DeferredJoinPaginationMixin):
    """Published articles by their original date, which must be known."""

    date_field = "reported_at"
    ordering = ["-reported_at", "-id"]
    template_name = "articles/archive_period.html"

    def get_queryset(self):
        return Article.objects.published().dated()


class YearArchiveView(DatedArchiveMixin, BaseYearArchiveView):
    make_object_list = True


class MonthArchiveView(DatedArchiveMixin, BaseMonthArchiveView):
    month_format = "%m"


class FaviconView(RedirectView):
    """`/favicon.ico`, asked for by browsers and feed readers that do not read the page's
    `<link rel="icon">`: the site's SVG icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
