"""The MkDocs adapter: hands the generated docs tree to MkDocs. The only module that imports MkDocs' plugin API.

It only coordinates: the pages come from ``render.docs_tree``; this module adds
them as virtual files, sets the navigation to overviews (not every entry), keeps
the site free of third-party requests, sanitises editorial pages, marks every page's
main content for the search index and has Pagefind index the finished site.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from html import escape, unescape
from pathlib import Path
from typing import Any

import nh3
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import history
from .builddate import build_date
from .editorial import HOME, safe_id, safe_meta
from .editorial import discover as editorial_pages
from .geo import MAP_FILE
from .geo.figure import MAP_PAGE
from .kinds import ORGANISATIONS_DIR
from .lens import CSS_FILE
from .perspective import Perspective
from .privacy import harden_theme_assets
from .problems import Problems
from .render import ASSETS, SECTIONS, Settings, docs_tree, navigation
from .report import summary
from .sanitise import local_images
from .scripts import SHARED, page_scripts
from .search import IndexFailed, index_site
from .search import body as search_body
from .serve import GUIDE, error_tree
from .site_config import escape_texts
from .sources import CONTENT_DIR, Sources, walk
from .validate import CheckResult, check

log = logging.getLogger("mkdocs.plugins.groeiperspectief")

OVERRIDES = Path(__file__).parent / "overrides"
CSS = [
    f"{ASSETS}/groei.css",
    f"{ASSETS}/groei-graph.css",
    f"{ASSETS}/groei-figure.css",
    CSS_FILE,
    f"{ASSETS}/groei-tables.css",
    f"{ASSETS}/groei-joining.css",
    f"{ASSETS}/groei-search.css",
    f"{ASSETS}/groei-kaart.css",
]
JS = SHARED  # the figures' scripts load only on pages with a figure (scripts.py, overrides/main.html)


class GroeiConfig(Config):
    branch = c.Type(str, default="main")
    """Branch that "Wijzig deze pagina" links edit (with ``repo_url`` set in mkdocs.yml)."""
    inspiratiedag = c.Optional(c.Type((str, dt.date, int)))
    """The last inspiratiedag: a date (the last commit on or before it) or a git revision; "Wat is er nieuw" compares with it."""
    inspiratiedag_datum = c.Optional(c.Type((str, dt.date)))
    """The day itself, when ``inspiratiedag`` names a revision: the date the site shows (else the revision's)."""


class GroeiPlugin(BasePlugin[GroeiConfig]):
    """Builds the groeiperspectief pages from ``themes/``, ``projects/`` and ``content/organisaties/``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: CheckResult | None = None
        """A check already done by ``groei build``; when None the plugin checks itself."""
        self.root = Path.cwd()
        self.generated: set[str] = set()
        self.serving = False
        """Under `mkdocs serve` / `groei serve`: broken content becomes error pages instead of a failed build."""
        self.progress: Any = None
        """Set by ``groei build``: a ``build.Progress`` told how far the build is (``stage``, ``step``)."""
        self._pages = self._done = 0
        self._blocks: dict[str, list[str]] = {}
        """Per generated page being built: its HTML blocks, kept out of the Markdown parser."""
        self._active_tab: Any = None
        """The navigation tab marked for the page being rendered (see ``on_page_context``)."""
        self.last_pages: set[str] = set()
        """Pages of the last good build, so an error page stands wherever the editor is looking."""
        self.errors: list[str] = []
        self.texts: dict[str, str] = {}
        """The configuration's plain texts as written (``site_config.escape_texts``)."""
        """While serving: the errors the current build shows instead of the site."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Fires once per MkDocs command; defining it also keeps this instance across `serve` rebuilds."""
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        self.serving = False

    def on_config(self, config, **kwargs: Any):
        """Fires once the configuration is loaded: make the theme private and Dutch, set the navigation."""
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        # The theme prints these as HTML: escaped here, and our own pages get the text as written.
        self.texts = escape_texts(config)
        theme = config.theme
        theme["font"] = False  # no Google Fonts
        theme["language"] = theme.get("language") or "nl"
        if str(OVERRIDES) not in theme.dirs:
            theme.dirs.insert(1 if theme.custom_dir else 0, str(OVERRIDES))
        for path in CSS:
            if path not in config.extra_css:
                config.extra_css.append(path)
        for path in JS:
            if path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        if config.nav is None:
            config.nav = self._nav(walk(self.root, Problems()))
            # The plugin's navigation is made for tabs: a handful of groups across the top.
            features = theme.get("features") or []
            if "navigation.tabs" not in features:
                theme["features"] = [*features, "navigation.tabs"]
        if "search" in config.plugins or "material/search" in config.plugins:
            log.warning(
                "mkdocs.yml noemt de plugin 'search' (lunr): haal die weg onder plugins:. De site zoekt met "
                "Pagefind; 'search' laadt bij elke zoekvraag de index van de hele site en toont een tweede zoekvak"
            )
        return config

    @staticmethod
    def _nav(sources: Sources) -> list[Any]:
        """The tabs of ``render.NAV_TABS`` with the editorial pages (as the walk of the repository finds them)
        under "Over": never one entry per project."""
        editorial = [page[len(CONTENT_DIR) + 1 :] for page in editorial_pages(sources) if page != HOME]
        return navigation(editorial, with_map=MAP_FILE.rpartition("/")[2] in sources.files.get(CONTENT_DIR, []))

    def on_files(self, files: Files, *, config) -> Files:
        """Fires after the docs folder is read: replace entry files by the generated pages and assets."""
        result = self.result or check(self.root)
        self.result = None  # `mkdocs serve` rebuilds: check again next time
        if self.progress:
            self.progress.stage("Pagina's maken")
        if self.serving:
            _log_problems(result)
        if not result.ok:
            if self.serving:
                return self._show_errors(files, config, result)
            lines = "\n".join(str(p) for p in result.problems.errors)
            raise PluginError(f"De inhoud bevat fouten; de site is niet gebouwd.\n{lines}")
        intro_file = files.get_file_from_path("index.md")
        intro = (
            Path(intro_file.abs_src_path).read_text(encoding="utf-8") if intro_file and intro_file.abs_src_path else ""
        )
        perspective = Perspective.from_entries(result.entries)
        inspiratiedag = _text(self.config.inspiratiedag)
        settings = Settings(
            site_name=self.texts.get("site_name", str(config.site_name)),
            directory_urls=config.use_directory_urls,
            intro=_strip_front_matter(intro),
            edit_url=self._edit_url(config),
            guide=GUIDE if files.get_file_from_path(GUIDE) else None,
            since=history.since(self.root, inspiratiedag, perspective, day=_text(self.config.inspiratiedag_datum))
            if inspiratiedag
            else None,
            today=build_date(self.root),
        )
        tree = docs_tree(perspective, settings)
        self.last_pages = {path for path in tree if path.endswith(".md")}
        if self.errors:
            log.info("De fouten zijn hersteld; de site is weer bijgewerkt.")
        self.errors = []
        return self._add_generated(files, config, tree, result.sources)

    def _show_errors(self, files: Files, config, result: CheckResult) -> Files:
        """While serving: a site of error pages that list the messages; the next good save restores the site."""
        self.errors = [str(p) for p in result.problems.errors]
        tree = error_tree(
            result.problems,
            self.last_pages,
            directory_urls=config.use_directory_urls,
            guide=files.get_file_from_path(GUIDE) is not None,
        )
        return self._add_generated(files, config, tree, result.sources)

    def _add_generated(self, files: Files, config, tree: dict[str, str | bytes], sources: Sources) -> Files:
        # MkDocs collected docs_dir itself, following links; only what the walk allows stays (sources.py).
        published, docs_dir = sources.published(), Path(config.docs_dir).resolve()
        for file in list(files):
            if (
                file.src_uri == "index.md"
                or file.src_uri.startswith("organisaties/")
                or file.src_uri in tree
                or (file.src_dir and Path(file.src_dir).resolve() == docs_dir and file.src_uri not in published)
            ):
                files.remove(file)
        self.generated = set(tree)
        in_nav = {"index.md", MAP_PAGE, *(src for src, _ in SECTIONS)}
        for path, content in tree.items():
            # Entity pages are reached through overviews, links and search, not the sidebar.
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        self._pages, self._done = len(files.documentation_pages()), 0
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Fires as MkDocs reads each page (first pass): generated pages hand their HTML blocks past the parser.

        The generated HTML is already escaped and complete; parsing it as Markdown (twice: MkDocs
        looks for anchors, Python-Markdown for block ends) cost more than half of a large build.
        """
        self._count("Markdown omzetten", "Pagina's schrijven")
        if page.file.src_uri not in self.generated:
            # An editorial page: the theme prints its metadata unescaped and picks its template by it.
            page.meta = safe_meta(page.meta)
            return markdown
        markdown, self._blocks[page.file.src_uri] = stash_html_blocks(markdown)
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        """Fires before a page is rendered: a page that is not in the navigation (a theme, an opgave, a
        project, an organisation) marks the tab of its overview (``<section>/index.md``) as where it is."""
        here = page.file.src_uri
        if not any(p.file.src_uri == here for p in nav.pages):
            overview = f"{here.split('/')[0]}/index.md"
            # The overview's section, or the overview itself when it is a tab of its own (Inspiratiedag).
            tab = next((p.parent or p for p in nav.pages if p.file.src_uri == overview), None)
            if tab is not None:
                tab.active = True  # Section.active marks its parents too; undone in on_post_page
                self._active_tab = tab
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        """Fires after each page is written out (second pass): count it too."""
        if self._active_tab is not None:
            self._active_tab.active = False  # the navigation is shared by all pages
            self._active_tab = None
        self._count("Pagina's schrijven", "Sitemap schrijven")
        return output

    def _count(self, stage: str, next_stage: str) -> None:
        if not self.progress or not self._pages:
            return
        if self.progress.stage_name != stage:
            self.progress.stage(stage)
        self._done += 1
        self.progress.step(self._done, self._pages)
        if self._done >= self._pages:
            self._done = 0
            self.progress.stage(next_stage)

    def _edit_url(self, config) -> str | None:
        repo = (config.repo_url or "").rstrip("/")
        if not repo:
            return None
        return f"{repo}/edit/{self.config.branch}/" if "github.com" in repo or "gitlab" in repo else None

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Fires after a page's Markdown is rendered: editorial pages are sanitised like entry bodies."""
        if page.file.src_uri in self.generated:
            html = unstash_html_blocks(html, self._blocks.pop(page.file.src_uri, []))
        else:
            _plain_titles(page)
            html = sanitise_editorial(html)
        # Set on every page, so no front matter can name a script; read by overrides/main.html.
        page.meta["groei_scripts"] = page_scripts(html)
        search = page.meta.get("search")
        if self.errors or (isinstance(search, dict) and search.get("exclude")):
            return html  # error pages and later pages of an overview stay out of the index
        return search_body(html, page.title or escape(config.site_name))

    def on_template_context(self, context, *, template_name, config):
        """Fires per theme template: the not-found page also lists the errors while they stand."""
        if template_name == "404.html":
            context["groei_errors"] = self.errors
        return context

    def on_post_build(self, *, config) -> None:
        """Fires once the site is written: no script of the theme may point a browser at another host; then
        Pagefind indexes the finished pages (under `groei build` in the folder that is swapped in after)."""
        harden_theme_assets(Path(config.site_dir))
        if self.errors:
            return  # error pages only: the preview's search waits for the next good save
        try:
            index_site(Path(config.site_dir))
        except IndexFailed as exc:
            raise PluginError(str(exc)) from None

    def on_serve(self, server, *, config, builder):
        """Fires when `mkdocs serve` starts: watch the entry folders outside the docs folder too."""
        for folder in ("themes", "projects", ORGANISATIONS_DIR):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        log.info(
            f"Voorbeeld van de site: {server.url}\n"
            "Elke wijziging in projects/, themes/ en content/ laadt de pagina vanzelf opnieuw. Stoppen: Ctrl+C."
        )
        return server


def _log_problems(result: CheckResult) -> None:
    """While serving: every problem and a summary in the terminal, in Dutch, after each rebuild.

    The first and last line frame one check for the problem matcher of the VS Code task (``vscode.py``).
    """
    log.info("Controle van de inhoud:")
    for problem in result.problems:
        (log.error if problem.is_error else log.warning)(str(problem))
    log.info(summary(result))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


# Block-level tags that start a raw HTML block in the generated pages (as in Python-Markdown).
_BLOCK_START = re.compile(
    r"<(?:address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]|header"
    r"|hr|nav|ol|p|pre|section|table|ul)[\s/>]"
)
_PLACEHOLDER = "GROEIBLOK{}GROEIBLOK"
# Usually a paragraph of its own; bare where a blank line inside a block made Markdown keep it as raw HTML.
_PLACED = re.compile(r"(?:<p>)?GROEIBLOK(\d+)GROEIBLOK(?:</p>)?")
_SEARCH_EXCLUDE = re.compile(r" data-search-exclude(?:=\"[^\"]*\")?")
# A block the templates keep out of search (tables that repeat other pages, figures) tells Pagefind so.
_SEARCH_IGNORE = " data-pagefind-ignore"


def stash_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Each top-level HTML block (a line opening a block tag after a blank line, up to the next blank line)
    replaced by a placeholder paragraph; the blocks in order.

    >>> stash_html_blocks("## Kop\\n\\n<div>\\n<p>a</p>\\n</div>\\n\\nTekst")
    ('## Kop\\n\\nGROEIBLOK0GROEIBLOK\\n\\nTekst', ['<div>\\n<p>a</p>\\n</div>'])
    """
    # The marker in an editor's text must stay text: "&#66;" shows as "B" and is no marker.
    lines = markdown.replace("GROEIBLOK", "GROEI&#66;LOK").split("\n")
    out: list[str] = []
    blocks: list[str] = []
    i, after_blank = 0, True
    while i < len(lines):
        if after_blank and _BLOCK_START.match(lines[i]):
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            out.append(_PLACEHOLDER.format(len(blocks)))
            blocks.append("\n".join(lines[i:end]))
            i, after_blank = end, False
            continue
        out.append(lines[i])
        after_blank = not lines[i].strip()
        i += 1
    return "\n".join(out), blocks


def unstash_html_blocks(html: str, blocks: list[str]) -> str:
    """The rendered page with its blocks back; ``data-search-exclude`` becomes Pagefind's ``data-pagefind-ignore``.

    >>> unstash_html_blocks("<p>GROEIBLOK0GROEIBLOK</p>", ['<div data-search-exclude>\\n<table></table>\\n</div>'])
    '<div data-pagefind-ignore>\\n<table></table>\\n</div>'
    """

    def block(match: re.Match) -> str:
        text = blocks[int(match[1])]
        first, newline, rest = text.partition("\n")
        return _SEARCH_EXCLUDE.sub(_SEARCH_IGNORE, first, count=1) + newline + rest

    return _PLACED.sub(block, html)


def _strip_front_matter(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


_EDITORIAL_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "aria-label", "aria-hidden", "role"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def sanitise_editorial(html: str) -> str:
    """Editorial pages may use Markdown's raw HTML, but no scripts, event handlers, javascript: links, remote
    images or ids of the theme and the site's scripts (``editorial.safe_id``).

    >>> sanitise_editorial('<p id="__config" onclick="x()">a</p><img src="//tracker.example/p.png">')
    '<p id="anker-__config">a</p><img alt="">'
    """
    tags = set(nh3.ALLOWED_TAGS) | {
        "figure",
        "figcaption",
        "section",
        "details",
        "summary",
        "span",
        "div",
        "nav",
        "mark",
    }
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=_EDITORIAL_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
        attribute_filter=_editorial_attribute,
    )
    # An image without alt text is read out as its file name: mark it decorative (WCAG 1.1.1).
    return _IMG_WITHOUT_ALT.sub('<img alt=""', clean)


_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")


def _editorial_attribute(element: str, attribute: str, value: str) -> str | None:
    return safe_id(value) if attribute == "id" else local_images(element, attribute, value)


def _plain_titles(page) -> None:
    """An editorial page's title and table of contents as escaped plain text, with safe anchors.

    The theme prints them unescaped in the navigation, and strips tags and then unescapes the title
    for ``<title>``: so ``# &lt;/title&gt;&lt;script&gt;`` would become markup there. The title from
    front matter is escaped already (``safe_meta``); one from the first heading or the file name is
    made text here, and set as the page's title so every template takes this one.
    """
    if "title" not in page.meta:
        page.meta["title"] = escape(unescape(page.title or ""))
    page.title = page.meta["title"]

    def walk(items) -> None:
        for item in items:
            item.id, item.title = safe_id(item.id), escape(unescape(item.title))
            walk(item.children)

    walk(page.toc)
