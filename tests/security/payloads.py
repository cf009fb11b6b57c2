"""What a browser (or a feed reader) would execute in a page: found with lxml, never by regex
over the markup, so that entity-encoded and malformed tags are read as a browser reads them."""

import json
import re

import lxml.etree
import lxml.html

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "background", "data", "cite", "srcset",
    "ping", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "srcdoc", "xlink:href",
}  # fmt: skip
EXECUTING_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
SCRIPTING_URL = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
# Browsers drop ASCII whitespace and controls inside a URL's scheme: `java\tscript:` runs.
URL_NOISE = re.compile(r"[\x00-\x20]")
STYLE_SCRIPT = re.compile(r"expression\s*\(|javascript:|vbscript:|@import|behavior\s*:", re.I)
# The site's own scripts: static files and the admin's translation catalogue, never inline.
OWN_SCRIPT_PREFIXES = ("/static/", "/admin/jsi18n/")
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# OpenGraph and Twitter card tags whose `content` is an address a crawler or a page follows.
URL_META_PROPERTIES = {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"}


def findings_in_html(markup, where):
    """["where: what"] for each thing in `markup` (a page or a fragment) that could execute."""
    if not markup or not markup.strip():
        return []
    if not re.match(r"\s*(<!doctype|<html)", markup, re.I):
        markup = f"<html><body>{markup}</body></html>"  # a feed's HTML slot
    root = lxml.html.document_fromstring(markup)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions are inert
        tag = element.tag.rpartition("}")[2].lower()  # `scr<script` is a name too, as in browsers
        found += [f"{where}: {problem}" for problem in _element_problems(tag, element)]
    return found


def _element_problems(tag, element):
    if tag == "script":
        yield from _script_problems(element)
    if tag in EXECUTING_ELEMENTS:
        yield f"<{tag}> element {_describe(element)}"
    if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
        yield f"<meta http-equiv=refresh> {_describe(element)}"
    meta_property = element.get("property") or element.get("name") or ""
    meta_url = URL_NOISE.sub("", element.get("content") or "")
    if tag == "meta" and meta_property in URL_META_PROPERTIES and SCRIPTING_URL.match(meta_url):
        yield f"<meta> scripting URL {_describe(element)}"
    if tag == "style" and STYLE_SCRIPT.search(element.text or ""):
        yield f"<style> with script: {element.text[:80]!r}"
    for name, value in element.attrib.items():
        attribute = _attribute_name(name, element)
        if attribute.startswith("on"):
            yield f"<{tag} {attribute}={value[:60]!r}> event handler"
        elif attribute in URL_ATTRIBUTES and SCRIPTING_URL.match(URL_NOISE.sub("", value)):
            yield f"<{tag} {attribute}={value[:60]!r}> scripting URL"
        elif attribute == "style" and STYLE_SCRIPT.search(value):
            yield f"<{tag} style={value[:60]!r}> script in a style"


def _attribute_name(name, element):
    if name.startswith("{"):
        namespace, local = name[1:].split("}")
        return f"xlink:{local}" if namespace.endswith("xlink") else local.lower()
    return name.lower()


def _script_problems(script):
    kind = (script.get("type") or "").strip().lower()
    source = script.get("src") or ""
    text = script.text or ""
    if kind in DATA_SCRIPT_TYPES and not source:
        try:
            data = json.loads(text)
        except ValueError:
            yield f"{kind} that is no JSON (broken out of?): {text[:80]!r}"
            return
        if kind == "application/ld+json":
            yield from json_ld_problems(data)
        return
    if source.startswith(OWN_SCRIPT_PREFIXES) and not text.strip():
        return
    if kind == "importmap" and _maps_only_own_modules(text):
        return  # the rich-text editor's module map: names to the site's own static files
    yield f"<script> {_describe(script)} {text[:80]!r}"


def _maps_only_own_modules(text):
    try:
        imports = json.loads(text).get("imports", {})
    except (ValueError, AttributeError):
        return False
    return all(str(address).startswith(OWN_SCRIPT_PREFIXES) for address in imports.values())


def json_ld_problems(data):
    """A scripting URL anywhere in a JSON-LD document (its `url`, `image`, `isBasedOn` …)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from json_ld_problems(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_ld_problems(value)
    elif isinstance(data, str) and SCRIPTING_URL.match(URL_NOISE.sub("", data)):
        yield f"JSON-LD scripting URL {data[:60]!r}"


def _describe(element):
    return " ".join(f"{name}={value[:60]!r}" for name, value in element.attrib.items())


def findings_in_feed(xml, where):
    """The HTML slots of an RSS or Atom feed read as a feed reader reads them, and its links."""
    root = lxml.etree.fromstring(xml)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = lxml.etree.QName(element).localname
        html_slot = name in {"description", "encoded"} or (
            name in {"summary", "content"} and element.get("type") == "html"
        )
        if html_slot:
            found += findings_in_html(element.text, f"{where} <{name}>")
        for attribute in ("href", "url"):
            value = element.get(attribute) or ""
            if SCRIPTING_URL.match(URL_NOISE.sub("", value)):
                found.append(f"{where} <{name} {attribute}={value[:60]!r}>")
        if name in {"link", "loc", "guid", "id"} and SCRIPTING_URL.match(
            URL_NOISE.sub("", element.text or "")
        ):
            found.append(f"{where} <{name}>{element.text[:60]!r}")
    return found
