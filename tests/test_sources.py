"""The walk of the content repository (issue 11, rules 2, 3 and 4): symlinks, odd file kinds, unreadable
folders and unsafe static files are refused by ``groei check`` with their path, and never reach the site,
even when a build runs without the checker."""

from __future__ import annotations

import dataclasses
import errno
import os
import socket
import time
from pathlib import Path

import pytest

from groeiperspectief import build
from groeiperspectief.build import BuildFailed, build_site
from groeiperspectief.problems import Problems
from groeiperspectief.render import SECTIONS, asset_files
from groeiperspectief.sources import RESERVED, reserved_output, walk
from groeiperspectief.validate import check

from .conftest import ROOT, Repo

MKDOCS_YML = "site_name: Testregio\ndocs_dir: content\ntheme:\n  name: material\n  language: nl\nplugins:\n  - groeiperspectief\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
    "0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a1d10000000049454e44ae426082"
)
SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/></svg>'
SECRET = "token=geheim-uit-git-config"


def _messages(root: Path) -> list[str]:
    return [str(p) for p in check(root).problems.errors]


def _about(messages: list[str], path: str) -> list[str]:
    return [m for m in messages if m.startswith(f"{path}:") or m.startswith(f"{path}/:")]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file and a folder outside the repository, as ``.git/config`` or ``/proc/self/environ`` would be."""
    folder = tmp_path / "buiten"
    folder.mkdir()
    (folder / "config").write_text(SECRET, encoding="utf-8")
    (folder / "geheim.md").write_text(f"---\ntitle: Geheim\n---\n{SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def site_repo(repo: Repo) -> Repo:
    repo.write("mkdocs.yml", MKDOCS_YML)
    return repo


def _build_unchecked(root: Path, monkeypatch) -> Path:
    """A build whose checker found nothing: what the adapter itself lets through (the second line of defence)."""
    real = build.check
    monkeypatch.setattr(build, "check", lambda r: dataclasses.replace(real(r), problems=Problems()))
    return build_site(root).site_dir


def _published_text(site: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*") if p.is_file())


# --- rule 3: no symlinks, anywhere ------------------------------------------------------------


@pytest.mark.parametrize(
    "link, target",
    [
        ("content/config.csv", "config"),  # a file in content/, published as-is
        ("content/geheim.md", "geheim.md"),  # an editorial page
        ("content/buiten", "."),  # a folder of content/
        ("content/organisaties/geheim.md", "geheim.md"),  # an entry
        ("themes/buiten", "."),  # a theme folder
        ("themes/wonen/geheim.md", "geheim.md"),  # an opgave
        ("projects/geheim.md", "geheim.md"),  # a project
        ("content/.verborgen", "config"),  # hidden: not read, but refused all the same
    ],
)
def test_every_symlink_is_refused_with_its_path(repo: Repo, outside: Path, link: str, target: str):
    (repo.root / link).symlink_to(outside / target)
    found = _about(_messages(repo.root), link)
    assert found and "symbolische koppeling" in found[0], _messages(repo.root)


def test_a_symlinked_content_folder_is_refused(repo: Repo, outside: Path):
    os.rename(repo.root / "projects", repo.root / "echte-projecten")
    (repo.root / "projects").symlink_to(repo.root / "echte-projecten")
    assert any(m.startswith("projects:") and "symbolische koppeling" in m for m in _messages(repo.root))


def test_nothing_outside_the_repository_is_published_even_without_the_checker(site_repo: Repo, outside, monkeypatch):
    root = site_repo.root
    (root / "content/config.csv").symlink_to(outside / "config")
    (root / "content/geheim.md").symlink_to(outside / "geheim.md")
    (root / "content/buiten").symlink_to(outside)
    site = _build_unchecked(root, monkeypatch)
    assert (site / "index.html").is_file()
    assert SECRET not in _published_text(site)
    assert not (site / "config.csv").exists() and not (site / "buiten").exists() and not (site / "geheim").exists()


def test_build_refuses_a_symlink(site_repo: Repo, outside):
    (site_repo.root / "content/config.csv").symlink_to(outside / "config")
    with pytest.raises(BuildFailed) as failed:
        build_site(site_repo.root)
    assert any(p.path == "content/config.csv" for p in failed.value.result.problems.errors)


# --- rule 4: odd file kinds and unreadable files are errors -------------------------------------


@pytest.mark.parametrize("path", ["content/pijp.md", "projects/pijp.md", "content/pijp.csv", "themes/wonen/pijp.md"])
def test_a_fifo_is_refused_without_hanging(repo: Repo, path: str):
    os.mkfifo(repo.root / path)
    started = time.perf_counter()
    found = _about(_messages(repo.root), path)
    assert time.perf_counter() - started < 10
    assert found and "named pipe" in found[0]


def test_a_socket_is_refused(repo: Repo):
    path = repo.root / "content/s.csv"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        found = _about(_messages(repo.root), "content/s.csv")
    assert found and "socket" in found[0]


@pytest.mark.parametrize("path", ["content/map.md", "projects/map.md", "themes/wonen/map.md"])
def test_a_folder_named_md_is_refused(repo: Repo, path: str):
    (repo.root / path).mkdir()
    (repo.root / path / "x.md").write_text("# x\n", encoding="utf-8")
    found = _about(_messages(repo.root), path)
    assert found and "map met een naam op .md" in found[0]


def test_an_unreadable_folder_is_an_error_not_a_silent_zero(repo: Repo, monkeypatch):
    real = os.scandir
    locked = str(repo.root / "projects")

    def scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = _about(_messages(repo.root), "projects")
    assert found and "map kan niet worden gelezen (Permission denied)" in found[0]


@pytest.mark.parametrize("path", ["projects/netwerk.md", "content/kaart.png", "content/over.md"])
def test_an_unreadable_file_is_an_error(repo: Repo, monkeypatch, path: str):
    repo.write("content/kaart.png", PNG)
    repo.write("content/over.md", "# Over\n")
    real = os.open
    locked = str(repo.root / path)

    def open_(file, flags, *args, **kwargs):
        if os.fspath(file) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    found = _about(_messages(repo.root), path)
    assert found and "kan het bestand niet lezen (Permission denied)" in found[0]


# --- rule 2: only known-safe static files, never on the site's own paths -------------------------

REFUSED_FILES = {
    "content/aanval.html": b"<script>alert(1)</script>",
    "content/aanval.htm": b"<script>alert(1)</script>",
    "content/aanval.js": b"alert(1)",
    "content/aanval.mjs": b"alert(1)",
    "content/stijl.css": b"body{background:url(https://evil.example/x)}",
    "content/aanval.xhtml": b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>",
    "content/zonder-extensie": b"<script>alert(1)</script>",
    "content/lettertype.woff2": b"wOF2",
    "content/nep.png": b"<html><script>alert(1)</script></html>",  # a page in disguise
    "content/nep.pdf": b"<script>alert(1)</script>",
    "content/nep.csv": b"<html><script>alert(1)</script></html>",
    "content/script.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "content/prefix.svg": b'<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
    "content/onload.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "content/foreign.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>',
    "content/link.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"><text>x</text></a></svg>',
    "content/extern.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/t.png"/></svg>',
    "content/animate.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="&#106;avascript:alert(1)"/><text>x</text></a></svg>',
    "content/css.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/x.css";</style></svg>',
    "content/entity.svg": b'<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "content/html-in.svg": b"<html><script>alert(1)</script></html>",
    "content/kapot.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect',
    # Output paths of the theme, our assets, the search index and generated pages.
    "content/assets/javascripts/bundle.png": PNG,
    "content/Assets/groei/x.png": PNG,
    "content/search/search_index.json": b'{"docs": []}',
    "content/pagefind/pagefind.js": b"alert(1)",
    "content/sitemap.xml": b"<urlset/>",
    "content/404.html": b"<script>alert(1)</script>",
    "content/themas.md": b"# Thema's van mij\n",
    "content/data/index.md": b"# Data\n",
    "content/projecten/nep.md": b"# Nep\n",
    "content/organisaties.md": b"# Organisaties\n",
    "content/search.md": b"# Zoeken\n",
    "content/404.md": b"# Niet gevonden\n",
}
ALLOWED_FILES = {
    "content/kaart.png": PNG,
    "content/foto.JPG": b"\xff\xd8\xff\xe0" + b"\0" * 16,
    "content/beeld/logo.svg": SAFE_SVG.encode(),
    "content/stukken/rapport.pdf": b"%PDF-1.7\n%\xe2\xe3\n",
    "content/cijfers.csv": b"gemeente;inwoners\nDordrecht;120000\n",
    "content/kaart.geojson": b'{"type": "FeatureCollection", "features": []}',
    "content/over.md": b"# Over ons\n",
    "content/bijdragen/meer.md": b"# Meer\n",
}


@pytest.mark.parametrize("path", sorted(REFUSED_FILES))
def test_an_unsafe_static_file_is_refused_with_its_reason(repo: Repo, path: str):
    repo.write(path, REFUSED_FILES[path])
    found = _about(_messages(repo.root), path)
    assert len(found) == 1, _messages(repo.root)
    assert any(
        word in found[0] for word in ("wordt niet gepubliceerd", "de inhoud is geen", "die plek is van de site zelf")
    )


def test_safe_static_files_and_pages_pass(repo: Repo):
    for path, data in ALLOWED_FILES.items():
        repo.write(path, data)
    assert _messages(repo.root) == []


def test_refused_static_files_are_not_published_even_without_the_checker(site_repo: Repo, monkeypatch):
    for path, data in {**REFUSED_FILES, **ALLOWED_FILES}.items():
        site_repo.write(path, data)
    site = _build_unchecked(site_repo.root, monkeypatch)
    for path in ALLOWED_FILES:
        inner = path.removeprefix("content/")
        assert (site / (inner[:-3] + "/index.html" if inner.endswith(".md") else inner)).is_file(), path
    for name in ("aanval.html", "aanval.js", "stijl.css", "zonder-extensie", "nep.png", "script.svg", "entity.svg"):
        assert not (site / name).exists(), name
    assert "alert(1)" not in (site / "assets/javascripts").joinpath(_bundle(site)).read_text(encoding="utf-8")
    assert (site / "sitemap.xml").read_bytes() != b"<urlset/>"
    assert "Thema's van mij" not in (site / "themas/index.html").read_text(encoding="utf-8")


def _bundle(site: Path) -> str:
    return next(p.name for p in (site / "assets/javascripts").iterdir() if p.name.startswith("bundle."))


def test_reserved_names_cover_everything_the_site_writes_itself(built_site: Path):
    """One list of the site's own paths (sources.RESERVED): what the renderer, our assets and the theme write."""
    generated = {src.split("/", 1)[0] for src, _ in SECTIONS} | {p.split("/", 1)[0] for p in asset_files()}
    editorial = {p.stem for p in (ROOT / "content").glob("*.md")} | {"organisaties"}
    static = {p.name for p in (ROOT / "content").iterdir() if p.is_file() and p.suffix != ".md"}  # kaart.geojson
    written = {p.name for p in built_site.iterdir()} - {f"{name}" for name in editorial - {"organisaties"}} - static
    assert generated <= RESERVED
    assert written - {"index.html"} <= RESERVED | {"organisaties"}, written - RESERVED


