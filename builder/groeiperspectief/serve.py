"""``groei serve``: a live preview for editors, on MkDocs' own dev server with the groeiperspectief plugin.

Editing an entry rebuilds the site and reloads the browser. Broken content never
stops the server: the plugin then builds a site of error pages (made here, engine
free) that list the checker's messages, and the next good save brings the site back.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .kinds import kind_of_file
from .problems import Problems
from .render import SECTIONS, asset_files
from .urls import Urls, page_path

__all__ = ["ServeFailed", "GUIDE", "entry_page", "error_tree", "parse_address", "serve_site"]

log = logging.getLogger("mkdocs.plugins.groeiperspectief")

GUIDE = "bijdragen.md"
"""The editors' guide, an editorial page in ``content/``; linked from error and entity pages when it exists."""

ERROR_TITLE = "De inhoud bevat fouten"


class ServeFailed(Exception):
    """The preview could not start; the message is Dutch and says what to do."""


def entry_page(path: str) -> str | None:
    """The docs-tree page of the entry in source file ``path``, or None for other files.

    >>> entry_page("projects/fiets.md"), entry_page("themes/wonen/index.md"), entry_page("themes/wonen/bouw.md")
    ('projecten/fiets.md', 'themas/wonen.md', 'opgaven/bouw.md')
    >>> entry_page("content/organisaties/aa.md"), entry_page("content/over.md")
    ('organisaties/aa.md', None)
    """
    found = kind_of_file(path)
    return page_path(*found) if found else None


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(resources.files("groeiperspectief") / "templates" / "pages")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)
# Every way a string can break a line (str.splitlines), CR LF first.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: object) -> Markup:
    """Escaped text that stays on one line of the page's source: each line break becomes ``<br>``.

    A message quotes what the editor wrote, blank lines included; a blank line would end the HTML
    block that the plugin hands past Markdown, and the rest would be read as Markdown, its links and
    attr_list live. So the messages are HTML only, as the values on every other page are.

    >>> str(one_line("'a\\n\\n[x](javascript:y)' <b>"))
    '&#39;a<br><br>[x](javascript:y)&#39; &lt;b&gt;'
    """
    return Markup("<br>").join(escape(part) for part in _LINE_BREAK.split(str(text)))


_env.filters["one_line"] = one_line


def error_tree(
    problems: Problems, pages: Iterable[str], *, directory_urls: bool = True, guide: bool = False
) -> dict[str, str | bytes]:
    """The docs tree while the content has errors: one error page at every known page, plus the shared assets.

    ``pages`` are the pages of the last good build; the home page, the overviews
    and the page of every file with an error are added, so whatever page the
    editor has open shows the messages, and reloads into the real page once fixed.
    """
    srcs = {"index.md", *(src for src, _ in SECTIONS), *pages}
    srcs |= {page for p in problems.errors if (page := entry_page(p.path))}
    urls = Urls(directory_urls)
    template = _env.get_template("fouten.md.j2")
    tree: dict[str, str | bytes] = {}
    for src in sorted(srcs):
        tree[src] = template.render(
            title=ERROR_TITLE,
            errors=problems.errors,
            warnings=problems.warnings,
            guide_href=urls.relative(src, urls.url(GUIDE)) if guide else None,
        )
    tree.update(asset_files())
    return tree


def parse_address(address: str) -> tuple[str, int]:
    """``IP:POORT`` or only ``POORT`` (on 127.0.0.1), as ``-a`` of ``groei serve`` takes it.

    >>> parse_address("8001"), parse_address("0.0.0.0:8000")
    (('127.0.0.1', 8001), ('0.0.0.0', 8000))
    """
    host, _, port = address.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ServeFailed(f"'{address}' is geen geldig adres; gebruik IP:POORT, bijvoorbeeld 127.0.0.1:8000")
    return host or "127.0.0.1", int(port)


