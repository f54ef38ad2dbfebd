"""Rendering: the perspective and its analyses become a docs tree (path -> Markdown or bytes).

Engine-free: the MkDocs adapter (``plugin.py``) hands this tree to MkDocs; another
engine would get the same tree. Every page is Markdown with fixed Dutch headings
and blocks of HTML produced by autoescaping jinja2 templates: what editors wrote is
escaped, and their Markdown bodies are rendered and sanitised here.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any, Callable, Iterable

import jinja2
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from . import analysis, network
from .model import COMPONENTS, SOORTEN, STATUSES, TAFEL_SOORTEN, VARIANTS
from .perspective import Perspective, node

__all__ = ["Settings", "docs_tree", "render_markdown", "ASSETS", "SECTIONS"]

ASSETS = "assets/groei"
# Symbols shown beside each variant: colour is never the only signal.
VARIANT_SYMBOLS = {"volledig": "●", "solidariteit": "€", "instap": "↗", "geen": "–", None: "?"}
NO_CHOICE = "Nog geen keuze"
# The overview pages and their place in the navigation.
SECTIONS: list[tuple[str, str]] = [
    ("themas/index.md", "Thema's"),
    ("opgaven/index.md", "Opgaven"),
    ("projecten/index.md", "Projecten"),
    ("organisaties/index.md", "Organisaties"),
    ("wie-doet-waar-mee/index.md", "Wie doet waar mee"),
    ("samenhang/index.md", "Samenhang"),
]
PAGE_SIZE = 100  # rows per page of long overviews, so no page grows with the region
LIST_LIMIT = 50  # items in a list on an entity page before it refers to the full overview


@dataclass
class Settings:
    """What the renderer needs from the site configuration."""

    site_name: str = "Groeiperspectief"
    directory_urls: bool = True
    intro: str = ""
    """Markdown of the editorial home page (``content/index.md``), shown above the generated parts."""
    edit_url: str | None = None
    """Base URL to edit source files (e.g. ``https://github.com/o/r/edit/main/``); enables "Wijzig deze pagina"."""
    extra: dict[str, Any] = field(default_factory=dict)


# --- Markdown bodies -------------------------------------------------------------------------

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i", "li",
                 "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul", "del", "img"}


