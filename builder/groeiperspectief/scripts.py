"""Which of the site's scripts a page loads: the shared ones on every page, a figure's only where there is one.

Engine-free: the MkDocs adapter asks ``page_scripts`` for each page's HTML and the theme override
(``overrides/main.html``) writes the script tags after the theme's own. vis-network alone is some 700 kB,
so a project list or an editorial page should not fetch and parse it.
"""

from __future__ import annotations

from .render import ASSETS

__all__ = ["SHARED", "ON_DEMAND", "page_scripts"]

SHARED: list[str] = [
    f"{ASSETS}/groei-site.js",
    f"{ASSETS}/groei-lens.js",
    f"{ASSETS}/groei-tables.js",
    f"{ASSETS}/groei-search.js",
]
"""Small enhancements (some 15 kB) that any page may use: in ``extra_javascript``, so on every page."""

ON_DEMAND: list[tuple[str, list[str]]] = [
    # (what marks a page that needs them, in its HTML; the scripts, in load order)
    ("data-graph=", [f"{ASSETS}/vendor/vis-network.min.js", f"{ASSETS}/groei-graph.js"]),
    ("data-gf", [f"{ASSETS}/groei-figure.js"]),
    ("data-gp-group", [f"{ASSETS}/groei-filter.js"]),
    ("data-gp-map=", [f"{ASSETS}/groei-kaart.js"]),
]
"""Scripts a page loads only when its HTML holds the marker. Markers are attributes only the generated pages
write: an editorial page is sanitised and keeps no ``data-*`` attribute, so an editor cannot ask for a script."""


def page_scripts(html: str) -> list[str]:
    """The on-demand scripts (site paths) that a page with this HTML needs, each once, in load order.

    >>> page_scripts('<figure class="gp-graph" data-graph="x.json">')
    ['assets/groei/vendor/vis-network.min.js', 'assets/groei/groei-graph.js']
    >>> page_scripts("<p>Geen figuur</p>")
    []
    """
    found: list[str] = []
    for marker, scripts in ON_DEMAND:
        if marker in html:
            found += [script for script in scripts if script not in found]
    return found
