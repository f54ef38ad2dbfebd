"""Editorial pages are untrusted like entries (issue 11, rule 1): the checker refuses front matter and ids
that would reach the theme unescaped, and the plugin drops them again when the checker did not run.

The Chromium side (nothing runs, the theme keeps its settings) is in ``test_injection.py``.
"""

from __future__ import annotations

import html.parser
import re
import shutil

import pytest

from groeiperspectief import editorial

from .hostile import REFUSED


def _page(repo, text: str, path: str = "content/pagina.md") -> list[str]:
    repo.write(path, text)
    return [e for e in repo.errors() if e.startswith(f"{path}:")]


@pytest.mark.parametrize(
    "key, value",
    [
        ("template", "redirect.html"),
        ("location", "javascript:alert(1)"),
        ("status", 'new" onmouseover="alert(1)'),
        ("icon", "../../../etc/passwd"),
        ("search", "boost"),
        ("tags", "['<script>']"),
        ("author", "'<script>'"),
        ("extra", "{a: 1}"),
    ],
)
def test_front_matter_keys_the_theme_would_print_or_obey_are_refused(repo, key, value):
    errors = _page(repo, f"---\ntitle: Pagina\n{key}: {value}\n---\n# Pagina\n")
    assert errors == [
        f"content/pagina.md:3: veld '{key}' is niet toegestaan in een pagina: het thema zou de waarde "
        f"ongefilterd overnemen; toegestaan: title, subtitle, description, hide"
    ]


def test_a_dutch_key_gets_a_suggestion(repo):
    assert "(bedoelde je 'title'?)" in _page(repo, "---\ntitel: Over ons\n---\n")[0]


@pytest.mark.parametrize(
    "front, message",
    [
        ("title: [a, b]", "content/pagina.md:2: 'title' moet tekst zijn, niet een lijst"),
        ("description: {a: 1}", "content/pagina.md:2: 'description' moet tekst zijn, niet een blok met velden"),
        ("subtitle:", "content/pagina.md:2: veld 'subtitle' is leeg; vul het in of laat het weg"),
        ("hide: toc", "content/pagina.md:2: 'hide' moet een lijst zijn, bijvoorbeeld [toc], niet 'toc'"),
        (
            "hide:\n  - toc\n  - '<script>'",
            "content/pagina.md:4: '<script>' is geen geldige waarde voor 'hide'; "
            "kies uit navigation, toc, footer, path, feedback, tags",
        ),
    ],
)
def test_allowed_keys_take_plain_text_or_the_words_the_theme_knows(repo, front, message):
    assert _page(repo, f"---\n{front}\n---\n") == [message]


def test_hostile_plain_text_in_allowed_keys_passes_and_is_escaped(repo):
    meta = {
        "title": "</title><script>x()</script>",
        "subtitle": "<img src=x onerror=x()>",
        "description": '"><script>x()</script>',
        "hide": ["toc"],
    }
    assert (
        _page(repo, "---\n" + "".join(f"{k}: {v!r}\n" for k, v in meta.items() if k != "hide") + "hide: [toc]\n---\n")
        == []
    )
    assert editorial.safe_meta(meta) == {
        "title": "&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;",
        "subtitle": "&lt;img src=x onerror=x()&gt;",
        "description": "&quot;&gt;&lt;script&gt;x()&lt;/script&gt;",
        "hide": ["toc"],
    }


def test_metadata_without_dashes_is_front_matter_too(repo):
    """MkDocs reads leading ``key: value`` lines as metadata (MultiMarkdown style) when no '---' line opens the page."""
    errors = _page(
        repo, "Title: Over ons\nTemplate: redirect.html\n    en meer\nLocation: javascript:alert(1)\n\n# Kop\n"
    )
    assert [e.split(": ")[0] + " " + re.search(r"veld '(\w+)'", e)[1] for e in errors] == [
        "content/pagina.md:2 template",
        "content/pagina.md:4 location",
    ]
    # A page that opens with a heading or text has no metadata.
    assert _page(repo, "# Kop\n\nLet op: dit is tekst.\n") == []


@pytest.mark.parametrize(
    "markdown, line, ident",
    [
        ('<div id="__config">{"search": "https://evil.example/w.js"}</div>', 3, "__config"),
        ("<p id='__search'>x</p>", 3, "__search"),
        ("<p class=a\nid=__drawer>x</p>", 3, "__drawer"),
        ('<p/id="gp-graph-1-pick">x</p>', 3, "gp-graph-1-pick"),
        ('<p id="&#95;_config">x</p>', 3, "__config"),
        ("Tekst {: #__toc }", 3, "__toc"),
        ("## Kop {#document$}", 3, "document$"),
        ('Alinea.\n{: id="groeiGraphs" }', 4, "groeiGraphs"),
        ("Alinea.\n{: .x ID=__nav_1 }", 4, "__nav_1"),
    ],
)
def test_ids_of_the_theme_and_the_site_cannot_be_set(repo, markdown, line, ident):
    errors = _page(repo, f"# Kop\n\n{markdown}\n")
    assert len(errors) == 1 and errors[0].startswith(
        f"content/pagina.md:{line}: id '{ident}' mag je niet zelf zetten"
    ), errors


