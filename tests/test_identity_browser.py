"""The site's identity as a visitor meets it: its own font, its titles, its tabs, its width, and scripts only where needed.

Opens the built example in Chromium at 1280 × 800 and 390 × 844. Every request that leaves the local
server is blocked and fails the test (the ``page`` fixture and ``_phone`` below).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from groeiperspectief.render import NAV_TABS
from groeiperspectief.scripts import ON_DEMAND

from .conftest import ROOT, measured
from .walk import html_pages, pages_by_type, visit

SITE_NAME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
FIGURE_SCRIPTS = {Path(script).name for _, scripts in ON_DEMAND for script in scripts}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@contextmanager
def _page_at(browser, requests_seen, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    requests_seen.attach(context)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert requests_seen.blocked == [], f"verzoeken naar derden: {requests_seen.blocked}"


def _overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.browser
def test_no_page_asks_another_host(page, site_url, built_site, requests_seen):
    """Every page of the example at 1280 px (the fixture fails on any blocked request), every page type at 390 px."""
    urls = html_pages(built_site)
    page.set_viewport_size(DESKTOP)
    for url in urls:
        visit(page, site_url + url)
    assert requests_seen.blocked == []
    measured("identity: pages opened without a third-party request (1280 px)", len(urls))


@pytest.mark.browser
def test_every_page_type_fits_a_phone_without_asking_another_host(browser, requests_seen, site_url, built_site):
    wide = {}
    with _page_at(browser, requests_seen, PHONE) as phone:
        for kind, urls in sorted(pages_by_type(built_site).items()):
            visit(phone, site_url + urls[0])
            wide[kind] = _overflow(phone)
    measured("identity: page types at 390 px, widest overflow (px)", f"{len(wide)}, {max(wide.values())}")
    # No page type is wider than a phone: wide tables and figures scroll inside their own frame.
    assert max(wide.values()) <= 0, {kind: px for kind, px in wide.items() if px > 0}


@pytest.mark.browser
def test_the_font_comes_from_the_site(page, site_url, requests_seen):
    visit(page, site_url)
    page.evaluate("() => document.fonts.ready")
    loaded = page.evaluate(
        """() => [...document.fonts].filter(f => f.status === 'loaded')
            .map(f => `${f.family.replace(/"/g, '')} ${f.weight} ${f.style}`)"""
    )
    assert {"Source Sans 3 400 normal", "Source Sans 3 600 normal", "Source Sans 3 700 normal"} <= set(loaded), loaded
    assert page.evaluate("() => document.fonts.check('18px \"Source Sans 3\"')")
    body_font = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert body_font.startswith('"Source Sans 3"'), body_font
    fonts = [url for url in requests_seen.local if url.endswith(".woff2")]
    assert fonts and all("/assets/groei/fonts/source-sans-3-latin-" in url for url in fonts), fonts
    # Body text 17-18 px, headings clearly larger.
    sizes = page.evaluate(
        """() => ['.md-typeset p:not(.gp-hero p)', '.md-typeset h1', '.md-typeset h2'].map(
            s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"""
    )
    assert 17 <= sizes[0] <= 18 and sizes[1] >= 1.6 * sizes[0] and sizes[2] >= 1.3 * sizes[0], sizes


@pytest.mark.browser
def test_the_browser_title_names_the_page_and_the_site_once(page, site_url, built_site):
    visit(page, site_url)
    assert page.title() == SITE_NAME
    for url in ("projecten/", "projecten/regionale-fietsroutes/", "over/", "404.html"):
        visit(page, site_url + url)
        title = page.title()
        assert title.count(SITE_NAME) == 1 and " - " not in title, title
        if url != "404.html":
            heading = page.locator("h1").first.inner_text().strip()
            assert title == f"{heading} · {SITE_NAME}", title


@pytest.mark.browser
def test_the_home_page_fits_a_phone(browser, requests_seen, site_url):
    with _page_at(browser, requests_seen, PHONE) as phone:
        visit(phone, site_url)
        assert _overflow(phone) <= 0
        # Every element stays inside the screen (a page can hide its overflow and still cut content).
        outside = phone.evaluate(
            """() => [...document.querySelectorAll('.md-content *')]
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth + 1
                             && !e.closest('.gp-table-wrap, .gp-graph, [hidden]'))
                .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
        )
        assert outside == []


@pytest.mark.browser
def test_the_tabs_are_reached_and_followed_by_keyboard(page, site_url):
    visit(page, site_url)
    tabs = [tab for tab, _ in NAV_TABS]
    assert page.locator(".md-tabs__link").all_inner_texts() == tabs
    reached: list[str] = []
    for _ in range(40):  # the skip link, the header, then the tabs
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.classList.contains('md-tabs__link') ? document.activeElement.innerText.trim() : null"
        )
        if focused:
            reached.append(focused)
            if focused == tabs[-1]:
                break
    assert reached == tabs
    # A visible focus ring on the tab (WCAG 2.4.7).
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    for _ in range(len(tabs) - 3):  # back to "Projecten"
        page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/projecten/")
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Projecten"


@pytest.mark.browser
def test_home_and_data_pages_take_the_whole_width(page, site_url):
    for url in ("", "wie-doet-waar-mee/", "tijdlijn/", "data/"):
        visit(page, site_url + url)
        assert page.locator(".md-sidebar--primary").is_hidden(), url
        assert page.locator(".md-sidebar--secondary").is_hidden(), url
    visit(page, site_url + "themas/energie/")
    assert page.locator(".md-sidebar--secondary").is_visible()  # a long page without wide tables keeps its contents


def _js_bytes(site: Path, url: str) -> int:
    """Bytes of the script files a built page loads (its inline settings aside)."""
    page = site / url / "index.html"
    sources = re.findall(r'<script src="([^"]+)"', page.read_text(encoding="utf-8"))
    return sum((page.parent / src).resolve().stat().st_size for src in sources)


@pytest.mark.browser
def test_figure_scripts_load_only_on_pages_with_a_figure(page, site_url, built_site):
    with_figure, without = [], []
    for url in html_pages(built_site):
        html = (built_site / (url if url.endswith(".html") else url + "index.html")).read_text(encoding="utf-8")
        scripts = {Path(src).name for src in re.findall(r'<script src="([^"]+)"', html)}
        has_figure = any(marker in html.split('<div class="md-content"', 1)[-1] for marker, _ in ON_DEMAND)
        (with_figure if has_figure else without).append(url)
        if not has_figure:
            assert not scripts & FIGURE_SCRIPTS, url
    assert without and "projecten/" in without and "over/" in without
    visit(page, site_url + "projecten/")
    assert page.evaluate("() => typeof window.vis === 'undefined' && typeof window.groeiGraphs === 'undefined'")
    # The first page with a vis-network figure (other on-demand markers load other scripts).
    graphs = [u for u in with_figure if "data-graph=" in (built_site / u / "index.html").read_text(encoding="utf-8")]
    if graphs:
        visit(page, site_url + graphs[0])
        assert page.evaluate("() => document.querySelectorAll('.gp-graph[data-state=\"ready\"]').length > 0")
    measured(
        "identity: JS bytes of a page without a figure / with one; pages without / with",
        f"{_js_bytes(built_site, 'projecten'):,} / {_js_bytes(built_site, with_figure[0].rstrip('/')) if with_figure else 0:,}; "
        f"{len(without)} / {len(with_figure)}",
    )
