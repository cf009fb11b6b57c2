"""The article page's pictures at their place in the body, in sizes.

An editor inserts a picture into the body as `<figure><img src="/media/images/…"><figcaption>…`
(or the importer keeps it where the story printed it): that `<img>` is one of the article's
images, found by its address, and is drawn as its `<picture>` of renditions where it stands.
An `<img>` that is none of the article's images (a hot-link left in an old body) is left out.
The article's images the body does not show come as before: the first above the body, the
others after it.
"""

from dataclasses import dataclass

import lxml.html
from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.models import is_http_url

register = template.Library()

PICTURE_TEMPLATE = "includes/picture.html"


@dataclass(frozen=True)
class StoryLayout:
    body: SafeString
    lead_image: object  # the `Image` shown above the body, or None
    gallery: list  # the `Image`s shown after it


@register.simple_tag
def story_layout(article):
    """The body with its pictures drawn in place, and the article's images it does not show
    (`article.images` prefetched)."""
    images = list(article.images.all())
    body, placed = _with_pictures(article, images)
    unplaced = [image for image in images if image.pk not in placed]
    if placed or not unplaced:
        return StoryLayout(body=body, lead_image=None, gallery=unplaced)
    return StoryLayout(body=body, lead_image=unplaced[0], gallery=unplaced[1:])


def _with_pictures(article, images):
    """(body HTML, pks of the images drawn in it). The body was sanitised when it was saved."""
    if "<img" not in article.body or not images:
        return mark_safe(article.body), set()
    by_address = {}
    for image in images:
        for address in (image.url, image.original_url if is_http_url(image.original_url) else ""):
            if address:
                by_address.setdefault(address, image)
    fragment = lxml.html.fragment_fromstring(article.body, create_parent="div")
    placed = set()
    for img in list(fragment.iter("img")):
        image = by_address.get(img.get("src", ""))
        if image is None:  # a picture the article does not hold: a stray hot-link
            _leave_out(img)
            continue
        markup = render_to_string(PICTURE_TEMPLATE, {"image": image, "article": article})
        [picture] = lxml.html.fragments_fromstring(markup.strip())  # `image.url` is never empty
        picture.tail = img.tail
        img.getparent().replace(img, picture)
        figure = next(picture.iterancestors("figure"), None)
        if figure is not None and not figure.get("class"):
            figure.set("class", "figure")
        placed.add(image.pk)
    html = (fragment.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in fragment
    )
    return mark_safe(html), placed


def _leave_out(img):
    """The `<img>` left out with its `<figure>` (caption and all) and a paragraph it leaves empty."""
    element = next(img.iterancestors("figure"), img)
    parent = element.getparent()
    element.drop_tree()
    if (
        parent is not None
        and parent.tag == "p"
        and not len(parent)
        and not parent.text_content().strip()
    ):
        parent.drop_tree()