def serve_site(root: Path, address: str = "127.0.0.1:8000", *, open_browser: bool = False) -> None:
    """Serve the site of the content repository at ``root`` until Ctrl+C; rebuild and reload on every change."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    host, port = parse_address(address)
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ServeFailed(f"mkdocs.yml ontbreekt in {root}; maak een nieuwe site met 'groei init MAP'")
    _check_config(root)
    _check_free(host, port)  # before MkDocs starts its plugins, so a taken port leaves nothing half started
    # MkDocs' own progress lines are English and chatty; the plugin says in Dutch what matters.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.plugins.groeiperspectief").setLevel(logging.INFO)
    try:
        with _guarded_server(root):
            serve(
                config_file=str(config_file), dev_addr=f"{host}:{port}", livereload=True, open_in_browser=open_browser
            )
    except OSError as exc:
        raise _address_problem(host, port, exc) from None
    except MkDocsException as exc:
        raise ServeFailed(f"mkdocs.yml is niet bruikbaar: {exc}") from None


class _ConfigRefused(Exception):
    """mkdocs.yml was refused while serving; the message lists why, in Dutch."""


_REQUEST_CONTROL = re.compile("[\x00-\x1f\x7f]")


@contextmanager
def _guarded_server(root: Path) -> Iterator[None]:
    """MkDocs' dev server, made safe for editors while ``groei serve`` runs it:

    - MkDocs reads mkdocs.yml again after every change, with its own loader (which runs ``!!python``
      tags): each reading is checked first (``site_config.py``); a refused file leaves the last good
      site standing, with the Dutch messages in the terminal, until the next good save;
    - a request path with a control character (``GET /%00``) is a 404, not a traceback (MkDocs hands
      the path to ``open()``, which refuses a NUL byte with a ValueError).
    """
    from mkdocs.commands import serve as mkdocs_serve
    from mkdocs.livereload import LiveReloadServer

    from .site_config import check_config

    def checked_load_config(*args: Any, **kwargs: Any):
        problems = Problems()
        check_config(root, problems)
        if problems.has_errors():
            raise _ConfigRefused("\n".join(str(p) for p in problems.errors))
        return load_config(*args, **kwargs)

    class Server(LiveReloadServer):
        def __init__(self, builder, *args: Any, **kwargs: Any) -> None:
            def build(*a: Any, **k: Any) -> None:
                try:
                    builder(*a, **k)
                except _ConfigRefused as exc:
                    log.error(f"{exc}\nmkdocs.yml is niet bruikbaar; de vorige versie van de site blijft staan.")

            super().__init__(build, *args, **kwargs)

        def _serve_request(self, environ, start_response):
            if _REQUEST_CONTROL.search(environ.get("PATH_INFO", "")):
                return None  # MkDocs answers 404 with the site's not-found page
            try:
                return super()._serve_request(environ, start_response)
            except ValueError:
                return None

    load_config, server = mkdocs_serve.load_config, mkdocs_serve.LiveReloadServer
    mkdocs_serve.load_config, mkdocs_serve.LiveReloadServer = checked_load_config, Server
    try:
        yield
    finally:
        mkdocs_serve.load_config, mkdocs_serve.LiveReloadServer = load_config, server


def _check_config(root: Path) -> None:
    """mkdocs.yml checked before MkDocs reads it (``site_config.py``): MkDocs' own reading runs code and tags."""
    from .site_config import check_config

    problems = Problems()
    check_config(root, problems)
    if problems.has_errors():
        lines = "\n".join(str(p) for p in problems.errors)
        raise ServeFailed(f"mkdocs.yml is niet bruikbaar; het voorbeeld start niet:\n{lines}")


def _check_free(host: str, port: int) -> None:
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise _address_problem(host, port, exc) from None


def _address_problem(host: str, port: int, exc: OSError) -> ServeFailed:
    if exc.errno == errno.EADDRINUSE:
        return ServeFailed(
            f"adres {host}:{port} is al in gebruik (draait het voorbeeld al?); "
            f"kies een andere poort, bijvoorbeeld -a {host}:{port + 1}"
        )
    return ServeFailed(f"het voorbeeld kan niet starten op {host}:{port}: {exc.strerror}")
