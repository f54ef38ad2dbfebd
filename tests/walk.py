"""Walking a built site: its pages, the type of each page, its internal links, and visiting pages in Chromium.

Page types are read from the built site, not listed by hand, so pages that are
added later are checked too.
"""

from __future__ import annotations

import html.parser
import posixpath
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

READY = '.gp-graph[data-state="ready"], .gp-graph[data-state="error"]'


def html_pages(site: Path) -> list[str]:
    """The URL (relative to the site root) of every HTML page, sorted: ``""``, ``themas/``, ``404.html``."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def page_type(url: str) -> str:
    """``""`` is home; an overview is its section (``themas/``); a page below it is ``themas/*``."""
    parts = [p for p in url.split("/") if p]
    if not parts:
        return "home"
    if len(parts) == 1:
        return parts[0]
    return parts[0] + "/*"


def pages_by_type(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for url in html_pages(site):
        found[page_type(url)].append(url)
    return dict(found)


class _Parsed(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (attribute, value)

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") or (name == "data-graph"):
                self.refs.append((name, value))


def _parse(path: Path) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parsed


def broken_links(site: Path) -> tuple[int, list[str]]:
    """Every internal ``href``, ``src`` and ``data-graph`` of every page, resolved: (links checked, broken ones).

    A link is broken when its file does not exist or its ``#fragment`` names no id on the target page.
    Links to other hosts, ``mailto:`` and the like are not followed (the site must not load them anyway).
    """
    parsed: dict[Path, _Parsed] = {}

    def page(path: Path) -> _Parsed:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    checked, broken = 0, []
    for path in sorted(site.rglob("*.html")):
        here = path.relative_to(site).as_posix()
        for attr, value in page(path).refs:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("//"):
                continue
            checked += 1
            if not parts.path:
                target = path
            else:
                # Root-relative links (the 404 page has them) resolve against the site's root.
                base = "" if parts.path.startswith("/") else posixpath.dirname(here)
                joined = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
                if joined.startswith("../") or joined == "..":
                    broken.append(f"{here}: {value} (buiten de site)")
                    continue
                target = site / joined
                if target.is_dir() or parts.path.endswith("/"):
                    target = target / "index.html"
            if not target.is_file():
                broken.append(f"{here}: {attr}={value}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
                broken.append(f"{here}: {attr}={value} (geen id '{parts.fragment}')")
    return checked, broken


def visit(page, url: str) -> None:
    """Open ``url`` and wait until its graphs (if any) are drawn or have given up."""
    page.goto(url, wait_until="load")
    graphs = page.locator(".gp-graph").count()
    if graphs:
        page.wait_for_function(f"document.querySelectorAll('{READY}').length === {graphs}", timeout=15_000)
