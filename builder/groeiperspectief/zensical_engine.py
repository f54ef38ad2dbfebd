"""Experimental: ``groei build --engine zensical``, the site built by Zensical instead of MkDocs.

Zensical (Material for MkDocs' successor) runs no MkDocs plugins, so this adapter does
outside the engine what ``plugin.py`` does inside MkDocs: it writes the core's docs tree
(``render.docs_tree``, engine-free) and the editorial pages, already rendered and sanitised,
into a folder with a generated ``mkdocs.yml`` (Zensical reads that format), runs
``zensical build``, and finishes the output with the engine-free steps: search marks on each
page's main content and the Pagefind index (``search.py``), the theme's scripts kept off other
hosts (``privacy.py``). The result is swapped in like a MkDocs build (``build.py``).
``docs/engines.md`` says what this covers and what it does not (no live preview).
"""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import markdown
import yaml

from . import history
from .build import BuildFailed, Built, _swap, clean_leftovers
from .editorial import HOME
from .perspective import Perspective
from .plugin import CSS, JS, OVERRIDES, GroeiPlugin, _strip_front_matter, sanitise_editorial
from .privacy import harden_theme_assets
from .render import Settings, docs_tree
from .search import IndexFailed, index_site
from .search import body as search_body
from .serve import GUIDE
from .sources import CONTENT_DIR
from .validate import check

__all__ = ["build_with_zensical"]

# The theme's article holds the page's main content; entity pages hold articles of their own (cards),
# so it ends at the page's last </article>.
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*)(</article>)', re.S)
_H1_TEXT = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def executable() -> str:
    """Zensical's command: beside this Python (its venv), else on PATH."""
    beside = Path(sys.executable).parent / "zensical"
    found = str(beside) if beside.is_file() else shutil.which("zensical")
    if not found:
        raise BuildFailed("Zensical ontbreekt; installeer het (pip install zensical) of bouw zonder --engine zensical")
    return found


def build_with_zensical(root: Path, *, strict: bool = False) -> Built:
    """Check ``root`` and build its site with Zensical into ``site_dir`` of its mkdocs.yml (built aside, then swapped)."""
    import time

    started = time.perf_counter()
    zensical = executable()
    result = check(root)
    if result.problems.has_errors(strict=strict):
        raise BuildFailed("De inhoud bevat fouten; de site is niet gebouwd en de vorige versie blijft staan.", result)
    config = _read_config(root)
    site_dir = (root / config.get("site_dir", "site")).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(site_dir.parent)
    with tempfile.TemporaryDirectory(prefix="groei-zensical-") as tmp:
        work = Path(tmp)
        searchable = _write_project(root, config, result, work)
        done = subprocess.run(
            [zensical, "build", "-f", str(work / "mkdocs.yml")], cwd=work, capture_output=True, text=True, timeout=3600
        )
        if done.returncode != 0:
            raise BuildFailed(f"Zensical faalde (code {done.returncode}): {(done.stderr or done.stdout)[-1500:]}")
        built = work / "site"
        _finish(built, searchable)
        staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
        staging.rmdir()
        shutil.move(str(built), staging)
    _swap(staging, site_dir)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    files = sum(1 for p in site_dir.rglob("*") if p.is_file())
    return Built(site_dir, pages, files, time.perf_counter() - started, result)


def _read_config(root: Path) -> dict[str, Any]:
    path = root / "mkdocs.yml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildFailed(f"mkdocs.yml is niet bruikbaar voor Zensical: {exc}") from None
    if not isinstance(config, dict):
        raise BuildFailed("mkdocs.yml is niet bruikbaar voor Zensical: geen instellingen gevonden")
    return config


