"""The engine boundary: the core's docs tree built by Zensical gives the same pages as the MkDocs build."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from .conftest import copy_example, measured


def _main_text(path: Path) -> str:
    """The words of a page's main content (the theme's article), without markup or scripts."""
    page = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', page, re.S)
    body = re.sub(r"<script.*?</script>", "", match[1] if match else "", flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_zensical_builds_the_same_pages_with_the_same_text(tmp_path, built_site):
    root = copy_example(tmp_path / "regio")
    done = subprocess.run(
        [sys.executable, "-m", "groeiperspectief", "-C", str(root), "build", "--engine", "zensical"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    site = root / "site"
    ours = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    theirs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert theirs == ours
    differing = [rel for rel in ours if _main_text(built_site / rel) != _main_text(site / rel)]
    measured("engines: pages built by Zensical, main text differing from MkDocs", f"{len(ours)}, {len(differing)}")
    assert differing == []
    # The engine-free finishing steps ran: search marks, Pagefind's index (and not Zensical's), no remote scripts.
    papendrecht = (site / "organisaties/papendrecht/index.html").read_text(encoding="utf-8")
    assert papendrecht.count("data-pagefind-body") == 1
    assert '<span data-pagefind-filter="naam">papendrecht</span>' in papendrecht
    assert (site / "pagefind/pagefind.js").is_file() and not (site / "search.json").exists()
    for script in (site / "assets/javascripts").rglob("*.js"):
        assert "unpkg.com" not in script.read_text(encoding="utf-8", errors="replace"), script
    # Editorial pages reach the engine rendered and sanitised: the guide's code stays code.
    guide = (site / "bijdragen/index.html").read_text(encoding="utf-8")
    assert '<div class="gp-editorial">' in guide and "<pre><code" in guide


def test_without_zensical_the_engine_option_says_what_to_install(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from groeiperspectief import zensical_engine
    from groeiperspectief.cli import main

    root = copy_example(tmp_path / "regio")
    monkeypatch.setattr(zensical_engine.sys, "executable", str(tmp_path / "geen-venv" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    done = CliRunner().invoke(main, ["-C", str(root), "build", "--engine", "zensical"])
    assert done.exit_code == 1
    assert "Zensical ontbreekt; installeer het" in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert not (root / "site").exists()
