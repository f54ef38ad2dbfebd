"""The lens "Bekijk als …" in Chromium: the counts in words and the marks equal what lens.py computes,
the choice lives in the URL (reload, links) and the organisation page says the same without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from groeiperspectief import lens, render
from groeiperspectief.perspective import Perspective
from groeiperspectief.validate import check

from .conftest import measured

pytestmark = pytest.mark.browser

ON = '.gp-lens[data-lens-state="on"]'
# Distinct projects marked per variant in the page (a project of several themes is in several sections).
MARKS = """() => { const seen = {};
  document.querySelectorAll('tr[data-lens-target^="project:"]').forEach(tr => {
    seen[tr.getAttribute('data-lens-target')] = tr.getAttribute('data-lens'); });
  const counts = {}; Object.values(seen).forEach(v => { counts[v] = (counts[v] || 0) + 1; }); return counts; }"""


@pytest.fixture(scope="module")
def example(example_repo) -> Perspective:
    return Perspective.from_entries(check(example_repo).entries)


def test_the_summary_and_the_marks_equal_the_counts_of_every_core_municipality(page, site_url, example):
    shown = []
    for oid in example.kern:
        page.goto(site_url + f"wie-doet-waar-mee/?organisatie={oid}")
        page.wait_for_selector(ON)
        summary = page.locator(".gp-lens__summary").inner_text()
        assert summary == lens.summary(example, oid)
        counts = lens.counts(example, oid)
        assert page.evaluate(MARKS) == {k: n for k, n in counts.items() if n}
        assert page.locator("#gp-lens-select").input_value() == oid
        shown.append(summary)
    measured("lens summaries in the browser (core municipalities)", " | ".join(shown))
    assert "Gemeente Papendrecht: 13 volledig · 5 solidariteit · 4 instap · 7 geen · 0 nog geen keuze" in shown


def test_the_choice_survives_a_reload_and_a_link_click_and_leaves_the_url_when_off(page, site_url, example):
    page.goto(site_url + "wie-doet-waar-mee/")
    expect(page.locator(".gp-lens")).to_be_visible()
    page.select_option("#gp-lens-select", "hardinxveld-giessendam")
    page.wait_for_selector(ON)
    assert page.url.endswith("wie-doet-waar-mee/?organisatie=hardinxveld-giessendam")
    expected = lens.summary(example, "hardinxveld-giessendam")
    assert "1 nog geen keuze" in expected  # the example's municipality with a missing stance
    page.reload()
    page.wait_for_selector(ON)
    expect(page.locator(".gp-lens__summary")).to_have_text(expected)
    page.locator(".gp-lens__pages a[data-lens-link]", has_text="Tijdlijn").click()
    page.wait_for_url("**/tijdlijn/?organisatie=hardinxveld-giessendam")
    page.wait_for_selector(ON)
    expect(page.locator(".gp-lens__summary")).to_have_text(expected)
    # Bars and rows of the timeline carry the variant as a badge with words, not colour alone.
    marked = page.locator('.gp-timeline__row[data-lens="open"] .gp-lens-badge')
    expect(marked.first).to_contain_text("nog geen keuze")
    # The organisation's own page is one link away, and off is off: no parameter, event detail null.
    expect(page.locator("[data-lens-org]")).to_have_attribute("href", "../organisaties/hardinxveld-giessendam/")
    page.evaluate(
        "window.__lens = 'unset'; document.addEventListener('groei:lens', e => { window.__lens = e.detail; })"
    )
    page.select_option("#gp-lens-select", "")
    page.wait_for_selector('.gp-lens[data-lens-state="off"]')
    assert page.evaluate("window.__lens") is None
    assert "organisatie=" not in page.url
    assert page.locator("[data-lens]").count() == 0 and page.locator(".gp-lens-badge").count() == 0


def test_the_event_carries_the_variants_per_project_and_opgave(page, site_url, example):
    page.goto(site_url + "tijdlijn/")
    page.evaluate("document.addEventListener('groei:lens', e => { window.__lens = e.detail; })")
    page.select_option("#gp-lens-select", "papendrecht")
    page.wait_for_selector(ON)
    detail = page.evaluate("window.__lens")
    data = lens.lens_data(example, "papendrecht")
    assert detail["organisatie"] == "papendrecht" and detail["naam"] == "Gemeente Papendrecht"
    assert detail["variants"] == data["variants"]
    assert page.evaluate("window.groeiLens.detail.organisatie") == "papendrecht"


def test_the_matrix_filters_by_the_lens_organisation_and_variant_and_cells_say_who_what_how(page, site_url, example):
    page.goto(site_url + "wie-doet-waar-mee/?organisatie=papendrecht")
    page.wait_for_selector(ON)
    page.get_by_label("Toon variant").select_option("solidariteit")
    n = lens.counts(example, "papendrecht")["solidariteit"]
    expect(page.locator(".gp-filter__status")).to_have_text(
        f"{n} van {len(example.projecten)} projecten getoond (variant van Gemeente Papendrecht)."
    )
    visible = page.evaluate(
        "[...new Set([...document.querySelectorAll('tr[data-lens-target]')].filter(tr => tr.offsetParent)"
        ".map(tr => tr.getAttribute('data-lens')))]"
    )
    assert visible == ["solidariteit"]
    page.get_by_label("Toon variant").select_option("")
    cell = page.locator('th[data-org="papendrecht"]').first
    column = cell.evaluate("th => th.cellIndex")
    row = page.locator("table.gp-matrix tbody tr").first
    title = row.locator("td").nth(column - 1).get_attribute("title")
    project = row.locator("th a").inner_text()
    assert title.startswith("Gemeente Papendrecht ") and title.endswith(project) or project in title


def test_without_javascript_the_organisation_page_says_the_same(browser, built_site, site_url, example):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for oid in example.kern:
            page.goto(site_url + f"organisaties/{oid}/")
            expect(page.locator(".gp-lens-sentence strong")).to_have_text(lens.summary(example, oid))
        links = page.locator(".gp-lens-links a")
        assert links.count() == len(render.lens_pages(bool(example.entries.kaart)))
        assert links.nth(1).get_attribute("href").endswith("wie-doet-waar-mee/?organisatie=" + example.kern[-1])
    finally:
        context.close()
