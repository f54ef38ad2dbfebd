"""What editors write, made safe for a public page: Markdown bodies rendered and sanitised, URLs judged
as a browser reads them (third-party hosts dropped: the site makes no request elsewhere).
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

__all__ = ["render_markdown", "local_images", "browser_url", "third_party"]


_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "del",
    "img",
}


def render_markdown(text: str) -> Markup:
    """An entry body as safe HTML: Markdown rendered, raw HTML refused, headings moved below the page's own.

    >>> str(render_markdown("# Doel\\n<script>x</script> *ja* [a](javascript:alert(1))"))
    '<h3>Doel</h3>\\n<p>&lt;script&gt;x&lt;/script&gt; <em>ja</em> [a](javascript:alert(1))</p>'
    """
    rendered = _md.render(text)
    rendered = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(6, max(3, int(m[2]) + 1))}>", rendered)
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=local_images,
    )
    # No blank lines: the block must stay one raw-HTML block inside the Markdown page.
    return Markup(re.sub(r"\n\s*\n", "\n", clean).strip())


def local_images(element: str, attribute: str, value: str) -> str | None:
    """An ``nh3`` attribute filter: images only from the site itself.

    An image from another host would be a request to a third party from every
    visitor's browser; the ``img`` keeps its ``alt`` text, without a source.

    >>> local_images("img", "src", "https://tracker.example/p.png") is None
    True
    >>> local_images("img", "src", "../kaart.png")
    '../kaart.png'
    """
    if element == "img" and attribute == "src" and third_party(value):
        return None
    return value


_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_EDGES = "".join(map(chr, range(0x21)))  # C0 controls and the space
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")


def browser_url(value: str) -> str:
    r"""A URL as a browser's URL parser reads it (WHATWG URL): C0 controls and spaces stripped at both
    ends, tab, CR and LF removed anywhere, and a backslash read as a slash (as in http(s) URLs).

    >>> browser_url(" /\t/host/x.png\x01"), browser_url("https\n://host"), browser_url("/\\\\host")
    ('//host/x.png', 'https://host', '///host')
    """
    return value.strip(_EDGES).translate(_TAB_OR_NEWLINE).replace("\\", "/")


def third_party(url: str) -> bool:
    r"""Whether ``url``, read as a browser reads it, names another host (``//host``) or has a scheme
    (``https:``, ``data:``): anything that is not a path on this site. The one judge of image sources,
    in entry bodies and editorial pages alike.

    >>> third_party("/\t/tracker.example/p.png"), third_party("\\\\tracker.example"), third_party("../kaart.png")
    (True, True, False)
    """
    plain = browser_url(url)
    return plain.startswith("//") or _SCHEME.match(plain) is not None
