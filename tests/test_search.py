"""Site search (Pagefind): what the index holds, and the search box as a visitor uses it."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from groeiperspectief.build import build_site

from .conftest import copy_example, measured
from .test_a11y import _violations

# A project whose page says "woning" and never "woningen": found by "woningen" only through stemming.
PROEFWONING = """\
    ---
    titel: Drijvende proefwoning
    samenvatting: Een drijvende woning aan de kade, als proef voor bouwen op het water.
    opgaven: [waterbus]
    status: idee
    trekker: dordrecht
    deelnemers:
      dordrecht: volledig
      papendrecht: volledig
      alblasserdam: geen
      zwijndrecht: geen
      sliedrecht: geen
      hendrik-ido-ambacht: geen
      hardinxveld-giessendam: geen
    ---
    De gemeente legt een woning op een ponton, meet een jaar lang hoe die het houdt, en deelt wat ze leert.
    """


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("zoeken") / "regio")
    (root / "projects" / "drijvende-proefwoning.md").write_text(textwrap.dedent(PROEFWONING), encoding="utf-8")
    return build_site(root).site_dir


@pytest.fixture(scope="module")
def search_url(search_site: Path):
    from .browser import serve

    with serve(search_site) as url:
        yield url


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _body(html: str) -> str:
    """The part of a page Pagefind indexes: from ``data-pagefind-body`` to the end of the article."""
    return html[html.index("<div data-pagefind-body>") : html.index("</article>")]


# --- the index, in the built pages ------------------------------------------------------------------


def test_the_site_has_a_pagefind_index_and_no_lunr_index(search_site):
    bundle = search_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "index").glob("nl_*.pf_index")), "a Dutch index"
    assert list((bundle / "fragment").glob("*.pf_fragment"))
    assert not (search_site / "search").exists(), "Material's lunr index is gone"
    # Pagefind's prebuilt UIs are not used (the site has its own box) and not published.
    assert not list(bundle.glob("pagefind-*ui*"))
    assert 'lang="nl"' in _html(search_site, "")


def test_each_entry_page_indexes_its_main_content_with_its_kind_and_title(search_site):
    for url, kind, title in [
        ("organisaties/papendrecht", "Organisatie", "Gemeente Papendrecht"),
        ("projecten/drijvende-proefwoning", "Project", "Drijvende proefwoning"),
        ("opgaven/waterbus", "Opgave", None),
        ("themas/wonen", "Thema", None),
    ]:
        html = _html(search_site, url)
        assert html.count("data-pagefind-body") == 1, url
        body = _body(html)
        # The title is the page's only h1, and the heaviest words of the page.
        h1 = re.search(r'<h1 data-pagefind-weight="10" data-pagefind-meta="title">([^<]+)</h1>', body)
        assert h1 and html.count("<h1") == 1, url
        if title:
            assert h1[1] == title
        assert f'data-pagefind-filter="soort" data-pagefind-meta="soort">{kind}</span>' in body, url
        # Navigation, header and footer stay out; figures and the long tables are ignored.
        before = html[: html.index("<div data-pagefind-body>")]
        assert 'class="md-nav' in before and "md-nav" not in body, url
        for figure in re.findall(r"<figure [^>]*>", body):
            assert "data-pagefind-ignore" in figure, (url, figure)
    project = _body(_html(search_site, "projecten/drijvende-proefwoning"))
    assert re.search(r'<table class="gp-table gp-coalition"', project)
    coalition = project[: project.index('<table class="gp-table gp-coalition"')].rsplit("<div", 1)[1]
    assert "data-pagefind-ignore" in coalition
    # A label and its value are two words to the index, not "StatusIdee".
    assert "<dt>Status</dt><dd>" not in project and "<dt>Status</dt> <dd>" in project
    assert '<span data-pagefind-filter="thema">Bereikbaarheid' in project


def test_pages_left_out_of_search_carry_no_body(search_site):
    # The second page of an overview repeats the first one's kind of content: only the first is indexed.
    later = sorted((search_site / "projecten" / "pagina").glob("*/index.html"))
    for path in later:
        assert "data-pagefind-body" not in path.read_text(encoding="utf-8"), path
    assert "data-pagefind-body" in _html(search_site, "projecten")


def test_an_organisation_is_named_in_the_index_by_its_name_with_and_without_its_kind(search_site):
    body = _body(_html(search_site, "organisaties/papendrecht"))
    names = re.findall(r'data-pagefind-filter="naam">([^<]+)<', body)
    assert names == ["gemeente papendrecht", "papendrecht"]
    assert 'data-pagefind-filter="naam"' not in _body(_html(search_site, "projecten/waterbus-vaarverbindingen"))


def test_a_site_still_naming_the_lunr_search_plugin_gets_a_dutch_warning(tmp_path, caplog):
    root = copy_example(tmp_path / "regio")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    with caplog.at_level("WARNING"):
        build_site(root)
    assert any("noemt de plugin 'search'" in r.getMessage() for r in caplog.records)


# --- the search box, in Chromium --------------------------------------------------------------------


def _search(page, query: str) -> list[tuple[str, str]]:
    box = page.locator("#gp-search-input")
    box.fill(query)
    # The status names the query once its results are shown (never the previous query's).
    page.locator(".gp-search__status", has_text=f"resultaten voor ‘{query}’").wait_for(timeout=15_000)
    page.wait_for_function(
        "n => document.querySelectorAll('.gp-search__result').length === Math.min(n, 10)",
        arg=int(re.search(r"(\d+) resulta", page.locator(".gp-search__status").inner_text())[1]),
    )
    titles = page.locator(".gp-search__link").all_inner_texts()
    kinds = [item.locator(".gp-search__kind").inner_text() for item in page.locator(".gp-search__result").all()]
    return list(zip(titles, kinds))


@pytest.mark.browser
def test_an_organisation_comes_first_for_its_own_name(page, search_url, requests_seen):
    page.goto(search_url)
    assert requests_seen.local and not [u for u in requests_seen.local if "/pagefind/" in u], (
        "nothing of the index loads before a search"
    )
    results = _search(page, "papendrecht")
    assert results[0] == ("Gemeente Papendrecht", "Organisatie")
    # Projects in Papendrecht follow: Pagefind's own ranking after the named entry.
    assert ("Wijkaanpak aardgasvrij Papendrecht en Alblasserdam", "Project") in results
    assert _search(page, "Gemeente Papendrecht")[0] == ("Gemeente Papendrecht", "Organisatie")
    assert _search(page, "Bouwen en wonen")[0] == ("Bouwen en wonen", "Thema")
    loaded = [u for u in requests_seen.local if "/pagefind/" in u]
    assert any(u.endswith(".pf_index") for u in loaded) and any(u.endswith(".pf_fragment") for u in loaded)
    measured("search [example]: requests of the index for three queries", len(loaded))


@pytest.mark.browser
def test_a_stemmed_form_finds_the_word(page, search_url, search_site):
    text = re.sub(r"<[^>]+>", " ", _body(_html(search_site, "projecten/drijvende-proefwoning")))
    assert re.search(r"\bwoning\b", text) and not re.search(r"\bwoningen\b", text, flags=re.I)
    page.goto(search_url)
    results = _search(page, "woningen")
    more = page.locator(".gp-search__more")
    while ("Drijvende proefwoning", "Project") not in results and more.is_visible():
        more.click()
        page.wait_for_timeout(300)
        results = list(
            zip(
                page.locator(".gp-search__link").all_inner_texts(),
                page.locator(".gp-search__kind").all_inner_texts(),
            )
        )
    assert ("Drijvende proefwoning", "Project") in results
    # The excerpt marks the word as found, as text.
    item = page.locator(".gp-search__result").filter(
        has=page.get_by_role("link", name="Drijvende proefwoning", exact=True)
    )
    assert item.locator("mark").all_inner_texts() == ["woning"]


@pytest.mark.browser
def test_filters_by_kind_and_by_theme(page, search_url, search_site):
    page.goto(search_url)
    everything = _search(page, "dordrecht")
    assert {kind for _, kind in everything} >= {"Organisatie", "Project"}
    page.locator(".gp-search__filters summary").click()
    filters = page.locator(".gp-search__filters")
    filters.get_by_role("checkbox", name=re.compile(r"^Project \(\d+\)$")).check()
    expect_kinds = page.locator(".gp-search__kind")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gp-search__kind')].every(e => e.textContent === 'Project')"
    )
    assert set(expect_kinds.all_inner_texts()) == {"Project"}
    # And a theme besides: only projects of that theme remain.
    filters.get_by_role("checkbox", name=re.compile(r"^Energietransitie \(\d+\)$")).check()
    page.wait_for_timeout(500)
    page.locator(".gp-search__status", has_text="resulta").wait_for()
    for href in page.locator(".gp-search__link").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        body = _body((search_site / href.strip("/") / "index.html").read_text(encoding="utf-8"))
        assert '<span data-pagefind-filter="thema">Energietransitie</span>' in body, href
        assert 'data-pagefind-meta="soort">Project<' in body, href


@pytest.mark.browser
def test_the_search_box_works_from_the_keyboard(page, search_url):
    page.goto(search_url + "projecten/")
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "gp-search-input"
    page.keyboard.type("papendrecht")
    page.locator(".gp-search__result").first.wait_for(timeout=15_000)
    page.wait_for_timeout(400)  # the debounced search settles
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.textContent") == "Gemeente Papendrecht"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/organisaties/papendrecht/")
    # Escape closes the results and leaves the focus in the box.
    page.keyboard.press("/")
    page.keyboard.type("waterbus")
    page.locator(".gp-search__result").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    assert page.locator("#gp-search-panel").is_hidden()
    assert page.evaluate("() => document.activeElement.id") == "gp-search-input"


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_axe_finds_no_violations_in_the_search_ui(browser, search_url, requests_seen, width, height, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    requests_seen.attach(context)
    page = context.new_page()
    page.goto(search_url)
    _search(page, "papendrecht")
    page.locator(".gp-search__filters summary").click()
    page.screenshot(path=str(tmp_path / f"zoeken-{width}.png"))
    violations = _violations(page)
    context.close()
    measured(f"axe [search UI {width}px]: violations", len(violations))
    assert violations == []
    assert requests_seen.blocked == []
