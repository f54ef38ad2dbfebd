"""Editorial pages: the Markdown pages of ``content/`` (all but ``organisaties/``), untrusted like entries.

The theme's templates do not escape: whatever a page's front matter holds reaches the navigation,
``<title>``, ``<meta>``, search and even the choice of template as it was written. So a page may only
hold the keys of ``ALLOWED_KEYS``: plain text, escaped on the site, and for ``hide`` the words the
theme knows. ``groei check`` refuses anything else with file and line (``check_pages``), and the
MkDocs adapter drops it again (``safe_meta``), so a build without the checker cannot publish it either.

Element ids that the theme and the site's scripts rely on (``__config`` holds the theme's settings:
an element of the page with that id would replace them) cannot be set either: ``reserved_id`` is the
rule, ``safe_id`` what the adapter makes of such an id (a heading's text gives it one too).

Engine-free, like the rest of the core.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .entries import Kind, RawEntry, read_entry
from .kinds import ORGANISATIONS_DIR
from .problems import Problems, suggest
from .sources import CONTENT_DIR, Sources

__all__ = ["ALLOWED_KEYS", "check_pages", "discover", "ids_set", "plain", "reserved_id", "safe_id", "safe_meta"]

HOME = f"{CONTENT_DIR}/index.md"
"""The home page's introduction: rendered as an entry body (no raw HTML, no attr_list), so it sets no ids."""

TEXT_KEYS = ("title", "subtitle", "description")
"""Keys shown as plain text: the page's title, a line below it in the navigation, its description for search engines."""
HIDE = ("navigation", "toc", "footer", "path", "feedback", "tags")
"""What ``hide`` may name: parts of the theme's page to leave out; the theme only tests for them, never prints them."""
ALLOWED_KEYS = (*TEXT_KEYS, "hide")

RESERVED_ID_PREFIXES = ("__", "gp-")
"""Ids of the theme (``__config``, ``__search``, ``__drawer``, ``__nav_2``, ...) and of the site's own
elements (``gp-graph-1-pick``, ``gp-matrix-filter``)."""
SCRIPT_GLOBALS = ("vis", "groeiGraph", "groeiGraphs")
"""Names the site's scripts read from ``window``, where an element with that id would stand in for them
(the theme's own globals end in ``$``: ``document$``)."""


def reserved_id(value: str) -> bool:
    """Whether an element id belongs to the theme or the site's scripts, so an editor may not set it.

    >>> [reserved_id(v) for v in ("__config", " __search", "gp-graph-1", "document$", "groeiGraphs", "kaart", "gp")]
    [True, True, True, True, True, False, False]
    """
    value = value.strip()
    return value.startswith(RESERVED_ID_PREFIXES) or "$" in value or value in SCRIPT_GLOBALS


def safe_id(value: str) -> str:
    """``value``, or a reserved id renamed so that it stands in for nothing of the theme or the site.

    >>> safe_id("__config"), safe_id("document$"), safe_id("kaart")
    ('anker-__config', 'anker-document-', 'kaart')
    """
    return "anker-" + re.sub(r"[^\w-]", "-", value.strip()) if reserved_id(value) else value


def plain(value: Any) -> str | None:
    """A front-matter value as plain text; None when it is no text (a list, a block, true/false, empty).

    >>> plain(" Over ons "), plain(2025), plain(["a"]), plain("")
    ('Over ons', '2025', None, None)
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        return None
    return str(value).strip() or None


def safe_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The front matter the theme may see: the allowed keys only, their text escaped, ``hide`` with known words.

    >>> safe_meta({"title": "<b>A & B</b>", "template": "redirect.html", "hide": ["toc", "<x>"], "status": "new"})
    {'title': '&lt;b&gt;A &amp; B&lt;/b&gt;', 'hide': ['toc']}
    """
    safe: dict[str, Any] = {}
    for key in TEXT_KEYS:
        if (text := plain(meta.get(key))) is not None:
            safe[key] = html.escape(text)
    if isinstance(meta.get("hide"), list):
        safe["hide"] = [word for word in meta["hide"] if isinstance(word, str) and word in HIDE]
    return safe


# --- groei check -------------------------------------------------------------------------------


def discover(sources: Sources) -> list[str]:
    """The editorial pages of the walked repository (relative paths, sorted): the Markdown of ``content/``
    outside ``organisaties/`` that may be published; hidden files and folders are left out, as MkDocs does."""
    return [p for p in sources.content_files() if p.endswith(".md") and not p.startswith(ORGANISATIONS_DIR + "/")]


def check_pages(root: Path, problems: Problems, sources: Sources) -> int:
    """Check the front matter and the ids of every editorial page; returns how many pages were read."""
    pages = discover(sources)
    for relpath in pages:
        raw = read_entry(root, relpath, Kind.PAGE, relpath, problems)
        if raw.data is None:  # unreadable, or broken front matter: a problem already
            continue
        body, body_line = raw.body, raw.body_line
        if not raw.lines:  # no front matter between '---' lines: MkDocs still reads leading "key: value" lines
            body, body_line = _multimarkdown_meta(raw)
        _check_front_matter(raw, problems)
        if relpath == HOME:
            continue
        for ident, line in ids_set(body):
            if reserved_id(ident):
                problems.add(
                    relpath,
                    body_line + line - 1,
                    f"id '{ident}' mag je niet zelf zetten: het thema en de site gebruiken die zelf (ids met __ of "
                    f"gp- aan het begin of met een $, en {', '.join(SCRIPT_GLOBALS)}); kies een andere id",
                    code="voorbehouden-id",
                )
    return len(pages)