def render_markdown(text: str) -> Markup:
    """An entry body as safe HTML: Markdown rendered, raw HTML refused, headings moved below the page's own.

    >>> str(render_markdown("# Doel\\n<script>x</script> *ja* [a](javascript:alert(1))"))
    '<h3>Doel</h3>\\n<p>&lt;script&gt;x&lt;/script&gt; <em>ja</em> <a rel="noopener noreferrer">a</a></p>'
    """
    rendered = _md.render(text)
    rendered = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(6, max(3, int(m[2]) + 1))}>", rendered)
    clean = nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes={"a": {"href", "title"}, "img": {"src", "alt", "title"},
                                                                    "th": {"align"}, "td": {"align"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    # No blank lines: the block must stay one raw-HTML block inside the Markdown page.
    return Markup(re.sub(r"\n\s*\n", "\n", clean).strip())


# --- URLs ------------------------------------------------------------------------------------

def page_path(kind: str, id_: str) -> str:
    """The docs-tree path of an entry's page."""
    section = {"thema": "themas", "opgave": "opgaven", "project": "projecten", "organisatie": "organisaties"}[kind]
    return f"{section}/{id_}.md"


class Urls:
    """Turns docs-tree paths into URLs and relative links, as MkDocs will write them."""

    def __init__(self, directory_urls: bool) -> None:
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        base = src[:-3]
        if base == "index":
            return ""
        if base.endswith("/index"):
            return base[:-5]
        return f"{base}/" if self.directory_urls else f"{base}.html"

    def relative(self, from_src: str, target_url: str) -> str:
        """``target_url`` (relative to the site root, maybe with a #fragment) as seen from page ``from_src``.

        >>> Urls(True).relative("projecten/x.md", "opgaven/y/#a")
        '../../opgaven/y/#a'
        >>> Urls(True).relative("index.md", "")
        './'
        """
        page_url = self.url(from_src)
        page_dir = page_url[:-1] if page_url.endswith("/") else posixpath.dirname(page_url)
        path, _, fragment = target_url.partition("#")
        rel = posixpath.relpath(path or ".", page_dir or ".")
        if path.endswith("/") or not path:
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{fragment}" if fragment else "")


# --- the renderer ----------------------------------------------------------------------------

@dataclass
class Page:
    src: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    search: bool = True


class Renderer:
    """Renders every page and graph of one perspective."""

    def __init__(self, p: Perspective, settings: Settings) -> None:
        self.p = p
        self.settings = settings
        self.urls = Urls(settings.directory_urls)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(resources.files("groeiperspectief") / "templates" / "pages")),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["count"] = _count
        self.env.tests["in_theme"] = lambda pid, tid: tid in p.project_themes(pid)
        self.env.tests["contains"] = lambda seq, item: item in seq
        self.env.globals.update(
            p=self.p, a=analysis, VARIANTS=VARIANTS, STATUSES=STATUSES, SOORTEN=SOORTEN, COMPONENTS=COMPONENTS,
            TAFEL_SOORTEN=TAFEL_SOORTEN, SYMBOLS=VARIANT_SYMBOLS, NO_CHOICE=NO_CHOICE, LIST_LIMIT=LIST_LIMIT,
            node=node, settings=settings, body=lambda e: render_markdown(e.body),
        )

    # -- helpers bound to the page being rendered

    def _helpers(self, src: str) -> dict[str, Callable[..., Any]]:
        def href(target_url: str) -> str:
            return self.urls.relative(src, target_url)

        def page_href(target_src: str) -> str:
            return href(self.urls.url(target_src))

        def url_of(kind: str, id_: str) -> str:
            return page_href(page_path(kind, id_))

        def link(kind: str, id_: str, label: str | None = None) -> Markup:
            entry = {"thema": self.p.themas, "opgave": self.p.opgaven, "project": self.p.projecten,
                     "organisatie": self.p.organisaties}[kind][id_]
            text = label or getattr(entry, "titel", None) or entry.naam
            return Markup('<a href="{}">{}</a>').format(url_of(kind, id_), text)

        def theme_chip(tid: str) -> Markup:
            return Markup('<a class="gp-chip" href="{}"><span class="gp-chip__dot" style="background:{}" aria-hidden="true"></span>{}</a>').format(
                url_of("thema", tid), self.p.color(tid), self.p.themas[tid].titel)

        def figure(name: str, caption: str, height: int = 520) -> Markup:
            return Markup(
                '<figure class="gp-graph" data-graph="{}" data-root="{}" data-height="{}">'
                "<figcaption>{} De figuur is interactief; dezelfde informatie staat als tekst op deze pagina.</figcaption></figure>"
            ).format(href(f"{ASSETS}/graphs/{name}.json"), href(""), height, caption)

        def edit_link(path: str) -> Markup:
            if not self.settings.edit_url:
                return Markup("")
            return Markup('<p class="gp-edit"><a href="{}" rel="noopener">Wijzig deze pagina</a> (bron: <code>{}</code>)</p>').format(
                self.settings.edit_url.rstrip("/") + "/" + path, path)

        return {"href": href, "page_href": page_href, "url_of": url_of, "link": link, "theme_chip": theme_chip, "figure": figure,
                "edit_link": edit_link, "variant_badge": variant_badge, "status_badge": status_badge}

    def render(self, page: Page) -> str:
        template = self.env.get_template(page.template)
        body = template.render(**page.context, **self._helpers(page.src), page_src=page.src)
        front = {"title": html.escape(page.title, quote=False)}
        if not page.search:
            front["search"] = {"exclude": True}
        return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items()) + "---\n\n" + body

    # -- the pages

    @cached_property
    def pages(self) -> list[Page]:
        p = self.p
        title, intro = _split_title(self.settings.intro)
        title = title or self.settings.site_name
        pages = [Page("index.md", title, "home.md.j2", {"intro": render_markdown(intro), "title": title})]
        pages += [
            Page("themas/index.md", "Thema's", "themas.md.j2"),
            Page("opgaven/index.md", "Opgaven", "opgaven.md.j2"),
            Page("organisaties/index.md", "Organisaties", "organisaties.md.j2"),
            Page("samenhang/index.md", "Samenhang", "samenhang.md.j2"),
        ]
        pages += _paged("projecten", "Projecten", "projecten.md.j2", list(p.projecten))
        pages += self._matrix_pages()
        pages += [Page(page_path("thema", t), x.titel, "thema.md.j2", {"thema": x}) for t, x in p.themas.items()]
        pages += [Page(page_path("opgave", o), x.titel, "opgave.md.j2", {"opgave": x}) for o, x in p.opgaven.items()]
        pages += [Page(page_path("project", i), x.titel, "project.md.j2", {"project": x}) for i, x in p.projecten.items()]
        pages += [Page(page_path("organisatie", o), x.naam, "organisatie.md.j2", {"org": x}) for o, x in p.organisaties.items()]
        return pages

    def _matrix_pages(self) -> list[Page]:
        p = self.p
        small = len(p.projecten) <= PAGE_SIZE
        pages = [Page("wie-doet-waar-mee/index.md", "Wie doet waar mee", "matrix.md.j2", {"inline": small})]
        if small:
            return pages
        for tid, thema in p.themas.items():
            projects = [pid for pid in p.projecten if tid in p.project_themes(pid)]
            for page in _paged(f"wie-doet-waar-mee/{tid}", f"Wie doet waar mee: {thema.titel}", "matrix-thema.md.j2", projects):
                page.context["thema"] = thema
                pages.append(page)
        return pages

    def graphs(self) -> dict[str, dict[str, Any]]:
        p = self.p
        result = {"perspectief": network.graph_data(p, network.whole_view(p))}
        for tid in p.themas:
            result[f"thema-{tid}"] = network.graph_data(p, network.theme_view(p, tid))
        for kind, ids in (("opgave", p.opgaven), ("project", p.projecten), ("organisatie", p.organisaties)):
            for id_ in ids:
                result[f"{kind}-{id_}"] = network.graph_data(p, network.local_view(p, node(kind, id_)))
        return result


