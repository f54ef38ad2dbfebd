"""The map page in Chromium, at 1280 × 800 and 390 × 844: links, counts, labels, keyboard, the lens, axe."""

from __future__ import annotations

import pytest

from groeiperspectief.geo.figure import MapFigure
from groeiperspectief.perspective import Perspective
from groeiperspectief.validate import check
from groeiperspectief.vocabulary import STATUSES

from .test_a11y import _violations

SIZES = [(1280, 800), (390, 844)]


@pytest.fixture(scope="module")
def figure(example_repo) -> MapFigure:
    return MapFigure(Perspective.from_entries(check(example_repo).entries))


def _open(page, site_url: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + "kaart/", wait_until="load")
    page.wait_for_selector("[data-gp-map][data-drawn]")


def _click_place(page, oid: str) -> None:
    """Click a municipality where its name stands (inside the shape; the labels let clicks through)."""
    label = page.locator(f'[data-label-for="{oid}"]')
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _names(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        ".gp-map__place", "els => Object.fromEntries(els.map(e => [e.dataset.place, e.getAttribute('aria-label')]))"
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_shape_links_to_its_municipality_with_the_count_python_computed(page, site_url, figure, size):
    _open(page, site_url, size)
    hrefs = page.eval_on_selector_all(
        ".gp-map__place", "els => Object.fromEntries(els.map(e => [e.dataset.place, e.getAttribute('href')]))"
    )
    assert hrefs == {oid: f"../organisaties/{oid}/#speelt-in" for oid in figure.counts}
    expected = {
        oid: f"{figure.names[oid]}: {n} {'project' if n == 1 else 'projecten'}" for oid, n in figure.counts.items()
    }
    assert _names(page) == expected
    counts = page.eval_on_selector_all(
        "[data-count-for]", "els => Object.fromEntries(els.map(e => [e.dataset.countFor, +e.textContent]))"
    )
    assert counts == figure.counts


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_labels_do_not_overlap_and_are_at_least_12_px(page, site_url, size):
    _open(page, site_url, size)
    boxes = page.eval_on_selector_all(
        ".gp-map__label",
        """els => els.map(e => { const r = e.getBoundingClientRect();
             const px = parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a;
             return {name: e.textContent.trim(), l: r.left, t: r.top, r: r.right, b: r.bottom, px}; })""",
    )
    assert len(boxes) >= 9
    for i, a in enumerate(boxes):
        assert a["px"] >= 12, a
        for b in boxes[i + 1 :]:
            overlap_x = min(a["r"], b["r"]) - max(a["l"], b["l"])
            overlap_y = min(a["b"], b["b"]) - max(a["t"], b["t"])
            assert overlap_x <= 1 or overlap_y <= 1, (a["name"], b["name"])
    page.screenshot(path=f"/tmp/groei-kaart-{size[0]}.png")


def test_keyboard_reaches_a_shape_and_enter_opens_its_panel(page, site_url, figure):
    _open(page, site_url, SIZES[0])
    page.focus("#gp-map-status")
    for _ in range(len(figure.counts) + 2):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.place === 'papendrecht'"):
            break
    else:
        raise AssertionError("Tab reaches no shape of Papendrecht")
    page.keyboard.press("Enter")
    n = figure.counts["papendrecht"]
    assert page.text_content("#gp-map-panel-kop") == f"Papendrecht: {n} projecten"
    assert page.locator("[data-gp-map-panel] li a").count() == n
    assert page.get_attribute('.gp-map__place[data-place="papendrecht"]', "aria-expanded") == "true"
    assert page.url.endswith("/kaart/")  # the panel opened; the page did not navigate


def test_a_filter_recounts_every_shape(page, site_url, figure):
    _open(page, site_url, SIZES[0])
    p = figure.p
    status = list(STATUSES).index("uitvoering")
    page.select_option("#gp-map-status", str(status))
    expected = {
        oid: sum(1 for pid in figure.places.get(oid, []) if p.projecten[pid].status == "uitvoering")
        for oid in figure.counts
    }
    counts = page.eval_on_selector_all(
        "[data-count-for]", "els => Object.fromEntries(els.map(e => [e.dataset.countFor, +e.textContent]))"
    )
    assert counts == expected


def test_the_lens_shows_where_an_organisation_takes_part_and_how(page, site_url, figure):
    _open(page, site_url, SIZES[0])
    p = figure.p
    variants = {pid: x.deelnemers["dordrecht"].variant for pid, x in p.projecten.items() if "dordrecht" in x.deelnemers}
    page.evaluate(
        "v => document.dispatchEvent(new CustomEvent('groei:lens', {detail: {organisatie: 'dordrecht', naam: 'Gemeente Dordrecht', variants: v}}))",
        variants,
    )
    names = _names(page)
    taking = [
        pid for pid in figure.places["zwijndrecht"] if variants.get(pid) in ("volledig", "solidariteit", "instap")
    ]
    assert f"Gemeente Dordrecht doet mee aan {len(taking)} project" in names["zwijndrecht"]
    assert page.is_visible("[data-gp-map-lens-legend]") and not page.is_visible("[data-gp-map-legend]")
    # The way it takes part is a fill pattern and a border style, never only a colour.
    dash = page.eval_on_selector(
        '.gp-map__place[data-place="zwijndrecht"] path', "e => getComputedStyle(e).strokeDasharray"
    )
    fill = page.eval_on_selector('.gp-map__place[data-place="zwijndrecht"] path', "e => getComputedStyle(e).fill")
    assert dash or fill
    page.screenshot(path="/tmp/groei-kaart-lens.png")
    page.evaluate("document.dispatchEvent(new CustomEvent('groei:lens', {detail: null}))")
    assert _names(page)["zwijndrecht"] == f"Zwijndrecht: {figure.counts['zwijndrecht']} projecten"


def test_the_legend_says_in_words_and_numbers_what_each_shade_means(page, site_url, figure):
    _open(page, site_url, SIZES[0])
    items = [t.strip() for t in page.locator("[data-gp-map-legend] li").all_text_contents()]
    assert items[0] == "geen projecten" and len(items) == len(figure.classes) + 1
    assert items[-1].endswith(f"{max(figure.counts.values())} projecten")
    # Each shape's shade is the legend class of its count.
    shades = page.eval_on_selector_all(
        ".gp-map__place",
        "els => Object.fromEntries(els.map(e => [e.dataset.place, e.firstElementChild.className.baseVal]))",
    )
    assert shades == {oid: f"gp-map__shape gp-map__k{figure.klass(n)}" for oid, n in figure.counts.items()}


def test_the_map_asks_nothing_of_another_host(page, site_url, requests_seen):
    _open(page, site_url, SIZES[1])
    assert any(url.endswith("/assets/groei/kaart.json") for url in requests_seen.local)
    assert any(url.endswith("/assets/groei/groei-kaart.js") for url in requests_seen.local)
    assert requests_seen.blocked == []


def test_the_navigation_leads_to_the_map_under_who_takes_part(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "organisaties/")  # a page of the "Wie doet mee" tab that keeps its side navigation
    nav = page.locator('.md-nav a[href$="kaart/"]:visible').first
    assert nav.text_content().strip() == "Kaart"
    nav.click()
    assert page.url.endswith("/kaart/") and page.text_content("h1").strip() == "Wat er waar speelt"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_page_has_no_axe_violations(page, site_url, size):
    _open(page, site_url, size)
    _click_place(page, "dordrecht")
    assert page.text_content("#gp-map-panel-kop").startswith("Dordrecht: ")
    assert _violations(page) == []


def test_a_project_page_shows_its_locator(page, site_url):
    page.goto(site_url + "projecten/waterbus-vaarverbindingen/")
    svg = page.locator(".gp-locator svg")
    assert svg.get_attribute("role") == "img"
    assert svg.get_attribute("aria-label") == "Speelt in Dordrecht, Papendrecht, Alblasserdam en Zwijndrecht"
    assert page.locator(".gp-locator path.gp-locator__here").count() == 4
