"""Tables people can read, in Chromium at 1280 × 800 and 390 × 844: the page never scrolls sideways,
a table wider than its frame says so, no word is broken in the middle, the matrix keeps its header and
first column in view, and axe finds nothing with the lens on."""

from __future__ import annotations

import pytest

from .conftest import measured
from .test_a11y import _violations

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (390, 844)]
PAGES = [
    "wie-doet-waar-mee/",
    "wie-doet-waar-mee/?organisatie=papendrecht",
    "tijdlijn/",
    "tijdlijn/?organisatie=hardinxveld-giessendam",
    "tijdlijn/energie/",
    "organisaties/",
    "organisaties/papendrecht/",
    "organisaties/rijkswaterstaat/",
    "projecten/warmtenet-uitbreiding/",
    "projecten/",
]

# Every word of a table (split at spaces and after hyphens and dashes, the only places a name may wrap) whose
# line boxes lie on more than one line. Screen-reader texts (1 px boxes) and hidden rows are skipped.
SPLIT_WORDS = r"""() => {
  const split = [];
  const sameLine = (a, b, vertical) => vertical
    ? a.left < b.right - 1 && b.left < a.right - 1
    : a.top < b.bottom - 1 && b.top < a.bottom - 1;
  document.querySelectorAll('table.gp-table').forEach(table => {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('.gp-sr') || !el.offsetParent) continue;
      const vertical = getComputedStyle(el).writingMode.startsWith('vertical');
      for (const m of node.data.matchAll(/[^\s\-\u2013\u2014]+[\-\u2013\u2014]?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        if (rects.some(r => !sameLine(r, rects[0], vertical))) split.push(m[0]);
      }
    }
  });
  return split;
}"""

# Frames whose table is wider than they are, without a visible cue in words above them.
UNCUED = """() => [...document.querySelectorAll('.gp-table-wrap')].filter(wrap => {
  if (!wrap.offsetParent || wrap.scrollWidth <= wrap.clientWidth + 1) return false;
  const cue = wrap.previousElementSibling;
  return !(cue && cue.classList.contains('gp-scroll-cue') && cue.offsetParent && cue.getBoundingClientRect().height > 0);
}).map(wrap => (wrap.querySelector('caption') || {}).textContent)"""


def _open(page, url: str) -> None:
    page.goto(url, wait_until="load")
    if "organisatie=" in url:
        page.wait_for_selector('.gp-lens[data-lens-state="on"]')
    page.wait_for_timeout(50)  # the scroll cues follow a ResizeObserver


@pytest.mark.parametrize("width,height", SIZES)
def test_no_page_scrolls_sideways_and_no_word_is_split_and_wide_tables_say_so(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    overflow, split, uncued, words, cued = {}, {}, {}, 0, 0
    for url in PAGES:
        _open(page, site_url + url)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            overflow[url] = scroll
        if found := page.evaluate(SPLIT_WORDS):
            split[url] = found[:10]
        if missing := page.evaluate(UNCUED):
            uncued[url] = missing
        words += page.evaluate("document.querySelectorAll('table.gp-table td, table.gp-table th').length")
        cued += page.locator(".gp-scroll-cue:visible").count()
    measured(f"tables at {width}px: pages, cells checked, frames with a scroll cue", f"{len(PAGES)}, {words}, {cued}")
    assert overflow == {}
    assert split == {}
    assert uncued == {}


def test_the_matrix_keeps_its_header_and_first_column_in_view(page, site_url):
    """At 1280 the matrix scrolls in its own frame with the header row in view; on a phone the page
    scrolls (no frame inside the page) and the project column stays in view when the frame scrolls sideways."""
    probe = """w => { const before = w.querySelector('tbody th[scope=row]').getBoundingClientRect().left;
        w.scrollLeft = 300; w.scrollTop = 400;
        const th = w.querySelector('tbody th[scope=row]'), head = w.querySelector('thead th:nth-child(3)');
        const box = w.getBoundingClientRect();
        return {left: w.scrollLeft, down: w.scrollTop, column: th.getBoundingClientRect().left - before,
                header: head.getBoundingClientRect().top - box.top}; }"""
    page.set_viewport_size({"width": 1280, "height": 800})
    _open(page, site_url + "wie-doet-waar-mee/")
    # The tallest frame (matrices are per theme; a short one needs no vertical scrolling).
    wraps = page.locator(".gp-matrix-wrap")
    heights = wraps.evaluate_all("ws => ws.map(w => w.scrollHeight - w.clientHeight)")
    wrap = wraps.nth(heights.index(max(heights)))
    wrap.scroll_into_view_if_needed()
    if max(heights) > 0:
        moved = wrap.evaluate(probe)
        assert moved["down"] > 0 and abs(moved["header"]) < 2  # the header row stays at the top of the frame
    else:  # every frame shows all its rows: the header is sticky for when one grows
        assert wrap.locator("thead th").first.evaluate("th => getComputedStyle(th).position") == "sticky"
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, site_url + "wie-doet-waar-mee/")
    wrap = page.locator(".gp-matrix-wrap").first
    wrap.scroll_into_view_if_needed()
    moved = wrap.evaluate(probe)
    assert moved["left"] > 0 and abs(moved["column"]) < 2  # the project column stays at the left edge
    assert moved["down"] == 0  # no frame that scrolls vertically inside the page on a phone


def test_data_pages_have_no_right_hand_table_of_contents(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in ("wie-doet-waar-mee/", "tijdlijn/", "organisaties/papendrecht/", "projecten/warmtenet-uitbreiding/"):
        _open(page, site_url + url)
        assert page.locator(".md-sidebar--secondary:visible").count() == 0, url


def test_axe_finds_nothing_with_the_lens_on(page, site_url):
    results = {}
    for url in ("wie-doet-waar-mee/?organisatie=papendrecht", "tijdlijn/?organisatie=alblasserdam"):
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            _open(page, site_url + url)
            results[f"{url} {width}"] = _violations(page)
    measured("axe with the lens on: violations", ", ".join(f"{k} {len(v)}" for k, v in results.items()))
    assert {k: v for k, v in results.items() if v} == {}


def test_an_editors_table_that_does_not_fit_a_phone_becomes_cards_with_the_column_names(page, site_url):
    """Bijdragen's tables (Markdown in content/): cards at 390 px, each cell under its column's name; a table at 1280."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "bijdragen/")
    tables = page.locator(".md-typeset__table > table")
    assert tables.count() >= 3
    stacked = page.locator("table.gp-stack")
    assert stacked.count() >= 1
    for i in range(stacked.count()):
        box = stacked.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    variants = page.locator("table.gp-stack", has_text="Solidariteitsprincipe")
    cell = variants.locator("td", has_text="Solidariteitsprincipe")
    assert cell.get_attribute("data-label") == "op de site" and cell.get_attribute("role") == "cell"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"op de site"'
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("!document.querySelector('table.gp-stack')")
    assert tables.first.locator("td").first.evaluate("td => getComputedStyle(td).display") == "table-cell"


def test_who_takes_part_reads_as_cards_on_a_phone(page, site_url):
    """A project's coalition at 390 px: a card per organisation, its name the title, variant and role labelled."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "projecten/warmtenet-uitbreiding/")
    table = page.locator("table.gp-coalition")
    assert table.evaluate("t => t.classList.contains('gp-stack')")
    row = table.locator("tbody tr").first
    assert row.locator("th").get_attribute("role") == "rowheader"
    labels = row.locator("td").evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    assert labels[:2] == ['"Variant"', '"Rol"']
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("!document.querySelector('table.gp-coalition.gp-stack')")
