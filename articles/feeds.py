"""RSS and Atom feeds, site-wide, per tag, per source and per section, with each article's
full text.

Each article's entry, its RSS `<item>` and its Atom `<entry>`, is written at commit with its
story (`stories.draw()` → `stored_entry()`) and stored; a feed reads its 30 newest entries in
one compiled query and writes the document around them. Through the syndication framework,
item by item (its ~430 attribute lookups, 30 `reverse()` calls and ~1,200 SAX writes), a warm
RSS request took ~7 ms of CPU at 10,000 articles (bench/README.md). An entry is used only while
it is current (`entry_key()`, the article's `updated_at`); otherwise it is drawn now from the
article and its story, and stored for the next reader.
"""

import datetime
import functools
import hashlib
import inspect
import io
import mimetypes
import uuid
from xml.sax.saxutils import escape as escape_xml

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.utils.xmlutils import SimplerXMLGenerator

from . import views
from .compiled import CompiledQuery
from .models import FEED_ENTRY_FIELDS, Article, ArticleStory, Image

FEED_LENGTH = 30
# Where the site's address goes in a stored entry. The XML writer escapes every `<` of the
# text it is given, so it never writes `<>` itself.
ORIGIN = "<>"
# What an entry is written with in place of the site's address, then replaced by `ORIGIN`:
# random, so that no article's text can hold it.
_DRAWN_ORIGIN = f"origin{uuid.uuid4().hex}"


class WrittenAtOnce:
    """A feed written into a string, then into the response in one piece: written into the
    response as it went, an RSS feed of 30 entries made ~1,200 small writes, each encoded
    and wrapped by the response (a fifth of the feed's time at 10,000 articles)."""

    def write(self, outfile, encoding):
        written = io.StringIO()
        super().write(written, encoding)
        outfile.write(written.getvalue().encode(encoding))


class StoredEntries:
    """A feed whose entries are written as they were stored (`entries_xml`, for this
    request's address), their latest date `latest_date`, rather than from items."""

    entries_xml = ""
    latest_date = None

    def write_items(self, handler):
        handler.ignorableWhitespace(self.entries_xml)  # written as it is, unescaped

    def latest_post_date(self):
        return self.latest_date or datetime.datetime.now(tz=datetime.UTC)


class FullContentRssFeed(WrittenAtOnce, Rss201rev2Feed):
    """RSS 2.0 with the whole body in `content:encoded` beside the summary."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class FullContentAtomFeed(WrittenAtOnce, Atom1Feed):
    """Atom with the whole body in `<content type="html">` beside the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class StoredRssFeed(StoredEntries, FullContentRssFeed):
    pass


class StoredAtomFeed(StoredEntries, FullContentAtomFeed):
    pass


# Each stored entry column and the feed type that writes it.
ENTRY_FORMATS = {"rss_item": FullContentRssFeed, "atom_entry": FullContentAtomFeed}


@functools.cache
def entry_key():
    """Which stored entries are current: the site's language and the code that writes an entry
    (Django's feed generator, the feed types and `entry_fields()` here), hashed."""
    parts = (feedgenerator, FullContentRssFeed, FullContentAtomFeed, entry_fields, _enclosures)
    sources = [settings.LANGUAGE_CODE, *(inspect.getsource(part) for part in parts)]
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()[:32]


def entry_fields(entry):
    """What the feed generator's `add_item()` takes of `entry` (`feed_entries()`), its
    addresses starting with `_DRAWN_ORIGIN`: as `Feed.get_feed()` gave it item by item."""
    link = _DRAWN_ORIGIN + iri_to_uri(Article.url_for(entry["pk"], entry["slug"]))
    byline = " ".join(f"{role} {' '.join(names)}" for role, names in entry["byline"])
    return {
        "title": entry["title"],
        "link": link,
        # RSS `<description>` and Atom `<summary type="html">` are HTML to a feed reader: the
        # plain-text summary goes in escaped, or a `<script>` in a lead would run there.
        "description": escape(entry["summary"]),
        "unique_id": link,
        "enclosures": _enclosures(entry["image"]),
        # The database gives its times in UTC: so are they written however they were given.
        "pubdate": _in_utc(entry["date"]),
        "updateddate": _in_utc(entry["updated_at"]),
        "author_name": byline or None,
        "categories": entry["tags"],
        "content": entry["body"],
    }


def _enclosures(image):
    if image is None:
        return []
    file, original_url = image
    storage = Image._meta.get_field("file").storage
    url = iri_to_uri(storage.url(file) if file else original_url)
    if url.startswith("/"):
        url = _DRAWN_ORIGIN + url
    mime_type = mimetypes.guess_type(url)[0] or "image/jpeg"
    # The importer does not record an image's size in bytes; RSS allows 0 when unknown.
    length = storage.size(file) if file else 0
    return [Enclosure(url, str(length), mime_type)]


def _in_utc(moment):
    return moment and moment.astimezone(datetime.UTC)


def entry_xml(feed_type, entry):
    """`entry` (`feed_entries()`) as `feed_type` writes it among a feed's items, with `ORIGIN`
    where the site's address goes."""
    document = feed_type(title="", link="", description="")
    document.add_item(**entry_fields(entry))
    written = io.StringIO()
    document.write_items(SimplerXMLGenerator(written, "utf-8", short_empty_elements=True))
    return written.getvalue().replace(_DRAWN_ORIGIN, ORIGIN)


