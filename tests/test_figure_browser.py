"""The dependency picture as a visitor meets it in Chromium: readable at 1280 and 390 px, keyboard first."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_a11y import WCAG_AA

WIDTHS = [(1280, 800), (390, 844)]
PAGES = ["", "samenhang/"]

# Every label line and every box of the SVG on screen, measured with the browser's own geometry (getBBox),
# then the pairs that overlap: a line over another node's box or two lines of different nodes.
OVERLAPS = """(root) => {
  const svg = [...root.querySelectorAll('.gf-svg')].find(s => getComputedStyle(s).display !== 'none');
  const nodes = [...svg.querySelectorAll('.gf-node')].filter(g => getComputedStyle(g).display !== 'none');
  const boxes = nodes.map(g => ({id: g.dataset.id, r: g.querySelector('.gf-box, .gf-row').getBBox()}));
  const lines = nodes.flatMap(g => [...g.querySelectorAll('.gf-label tspan')].map(t => ({id: g.dataset.id, r: t.getBBox(),
      size: parseFloat(getComputedStyle(t).fontSize)})));
  const hit = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const bad = [];
  for (const l of lines) {
    for (const b of boxes) if (b.id !== l.id && hit(l.r, b.r)) bad.push(l.id + ' over ' + b.id);
    const own = boxes.find(b => b.id === l.id).r;
    if (l.r.x < own.x - 0.5 || l.r.x + l.r.width > own.x + own.width + 0.5) bad.push(l.id + ' leaves its box');
  }
  for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++)
    if (lines[i].id !== lines[j].id && hit(lines[i].r, lines[j].r)) bad.push(lines[i].id + ' x ' + lines[j].id);
  return {bad, lines: lines.length, smallest: Math.min(...lines.map(l => l.size)),
          phone: svg.classList.contains('gf-svg--phone')};
}"""


def _open(page, url: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_function(
        "document.fonts.status === 'loaded' && !!document.querySelector('.gf .gf-tools:not([hidden])')"
    )
    return page.locator(".gf").first


@pytest.mark.browser
@pytest.mark.parametrize("width,height", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_label_overlaps_and_no_page_overflow(page, site_url, path, width, height):
    fig = _open(page, site_url + path, width, height)
    found = fig.evaluate(OVERLAPS)
    assert found["lines"] > 20
    assert found["bad"] == []
    assert found["smallest"] >= 13
    assert found["phone"] == (width < 700)  # one SVG per screen: the phone version on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
def test_keyboard_tab_arrows_live_region_enter_escape(page, site_url):
    _open(page, site_url, 1280, 800)
    page.locator(".gf-svg--wide .gf-node").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # one tab stop: the figure takes focus on its current node
    first = page.evaluate("document.activeElement.dataset.id")
    assert first
    live = page.locator(".gf-live")
    # Netcongestie: from what it depends on (←) to what it makes possible (→), each move announced.
    page.locator('.gf-svg--wide .gf-node[data-id="netcongestie"]').focus()
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.id") == "ruimte-voor-netuitbreiding"
    assert live.text_content().startswith("Ruimte voor netuitbreiding, opgave in Energietransitie; hangt af van 0")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.id") == "netcongestie"
    assert "Netcongestie, opgave in Energietransitie; hangt af van 1, nodig voor" in live.text_content()
    page.keyboard.press("ArrowRight")
    reached = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("ArrowDown")  # a sibling: another opgave that waits for Netcongestie
    sibling = page.evaluate("document.activeElement.dataset.id")
    assert sibling != reached and "(2 van" in live.text_content()
    page.keyboard.press("Enter")
    panel = page.locator(".gf-panel")
    assert panel.is_visible()
    assert panel.locator("h3").text_content() == page.evaluate(
        "JSON.parse(document.querySelector('.gf-data').textContent).nodes[document.activeElement.dataset.id].t"
    )
    assert panel.locator("a.gf-panel__page").count() == 1
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert live.text_content() == "Paneel gesloten."


@pytest.mark.browser
def test_click_opens_panel_with_projects_instead_of_leaving(page, site_url):
    _open(page, site_url, 1280, 800)
    before = page.url
    page.locator('.gf-svg--wide .gf-node[data-id="woningbouwversnelling"]').click()
    assert page.url == before
    panel = page.locator(".gf-panel")
    assert panel.locator("h3").text_content() == "Woningbouwversnelling"
    assert "Projecten (" in panel.text_content()
    # Focus: depth 1 marks the opgave and its direct relations only.
    near = page.locator(".gf-svg--wide .gf-node.is-near")
    assert near.count() == 1 + len(
        page.evaluate("""(() => { const n = JSON.parse(document.querySelector('.gf-data')
        .textContent).nodes.woningbouwversnelling; return [...new Set([...n.d, ...n.m])]; })()""")
    )
    page.select_option(".gf-depth", "3")
    assert near.count() > 3
    page.select_option(".gf-direction", "deps")
    assert "hangt af van" in page.locator(".gf-status").text_content()


@pytest.mark.browser
def test_filters_search_and_lens_say_what_they_did(page, site_url):
    _open(page, site_url, 1280, 800)
    status = page.locator(".gf-status")
    total = page.locator(".gf-svg--wide .gf-node").count()
    theme = page.locator(".gf-filter input").first
    tid = theme.get_attribute("value")
    in_theme = page.locator(f'.gf-svg--wide .gf-node[data-theme="{tid}"]').count()
    theme.uncheck()
    assert f"{total - in_theme} van {total} opgaven" in status.text_content() and "vervaagt" in status.text_content()
    assert page.locator(".gf-svg--wide .gf-node.is-faded").count() == in_theme
    page.select_option(".gf-mode", "hide")
    assert page.locator(".gf-svg--wide .gf-node.is-hidden").count() == in_theme and "verdwijnt" in status.text_content()
    page.locator(".gf-reset").click()
    page.fill(".gf-search__input", "ruimte net")
    assert "Geen opgave gevonden" in status.text_content()
    page.fill(".gf-search__input", "NETCONG")
    assert status.text_content().startswith("1 opgave gevonden voor ‘NETCONG’: Netcongestie")
    page.evaluate(
        """document.dispatchEvent(new CustomEvent('groei:lens', {detail: {organisatie: 'x', naam: 'Gemeente X',
        variants: {'opgave:netcongestie': 'volledig', 'opgave:drechtring': 'solidariteit', 'opgave:bodemdaling': 'open'}}}))"""
    )
    assert status.text_content() == (
        "Opgaven in deze figuur, bekeken als Gemeente X: ● 1 volledig · € 1 solidariteit · ? 1 nog geen keuze."
    )
    node = page.locator('.gf-svg--wide .gf-node[data-id="netcongestie"]')
    assert node.get_attribute("data-lens") == "volledig" and node.locator(".gf-lens").text_content() == "●"
    page.evaluate("document.dispatchEvent(new CustomEvent('groei:lens', {detail: null}))")
    assert page.locator(".gf-svg--wide .gf-node[data-lens]").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_axe_no_violations_with_figure(page, site_url, path):
    for width, height in WIDTHS:
        _open(page, site_url + path, width, height)
        found = Axe().run(page, options=WCAG_AA).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found] == []


@pytest.mark.browser
def test_real_lens_file_marks_each_opgave_as_python_computes(page, site_url, example_repo):
    """The lens file of a core municipality, sent as groei-lens.js sends it: every opgave marked with the
    variant lens.py computes, and the status counts equal Python's."""
    from groeiperspectief import lens
    from groeiperspectief.perspective import load

    p, _ = load(example_repo)
    _open(page, site_url, 1280, 800)
    for oid in p.kern[:2]:
        page.evaluate(
            """async (id) => { const r = await fetch('assets/groei/lens/' + id + '.json'); const d = await r.json();
            document.dispatchEvent(new CustomEvent('groei:lens', {detail: d})); }""",
            oid,
        )
        want = lens.opgave_variants(p, oid)
        marked = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('.gf-svg--wide .gf-node[data-lens]')]"
            ".map(g => [g.dataset.id, g.dataset.lens]))"
        )
        assert marked == want
        status = page.locator(".gf-status").text_content()
        for variant, style in lens.STYLES.items():
            n = sum(1 for v in want.values() if v == variant)
            assert (f"{style.symbol} {n} {style.label}" in status) == (n > 0), (variant, status)


@pytest.mark.browser
def test_on_a_phone_the_picture_comes_before_its_tools_and_legend(page, site_url):
    """At 390 px the tools fold into one line above the figure, the legend follows it; at 1280 px all is open."""
    fig = _open(page, site_url + "samenhang/", 390, 844)
    toggle = fig.locator(".gf-tools__toggle")
    search = fig.locator(".gf-search__input")
    assert toggle.is_visible() and not search.is_visible()
    top = {sel: fig.locator(sel).bounding_box()["y"] for sel in (".gf-tools", ".gf-svg--phone", ".gf-legend")}
    assert top[".gf-tools"] < top[".gf-svg--phone"] < top[".gf-legend"]
    assert top[".gf-svg--phone"] - top[".gf-tools"] < 80  # only the folded line between the lead and the picture
    toggle.click()
    assert search.is_visible()
    search.fill("NETCONG")
    assert fig.locator(".gf-status").text_content().startswith("1 opgave gevonden")
    fig = _open(page, site_url + "samenhang/", 1280, 800)
    assert not fig.locator(".gf-tools__toggle").is_visible() and fig.locator(".gf-search__input").is_visible()
