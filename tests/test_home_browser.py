"""The home page in Chromium at 1280 × 800 and 390 × 844: every part is there, readable, inside the screen,
and links where it says; the lens picker marks the picture and carries the choice on."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from groeiperspectief import home, lens
from groeiperspectief.perspective import Perspective
from groeiperspectief.validate import check

from .walk import visit

pytestmark = pytest.mark.browser

WIDTHS = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]


@pytest.fixture(scope="module")
def example(example_repo) -> Perspective:
    return Perspective.from_entries(check(example_repo).entries)


@pytest.mark.parametrize("viewport", WIDTHS, ids=lambda v: str(v["width"]))
def test_every_part_of_the_home_page_is_visible_readable_and_inside_the_screen(browser, site_url, example, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    try:
        visit(page, site_url)
        for selector in (
            ".gp-hero h1",
            ".gp-hero__numbers",
            ".gp-lens",
            ".gf-frame svg:visible",
            ".gp-theme-cards",
            ".gp-home-requests",
            ".gp-home-news",
            ".gp-home-lessons",
        ):
            expect(page.locator(selector).first).to_be_visible()
        assert page.locator(".gp-theme-card").count() == len(example.themas)
        assert page.locator(".gp-home-request").count() == home.REQUESTS_SHOWN
        # Nothing sticks out of the screen, and no text in the new parts is below 12 px.
        outside, tiny = page.evaluate(
            """() => {
              const parts = [...document.querySelectorAll('.gp-hero *, .gp-theme-cards *, .gp-home-join *, .gp-home-pair *')]
                .filter(e => e.getClientRects().length);
              return [parts.filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.className).slice(0, 5),
                      parts.filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
                                   && parseFloat(getComputedStyle(e).fontSize) < 12).map(e => e.className).slice(0, 5)];
            }"""
        )
        assert outside == [] and tiny == [], (outside, tiny)
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        # Cards and requests never overlap each other (a grid that collapsed would stack them on top).
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.gp-theme-card, .gp-home-request')].map(e => {
                const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
        )
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    finally:
        context.close()


def test_the_home_page_links_lead_to_their_pages(page, site_url, example):
    visit(page, site_url)
    first = next(iter(example.themas))
    with page.expect_navigation():
        page.locator(".gp-theme-card__title a").first.click()
    assert page.url.endswith(f"/themas/{first}/")
    assert page.locator("h1").first.inner_text().strip() == example.themas[first].titel
    visit(page, site_url)
    with page.expect_navigation():
        page.get_by_role("link", name="open verzoeken op Aansluiten").click()
    assert page.url.endswith("/aansluiten/")
    visit(page, site_url)
    request = home.view(example, dt.date.today()).requests[0]
    with page.expect_navigation():
        page.locator(".gp-home-request__title a").first.click()
    assert page.url.endswith(f"/projecten/{request.project}/")
    visit(page, site_url)
    with page.expect_navigation():
        page.locator(".gp-hero__numbers a", has_text="open verzoek").click()
    assert page.url.endswith("/aansluiten/")


def test_the_lens_picker_on_the_home_page_marks_the_picture_and_goes_along(page, site_url, example):
    visit(page, site_url)
    page.select_option("#gp-lens-select", "papendrecht")
    expect(page.locator(".gp-lens__summary")).to_have_text(lens.summary(example, "papendrecht"))
    assert page.url.endswith("?organisatie=papendrecht")
    marked = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.gf-svg--wide .gf-node[data-lens]')]
              .map(g => [g.getAttribute('data-id'), g.getAttribute('data-lens')]))"""
    )
    assert marked == lens.opgave_variants(example, "papendrecht")
    with page.expect_navigation():
        page.locator(".gp-lens__pages a", has_text="Wie doet waar mee").click()
    assert page.url.endswith("/wie-doet-waar-mee/?organisatie=papendrecht")
