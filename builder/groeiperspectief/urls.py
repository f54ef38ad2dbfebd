"""The site's one URL scheme: docs-tree paths of entry pages, and the URLs MkDocs writes for them.

Pages, graph data, the CLI's hints, exports and briefings all ask here, so
``use_directory_urls: false`` gives ``x.html`` links everywhere, never a 404.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .kinds import URL_SECTIONS

__all__ = ["Urls", "page_path"]


def page_path(kind: str, id_: str) -> str:
    """The docs-tree path of an entry's page."""
    return f"{URL_SECTIONS[kind]}/{id_}.md"


class Urls:
    """Turns docs-tree paths into URLs and relative links, as MkDocs will write them."""

    def __init__(self, directory_urls: bool) -> None:
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """The URL of docs-tree page ``src``, relative to the site root, by MkDocs' rule.

        >>> [Urls(True).url(s) for s in ("index.md", "themas/index.md", "projecten/x.md")]
        ['', 'themas/', 'projecten/x/']
        >>> [Urls(False).url(s) for s in ("index.md", "themas/index.md", "projecten/x.md")]
        ['index.html', 'themas/index.html', 'projecten/x.html']
        """
        base = src[:-3]
        if not self.directory_urls:
            return f"{base}.html"
        if base == "index":
            return ""
        if base.endswith("/index"):
            return base[:-5]
        return f"{base}/"

    def entry(self, kind: str, id_: str) -> str:
        """The URL of an entry's page, relative to the site root."""
        return self.url(page_path(kind, id_))

    def relative(self, from_src: str, target_url: str) -> str:
        """``target_url`` (relative to the site root, maybe with a #fragment) as seen from page ``from_src``.

        >>> Urls(True).relative("projecten/x.md", "opgaven/y/#a")
        '../../opgaven/y/#a'
        >>> Urls(True).relative("index.md", "")
        './'
        """
        page_url = self.url(from_src)
        page_dir = page_url[:-1] if page_url.endswith("/") else posixpath.dirname(page_url)
        path, _, fragment = target_url.partition("#")
        rel = _relpath(path, page_dir)
        if path.endswith("/") or not path:
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{fragment}" if fragment else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own normalised paths (no ``..``), at a tenth of its cost.

    A large site makes hundreds of thousands of links.

    >>> _relpath("opgaven/y/", "projecten/x"), _relpath("", "projecten"), _relpath("projecten/x", "projecten/x")
    ('../../opgaven/y', '..', '.')
    """
    target = [part for part in path.split("/") if part and part != "."]
    here = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(target, here):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + target[common:]) or "."


def site_urls(root: Path) -> Urls:
    """The URL scheme that ``root/mkdocs.yml`` asks for (MkDocs' default when it says nothing or cannot be read).

    Only for hints outside a build (the CLI); a build takes the setting from the loaded engine config.
    """
    import yaml

    class _Loader(yaml.SafeLoader):  # tolerate MkDocs' own tags (!ENV, !relative): only one key is read here
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    value = config.get("use_directory_urls", True) if isinstance(config, dict) else True
    return Urls(value is not False)