def _split_title(markdown: str) -> tuple[str | None, str]:
    """The text of a leading ``# Title`` line, and the rest of the Markdown."""
    match = re.match(r"\s*# +(.+?)\s*#*\s*(?:\n|$)", markdown)
    return (match[1], markdown[match.end():]) if match else (None, markdown)


def _paged(section: str, title: str, template: str, items: list[str]) -> list[Page]:
    """An overview split in pages of PAGE_SIZE: ``<section>/index.md``, ``<section>/pagina/2.md``, ..."""
    chunks = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    srcs = [f"{section}/index.md"] + [f"{section}/pagina/{n}.md" for n in range(2, len(chunks) + 1)]
    return [Page(src, title if n == 1 else f"{title} (pagina {n})", template,
                 {"items": chunk, "page_number": n, "page_srcs": srcs, "total": len(items)}, search=n == 1)
            for n, (src, chunk) in enumerate(zip(srcs, chunks), start=1)]


def variant_badge(variant: str | None, *, short: bool = False) -> Markup:
    """A variant as symbol and words; ``None`` is "nog geen keuze" (never read as geen)."""
    label = VARIANTS.get(variant, NO_CHOICE) if variant else NO_CHOICE
    css = variant or "open"
    if short:
        return Markup('<span class="gp-variant gp-variant--{}" title="{}"><span aria-hidden="true">{}</span>'
                      '<span class="gp-sr">{}</span></span>').format(css, label, VARIANT_SYMBOLS[variant], label)
    return Markup('<span class="gp-variant gp-variant--{}"><span aria-hidden="true">{}</span> {}</span>').format(
        css, VARIANT_SYMBOLS[variant], label)


def status_badge(status: str) -> Markup:
    return Markup('<span class="gp-status gp-status--{}">{}</span>').format(status, STATUSES[status])


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def docs_tree(p: Perspective, settings: Settings) -> dict[str, str | bytes]:
    """Every generated file of the site: pages (Markdown), graph data (JSON) and the shared assets."""
    renderer = Renderer(p, settings)
    tree: dict[str, str | bytes] = {}
    for page in renderer.pages:
        if page.src in tree:
            raise ValueError(f"twee pagina's op hetzelfde pad: {page.src}")
        tree[page.src] = renderer.render(page)
    for name, data in renderer.graphs().items():
        # "</" never appears raw, so the JSON is also safe if ever inlined in a <script>.
        tree[f"{ASSETS}/graphs/{name}.json"] = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    tree.update(asset_files())
    return tree


def asset_files() -> dict[str, bytes]:
    """The shared, self-hosted assets: vis-network, the graph viewer, the site's styles and scripts."""
    root = resources.files("groeiperspectief") / "assets"
    found: dict[str, bytes] = {}

    def walk(folder, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif not item.name.endswith(".md"):
                found[f"{ASSETS}/{prefix}{item.name}"] = item.read_bytes()

    walk(root, "")
    return found


def nav_entries() -> Iterable[tuple[str, str]]:
    """(title, docs path) of the overview pages, in navigation order."""
    return [(title, src) for src, title in SECTIONS]
