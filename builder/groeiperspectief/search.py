"""Site search with Pagefind: what a page tells the index, and the indexing of a finished site.

Engine-free. Pagefind reads the built HTML, so any engine's output can be indexed:
a page takes part when its main content sits in ``data-pagefind-body``; its title
(weighted, so an entry's own name ranks first), its kind and themes (filters and
result labels) come from the markup made here. Pagefind writes a chunked index
into ``pagefind/`` of the site: the browser loads only the chunks a query needs,
so a first search costs about the same at 100 or 10,000 projects.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup, escape

from .pagefind_bundle import make_reproducible

__all__ = ["BUNDLE", "IndexFailed", "body", "facets", "index_site"]

log = logging.getLogger("groeiperspectief")

BUNDLE = "pagefind"
"""The folder of the index in the site; ``groei-search.js`` loads ``pagefind.js`` from it."""

TITLE_WEIGHT = 10
"""Pagefind's heaviest weight: a page's title counts above any heading (h1 counts 7) or text (1)."""

# Kind of entry per page template; every other indexed page is an overview or an editorial page.
KINDS = {
    "project.md.j2": "Project",
    "opgave.md.j2": "Opgave",
    "thema.md.j2": "Thema",
    "organisatie.md.j2": "Organisatie",
}
OTHER_KIND = "Pagina"

# The parts of a site's bundle that this site uses: the JS API, its worker, the WebAssembly and the
# index. Pagefind's prebuilt UIs (about 0.4 MB) are left out: the site has its own (groei-search.js).
_UNUSED = re.compile(r"pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$")


class IndexFailed(Exception):
    """Pagefind could not index the site; the message is Dutch."""


def facets(kind: str, themes: Iterable[str] = (), names: Iterable[str] = ()) -> Markup:
    """The hidden block that gives a page its kind and themes in the index (filters and result labels), and
    the names a search finds it first by (``names_of``).

    Values are the elements' text (escaped), never Pagefind's inline ``key:value`` syntax, in
    which a comma in a theme's name would split it.

    >>> print(facets("Thema", ["Wonen & bouwen"], ["wonen & bouwen"]))
    <div class="gp-search-facets" hidden data-pagefind-ignore><span data-pagefind-filter="soort" data-pagefind-meta="soort">Thema</span><span data-pagefind-filter="thema">Wonen &amp; bouwen</span><span data-pagefind-filter="naam">wonen &amp; bouwen</span></div>
    """
    parts = [f'<span data-pagefind-filter="soort" data-pagefind-meta="soort">{escape(kind)}</span>']
    parts += [f'<span data-pagefind-filter="thema">{escape(t)}</span>' for t in themes]
    parts += [f'<span data-pagefind-filter="naam">{escape(n)}</span>' for n in names]
    return Markup(f'<div class="gp-search-facets" hidden data-pagefind-ignore>{"".join(parts)}</div>')


# Words that say what kind of body an organisation is; its name without them is how people search for it.
_BODY_WORDS = re.compile(r"^(?:gemeente|provincie|waterschap)\s+", re.IGNORECASE)


def names_of(name: str) -> list[str]:
    """The searches that find an entry first: its name, and an organisation's name without the kind of body,
    written as ``groei-search.js`` normalises a query (lower case, single spaces).

    Pagefind ranks by the words of the whole page: a project in Papendrecht that names the
    town in its title and text can outrank the municipality itself. These names are a filter
    in the index; the search box asks it first, so "papendrecht" shows Gemeente Papendrecht
    on top. Organisations and themes only: few, so the filter stays small at any region size.

    >>> names_of("Gemeente  Papendrecht"), names_of("ProRail")
    (['gemeente papendrecht', 'papendrecht'], ['prorail'])
    """
    full = " ".join(name.lower().split())
    short = _BODY_WORDS.sub("", full)
    return [full] if short == full or not short else [full, short]


_H1 = re.compile(r"<h1(?=[\s>])")
# A label and its value (dt/dd), or two cells, written without space between them: Pagefind reads their
# text as one word ("StatusVoorbereiding"). A space between the tags changes nothing a visitor sees.
_GLUED_CELLS = re.compile(r"(</(?:dt|dd|th|td)>)(?=<(?:dt|dd|th|td)[\s>])")


def body(html: str, title: str) -> str:
    """A page's main content marked for the index, with its title as the heaviest words.

    ``title`` is escaped HTML text. Without an ``<h1>`` in the content the title becomes
    one (the theme then shows no second one); otherwise the first ``<h1>`` gets the weight.

    >>> body("<p>Tekst</p>", "Gemeente Papendrecht")
    '<div data-pagefind-body><h1 data-pagefind-weight="10" data-pagefind-meta="title">Gemeente Papendrecht</h1>\\n<p>Tekst</p></div>'
    >>> body('<h1 id="over">Over</h1>', "Over")
    '<div data-pagefind-body><h1 data-pagefind-weight="10" data-pagefind-meta="title" id="over">Over</h1></div>'
    >>> body("<h1>P</h1><dl><dt>Status</dt><dd>Idee</dd><dt>Periode</dt></dl>", "P")[-61:]
    '<dl><dt>Status</dt> <dd>Idee</dd> <dt>Periode</dt></dl></div>'
    """
    html = _GLUED_CELLS.sub(r"\1 ", html)
    marks = f' data-pagefind-weight="{TITLE_WEIGHT}" data-pagefind-meta="title"'
    if _H1.search(html):
        html = _H1.sub(f"<h1{marks}", html, count=1)
    else:
        html = f"<h1{marks}>{title}</h1>\n{html}"
    return f"<div data-pagefind-body>{html}</div>"


def executable() -> Path:
    """The Pagefind binary of the ``pagefind[bin]`` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise IndexFailed(
            "Pagefind ontbreekt; installeer het pakket opnieuw (pip install -e .), dat 'pagefind[bin]' meebrengt"
        ) from None
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise IndexFailed(f"het programma van Pagefind ontbreekt ({exc}); installeer 'pagefind[bin]' opnieuw") from None


def index_site(site_dir: Path) -> None:
    """Index the finished site at ``site_dir`` in Dutch into ``site_dir/pagefind/``; the bundle's unused UIs removed."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", BUNDLE, "--force-language", "nl"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise IndexFailed(f"de zoekindex maken mislukt: {exc}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["geen melding"]
        raise IndexFailed(f"de zoekindex maken mislukt (Pagefind, code {done.returncode}): {detail[0]}")
    for path in bundle.iterdir():
        if _UNUSED.match(path.name):
            path.unlink()
    try:
        make_reproducible(bundle)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise IndexFailed(f"de zoekindex van Pagefind heeft een onbekende vorm ({exc}); is dit Pagefind 1.5?") from None
