"""Injection: hostile text in every free-text field and body, built into a site and loaded in Chromium.

Nothing may execute: not on load, not when hovering, choosing or clicking graph
nodes. Script URLs in URL fields are refused by the checker before any build.
"""

from __future__ import annotations

import re

import pytest
import yaml

from groeiperspectief.history import Ref

from .conftest import measured
from .walk import html_pages, visit

# Runs before any page script: the payloads' __pwn(n), and every way to show a dialog, are recorded.
TRAP = """
window.__pwned = [];
window.__pwn = function (n) { window.__pwned.push(String(n)); };
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function () { window.__pwned.push(name + ":" + Array.from(arguments).join(",")); };
}
"""

# What a page must not contain once loaded (and after every interaction).
DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (a.name.startsWith("on")) bad.push(el.tagName + " " + a.name);
      if (["href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"].includes(a.name)
          && /^(javascript|vbscript|data):/.test(v) && !(el.tagName === "IMG" && v.startsWith("data:image/")))
        bad.push(el.tagName + " " + a.name + "=" + a.value.slice(0, 60));
    }
  }
  for (const el of document.querySelectorAll("script, iframe, object, embed, base, meta[http-equiv], form, style")) {
    // A script's or style's text is code; in the others (the search form shows results) text is only text.
    let text = el.outerHTML;
    if (el.tagName === "SCRIPT" && el.type === "application/json") {
      // A figure's data block never runs: it must be one JSON value, which the browser cannot execute.
      try { JSON.parse(el.textContent); } catch (e) { bad.push("data block is not JSON: " + text.slice(0, 60)); }
      continue;
    }
    if (!["SCRIPT", "STYLE"].includes(el.tagName)) {
      const copy = el.cloneNode(true);
      const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) texts.push(walker.currentNode);
      texts.forEach(t => t.remove());
      text = copy.outerHTML;
    }
    if (/__pwn|evil\\.example/.test(text)) bad.push(text.slice(0, 80));
  }
  if (/PWN\\d/.test(document.body.innerText)) bad.push("template evaluated: " + document.body.innerText.match(/PWN\\d+/)[0]);
  return bad;
}"""


def _graph_nodes(page) -> list[dict]:
    """Every visible node of every graph on the page, with its place on the screen (after scrolling it into view)."""
    return page.evaluate("""() => {
      const out = [];
      (window.groeiGraphs || []).forEach((g, i) => {
        if (!g.network) return;
        const ids = g.network.body.data.nodes.getIds();
        ids.forEach(id => out.push({graph: i, id: id}));
      });
      return out;
    }""")


def _node_point(page, graph: int, node_id: str) -> tuple[float, float] | None:
    return page.evaluate(
        """([i, id]) => {
            const g = window.groeiGraphs[i];
            const box = g.network.body.container;
            box.scrollIntoView({block: "center"});
            const pos = g.network.getPositions([id])[id];
            if (!pos) return null;
            const dom = g.network.canvasToDOM(pos);
            const r = box.getBoundingClientRect();
            if (dom.x < 2 || dom.y < 2 || dom.x > r.width - 2 || dom.y > r.height - 2) return null;
            return [r.left + dom.x, r.top + dom.y];
        }""",
        [graph, node_id],
    )


def _pwned(page) -> list[str]:
    return page.evaluate("() => window.__pwned || []")


@pytest.mark.browser
def test_no_payload_executes_on_load_hover_choose_or_click(page, hostile_site, requests_seen):
    """Every page of a hostile site; every graph node hovered and chosen in the picker once, some clicked."""
    page.context.add_init_script(TRAP)
    executed: set[str] = set()
    bad_dom: list[str] = []
    hovered: set[str] = set()
    chosen: set[str] = set()
    clicked: list[str] = []
    pages = html_pages(hostile_site.site)

    def look(where: str) -> None:
        bad_dom.extend(f"{where}: {b}" for b in page.evaluate(DOM_CHECK))
        executed.update(_pwned(page))

    for url in pages:
        visit(page, hostile_site.url + url)
        assert page.locator('.gp-graph[data-state="error"]').count() == 0, url
        look(url)
        nodes = [n for n in _graph_nodes(page) if n["id"] not in hovered]
        for node in nodes:
            if point := _node_point(page, node["graph"], node["id"]):
                hovered.add(node["id"])
                page.mouse.move(*point)  # the tooltip is filled on hover; vis shows it 150 ms later
        if nodes:
            page.wait_for_timeout(200)
            look(f"{url} (hover)")
        # Keyboard users choose nodes in the picker; its info panel shows the same editor text.
        pickers = page.get_by_label("Zoek in de figuur")
        if pickers.count():
            options = page.locator("datalist").first.locator("option").evaluate_all("os => os.map(o => o.value)")
            for option in [o for o in options if o not in chosen]:
                chosen.add(option)
                pickers.first.fill(option)
            look(f"{url} (picker)")
        # A click opens the node's page: one new node per page, until enough were clicked.
        for node in nodes if len(clicked) < 10 else []:
            point = _node_point(page, node["graph"], node["id"])
            # (a table's node opens a place on its theme's page: maybe this very page, no navigation)
            if point and node["id"] not in clicked and not node["id"].startswith("tafel:"):
                page.mouse.move(*point)
                with page.expect_navigation():
                    page.mouse.click(*point)
                assert page.url.startswith(hostile_site.url), page.url
                clicked.append(node["id"])
                look(f"{page.url} (na klik)")
                break
    # Search results show the same text again, from the search index.
    visit(page, hostile_site.url)
    page.locator("#gp-search-input").click()
    page.keyboard.type("regio", delay=30)
    page.locator(".gp-search__result").first.wait_for(timeout=10_000)
    for item in page.locator(".gp-search__result").all()[:8]:
        item.hover()
    look("zoekresultaten")
    measured(f"injection [{hostile_site.name}]: payloads tried", hostile_site.payloads)
    measured(f"injection [{hostile_site.name}]: payloads executed", len(executed))
    measured(
        f"injection [{hostile_site.name}]: pages loaded, nodes hovered, chosen, clicked",
        f"{len(pages)}, {len(hovered)}, {len(chosen)}, {len(clicked)}",
    )
    measured(f"injection [{hostile_site.name}]: third-party requests", len(requests_seen.blocked))
    assert len(pages) > 20 and len(hovered) > 10 and len(chosen) > 10 and len(clicked) >= 4
    assert executed == set(), f"uitgevoerd: {sorted(executed)}"
    assert bad_dom == []


@pytest.mark.browser
def test_hostile_text_is_shown_as_text(page, hostile_site):
    """Escaped, not stripped: the visitor reads exactly what the editor wrote."""
    page.context.add_init_script(TRAP)
    front = next(p for p in sorted((hostile_site.repo / "projects").glob("*.md")) if "__pwn" in p.read_text())
    data = yaml.safe_load(front.read_text().split("---\n")[1])
    visit(page, f"{hostile_site.url}projecten/{front.stem}/")
    assert " ".join(page.locator("h1").inner_text().split()) == " ".join(data["titel"].split())
    assert _pwned(page) == []


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "https://",
        "ftp://evil.example/x",
        "java\tscript:alert(1)",
    ],
)
def test_checker_refuses_script_and_odd_urls(repo, value):
    quoted = yaml.safe_dump(value).strip().removesuffix("...").strip()
    repo.write("content/organisaties/prov.md", f"---\nnaam: Provincie\nsoort: overheid\nwebsite: {quoted}\n---\n")
    text = (repo.root / "projects/netwerk.md").read_text()
    repo.write("projects/netwerk.md", text.replace("url: https://example.nl/net", f"url: {quoted}"))
    errors = repo.errors()
    assert any(e.startswith("content/organisaties/prov.md:4: ") and "geen geldig webadres" in e for e in errors), errors
    assert any(re.match(r"projects/netwerk\.md:\d+: .*geen geldig webadres", e) for e in errors), errors


@pytest.mark.parametrize("value", ['"<script>"@example.nl', 'a@b.nl"onclick=x', "<a@b.nl>", "javascript:alert(1)"])
def test_checker_refuses_odd_contact_addresses(repo, value):
    text = (repo.root / "projects/netwerk.md").read_text()
    repo.write(
        "projects/netwerk.md",
        text.replace(
            "contact: net@example.nl", f"contact: {yaml.safe_dump(value).strip().removesuffix('...').strip()}"
        ),
    )
    assert any("geen e-mailadres" in e for e in repo.errors()), repo.errors()


# --- URLs as a browser reads them (issue 11, rule 5) -----------------------------------------------

# A browser drops tab, CR and LF anywhere in a URL, strips C0 controls and spaces at both ends and
# reads a backslash as a slash: every one of these loads from evil.example.
THIRD_PARTY_SOURCES = [
    "/\t/evil.example/x.png",
    "https\t://evil.example/x.png",
    "//evil.example/x.png",
    "\\\\evil.example/x.png",
    "/\\evil.example/x.png",
    "\x01//evil.example/x.png",
    " \n//evil.example/x.png",
    "ht\r\ntps://evil.example/x.png",
    "\\/evil.example/x.png",
    "/\n\\evil.example/x.png\x1f",
]
LOCAL_SOURCES = ["kaart.png", "../kaart.png", "/assets/kaart.png", "%2F%2Fevil.example/x.png", "./\t/kaart.png"]


@pytest.mark.parametrize("src", THIRD_PARTY_SOURCES)
def test_a_url_is_judged_as_the_browser_reads_it(src):
    from groeiperspectief.sanitise import third_party

    assert third_party(src)


@pytest.mark.parametrize("src", LOCAL_SOURCES)
def test_local_urls_stay_local(src):
    from groeiperspectief.sanitise import third_party

    assert not third_party(src)


@pytest.mark.parametrize("src", THIRD_PARTY_SOURCES)
def test_images_from_other_hosts_are_dropped_in_editorial_pages_and_entry_bodies(src):
    import html

    from groeiperspectief.plugin import sanitise_editorial
    from groeiperspectief.sanitise import render_markdown, third_party

    # As an editor writes them: character references in raw HTML, the Markdown image syntax.
    encoded = "".join(f"&#{ord(c)};" if ord(c) < 0x21 else c for c in src)
    editorial = sanitise_editorial(f'<p><img src="{encoded}" alt="b"></p>')
    assert "src=" not in editorial, editorial
    for body in (f"![b]({encoded})", f"![b](<{encoded}>)", f"![b][r]\n\n[r]: {encoded}"):
        rendered = str(render_markdown(body))
        sources = [html.unescape(s) for s in re.findall(r'src="([^"]*)"', rendered)]
        assert not any(third_party(s) for s in sources), rendered


# --- editorial pages and their front matter (issue 11, rule 1) ------------------------------------

# Hostile editorial pages of the outside region, and the refused ones (built without the page checker).
EDITORIAL_PAGES = ["kop-en-titel/", "voorwoord/", "colofon/", "over-de-regio/", "kaping/", "kaping-zonder-streepjes/"]


def _hover_and_focus(page) -> int:
    """The mouse over every visible element of the header, navigation and content, then the focus through the
    page with Tab; returns how many elements were hovered."""
    points = page.evaluate("""() => [...document.querySelectorAll(".md-header *, .md-sidebar *, article *")]
        .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0
          && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth)
        .map(r => [r.left + r.width / 2, r.top + r.height / 2])""")
    for x, y in points:
        page.mouse.move(x, y)
    for _ in range(60):
        page.keyboard.press("Tab")
    return len(points)


@pytest.mark.browser
def test_editorial_pages_run_nothing_and_leave_the_theme_its_settings(page, unchecked_site, requests_seen):
    """Front matter the theme prints or obeys, titles, anchors and ids of the theme: built by the plugin alone
    (the checker refuses the worst), loaded, hovered and focused; then the site's search still works."""
    page.context.add_init_script(TRAP)
    executed: set[str] = set()
    bad_dom: list[str] = []
    hovered = 0
    for url in EDITORIAL_PAGES:
        visit(page, unchecked_site.url + url)
        bad_dom.extend(f"{url}: {b}" for b in page.evaluate(DOM_CHECK))
        # The theme reads its settings from the one element with id __config: its own script.
        assert page.evaluate("() => [...document.querySelectorAll('[id=\"__config\"]')].map(e => e.tagName)") == [
            "SCRIPT"
        ], url
        # No element stands in for the graph viewer's registry (the viewer loads only on pages with a figure).
        assert page.evaluate("() => window.groeiGraphs === undefined || Array.isArray(window.groeiGraphs)"), url
        hovered += _hover_and_focus(page)
        bad_dom.extend(f"{url} (hover, focus): {b}" for b in page.evaluate(DOM_CHECK))
        executed.update(_pwned(page))
    # The titles went to the navigation and <title> as text.
    visit(page, unchecked_site.url + "kop-en-titel/")
    assert page.title().startswith("Kop </title><img src=x onerror=__pwn(100)>")
    assert "<img src=x onerror=__pwn(107)> Colofon" in page.locator(".md-nav--primary").inner_text()
    # Search works with the hostile pages present, and its results run nothing either.
    page.locator("#gp-search-input").click()
    page.keyboard.type("Kaping", delay=30)
    page.locator(".gp-search__result").first.wait_for(timeout=10_000)
    for item in page.locator(".gp-search__result").all()[:8]:
        item.hover()
    bad_dom.extend(f"zoekresultaten: {b}" for b in page.evaluate(DOM_CHECK))
    executed.update(_pwned(page))
    measured("injection [editorial]: pages, elements hovered", f"{len(EDITORIAL_PAGES)}, {hovered}")
    measured("injection [editorial]: payloads executed", len(executed))
    assert executed == set(), f"uitgevoerd: {sorted(executed)}"
    assert bad_dom == []
    assert requests_seen.blocked == []


