"""Accessibility (WCAG 2.1 AA): axe-core on every page type, the keyboard, text alternatives, contrast.

axe-core comes inside the ``axe-playwright-python`` wheel; it runs in the page,
so it makes no request of its own.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from groeiperspectief import lens, network
from groeiperspectief.perspective import PALETTE, Perspective
from groeiperspectief.validate import check

from .conftest import ROOT, measured
from .walk import pages_by_type, visit

AXE = Axe()
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _violations(page) -> list[str]:
    found = AXE.run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def _one_per_type(site: Path, repo: Path) -> dict[str, str]:
    """One page of every type the site has; organisations twice, a core municipality and a partner."""
    chosen = {kind: urls[0] for kind, urls in pages_by_type(site).items()}
    entries = check(repo).entries
    kern = [oid for oid, o in entries.organisaties.items() if o.kern]
    partner = [oid for oid, o in entries.organisaties.items() if not o.kern]
    chosen["organisaties/* (kern)"] = f"organisaties/{kern[0]}/"
    if partner:
        chosen["organisaties/* (partner)"] = f"organisaties/{partner[0]}/"
    chosen.pop("organisaties/*", None)
    return chosen


def _axe_every_type(page, base_url: str, site: Path, repo: Path, name: str) -> dict[str, list[str]]:
    """Violations by page type (each type once)."""
    results = {}
    for kind, url in sorted(_one_per_type(site, repo).items()):
        visit(page, base_url + url)
        results[kind] = _violations(page)
    measured(f"axe [{name}]: violations per page type", ", ".join(f"{kind} {len(v)}" for kind, v in results.items()))
    return results


@pytest.mark.browser
def test_axe_finds_no_violations_on_any_page_type(page, site_url, built_site, example_repo):
    results = _axe_every_type(page, site_url, built_site, example_repo, "example")
    assert {
        "home",
        "themas",
        "themas/*",
        "opgaven",
        "opgaven/*",
        "projecten",
        "projecten/*",
        "aansluiten",
        "lessen",
        "organisaties",
        "organisaties/* (kern)",
        "organisaties/* (partner)",
        "wie-doet-waar-mee",
        "samenhang",
        "over",
        "toegankelijkheid",
        "404.html",
    } <= set(results)
    assert {kind: v for kind, v in results.items() if v} == {}


@pytest.mark.browser
def test_axe_finds_no_violations_on_hostile_sites(page, hostile_site):
    results = _axe_every_type(page, hostile_site.url, hostile_site.site, hostile_site.repo, hostile_site.name)
    assert len(results) > 10
    assert {kind: v for kind, v in results.items() if v} == {}


def test_axe_sees_violations(page):
    """The check itself works: a page with known faults has violations."""
    page.set_content(
        '<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#"></a>'
        '<p style="color:#aaa;background:#fff">grijs</p></body></html>'
    )
    ids = {v.split(" ")[0] for v in _violations(page)}
    assert {"image-alt", "link-name", "color-contrast", "html-has-lang"} <= ids


# --- the keyboard -------------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // "auto" is the browser's own focus ring (Material's choice); otherwise a ring of at least 2px.
  const ring = style.outlineStyle === "auto" || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2);
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {tag: el.tagName, type: el.type || "", label: (el.labels && el.labels[0] ? el.labels[0].innerText : "")
          || el.getAttribute("aria-label") || el.innerText.slice(0, 40), visible: ring || !!shadow,
          graph: !!el.closest(".gp-graph"), cls: el.className && el.className.baseVal === undefined ? el.className : ""};
}"""


@pytest.mark.browser
def test_keyboard_reaches_the_graph_tools_with_a_visible_focus(page, site_url):
    """Tab alone reaches the picker, the filters and the figure; every stop shows where the focus is."""
    visit(page, site_url + "themas/energie/")
    stops = []
    for _ in range(120):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1]["cls"] and "gp-graph__canvas" in stops[-1]["cls"]:
            break
    in_graph = [s for s in stops if s["graph"]]
    assert any(s["label"].startswith("Zoek in de figuur") for s in in_graph), in_graph
    assert sum(1 for s in in_graph if s["type"] == "checkbox") >= 3
    assert "gp-graph__canvas" in stops[-1]["cls"], "de figuur zelf is bereikbaar met Tab"
    invisible = [s for s in stops if not s["visible"]]
    assert invisible == []
    # The picker is the keyboard's way into the figure: choosing a node shows what it is.
    picker = page.get_by_label("Zoek in de figuur")
    picker.focus()
    picker.press_sequentially("Netcongestie")
    option = page.locator("datalist option").evaluate_all("os => os.map(o => o.value)")
    picker.fill(next(o for o in option if o.startswith("Netcongestie")))
    info = page.locator(".gp-graph__info")
    assert info.is_visible() and "Netcongestie" in info.inner_text()