def stored_entry(entry):
    """The `ArticleStory` fields holding `entry` (`feed_entries()`) in every feed format;
    none when it cannot be drawn now (its picture's file missing: the feed draws it then)."""
    try:
        drawn = {column: entry_xml(kind, entry) for column, kind in ENTRY_FORMATS.items()}
    except OSError:
        return {}
    return {"feed_key": entry_key(), "feed_updated_at": entry["updated_at"], **drawn}


def drawn_entries(ids, stored_ids):
    """`{id: stored_entry()}` of articles `ids`, drawn now; stored for the next reader for
    those of `stored_ids` (the ones with a stored story)."""
    drawn = {
        entry["pk"]: stored_entry(entry)
        for entry in Article.objects.filter(pk__in=ids).feed_entries(len(ids))
    }
    current = [
        ArticleStory(article_id=pk, **fields)
        for pk, fields in drawn.items()
        if pk in stored_ids and fields
    ]
    if current:
        ArticleStory.objects.bulk_update(current, FEED_ENTRY_FIELDS)
    return drawn


class LatestArticlesFeed(Feed):
    feed_type = StoredRssFeed
    entry_column = "rss_item"
    # The list whose articles this feed's entries are (`listed(owner)`).
    list_view = views.ArticleListView
    description = _("最新发布的文章")

    def __call__(self, request, *args, **kwargs):
        owner = self.get_object(request, *args, **kwargs)
        document = self.get_feed(owner, request)
        response = HttpResponse(content_type=document.content_type)
        # So that `ConditionalGetMiddleware` can answer 304 Not Modified.
        response.headers["Last-Modified"] = http_date(document.latest_post_date().timestamp())
        document.write(response, "utf-8")
        return response

    def title(self, obj=None):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj=None):
        return reverse("articles:article_list")

    def subtitle(self, obj=None):
        return self.description

    def items(self, obj=None):
        return ()  # the entries are written as stored (`get_feed()`)

    @classmethod
    @functools.cache
    def compiled_entries(cls):
        return CompiledQuery(
            lambda owner: cls.list_view.listed(owner).values_list(
                *("pk", "reported_at", "published_at", "updated_at", "story__article_id"),
                *("story__feed_key", "story__feed_updated_at", f"story__{cls.entry_column}"),
            )
        )

    def get_feed(self, owner, request):
        """The feed's channel from the syndication framework; its entries as stored, those
        not current drawn now."""
        document = super().get_feed(owner, request)
        rows = self.compiled_entries().rows(self.list_view.key_of(owner), limit=FEED_LENGTH)
        self.check_entries(rows)
        key = entry_key()
        stale = [
            pk
            for pk, _, _, updated_at, _, stored_key, stored_at, xml in rows
            if not xml or stored_key != key or stored_at != updated_at
        ]
        drawn = {}
        if stale:
            stored_ids = {pk for pk, *_, story_id, _, _, _ in rows if story_id is not None}
            drawn = drawn_entries(stale, stored_ids)
        origin = escape_xml(add_domain(get_current_site(request).domain, "", request.is_secure()))
        document.entries_xml = "".join(
            drawn.get(pk, {}).get(self.entry_column, "") if pk in drawn else xml
            for pk, *_, xml in rows
        ).replace(ORIGIN, origin)
        dates = [
            date
            for _, reported_at, published_at, updated_at, *_ in rows
            for date in (updated_at, reported_at or published_at)
            if date
        ]
        document.latest_date = max(dates, default=None)
        return document

    def check_entries(self, rows):
        """Whether a feed with these entries may be shown."""


class AtomEntries:
    """A feed of the same entries in Atom."""

    feed_type = StoredAtomFeed
    entry_column = "atom_entry"


class LatestArticlesAtomFeed(AtomEntries, LatestArticlesFeed):
    pass


class OwnerFeed(LatestArticlesFeed):
    """The latest articles under one tag or source, named by its slug."""

    title_format = None
    url_name = None

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except views.OwnerMoved as moved:  # a subscriber to a merged tag keeps its articles
            return HttpResponsePermanentRedirect(moved.url)

    def get_object(self, request, slug):
        owner = self.list_view.owner_named(slug)
        if owner is None:
            raise self.list_view.moved(slug, self.url_name)
        return owner

    def title(self, owner):
        return self.title_format % {"site": settings.NEWSROOM_SITE_NAME, "name": str(owner)}

    def link(self, owner):
        return reverse(self.owner_url_name, kwargs={"slug": owner.slug})

    def check_entries(self, rows):
        if not rows:  # like its page, unknown until its first article is published
            raise views.nothing_published_yet()


class TagFeed(OwnerFeed):
    list_view = views.TagDetailView
    owner_url_name = "articles:tag_detail"
    url_name = "articles:tag_feed_rss"
    title_format = _("%(site)s · 标签：%(name)s")


class TagAtomFeed(AtomEntries, TagFeed):
    url_name = "articles:tag_feed_atom"


class SourceFeed(OwnerFeed):
    list_view = views.SourceDetailView
    owner_url_name = "articles:source_detail"
    url_name = "articles:source_feed_rss"
    title_format = _("%(site)s · 来源：%(name)s")


class SourceAtomFeed(AtomEntries, SourceFeed):
    url_name = "articles:source_feed_atom"


class SectionFeed(OwnerFeed):
    list_view = views.SectionDetailView
    owner_url_name = "articles:section_detail"
    title_format = _("%(site)s · 栏目：%(name)s")

    def get_object(self, request, name):
        return name

    def link(self, name):
        return reverse(self.owner_url_name, kwargs={"name": name})


class SectionAtomFeed(AtomEntries, SectionFeed):
    pass
