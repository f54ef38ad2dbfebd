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
    measured("privacy [example]: pages loaded, local requests, third-party requests",
             f"{len(pages)}, {len(requests_seen.local)}, {len(requests_seen.blocked)}")
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
