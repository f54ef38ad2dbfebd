"""One URL scheme: with either setting of ``use_directory_urls`` every link and graph URL resolves to a file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from groeiperspectief.build import build_site
from groeiperspectief.cli import main

from .conftest import copy_example

LINK = re.compile(r'(?:href|src)="([^"]*)"')


def _target(site: Path, page: Path, link: str) -> Path | None:
    """The file a local link of ``page`` opens, or None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = site if parts.path.startswith("/") else page.parent  # 404.html links from the site root
    path = (base / unquote(parts.path).lstrip("/")).resolve()
    return path / "index.html" if link.split("#")[0].endswith("/") or path.is_dir() else path


def _broken(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            target = _target(site, page, link.replace("&amp;", "&"))
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    for graph in (site / "assets/groei/graphs").glob("*.json"):
        for item in json.loads(graph.read_text(encoding="utf-8"))["nodes"]:
            target = _target(site, site / "index.html", item["url"])
            if target is None or not target.is_file():
                broken.append(f"{graph.name}: {item['id']} -> {item['url']}")
    return broken


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_and_graph_url_resolves(tmp_path, directory_urls):
    repo = copy_example(tmp_path / "regio")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"use_directory_urls: {str(directory_urls).lower()}\n")
    site = build_site(repo).site_dir
    suffix = "projecten/regionale-fietsroutes/index.html" if directory_urls else "projecten/regionale-fietsroutes.html"
    assert (site / suffix).is_file()
    assert _broken(site) == []


def test_groei_new_hints_the_url_the_site_will_have(tmp_path):
    repo = copy_example(tmp_path / "regio")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n")
    result = CliRunner().invoke(main, ["-C", str(repo), "new", "project", "nieuw-project"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/projecten/nieuw-project.html" in result.output
