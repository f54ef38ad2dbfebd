"""Rendering: the perspective and its analyses become a docs tree (path -> Markdown or bytes).

Engine-free: the MkDocs adapter (``plugin.py``) hands this tree to MkDocs; another
engine would get the same tree. Every page is Markdown with fixed Dutch headings
and blocks of HTML produced by autoescaping jinja2 templates: what editors wrote is
escaped, and their Markdown bodies are rendered and sanitised here.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import analysis, dutch, export, history, home, joining, lens, network, parallel, search, vocabulary
from .figures import dependencies as figures
from .geo.figure import MAP_DATA, MAP_PAGE, MAP_TITLE, MapFigure
from .geo.places import projects_by_place
from .model import COMPONENTS, SOORTEN, STATUSES, TAFEL_SOORTEN, VARIANTS
from .perspective import Perspective, node
from .sanitise import render_markdown
from .urls import Urls, page_path
from .vocabulary import VARIANT_TERMS

__all__ = [
    "Settings",
    "docs_tree",
    "ASSETS",
    "NAV_TABS",
    "SECTIONS",
    "navigation",
]

ASSETS = "assets/groei"
# Symbols shown beside each variant: colour is never the only signal.
VARIANT_SYMBOLS = {t.value: t.symbol for t in VARIANT_TERMS} | {None: vocabulary.NO_CHOICE.symbol}
NO_CHOICE = vocabulary.NO_CHOICE.label
# The pages that take the lens ("Bekijk als …"), linked from the lens itself so the choice carries on.
LENS_PAGES: list[tuple[str, str]] = [
    ("index.md", "Home"),
    ("wie-doet-waar-mee/index.md", "Wie doet waar mee"),
    ("tijdlijn/index.md", "Tijdlijn"),
]


def lens_pages(has_map: bool) -> list[tuple[str, str]]:
    """The pages that take the lens; the map page only when the region has a map."""
    return LENS_PAGES + ([(MAP_PAGE, MAP_TITLE)] if has_map else [])


# Pages whose wide tables need the room of the right-hand table of contents (the sections of
# ``WIDE_SECTIONS`` below give up the side navigation too).
WIDE_TEMPLATES = {
    "matrix.md.j2",
    "matrix-thema.md.j2",
    "tijdlijn.md.j2",
    "tijdlijn-thema.md.j2",
    "organisaties.md.j2",
    "organisatie.md.j2",
    "project.md.j2",
    "projecten.md.j2",
    "kaart.md.j2",
}
# The site's navigation: a few tabs, each a group of pages (docs path, label in the navigation). The one
# definition: the plugin builds MkDocs' nav from it (``navigation``), the error pages of ``groei serve`` stand in
# for its pages. Editorial pages (``content/*.md``) join the last tab, "Over".
NAV_TABS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Perspectief", [("index.md", "Perspectief")]),
    (
        "Opgaven",
        [
            ("samenhang/index.md", "Samenhang"),
            ("themas/index.md", "Thema's"),
            ("opgaven/index.md", "Opgaven"),
            ("verken/index.md", "Verken het netwerk"),
        ],
    ),
    (
        "Projecten",
        [
            ("projecten/index.md", "Projecten"),
            ("tijdlijn/index.md", "Tijdlijn"),
            ("lessen/index.md", "Lessen uit projecten"),
        ],
    ),
    (
        "Wie doet mee",
        [
            ("organisaties/index.md", "Organisaties"),
            ("wie-doet-waar-mee/index.md", "Wie doet waar mee"),
            ("aansluiten/index.md", "Aansluiten"),
        ],
    ),
    ("Inspiratiedag", [("inspiratiedag/index.md", "Inspiratiedag")]),
    ("Over", [("data/index.md", "Open data")]),
]
EDITORIAL_FIRST = ("over.md", "bijdragen.md")
"""Editorial pages that open the "Over" tab, in this order, before "Open data"; the others follow it, sorted."""
# The generated overview pages in the navigation (the home page aside).
SECTIONS: list[tuple[str, str]] = [(src, label) for _, pages in NAV_TABS for src, label in pages if src != "index.md"]
FULL_WIDTH = ("navigation", "toc")
"""``hide`` of the pages that need the whole width: the home page and the sections below."""
WIDE_SECTIONS = {"samenhang", "wie-doet-waar-mee", "tijdlijn", "data"}
"""Sections of wide tables and figures: no side navigation or table of contents takes their room."""


MAP_NAV = ("Wie doet mee", "wie-doet-waar-mee/index.md", (MAP_PAGE, "Kaart"))
"""The map page joins its tab after this page, and only when the region has a map (``content/kaart.geojson``)."""


def navigation(editorial: list[str], with_map: bool = False) -> list[dict[str, Any]]:
    """The nav in MkDocs' form: one entry per tab, a group where the tab holds more than one page.

    ``editorial`` are the docs paths of the editorial pages besides the home page; their titles come from the pages.
    ``with_map``: the region has a map, so its page is in the navigation (``MAP_NAV``).

    >>> navigation([], with_map=True)[3]["Wie doet mee"][2]
    {'Kaart': 'kaart/index.md'}

    >>> navigation(["over.md", "toegankelijkheid.md"])[-1]
    {'Over': ['over.md', {'Open data': 'data/index.md'}, 'toegankelijkheid.md']}
    """
    first = [page for page in EDITORIAL_FIRST if page in editorial]
    rest = sorted(page for page in editorial if page not in first)
    nav: list[dict[str, Any]] = []
    for tab, pages in NAV_TABS:
        if with_map and tab == MAP_NAV[0]:
            at = next(i + 1 for i, (src, _) in enumerate(pages) if src == MAP_NAV[1])
            pages = [*pages[:at], MAP_NAV[2], *pages[at:]]
        items: list[Any] = [{label: src} for src, label in pages]
        if tab == NAV_TABS[-1][0]:
            items = [*first, *items, *rest]
        # A tab of one page named like the tab is that page, not a group of one.
        nav.append(items[0] if items == [{tab: pages[0][0]}] else {tab: items})
    return nav


PAGE_SIZE = 100  # rows per page of long overviews, so no page grows with the region
SHORT_LIST = 10  # links in one cell or card before "en N meer"
MATRIX_PAGE_SIZE = (
    40  # rows per page of the participation matrix: its rows are wide, and every cell says who, what, how
)
MATRIX_COLUMNS = 30  # above this many organisations a matrix shows the core ones as columns, partners as a list
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
    guide: str | None = None
    """Docs path of the editors' guide (``bijdragen.md``) when the site has one; entity pages link to it."""
    since: history.Since | None = None
    """What changed since the last inspiratiedag, read from git by the caller (None: no inspiratiedag set).
    Rendering itself never runs git."""
    today: dt.date | None = None
    """The build's date (``builddate.build_date``, from the caller): milestones are reached, planned or overdue
    against it, and briefings say "stand per" it. None: today."""