def _check_front_matter(raw: RawEntry, problems: Problems) -> None:
    from .validate import _shape  # how the checker names a value: 'x', een lijst, leeg (validate imports this module)

    for key, value in (raw.data or {}).items():
        line = raw.line(key)
        if key not in ALLOWED_KEYS:
            problems.add(
                raw.path,
                line,
                f"veld '{key}' is niet toegestaan in een pagina{suggest(key, ALLOWED_KEYS)}: "
                f"het thema zou de waarde ongefilterd overnemen; toegestaan: {', '.join(ALLOWED_KEYS)}",
                code="pagina-veld",
            )
        elif key == "hide" and not isinstance(value, list):
            problems.add(
                raw.path,
                line,
                f"'hide' moet een lijst zijn, bijvoorbeeld [toc], niet {_shape(value)}",
                code="pagina-veld",
            )
        elif key == "hide":
            for i, word in enumerate(value):
                if not (isinstance(word, str) and word in HIDE):
                    problems.add(
                        raw.path,
                        raw.line(key, i),
                        f"{_shape(word)} is geen geldige waarde voor 'hide'; "
                        f"kies uit {', '.join(HIDE)}{suggest(word, HIDE)}",
                        code="pagina-veld",
                    )
        elif plain(value) is None:
            empty = value is None or (isinstance(value, str) and not value.strip())
            problems.add(
                raw.path,
                line,
                f"veld '{key}' is leeg; vul het in of laat het weg"
                if empty
                else f"'{key}' moet tekst zijn, niet {_shape(value)}",
                code="pagina-veld",
            )


# MkDocs' reading of metadata without '---' lines (MultiMarkdown style, ``mkdocs.utils.meta``).
_MMD_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MMD_MORE = re.compile(r"^(?:[ ]{4}|\t)\s*(?P<value>.*)")


def _multimarkdown_meta(raw: RawEntry) -> tuple[str, int]:
    """Fill ``raw.data`` and ``raw.lines`` with the leading ``key: value`` lines MkDocs takes as metadata;
    returns the Markdown after them and its first line."""
    lines = raw.body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    key = None
    for n, line in enumerate(lines):
        if not line.strip():
            return ("\n".join(lines[n + 1 :]), n + 2) if key else (raw.body, 1)
        if match := _MMD_KEY.match(line):
            key = match["key"].lower()
            value = match["value"].strip()
            raw.data[key] = f"{raw.data[key]} {value}" if key in raw.data else value  # type: ignore[index]
            raw.lines.setdefault((key,), n + 1)
        elif key and (match := _MMD_MORE.match(line)):
            raw.data[key] += " " + match["value"].strip()  # type: ignore[index]
        else:
            return "\n".join(lines[n:]), n + 1
    return "", len(lines) + 1


# The ids a page's Markdown sets: ``<p id="...">`` in raw HTML and ``{: #id }`` / ``{: id="..." }`` of attr_list.
# Every pattern stops at the next '<' or '{' (or the line's end), so the scan stays linear in any input.
_TAG = re.compile(r"<[A-Za-z](?:\"[^\"<\n]*\"|'[^'<\n]*'|[^'\"<>])*")
_TAG_ID = re.compile(r"[\s/]id\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))", re.I)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_ID = re.compile(r"(?:^|\s)(?:#([^\s}]+)|id\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+)))", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def ids_set(markdown: str) -> Iterator[tuple[str, int]]:
    """Every element id the Markdown sets itself, with its line (1-based); code blocks and code spans are text.

    >>> list(ids_set('<p class="x" id="&#95;_config">\\n\\nTekst {: #kaart }\\n\\n```\\n<p id="voorbeeld">\\n```'))
    [('__config', 1), ('kaart', 3)]
    """
    text = _without_code(markdown)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for tag in _TAG.finditer(text):
        for found in _TAG_ID.finditer(tag[0]):
            yield (
                html.unescape(next(g for g in found.groups() if g is not None)),
                bisect.bisect_right(starts, tag.start() + found.start()),
            )
    for braces in _ATTR_LIST.finditer(text):
        for found in _ATTR_ID.finditer(braces[1]):
            yield (
                html.unescape(next(g for g in found.groups() if g is not None)),
                bisect.bisect_right(starts, braces.start()),
            )


def _without_code(markdown: str) -> str:
    """The Markdown with fenced code blocks and code spans blanked out, line for line."""
    out: list[str] = []
    fence = ""
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) and not line[match.end() :].strip():
                fence = ""
            out.append("")
        elif match:
            fence = match[1]
            out.append("")
        else:
            out.append(_CODE_SPAN.sub(lambda span: " " * len(span[0]), line))
    return "\n".join(out)
