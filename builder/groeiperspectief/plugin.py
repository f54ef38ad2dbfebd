"""The MkDocs adapter: hands the generated docs tree to MkDocs. The only module that imports MkDocs' plugin API.

It only coordinates: the pages come from ``render.docs_tree``; this module adds
them as virtual files, sets the navigation to overviews (not every entry), keeps
the site free of third-party requests, and sanitises editorial pages.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import nh3
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .entries import ORGANISATIONS_DIR
from .perspective import Perspective
from .render import ASSETS, SECTIONS, Settings, docs_tree
from .validate import CheckResult, check

log = logging.getLogger("mkdocs.plugins.groeiperspectief")

OVERRIDES = Path(__file__).parent / "overrides"
CSS = [f"{ASSETS}/groei.css", f"{ASSETS}/groei-graph.css"]
JS = [f"{ASSETS}/vendor/vis-network.min.js", f"{ASSETS}/groei-graph.js", f"{ASSETS}/groei-site.js"]


class GroeiConfig(Config):
    branch = c.Type(str, default="main")
    """Branch that "Wijzig deze pagina" links edit (with ``repo_url`` set in mkdocs.yml)."""


class GroeiPlugin(BasePlugin[GroeiConfig]):
    """Builds the groeiperspectief pages from ``themes/``, ``projects/`` and ``content/organisaties/``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: CheckResult | None = None
        """A check already done by ``groei build``; when None the plugin checks itself."""
        self.root = Path.cwd()
        self.generated: set[str] = set()

    def on_config(self, config, **kwargs: Any):
        """Fires once the configuration is loaded: make the theme private and Dutch, set the navigation."""
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
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
            config.nav = self._nav(Path(config.docs_dir))
        return config

    @staticmethod
    def _nav(docs_dir: Path) -> list[Any]:
        """Home, the overviews, then the editorial pages: never one entry per project."""
        nav: list[Any] = [{"Home": "index.md"}]
        nav += [{title: src} for src, title in SECTIONS]
        editorial = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")) if docs_dir.is_dir() else []
        nav += [page for page in editorial if page != "index.md" and not page.startswith("organisaties/")]
        return nav

    def on_files(self, files: Files, *, config) -> Files:
        """Fires after the docs folder is read: replace entry files by the generated pages and assets."""
        result = self.result or check(self.root)
        self.result = None  # `mkdocs serve` rebuilds: check again next time
        if not result.ok:
            lines = "\n".join(str(p) for p in result.problems.errors)
            raise PluginError(f"De inhoud bevat fouten; de site is niet gebouwd.\n{lines}")
        intro_file = files.get_file_from_path("index.md")
        intro = Path(intro_file.abs_src_path).read_text(encoding="utf-8") if intro_file and intro_file.abs_src_path else ""
        settings = Settings(site_name=config.site_name, directory_urls=config.use_directory_urls,
                            intro=_strip_front_matter(intro), edit_url=self._edit_url(config))
        tree = docs_tree(Perspective.from_entries(result.entries), settings)
        for file in list(files):
            if file.src_uri == "index.md" or file.src_uri.startswith("organisaties/") or file.src_uri in tree:
                files.remove(file)
        self.generated = set(tree)
        in_nav = {"index.md", *(src for src, _ in SECTIONS)}
        for path, content in tree.items():
            # Entity pages are reached through overviews, links and search, not the sidebar.
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def _edit_url(self, config) -> str | None:
        repo = (config.repo_url or "").rstrip("/")
        if not repo:
            return None
        return f"{repo}/edit/{self.config.branch}/" if "github.com" in repo or "gitlab" in repo else None

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Fires after a page's Markdown is rendered: editorial pages are sanitised like entry bodies."""
        if page.file.src_uri in self.generated:
            return html
        return sanitise_editorial(html)

    def on_serve(self, server, *, config, builder):
        """Fires when `mkdocs serve` starts: watch the entry folders outside the docs folder too."""
        for folder in ("themes", "projects", ORGANISATIONS_DIR):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


def _strip_front_matter(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


_EDITORIAL_ATTRIBUTES = {"*": {"id", "class", "title", "lang", "aria-label", "aria-hidden", "role"},
                         "a": {"href"}, "img": {"src", "alt", "width", "height"}, "th": {"scope", "colspan", "rowspan"},
                         "td": {"colspan", "rowspan"}}


def sanitise_editorial(html: str) -> str:
    """Editorial pages may use Markdown's raw HTML, but no scripts, event handlers or javascript: links."""
    tags = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "section", "details", "summary", "span", "div", "nav", "mark"}
    return nh3.clean(html, tags=tags, attributes=_EDITORIAL_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel=None, strip_comments=True)
