"""Reproducible, atomic builds without broken links.

Two builds of the same content give the same bytes; a build that fails halfway
leaves the published site as it was; every internal link of a built site resolves.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote

import pytest

from groeiperspectief.build import BuildFailed, build_site

from .conftest import copy_example, measured
from .hostile import OUTSIDE
from .walk import broken_links

EPOCH = "1714996800"  # 2024-05-06 12:00:00 UTC


def _snapshot(site: Path) -> dict[str, str]:
    """Every file of a site with a hash of its bytes."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _region(name: str, target: Path) -> Path:
    return copy_example(target) if name == "example" else Path(shutil.copytree(OUTSIDE, target))


@pytest.mark.parametrize("name", ["example", "outside"])
def test_two_builds_give_the_same_bytes(tmp_path, name):
    """Same content, other folders, other hash seeds, built at the same time in two processes."""
    roots = [_region(name, tmp_path / side / "regio") for side in ("a", "b")]
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "groeiperspectief", "-C", str(root), "build"],
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": str(seed)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for seed, root in enumerate(roots, start=1)
    ]
    for build in builds:
        output = build.communicate(timeout=300)[0]
        assert build.returncode == 0, output
    first, second = (_snapshot(root / "site") for root in roots)
    differing = sorted(path for path in first.keys() | second.keys() if first.get(path) != second.get(path))
    measured(f"reproducible [{name}]: files compared, differing", f"{len(first)}, {len(differing)}")
    assert len(first) > 50
    assert differing == []


def test_dates_come_from_the_last_commit(tmp_path, monkeypatch):
    """Without SOURCE_DATE_EPOCH the build takes the time of the last commit, and sets it for itself only."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = Path(shutil.copytree(OUTSIDE, tmp_path / "regio"))
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "site_url: https://regio.example/\n")
    git = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{EPOCH} +0000",
        "GIT_COMMITTER_DATE": f"@{EPOCH} +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.nl",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.nl",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "inhoud"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env=git, capture_output=True)
    site = build_site(root).site_dir
    assert "SOURCE_DATE_EPOCH" not in os.environ
    sitemap = (site / "sitemap.xml").read_text()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2024-05-06"}
    with gzip.open(site / "sitemap.xml.gz") as packed:
        assert packed.read().decode() == sitemap
    midnight = int(dt.datetime(2024, 5, 6, tzinfo=dt.UTC).timestamp())  # MkDocs keeps the day
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == midnight.to_bytes(4, "little")  # gzip's mtime field


@pytest.fixture
def small_site(repo):
    """The small test region, built once: the 'published' site a failing build must leave alone."""
    repo.write(
        "mkdocs.yml", "site_name: Test\ndocs_dir: content\ntheme:\n  name: material\nplugins:\n  - groeiperspectief\n"
    )
    site = build_site(repo.root).site_dir
    return repo.root, site, _snapshot(site)


def _untouched(root: Path, site: Path, before: dict[str, str]) -> None:
    assert _snapshot(site) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_a_build_that_fails_halfway_leaves_the_site(small_site, monkeypatch):
    """The engine dies after writing some pages: nothing of it reaches the published site."""
    from groeiperspectief.plugin import GroeiPlugin

    root, site, before = small_site
    written = []

    def post_page(self, output, *, page, config):
        written.append(page.file.src_uri)
        if len(written) == 5:
            raise RuntimeError("schijf vol")
        return output

    monkeypatch.setattr(GroeiPlugin, "on_post_page", post_page)
    (root / "projects/netwerk.md").write_text(
        (root / "projects/netwerk.md").read_text().replace("Netwerk", "Nieuw netwerk")
    )
    with pytest.raises(BuildFailed, match="bouwen mislukt: schijf vol"):
        build_site(root)
    assert len(written) == 5
    _untouched(root, site, before)


@pytest.mark.parametrize("way", ["exchange", "two renames"])
def test_a_build_that_fails_while_swapping_leaves_the_site(small_site, monkeypatch, way):
    """Even when the last step, putting the new site in place, fails, the old one stays where it was:
    in one exchange, or in the fallback without one (the old site moved aside, then the new one in place)."""
    from groeiperspectief import build

    root, site, before = small_site
    real = os.replace
    calls = []

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    def replace(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # the first moves the old site aside; the second would put the new one in place
            full_disk()
        return real(src, dst)

    if way == "exchange":
        monkeypatch.setattr(build, "exchange", full_disk)
    else:
        monkeypatch.setattr(build, "exchange", lambda a, b: False)
        monkeypatch.setattr(build.os, "replace", replace)
    with pytest.raises(BuildFailed):
        build_site(root)
    _untouched(root, site, before)


def test_no_broken_internal_links_in_the_example(built_site):
    checked, broken = broken_links(built_site)
    measured("links [example]: internal links checked, broken", f"{checked}, {len(broken)}")
    assert checked > 1000
    assert broken == []


def test_no_broken_internal_links_in_hostile_sites(hostile_site):
    """The builder's own links all resolve; a link an editor typed to nowhere stays the editor's (and is counted)."""
    checked, broken = broken_links(hostile_site.site)
    written = html.unescape("\n".join(p.read_text(encoding="utf-8") for p in hostile_site.repo.rglob("*.md")))
    by_editor = [b for b in broken if unquote(b.split("=", 1)[1]) in written]
    measured(
        f"links [{hostile_site.name}]: internal links checked, broken, of which typed by the editor",
        f"{checked}, {len(broken) - len(by_editor)}, {len(by_editor)}",
    )
    assert checked > 200
    assert [b for b in broken if b not in by_editor] == []


def test_the_link_checker_finds_broken_links(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        textwrap.dedent("""\
        <a href="a/">a</a> <a href="a/#er">anker</a> <a href="#top">top</a> <a href="https://elders.example/">x</a>
        <a href="b/">weg</a> <a href="a/#nergens">geen anker</a> <img src="plaatje.png"> <a href="../buiten/">buiten</a>
        <a href="/a/">vanaf de wortel</a>
        <h1 id="top">t</h1>""")
    )
    (site / "a" / "index.html").write_text('<h2 id="er">er</h2><a href="../">terug</a>')
    checked, broken = broken_links(site)
    assert checked == 9
    assert broken == [
        "index.html: href=b/",
        "index.html: href=a/#nergens (geen id 'nergens')",
        "index.html: src=plaatje.png",
        "index.html: ../buiten/ (buiten de site)",
    ]