def test_own_ids_code_and_the_home_page_are_no_problem(repo):
    assert (
        _page(
            repo,
            '# Kop\n\n<p id="kaart">x</p> {: #legenda }\n\n```html\n<div id="__config"></div>\n```\n\n'
            'Schrijf nooit `{: #__config }` of `<p id="__x">`.\n',
        )
        == []
    )
    # The home page's introduction is rendered as an entry body: raw HTML and attr_list stay text there.
    assert _page(repo, '# Testregio\n\n<p id="__config">x</p>\n', path="content/index.md") == []


def test_the_front_matter_line_offsets_hold_in_the_body(repo):
    errors = _page(repo, '---\ntitle: Over\n---\n# Over\n\ntekst\n\n<span id="__x">a</span>\n')
    assert errors and errors[0].startswith("content/pagina.md:8: id '__x'")


def test_the_refused_fixture_pages_are_refused_with_every_problem(repo):
    for page in (REFUSED / "content").glob("*.md"):
        shutil.copy(page, repo.root / "content" / page.name)
    found = {(e.split(":")[0], int(e.split(":")[1])) for e in repo.errors()}
    assert found == {("content/kaping.md", n) for n in (3, 4, 5, 6, 7, 8, 15, 17, 19, 22, 24)} | {
        ("content/kaping-zonder-streepjes.md", n) for n in (1, 2)
    }


def test_ids_set_stays_linear_on_hostile_input():
    import time

    for text in ("<a " * 50_000, "{" * 150_000, '<a "' * 40_000, "`" * 150_000, '<a title="' + "x" * 150_000):
        started = time.process_time()
        list(editorial.ids_set(text))
        assert time.process_time() - started < 1.0, text[:10]


# --- the plugin, without the checker -----------------------------------------------------------


def test_the_theme_keeps_its_own_ids_and_templates_without_the_checker(unchecked_site):
    pages = {
        p.relative_to(unchecked_site.site).as_posix(): p.read_text(encoding="utf-8")
        for p in unchecked_site.site.rglob("*.html")
    }
    assert "kaping/index.html" in pages and "kaping-zonder-streepjes/index.html" in pages
    for path, text in pages.items():
        ids, live = _parse(text)
        # One element holds the theme's settings: its own script, never an editor's element before it.
        assert [tag for tag, ident in ids if ident == "__config"] == ["script"], path
        for ident in ("__search", "__drawer", "__toc"):
            assert [i for _, i in ids].count(ident) <= 1, (path, ident)
        assert not {"groeiGraphs", "document$", "gp-graph-1-pick"} & {i for _, i in ids}, path
        assert "location.replace" not in text, path  # the theme's redirect template, chosen by front matter
        assert live == [], path
    assert "<title>Kop &lt;/title&gt;&lt;img src=x onerror=__pwn(100)&gt; · " in pages["kop-en-titel/index.html"]
    # Anchors a heading's text would give are renamed, and the table of contents links to the new name.
    assert 'id="anker-__config"' in pages["kop-en-titel/index.html"]
    assert 'href="#anker-__config"' in pages["kop-en-titel/index.html"]


def _parse(page: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (tag, id) of every element with an id, and what could run: event handlers, scripts naming a payload."""
    ids: list[tuple[str, str]] = []
    live: list[str] = []

    class Parser(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            ids.extend((tag, value) for name, value in attrs if name == "id")
            live.extend(f"{tag} {name}" for name, _ in attrs if name.startswith("on"))
            self.tag = tag
            # A figure's data block (type="application/json") is never run; it may quote an editor's
            # text, with < > & escaped (tests/test_figures.py).
            self.data_block = tag == "script" and ("type", "application/json") in attrs

        def handle_data(self, data):
            if getattr(self, "tag", "") == "script" and not self.data_block and "__pwn" in data:
                live.append(data[:80])

    Parser().feed(page)
    return ids, live


def test_the_plugin_keeps_only_allowed_front_matter():
    assert (
        editorial.safe_meta(
            {
                "template": "redirect.html",
                "location": "javascript:x()",
                "status": "new",
                "icon": "../x",
                "search": "boost",
                "hide": "toc",
                "title": ["a"],
            }
        )
        == {}
    )
