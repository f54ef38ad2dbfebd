"""Privacy: no page of the built site asks anything of a third party.

Every HTML page is loaded in Chromium with every request that leaves the local
server blocked and recorded (the ``page`` fixture's machinery); none may be
attempted. The hostile sites get the same treatment in ``test_injection.py``.
"""

from __future__ import annotations

import pytest

from .conftest import measured
from .walk import html_pages, visit


@pytest.mark.browser
def test_no_page_requests_anything_from_a_third_party(page, site_url, built_site, requests_seen):
    pages = html_pages(built_site)
    per_page: dict[str, list[str]] = {}
    for url in pages:
        before = len(requests_seen.blocked)
        visit(page, site_url + url)
        if len(requests_seen.blocked) > before:
            per_page[url or "/"] = requests_seen.blocked[before:]
    measured(
        "privacy [example]: pages loaded, local requests, third-party requests",
        f"{len(pages)}, {len(requests_seen.local)}, {len(requests_seen.blocked)}",
    )
    assert len(pages) > 80 and len(requests_seen.local) > len(pages)
    assert per_page == {}


@pytest.mark.browser
def test_a_third_party_request_would_be_caught(page, site_url, requests_seen):
    """The recorder works: a request to another host is blocked and counted, not sent."""
    page.goto(site_url)
    page.evaluate("() => { const i = new Image(); i.src = 'https://tracker.example/p.png'; document.body.append(i); }")
    page.wait_for_timeout(300)
    assert requests_seen.blocked == ["https://tracker.example/p.png"]
    requests_seen.blocked.clear()  # the fixture fails the test on any blocked request left


def test_theme_scripts_name_no_other_host_and_ship_no_source_maps(built_site):
    """Material's bundle can load mermaid and a polyfill from unpkg.com; the build neutralises both."""
    assets = [p for p in (built_site / "assets").rglob("*") if p.is_file()]
    assert [p.name for p in assets if p.suffix == ".map"] == []
    scripts = [p for p in assets if p.suffix in (".js", ".css")]
    assert any("bundle" in p.name for p in scripts)
    offenders = [p.name for p in scripts if b"unpkg.com" in p.read_bytes() or b"sourceMappingURL" in p.read_bytes()]
    assert offenders == []


@pytest.mark.browser
def test_a_browser_without_resizeobserver_fetches_no_polyfill(browser, site_url, requests_seen):
    context = browser.new_context()
    requests_seen.attach(context)
    context.add_init_script("delete window.ResizeObserver")
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_timeout(500)
    context.close()
    assert requests_seen.local and requests_seen.blocked == []


@pytest.mark.browser
def test_a_repository_link_asks_nothing_of_github(page, requests_seen, tmp_path):
    """With ``repo_url`` set, Material would ask api.github.com for stars and forks on every visit."""
    from groeiperspectief.build import build_site

    from .browser import serve
    from .conftest import copy_example

    root = copy_example(tmp_path / "regio")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nrepo_url: https://github.com/voorbeeld/groeiperspectief\n",
        encoding="utf-8",
    )
    site = build_site(root).site_dir
    with serve(site) as url:
        page.goto(url)
        page.wait_for_timeout(500)
        assert page.locator('a.md-source[href="https://github.com/voorbeeld/groeiperspectief"]').count() >= 1
    assert requests_seen.blocked == []