def test_reserved_output():
    assert reserved_output("over/index.md") is None
    assert reserved_output("assets.md") == "assets"
    assert reserved_output("DATA/x.csv") == "data"


def test_the_walk_reads_the_example_without_problems():
    problems = Problems()
    sources = walk(ROOT, problems)
    assert list(problems) == []
    assert "content/bijdragen.md" in sources.content_files()


# --- rule 7: reserved ids ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, text",
    [
        ("projects/index.md", "projects/huizen.md"),
        ("projects/pagina.md", "projects/huizen.md"),
        ("content/organisaties/index.md", "content/organisaties/prov.md"),
        ("themes/index/index.md", "themes/wonen/index.md"),
        ("themes/pagina/index.md", "themes/wonen/index.md"),
    ],
)
def test_reserved_ids_are_refused_with_file_and_line(repo: Repo, path: str, text: str):
    from .conftest import BASE

    repo.write(path, BASE[text])
    assert any(m.startswith(f"{path}:1: ") and "kan geen id zijn" in m for m in _messages(repo.root)), _messages(
        repo.root
    )


@pytest.mark.parametrize("kind, entry_id", [("project", "index"), ("organisatie", "index"), ("thema", "pagina")])
def test_groei_new_refuses_reserved_ids(repo: Repo, kind: str, entry_id: str):
    from click.testing import CliRunner

    from groeiperspectief.cli import main

    result = CliRunner().invoke(main, ["-C", str(repo.root), "new", kind, entry_id])
    assert (
        result.exit_code == 1
        and "kan geen id zijn" in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    assert "kan geen id zijn" in result.output