def _plugin_settings(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "groeiperspectief" in entry:
            return entry["groeiperspectief"] or {}
    return {}


def _write_project(root: Path, config: dict[str, Any], result, work: Path) -> dict[str, str]:
    """The docs folder and mkdocs.yml for Zensical; returns the pages to index (output path -> title)."""
    docs = work / "docs"
    docs.mkdir()
    sources = result.sources
    perspective = Perspective.from_entries(result.entries)
    home = root / HOME
    plugin = _plugin_settings(config)
    inspiratiedag, day = plugin.get("inspiratiedag"), plugin.get("inspiratiedag_datum")
    settings = Settings(
        site_name=str(config.get("site_name", "Groeiperspectief")),
        directory_urls=True,
        intro=_strip_front_matter(home.read_text(encoding="utf-8")) if home.is_file() else "",
        guide=GUIDE if f"{CONTENT_DIR}/{GUIDE}" in sources.content_files() else None,
        since=history.since(root, str(inspiratiedag), perspective, day=str(day) if day else None)
        if inspiratiedag
        else None,
    )
    tree = docs_tree(perspective, settings)
    searchable: dict[str, str] = {}
    for path, content in tree.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
            continue
        target.write_text(content, encoding="utf-8")
        front = content.split("\n---\n", 1)[0]
        if path.endswith(".md") and '\nsearch: {"exclude": true}' not in front:
            searchable[_output(path)] = ""
    extensions = config.get("markdown_extensions") or []
    for relpath in sources.content_files():
        rel = relpath[len(CONTENT_DIR) + 1 :]
        if relpath == HOME or rel.startswith("organisaties/") or rel in tree:
            continue
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".md"):
            target.write_text(_editorial(root / relpath, extensions), encoding="utf-8")
            searchable[_output(rel)] = ""
        else:
            shutil.copyfile(root / relpath, target)
    zconfig = {
        "site_name": settings.site_name,
        "site_description": str(config.get("site_description", "")),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        # The classic variant: the look of Material for MkDocs, which the site's CSS is written for.
        "theme": {
            "name": "material",
            "variant": "classic",
            "language": "nl",
            "font": False,
            "custom_dir": str(OVERRIDES),
        },
        "nav": GroeiPlugin._nav(sources),
        "extra_css": CSS,
        "extra_javascript": JS,
        "plugins": {"search": {"enabled": False}},  # the site searches with Pagefind
        "markdown_extensions": extensions,
    }
    (work / "mkdocs.yml").write_text(yaml.safe_dump(zconfig, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return searchable


def _output(src: str) -> str:
    """The HTML file of docs page ``src`` with directory URLs: ``a/index.md`` and ``a.md`` both -> ``a/index.html``."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _editorial(path: Path, extensions: list[Any]) -> str:
    """An editorial page rendered and sanitised here, as the MkDocs plugin does after MkDocs renders it.

    The engine gets one HTML block (Python-Markdown keeps a ``<div>`` whole to its closing tag)
    and the title as escaped text: nothing an editor wrote reaches it as Markdown or markup.
    """
    text = path.read_text(encoding="utf-8")
    meta: dict[str, Any] = {}
    match = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    if match:
        try:
            meta = yaml.safe_load(match[1]) or {}
        except yaml.YAMLError:
            meta = {}
        text = text[match.end() :]
    names, configs = [], {}
    for item in extensions:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options or {}
    body = sanitise_editorial(markdown.markdown(text, extensions=names, extension_configs=configs))
    heading = _H1_TEXT.search(body)
    title = str(meta.get("title") or (re.sub(r"<[^>]+>", "", heading[1]) if heading else path.stem))
    front = {"title": html_lib.escape(html_lib.unescape(title), quote=False)}
    return (
        "---\n"
        + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
        + f'---\n\n<div class="gp-editorial">\n{body}\n</div>\n'
    )


def _finish(site: Path, searchable: dict[str, str]) -> None:
    """The engine-free steps on the built site: search marks, the theme kept off other hosts, the index."""
    for rel in sorted(searchable):
        path = site / rel
        if not path.is_file():
            continue
        page = path.read_text(encoding="utf-8")

        def mark(match: re.Match) -> str:
            inner = match[2]
            heading = _H1_TEXT.search(inner)
            return match[1] + search_body(inner, heading[1] if heading else "") + match[3]

        path.write_text(_ARTICLE.sub(mark, page, count=1), encoding="utf-8")
    (site / "search.json").unlink(missing_ok=True)
    harden_theme_assets(site)
    try:
        index_site(site)
    except IndexFailed as exc:
        raise BuildFailed(str(exc)) from None