class _Links(HTMLParser):
    """The links of a page outside its figures, and the graph data each figure draws."""

    def __init__(self) -> None:
        super().__init__()
        self.links: set[str] = set()
        self.graphs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.add(a["href"].split("#")[0])
        if tag == "figure" and "gp-graph" in (a.get("class") or ""):
            self.graphs.append((a["data-graph"], a["data-root"]))


def test_every_graph_has_a_text_alternative_on_its_page(built_site):
    """Whatever a figure shows, the page also links in text: every node with a page of its own."""
    missing, figures = [], 0
    for path in sorted(built_site.rglob("index.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        here = path.parent
        linked = {(here / link).resolve() for link in parser.links if not re.match(r"^[a-z]+:", link)}
        for graph, root in parser.graphs:
            figures += 1
            data = json.loads((here / graph).read_text(encoding="utf-8"))
            for node in data["nodes"]:
                if (
                    node["url"]
                    and not node["focus"]
                    and (here / root / node["url"].split("#")[0]).resolve() not in linked
                ):
                    missing.append(f"{path.relative_to(built_site)}: {node['label']}")
    measured("graphs with a text alternative checked", figures)
    assert figures > 50
    assert missing == []


def test_the_matrix_is_a_table_with_headers(built_site):
    page = (built_site / "wie-doet-waar-mee/index.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="gp-table gp-matrix">.*?</table>', page, flags=re.S)
    assert tables
    for table in tables:
        assert "<caption>" in table
        head = re.search(r"<thead>(.*?)</thead>", table, flags=re.S)[1]
        assert len(re.findall(r"<th\b", head)) == len(re.findall(r'<th scope="col"', head)) > 2
        for row in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table, flags=re.S)[1], flags=re.S):
            assert row.startswith('<th scope="row">'), row[:80]


# --- colour contrast of what axe cannot see: the figure's canvas and the badges' own colours ----


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two ``#rrggbb`` colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_graph_colours_stand_out_on_white(example_repo):
    """Nodes and lines are graphical objects: at least 3:1 against the white figure (WCAG 1.4.11)."""
    p = Perspective.from_entries(check(example_repo).entries)
    colours = {f"thema {t}": p.color(t) for t in p.themas}
    colours |= {f"palet {i}": c for i, c in enumerate(PALETTE)}
    colours |= {"neutraal": network.NEUTRAL} | {f"lijn {r}": s["color"] for r, s in network.EDGE_STYLE.items()}
    ratios = {name: round(contrast(c, "#ffffff"), 2) for name, c in colours.items()}
    measured("graph colours checked (lowest contrast on white)", f"{len(ratios)} ({min(ratios.values())}:1)")
    assert {name: r for name, r in ratios.items() if r < 3} == {}


def test_badge_text_is_readable(built_site):
    """Variant and status badges: text against its own background at least 4.5:1 (WCAG 1.4.3)."""
    css = (built_site / "assets/groei/groei.css").read_text(encoding="utf-8")
    badges = dict(re.findall(r"\.(gp-status--[a-z]+) \{([^}]*)\}", css))
    ratios = {}
    for name, rules in badges.items():
        colour = re.search(r"(?<!-)color: (#[0-9a-f]{6})", rules)[1]
        background = m[1] if (m := re.search(r"background: (#[0-9a-f]{6})", rules)) else "#ffffff"
        ratios[name] = round(contrast(colour, background), 2)
    # Variant badges take their colours from the one definition (lens.STYLES), through the generated CSS.
    variants = (built_site / lens.CSS_FILE).read_text(encoding="utf-8")
    for key, style in lens.STYLES.items():
        assert (
            f".gp-variant--{key} {{ color: var(--gp-variant-{key}); background: var(--gp-variant-{key}-bg);" in variants
        )
        assert f"--gp-variant-{key}: {style.color}; --gp-variant-{key}-bg: {style.background};" in variants
        ratios[f"gp-variant--{key}"] = round(contrast(style.color, style.background), 2)
    measured("badges checked (lowest text contrast)", f"{len(ratios)} ({min(ratios.values())}:1)")
    assert len(ratios) == 5 + 6
    assert {name: r for name, r in ratios.items() if r < 4.5} == {}


def test_the_accessibility_statement_is_a_page(built_site):
    statement = (ROOT / "content/toegankelijkheid.md").read_text(encoding="utf-8")
    for heading in ("Status", "Wat we hebben getest", "Bekende beperkingen", "Contact"):
        assert re.search(rf"^## {heading}", statement, flags=re.M), heading
    page = (built_site / "toegankelijkheid/index.html").read_text(encoding="utf-8")
    assert "WCAG 2.1" in page and 'href="toegankelijkheid/"' in (built_site / "index.html").read_text(encoding="utf-8")