# --- outputs that other tools interpret (issue 11, rule 11) and messages that name their field (rule 12) ---

_ANNOTATION = re.compile(r"^::(error|warning) file=([^:,\r\n]*)(?:,line=\d+(?:,col=\d+)?)?::([^\r\n]*)$")


def _unescape_github(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


@pytest.mark.parametrize(
    "name",
    [
        "a,line=1,title=pwned::x.md",
        "a\n::error file=elders.md::nep.md",
        "a\r\n::warning::nep%0A.md",
        "100%25,col=9.md",
    ],
)
def test_github_annotations_cannot_gain_properties_or_commands(repo, name):
    from click.testing import CliRunner

    from groeiperspectief.cli import main

    repo.write(f"projects/{name}", "---\ntitel: x\n---\n")
    out = CliRunner().invoke(main, ["-C", str(repo.root), "check", "--format", "github"]).stdout
    lines = [line for line in out.splitlines() if line]
    assert lines and all(_ANNOTATION.match(line) for line in lines), lines
    files = {_unescape_github(_ANNOTATION.match(line)[2]) for line in lines}
    assert f"projects/{name}" in files, files
    assert "elders.md" not in files


def test_the_diff_comment_neutralises_mentions_references_and_links():
    from groeiperspectief.history import Change, Changes, to_markdown

    evil = Ref(
        "project", "x", "Fiets @security-team en @octocat zie #123, GH-7 https://evil.example www.evil.example a@b.nl"
    )
    text = to_markdown(Changes([Change("status", evil, old="idee", new="verkenning")]), "main")
    line = next(x for x in text.splitlines() if x.startswith("- "))
    visible = line.replace("&#8203;", "")
    assert "Fiets @security-team en @octocat zie #123, GH-7 https://evil.example www.evil.example a@b.nl" in visible
    # GitHub finds mentions, references and autolinks in the rendered text, where the entity is a zero-width space
    assert not re.search(r"@\w|#\d|GH-\d|https?://|www\.", line.replace("&#8203;", "\u200b")), line


@pytest.mark.parametrize(
    "field, line, value",
    [
        ("website", "website: https://www.aa.example", "website: 'javascript:alert(1)'"),
        ("kleur", None, 'kleur: "rood"'),
        ("contact", "contact: net@example.nl", "contact: '<script>@x.nl'"),
        ("url", "url: https://example.nl/net", "url: 'javascript:alert(1)'"),
        ("start", "start: 2024-03", "start: 2024-13"),
        ("status", "status: uitvoering", "status: '<b>bezig</b>'"),
    ],
)
def test_every_field_message_names_its_field(repo, field, line, value):
    paths = {"website": "content/organisaties/aa.md", "kleur": "themes/wonen/index.md"}
    path = paths.get(field, "projects/netwerk.md")
    text = (repo.root / path).read_text(encoding="utf-8")
    text = (
        text.replace(line, value)
        if line
        else text.replace("samenvatting: Genoeg woningen.", f"samenvatting: x\n{value}")
    )
    repo.write(path, text)
    [message] = [m for m in repo.errors() if m.startswith(path)]
    assert re.match(rf"{re.escape(path)}:\d+: ({field}\b[^:]*: |.*'{field}')", message), message
