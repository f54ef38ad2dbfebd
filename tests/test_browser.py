"""The example site in headless Chromium, as a visitor uses it: graphs, filters, clicks, search, print."""

from __future__ import annotations

import re

from playwright.sync_api import expect

READY = '.gp-graph[data-state="ready"]'


def visible_count(page) -> tuple[int, int]:
    shown, total = re.search(r"(\d+) van (\d+)", page.locator(".gp-graph__count").first.inner_text()).groups()
    return int(shown), int(total)


def node_point(page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in viewport coordinates (the figure scrolled into view first)."""
    page.locator(".gp-graph__canvas").first.scroll_into_view_if_needed()
    return page.evaluate(
        """(id) => {
            const g = window.groeiGraphs[0];
            const pos = g.network.getPositions([id])[id];
            const dom = g.network.canvasToDOM(pos);
            const box = g.network.body.container.getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node_id,
    )


def test_explorer_graph_draws_with_every_node(page, site_url):
    # The vis-network explorer left the home page (issue 13) for a page of its own.
    page.goto(site_url + "verken/")
    page.wait_for_selector(READY, timeout=10_000)
    shown, total = visible_count(page)
    assert shown == total > 40
    assert page.locator(".gp-graph canvas").count() == 1
    # The text alternative is on the same page.
    assert page.get_by_role("heading", name="Het netwerk in tekst").is_visible()


def test_a_filter_changes_what_is_shown(page, site_url):
    page.goto(site_url + "verken/")
    page.wait_for_selector(READY)
    before, total = visible_count(page)
    page.get_by_role("checkbox", name=re.compile("^Project")).uncheck()
    after, _ = visible_count(page)
    assert after < before == total
    hidden = page.evaluate("() => window.groeiGraphs[0].network.body.data.nodes.get({filter: n => n.hidden}).length")
    assert hidden == 0 or after < total  # the view, not the data, hides nodes
    page.get_by_role("checkbox", name=re.compile("^Project")).check()
    assert visible_count(page)[0] == total


def test_clicking_a_node_opens_its_page(page, site_url):
    page.goto(site_url + "themas/energie/")
    page.wait_for_selector(READY)
    x, y = node_point(page, "opgave:netcongestie")
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/opgaven/netcongestie/$"))
    expect(page.locator("h1")).to_have_text("Netcongestie")


def test_hover_highlights_neighbours(page, site_url):
    page.goto(site_url + "opgaven/netcongestie/")
    page.wait_for_selector(READY)
    x, y = node_point(page, "opgave:netcongestie")
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    tooltip = page.locator(".gp-graph__tooltip")
    expect(tooltip.first).to_contain_text("Netcongestie")


def test_keyboard_picker_highlights_and_opens(page, site_url):
    page.goto(site_url + "themas/bereikbaarheid/")
    page.wait_for_selector(READY)
    picker = page.get_by_label("Zoek in de figuur")
    picker.focus()
    picker.fill("Regionale fietsroutes")
    picker.press("Enter")  # the only match is chosen and highlighted ...
    expect(page.locator(".gp-graph__info")).to_contain_text("Regionale fietsroutes")
    picker.press("Enter")  # ... and Enter on the chosen node opens its page
    page.wait_for_url(re.compile(r"/projecten/regionale-fietsroutes/$"))


def test_municipality_page_shows_the_right_variants(page, site_url):
    page.goto(site_url + "organisaties/hardinxveld-giessendam/")
    open_choice = page.locator("#variant-open")
    expect(open_choice).to_contain_text("Kwartiermaker Albert Cuyp-landschapspark")
    expect(open_choice).to_contain_text("Nog geen keuze")
    page.goto(site_url + "organisaties/papendrecht/")
    volledig = page.locator("#variant-volledig")
    expect(volledig).to_contain_text("Regionale fietsroutes")
    expect(volledig).to_contain_text("Trekker")
    # The same stance on the project page.
    page.goto(site_url + "projecten/regionale-fietsroutes/")
    row = page.locator("table.gp-coalition tr", has_text="Gemeente Papendrecht")
    expect(row).to_contain_text("Volledige participatie")
    expect(page.locator("table.gp-coalition tr", has_text="Gemeente Molenlanden")).to_contain_text("Instapmodel")


def test_matrix_filter_by_theme(page, site_url):
    page.goto(site_url + "wie-doet-waar-mee/")
    sections = page.locator(".gp-matrix-section")
    assert sections.count() == 4
    page.get_by_label("Toon thema").select_option("energie")
    expect(page.locator(".gp-matrix-section:visible")).to_have_count(1)
    expect(page.locator(".gp-matrix-section:visible")).to_have_attribute("data-theme", "energie")
    header = page.locator(".gp-matrix-section:visible table th[scope=col]").first
    expect(header).to_have_text("Project")


def test_search_finds_dutch_words(page, site_url):
    page.goto(site_url)
    page.locator("#gp-search-input").fill("fietsroutes")
    expect(page.locator(".gp-search__result").first).to_be_visible(timeout=10_000)
    expect(page.locator(".gp-search__results")).to_contain_text("Regionale fietsroutes")


def test_print_hides_interactive_parts_and_keeps_the_text(page, site_url):
    page.goto(site_url + "projecten/regionale-fietsroutes/")
    page.wait_for_selector(READY)
    page.emulate_media(media="print")
    assert page.locator(".gp-graph").first.is_hidden()
    assert page.locator(".md-sidebar--primary").first.is_hidden()
    assert page.locator("table.gp-coalition").is_visible()


def test_reduced_motion_is_honoured(browser, site_url, requests_seen):
    context = browser.new_context(reduced_motion="reduce")
    requests_seen.attach(context)
    page = context.new_page()
    page.goto(site_url + "verken/")
    page.wait_for_selector(READY)
    assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
    context.close()
    assert requests_seen.blocked == []


def test_a_crowded_figure_labels_the_most_important_nodes_first(page, tmp_path):
    """Level of detail: in the fitted view of a figure with hundreds of nodes, labels that would overlap
    are not drawn (themes are placed first); every zoom step shows more, and zoomed in far enough all."""
    from groeiperspectief.bench import write_corpus
    from groeiperspectief.build import build_site

    from .browser import serve

    write_corpus(200, tmp_path / "regio")
    site = build_site(tmp_path / "regio").site_dir
    with serve(site) as url:
        page.goto(url + "verken/")  # the whole network, on the explorer since issue 13
        page.wait_for_selector(READY, timeout=20_000)
        drawn = page.evaluate(
            """() => {
                const net = window.groeiGraphs[0].network;
                net.redraw();  // vis measures every label as it draws it
                const scale = net.getScale();
                const nodes = net.body.data.nodes.get();
                // vis skips a label drawn smaller than its drawThreshold (in screen pixels)
                const threshold = net.body.nodes[nodes[0].id].options.scaling.label.drawThreshold;
                const at = (zoom) => nodes.filter((n) => n.font.size * scale * zoom >= threshold);
                const shown = at(1).map((n) => net.body.nodes[n.id].labelModule.size);
                let overlaps = 0;
                shown.forEach((a, i) => shown.slice(i + 1).forEach((b) => {
                    if (a.left < b.left + b.width && b.left < a.left + a.width &&
                        a.top < b.top + b.height && b.top < a.top + a.height) overlaps += 1;
                }));
                return {total: nodes.length, fitted: at(1).map((n) => n.id), closer: at(4).map((n) => n.id),
                        twice: at(2).length, far: at(64).length, overlaps};
            }"""
        )
        hint = page.locator(".gp-graph__keys").first.inner_text()
    themes = sum(1 for folder in (tmp_path / "regio/themes").iterdir() if folder.is_dir())
    assert drawn["total"] > 150
    # Themes come first: some in the fitted view (they sit close together in the middle), all of them soon after.
    assert any(node.startswith("thema:") for node in drawn["fitted"])
    assert sum(node.startswith("thema:") for node in drawn["closer"]) == themes
    assert drawn["overlaps"] == 0
    assert themes < len(drawn["fitted"]) < drawn["twice"] < drawn["far"] == drawn["total"]
    assert "Zoom in om ook de namen van de kleinere knopen te zien" in hint


def test_a_small_figure_labels_every_node(page, site_url):
    page.goto(site_url + "verken/")
    page.wait_for_selector(READY)
    drawn = page.evaluate(
        """() => {
            const net = window.groeiGraphs[0].network;
            return Object.values(net.body.nodes).filter((n) => !n.id.startsWith("edgeId:") && n.labelModule.visible()).length
                - net.body.data.nodes.length;
        }"""
    )
    assert drawn == 0