# --- the renderer ----------------------------------------------------------------------------


@dataclass
class Page:
    src: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    search: bool = True
    hide: tuple[str, ...] = ()
    """Parts of the theme's page left out (Material's ``hide``), e.g. ``FULL_WIDTH``."""


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, shared by every renderer of this process.

    Compiling the templates costs about a second; rendering a small region takes
    milliseconds, so `mkdocs serve` rebuilds and the tests would spend their time compiling.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _MemoryBytecodeCache()


class Renderer:
    """Renders every page and graph of one perspective."""

    def __init__(self, p: Perspective, settings: Settings) -> None:
        self.p = p
        self.settings = settings
        self.urls = Urls(settings.directory_urls)
        self.today = settings.today or dt.date.today()
        """The build's date: milestones are reached, planned or overdue against it."""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(resources.files("groeiperspectief") / "templates" / "pages")),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            bytecode_cache=_COMPILED,
        )
        self.env.filters["count"] = dutch.count
        self.env.tests["in_theme"] = lambda pid, tid: tid in p.project_themes(pid)
        self.env.tests["contains"] = lambda seq, item: item in seq
        self.env.tests["on_the_timeline"] = lambda tid: tid in self.timeline_themes
        self.env.globals.update(
            p=self.p,
            a=analysis,
            VARIANTS=VARIANTS,
            STATUSES=STATUSES,
            SOORTEN=SOORTEN,
            COMPONENTS=COMPONENTS,
            TAFEL_SOORTEN=TAFEL_SOORTEN,
            SYMBOLS=VARIANT_SYMBOLS,
            NO_CHOICE=NO_CHOICE,
            lens=lens,
            LENS_STYLES=lens.STYLES,
            LENS_PAGES=lens_pages(bool(p.entries.kaart)),
            VARIANT_TERMS=VARIANT_TERMS,
            NO_CHOICE_TERM=vocabulary.NO_CHOICE,
            LIST_LIMIT=LIST_LIMIT,
            MATRIX_COLUMNS=MATRIX_COLUMNS,
            SHORT_LIST=SHORT_LIST,
            node=node,
            settings=settings,
            body=lambda e: render_markdown(e.body),
            describe=history.describe,
            figure_of=figures.figure_of,
            j=joining,
            MILESTONE_TERMS=vocabulary.MILESTONE_TERMS,
            today=self.today,
            today_label=dutch.date(self.today),
            MAP_PAGE=MAP_PAGE,
            MAP=p.entries.kaart is not None,
            places=projects_by_place(p),
            ASSETS=ASSETS,
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
            entry = {
                "thema": self.p.themas,
                "opgave": self.p.opgaven,
                "project": self.p.projecten,
                "organisatie": self.p.organisaties,
            }[kind][id_]
            text = label or getattr(entry, "titel", None) or entry.naam
            # escape() and an f-string: Markup.format is ten times slower, and a big site makes many links.
            return Markup(f'<a href="{escape(url_of(kind, id_))}">{escape(text)}</a>')

        def theme_chip(tid: str) -> Markup:
            return Markup(
                f'<a class="gp-chip" href="{escape(url_of("thema", tid))}"><span class="gp-chip__dot" '
                f'style="background:{escape(self.p.color(tid))}" aria-hidden="true"></span>'
                f"{escape(self.p.themas[tid].titel)}</a>"
            )

        def figure(name: str, caption: str, height: int = 520) -> Markup:
            return Markup(
                # Out of the search index: the caption is the same words on every page of a kind.
                '<figure class="gp-graph" data-graph="{}" data-root="{}" data-height="{}" data-search-exclude>'
                "<figcaption>{} De figuur is interactief; dezelfde informatie staat als tekst op deze pagina.</figcaption></figure>"
            ).format(href(f"{ASSETS}/graphs/{name}.json"), href(""), height, caption)

        def edit_link(path: str) -> Markup:
            """How to change this page: the editors' guide, and the source file to edit when a repository is set."""
            parts = []
            if self.settings.edit_url:
                parts.append(
                    Markup('<a href="{}" rel="noopener">Wijzig deze pagina</a> (bron: <code>{}</code>)').format(
                        self.settings.edit_url.rstrip("/") + "/" + path, path
                    )
                )
            if self.settings.guide:
                parts.append(
                    Markup('Zelf iets toevoegen of aanpassen? Lees <a href="{}">Bijdragen</a>').format(
                        page_href(self.settings.guide)
                    )
                )
            return Markup('<p class="gp-edit">{}</p>').format(Markup(" · ").join(parts)) if parts else Markup("")

        def locator(places: list[str], title: str) -> Markup:
            return self.map.locator(places, title) if self.map else Markup("")

        return {
            "locator": locator,
            "href": href,
            "page_href": page_href,
            "url_of": url_of,
            "link": link,
            "theme_chip": theme_chip,
            "figure": figure,
            "edit_link": edit_link,
            "variant_badge": variant_badge,
            "status_badge": status_badge,
        }

    def render(self, page: Page) -> str:
        template = self.env.get_template(page.template)
        body = template.render(**page.context, **self._helpers(page.src), page_src=page.src)
        front = {"title": html.escape(page.title, quote=False)}
        if page.search:
            body = f"{self._facets(page)}\n\n{body}"
        else:
            front["search"] = {"exclude": True}
        if page.hide:
            front["hide"] = list(page.hide)
        return (
            "---\n"
            + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
            + "---\n\n"
            + body
        )

    def _facets(self, page: Page) -> Markup:
        """The page's kind and themes for the search index (``search.facets``)."""
        p, context, names = self.p, page.context, []
        kind = search.KINDS.get(page.template, search.OTHER_KIND)
        if "project" in context:
            themes = p.project_themes(context["project"].id)
        elif "opgave" in context:
            themes = [context["opgave"].theme]
        elif "thema" in context:
            themes = [context["thema"].id]
        else:
            themes = []
        if kind == "Thema":
            names = search.names_of(context["thema"].titel)
        elif kind == "Organisatie":
            names = search.names_of(context["org"].naam)
        return search.facets(kind, [p.themas[t].titel for t in themes], names)

    # -- the pages

    @cached_property
    def pages(self) -> list[Page]:
        p = self.p
        title, intro = _split_title(self.settings.intro)
        title = title or self.settings.site_name
        pages = [
            Page(
                "index.md",
                title,
                "home.md.j2",
                {
                    "intro": render_markdown(intro),
                    "title": title,
                    "since": self.since,
                    "home": home.view(p, self.today),
                },
            )
        ]
        pages += [
            Page("themas/index.md", "Thema's", "themas.md.j2"),
            Page("samenhang/index.md", "Samenhang", "samenhang.md.j2"),
            Page("verken/index.md", "Verken het netwerk", "verken.md.j2"),
        ]
        pages += _paged("projecten", "Projecten", "projecten.md.j2", list(p.projecten))
        by_name = sorted(p.organisaties.values(), key=lambda o: (not o.kern, o.naam.casefold(), o.id))
        pages += _paged("organisaties", "Organisaties", "organisaties.md.j2", by_name)
        pages += _paged(
            "opgaven",
            "Opgaven",
            "opgaven.md.j2",
            [oid for tid in p.themas for oid, o in p.opgaven.items() if o.theme == tid],
        )
        pages += [
            Page("aansluiten/index.md", "Aansluiten", "aansluiten.md.j2"),
            Page("lessen/index.md", "Lessen uit projecten", "lessen.md.j2"),
        ]
        pages += self._matrix_pages()
        if self.map:
            pages.append(Page(MAP_PAGE, MAP_TITLE, "kaart.md.j2", {"kaart": self.map, "MAP_TITLE": MAP_TITLE}))
        pages += self._inspiratiedag_pages()
        pages += [Page(page_path("thema", t), x.titel, "thema.md.j2", {"thema": x}) for t, x in p.themas.items()]
        pages += [Page(page_path("opgave", o), x.titel, "opgave.md.j2", {"opgave": x}) for o, x in p.opgaven.items()]
        pages += [
            Page(page_path("project", i), x.titel, "project.md.j2", {"project": x}) for i, x in p.projecten.items()
        ]
        pages += [
            Page(page_path("organisatie", o), x.naam, "organisatie.md.j2", {"org": x})
            for o, x in p.organisaties.items()
        ]
        for page in pages:
            if page.src == "index.md" or page.src.split("/")[0] in WIDE_SECTIONS:
                page.hide = FULL_WIDTH
            elif page.template in WIDE_TEMPLATES:
                page.hide = ("toc",)
        return pages

    @cached_property
    def map(self) -> MapFigure | None:
        """The map of the region, when it has one (``content/kaart.geojson``)."""
        return MapFigure(self.p) if self.p.entries.kaart else None

    def map_data(self) -> str:
        """The map script's data; its URLs are relative to the map page."""
        return self.map.data(self._helpers(MAP_PAGE)["url_of"])

    @cached_property
    def timeline_data(self) -> dict[str, Any]:
        return timeline(self.p)

    @cached_property
    def timeline_themes(self) -> set[str]:
        """The themes with a timeline page of their own: those with a dated project."""
        return {tid for tid, _ in self.timeline_data["themes"]}

    @property
    def since(self) -> history.Since | None:
        """What changed since the last inspiratiedag (None when no inspiratiedag is set)."""
        return self.settings.since

    @cached_property
    def exports(self) -> dict[str, bytes]:
        """The open-data files (``data/`` on the site)."""
        return export.files(self.p)

    def _inspiratiedag_pages(self) -> list[Page]:
        """The inspiratiedag with a briefing per core municipality, the timeline (per theme too) and the open data.

        None of these pages grows with the region: a briefing shows the most relevant part of each
        list and refers onward, the timeline shows a few projects per theme and pages the rest, and a
        long list of changes moves to pages of its own.
        """
        p, since = self.p, self.since
        changes_starts, changes_pages = _changes_pages(p, since)
        data = self.timeline_data
        pages = [
            Page(
                "inspiratiedag/index.md",
                "Inspiratiedag",
                "inspiratiedag.md.j2",
                {"since": since, "changes_limit": CHANGES_LIMIT, "changes_starts": changes_starts},
            ),
            Page("tijdlijn/index.md", "Tijdlijn", "tijdlijn.md.j2", {"timeline": data}),
            Page(
                "data/index.md",
                "Open data",
                "data.md.j2",
                {
                    "export": export,
                    "sizes": {
                        kind: dutch.file_size(len(self.exports[name]))
                        for kind, name in export.FILES.items()
                        if name in self.exports
                    },
                },
            ),
        ]
        pages += changes_pages
        for tid, rows in data["themes"]:
            for page in _paged(
                f"tijdlijn/{tid}",
                f"Tijdlijn: {p.themas[tid].titel}",
                "tijdlijn-thema.md.j2",
                rows,
                size=TIMELINE_PAGE_SIZE,
            ):
                page.context.update(thema=p.themas[tid], timeline=data)
                pages.append(page)
        for oid in p.kern:
            pages.append(
                Page(
                    f"inspiratiedag/{oid}.md",
                    f"Briefing {p.organisaties[oid].naam}",
                    "inspiratiedag-briefing.md.j2",
                    {"org": p.organisaties[oid], "since": since, "changes_limit": CHANGES_LIMIT, **briefing(p, oid)},
                )
            )
        return pages

    def _matrix_pages(self) -> list[Page]:
        p = self.p
        small = len(p.projecten) <= MATRIX_PAGE_SIZE
        pages = [Page("wie-doet-waar-mee/index.md", "Wie doet waar mee", "matrix.md.j2", {"inline": small})]
        if small:
            return pages
        for tid, thema in p.themas.items():
            projects = p.theme_projects(tid)
            for page in _paged(
                f"wie-doet-waar-mee/{tid}",
                f"Wie doet waar mee: {thema.titel}",
                "matrix-thema.md.j2",
                projects,
                size=MATRIX_PAGE_SIZE,
            ):
                page.context["thema"] = thema
                pages.append(page)
        return pages

    def graph_names(self) -> list[str]:
        """The graph data files: the whole perspective, one per theme and one around every entry."""
        p = self.p
        return [
            "perspectief",
            *(f"thema-{tid}" for tid in p.themas),
            *(
                f"{kind}-{id_}"
                for kind, ids in (("opgave", p.opgaven), ("project", p.projecten), ("organisatie", p.organisaties))
                for id_ in ids
            ),
        ]

    def graph(self, name: str) -> str:
        """One graph as JSON; ``"</"`` never appears raw, so it is also safe if ever inlined in a ``<script>``."""
        p = self.p
        kind, _, id_ = name.partition("-")
        if kind == "perspectief":
            view = network.whole_view(p)
        elif kind == "thema":
            view = network.theme_view(p, id_)
        else:
            view = network.local_view(p, node(kind, id_))
        data = network.graph_data(p, view, self.urls)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")


def _split_title(markdown: str) -> tuple[str | None, str]:
    """The text of a leading ``# Title`` line, and the rest of the Markdown."""
    match = re.match(r"\s*# +(.+?)\s*#*\s*(?:\n|$)", markdown)
    return (match[1], markdown[match.end() :]) if match else (None, markdown)


def _paged(section: str, title: str, template: str, items: list[Any], *, size: int = PAGE_SIZE) -> list[Page]:
    """An overview split in pages of ``size``: ``<section>/index.md``, ``<section>/pagina/2.md``, ..."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    srcs = [f"{section}/index.md"] + [f"{section}/pagina/{n}.md" for n in range(2, len(chunks) + 1)]
    return [
        Page(
            src,
            title if n == 1 else f"{title} (pagina {n})",
            template,
            {"items": chunk, "page_number": n, "page_srcs": srcs, "total": len(items)},
            search=n == 1,
        )
        for n, (src, chunk) in enumerate(zip(srcs, chunks), start=1)
    ]


def by_primary_theme(
    p: Perspective, items: list[analysis.Participation]
) -> list[tuple[str, list[analysis.Participation]]]:
    """Participations grouped by each project's own (first) theme, in theme order: a project appears once."""
    groups: dict[str, list[analysis.Participation]] = {}
    for item in items:
        groups.setdefault(p.project_themes(item.project)[0], []).append(item)
    return [(tid, groups[tid]) for tid in p.themas if tid in groups]


# Lists that would grow with the region show their most relevant part and refer onward. Every limit
# is above what the example region has, so a region of its size sees everything.
BRIEFING_LIMIT = (
    25  # rows of a briefing's lists: projects it joins fully, must still choose on or stays out of; opgaven
)
BRIEFING_SIDE_LIMIT = 10  # projects it only pays for or may join later: less to discuss, so a briefing prints short
CHANGES_LIMIT = 15  # changes per section on the inspiratiedag page, and in a briefing; all on pages of their own
TIMELINE_LIMIT = 20  # bars per theme on the timeline's overview; the theme's own timeline, paged, has them all
TIMELINE_PAGE_SIZE = PAGE_SIZE  # bars per page of a theme's own timeline
CHANGES_PAGE_SIZE = 50  # changes per page of the full list: a new project's line names its whole coalition (1-2 kB)
# What matters now, first: running projects, then the ones about to start, then ideas, the finished ones last.
STATUS_RELEVANCE = {"uitvoering": 0, "voorbereiding": 1, "verkenning": 2, "idee": 3, "afgerond": 4, "gestopt": 5}


def _relevance(p: Perspective, pid: str, trekker: bool = False) -> tuple:
    """Sort key: projects that run or start before finished ones; among those, the ones it leads (trekker) first."""
    rank = STATUS_RELEVANCE.get(p.projecten[pid].status, len(STATUS_RELEVANCE))
    return (rank >= STATUS_RELEVANCE["afgerond"], not trekker, rank, pid)


def briefing(p: Perspective, oid: str) -> dict[str, Any]:
    """What the briefing of one core municipality shows: per variant its most relevant projects (grouped
    by theme), and the opgaven it works on most (grouped by theme), with the totals.

    At most ``BRIEFING_LIMIT`` of each (``BRIEFING_SIDE_LIMIT`` for solidariteit and instap): the example
    region's longest lists (19 and 5 projects, 22 opgaven) stay whole; a large region's briefing still
    prints on a handful of pages.
    """
    limit = BRIEFING_LIMIT
    by_variant = analysis.participation_by_variant(p, oid)
    groups, totals = {}, {}
    for variant, items in by_variant.items():
        ranked = sorted(items, key=lambda item: _relevance(p, item.project, item.trekker))
        groups[variant] = by_primary_theme(
            p, ranked[: BRIEFING_SIDE_LIMIT if variant in ("solidariteit", "instap") else limit]
        )
        totals[variant] = len(items)
    # The opgaven of the projects it fully joins; those with most of its projects first.
    counts: dict[str, int] = {}
    for item in by_variant.get("volledig", []):
        for o in p.projecten[item.project].opgaven:
            counts[o] = counts.get(o, 0) + 1
    order = {o: n for n, o in enumerate(p.opgaven)}
    shown = set(sorted(counts, key=lambda o: (-counts[o], order.get(o, 0)))[:limit])
    opgaven: dict[str, list[str]] = {}
    for o, x in p.opgaven.items():
        if o in shown:
            opgaven.setdefault(x.theme, []).append(o)
    return {
        "groups": groups,
        "totals": totals,
        "opgaven_total": len(counts),
        "opgaven": [(tid, opgaven[tid]) for tid in p.themas if tid in opgaven],
    }


def _changes_pages(p: Perspective, since: history.Since | None) -> tuple[dict[str, tuple[str, str]], list[Page]]:
    """Every change since the inspiratiedag on pages of their own, when the inspiratiedag page cannot show
    them all (``CHANGES_LIMIT`` per section): per section the (docs path, anchor) where it starts, and the
    pages; ({}, []) when it can."""
    limit = CHANGES_LIMIT
    if since is None or not since.changes:
        return {}, []
    sections = since.changes.sections()
    if all(len(found) <= limit for _, found in sections):
        return {}, []
    name = "veranderingen"
    while name in p.kern:  # never the path of a briefing
        name = f"alle-{name}"
    flat = [(title, change) for title, found in sections for change in found]
    pages = _paged(
        f"inspiratiedag/{name}",
        "Veranderingen sinds de inspiratiedag",
        "inspiratiedag-veranderingen.md.j2",
        flat,
        size=CHANGES_PAGE_SIZE,
    )
    starts: dict[str, tuple[str, str]] = {}
    for page in pages:
        grouped: list[dict[str, Any]] = []
        for title, change in page.context["items"]:
            if not grouped or grouped[-1]["title"] != title:
                anchor = "rubriek-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
                grouped.append({"title": title, "anchor": None if title in starts else anchor, "changes": []})
                starts.setdefault(title, (page.src, anchor))
            grouped[-1]["changes"].append(change)
        page.context.update(sections=grouped, since=since)
    return starts, pages


def timeline(p: Perspective) -> dict[str, Any]:
    """Bars on a shared year axis, per theme: left and width in percent of the axis, open when no end is known.

    ``themes`` has every dated project per theme, in order of start; ``shown`` per theme the ``limit`` most
    relevant ones (running and starting before finished ones), also in order of start, for the overview.
    """
    limit = TIMELINE_LIMIT
    dated = [(pid, x) for pid, x in p.projecten.items() if x.start]
    if not dated:
        return {"years": [], "themes": [], "shown": {}, "undated": list(p.projecten), "limit": limit}
    first = min(x.start.year for _, x in dated)
    last = max(
        [x.start.year + 1 for _, x in dated]
        + [x.einde.year for _, x in dated if x.einde]
        + [m.datum.year for _, x in dated for m in x.mijlpalen]
    )
    first = min([first] + [m.datum.year for _, x in dated for m in x.mijlpalen])
    axis_start, axis_end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    days = (axis_end - axis_start).days + 1

    def pct(day: dt.date) -> float:
        return round(100 * (day - axis_start).days / days, 2)

    themes: dict[str, list[dict[str, Any]]] = {}
    for pid, x in sorted(dated, key=lambda item: (item[1].start.first_day, item[0])):
        left = pct(x.start.first_day)
        right = pct(x.einde.last_day + dt.timedelta(days=1)) if x.einde else 100.0  # the bar covers its last day
        themes.setdefault(p.project_themes(pid)[0], []).append(
            {
                "project": pid,
                "left": left,
                "width": max(0.8, round(right - left, 2)),
                "open": x.einde is None,
                # A marker per milestone, at its first day; its state is in the table (and on the project page).
                "milestones": [(pct(m.datum.first_day), m) for m in x.mijlpalen],
            }
        )
    shown = {tid: _timeline_selection(p, rows, limit) for tid, rows in themes.items()}
    return {
        "years": [(year, pct(dt.date(year, 1, 1))) for year in range(first, last + 1)],
        "themes": [(tid, themes[tid]) for tid in p.themas if tid in themes],
        "shown": shown,
        "undated": [pid for pid, x in p.projecten.items() if not x.start],
        "limit": limit,
    }


def _timeline_selection(p: Perspective, rows: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The ``limit`` bars of one theme the overview shows, in order of start: what runs now and what comes.

    Taken in turns from each status that is not finished yet (uitvoering, voorbereiding, verkenning,
    idee), so the overview shows both what runs and what is about to start: of running projects the
    latest started, of coming ones the first to start. Finished projects only fill what is left.
    """
    if len(rows) <= limit:
        return rows
    by_status: dict[str, list[dict[str, Any]]] = {}
    for row in rows:  # rows are in order of start
        by_status.setdefault(p.projecten[row["project"]].status, []).append(row)
    active = [s for s in STATUS_RELEVANCE if STATUS_RELEVANCE[s] < STATUS_RELEVANCE["afgerond"]]
    queues = [by_status.get("uitvoering", [])[::-1]] + [by_status.get(s, []) for s in active if s != "uitvoering"]
    chosen: set[str] = set()
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.add(queue.pop(0)["project"])
    done = [row for row in reversed(rows) if row["project"] not in chosen]  # the most recent first
    chosen.update(row["project"] for row in done[: limit - len(chosen)])
    return [row for row in rows if row["project"] in chosen]


@functools.cache  # a handful of distinct badges, shown thousands of times on a large site
def variant_badge(variant: str | None, *, short: bool = False, brief: bool = False, titled: bool = True) -> Markup:
    """A variant as symbol and words; ``None`` is "nog geen keuze" (never read as geen).

    ``short``: the symbol only (the words for screen readers and, unless ``titled`` is false because
    the cell has a tooltip of its own, as a tooltip); ``brief``: symbol and the short word
    ("volledig"), for column headers that must fit a table.
    """
    style = lens.STYLES[lens.key(variant)]
    label, css = (style.label if brief else style.title), style.key
    if short:
        title = Markup(' title="{}"').format(label) if titled else ""
        return Markup(
            '<span class="gp-variant gp-variant--{}"{}><span aria-hidden="true">{}</span>'
            '<span class="gp-sr">{}</span></span>'
        ).format(css, title, style.symbol, label)
    return Markup('<span class="gp-variant gp-variant--{}"><span aria-hidden="true">{}</span> {}</span>').format(
        css, style.symbol, label
    )


@functools.cache
def status_badge(status: str) -> Markup:
    return Markup('<span class="gp-status gp-status--{}">{}</span>').format(status, STATUSES[status])


PARALLEL_FROM = 500
"""Pages from which ``docs_tree`` renders on every core: below it, forking costs more than it saves."""
TASK_SIZE = 250  # pages or graphs per task: small enough to share the work out evenly


def docs_tree(p: Perspective, settings: Settings) -> dict[str, str | bytes]:
    """Every generated file of the site: pages (Markdown), graph data (JSON) and the shared assets."""
    renderer = Renderer(p, settings)
    pages = renderer.pages
    graphs = renderer.graph_names()
    paths = [page.src for page in pages] + [f"{ASSETS}/graphs/{name}.json" for name in graphs]
    if len(set(paths)) < len(paths):
        raise ValueError(f"twee bestanden op hetzelfde pad: {next(x for x in paths if paths.count(x) > 1)}")

    def render_part(task: tuple[str, int]) -> list[str]:
        what, start = task
        if what == "pages":
            return [renderer.render(page) for page in pages[start : start + TASK_SIZE]]
        return [renderer.graph(name) for name in graphs[start : start + TASK_SIZE]]

    tasks = [("pages", i) for i in range(0, len(pages), TASK_SIZE)] + [
        ("graphs", i) for i in range(0, len(graphs), TASK_SIZE)
    ]
    if len(pages) >= PARALLEL_FROM:
        results = parallel.forked_map(render_part, tasks)
    else:
        results = [render_part(task) for task in tasks]
    # Results come back in the order of the tasks, which is the order of ``paths``.
    tree: dict[str, str | bytes] = dict(zip(paths, (text for part in results for text in part), strict=True))
    for name, data in renderer.exports.items():
        tree[f"data/{name}"] = data
    for oid in p.organisaties:
        tree[f"{lens.LENS_DIR}/{oid}.json"] = lens.lens_json(p, oid)
    tree[lens.CSS_FILE] = lens.css()
    if renderer.map:
        tree[f"{ASSETS}/{MAP_DATA}"] = renderer.map_data()
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
