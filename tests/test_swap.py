"""The swap of ``site/`` is one atomic step (issue 11, rule 9): a ``groei build`` killed (SIGKILL) at any instant
leaves the old or the new complete site at ``site/``, and the next build removes the folders it left.

Builds run as their own process, as an editor or CI starts them, and are killed for real.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from groeiperspectief import build
from groeiperspectief.build import build_site, clean_leftovers

from .conftest import BASE, Repo, measured

# Same bytes for the same content, in every process.
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
MKDOCS_YML = "site_name: Testregio\ndocs_dir: content\ntheme:\n  name: material\n  language: nl\nplugins:\n  - groeiperspectief\n"

# A `groei build` that kills itself before its n-th file-system step inside the swap (and every step after
# it: a rename, an exchange, a folder made or removed, a file removed).
CRASH = textwrap.dedent("""
    import os, signal, sys
    from groeiperspectief import build
    from groeiperspectief.cli import main

    at, steps, armed = int(sys.argv[2]), 0, False

    def step(function):
        def counted(*args, **kwargs):
            global steps
            if armed:
                steps += 1
                if steps == at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)
        return counted

    for name in ("rename", "replace", "mkdir", "rmdir", "unlink", "remove"):
        setattr(os, name, step(getattr(os, name)))
    if hasattr(build, "exchange"):
        build.exchange = step(build.exchange)
    swap = build._swap

    def armed_swap(*args):
        global armed
        armed = True
        return swap(*args)

    build._swap = armed_swap
    main(["-C", sys.argv[1], "build"])
""")


def _region(root: Path) -> Path:
    Repo(root, {**BASE, "mkdocs.yml": MKDOCS_YML})
    return root


def manifest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _old_site(root: Path) -> dict[str, str]:
    """A published site of a few files (the previous build) at ``site/``; returns its manifest."""
    site = root / "site"
    if site.exists():
        subprocess.run(["rm", "-rf", str(site)], check=True)
    Repo(site, {"index.html": "<p>Oude site</p>", "themas/index.html": "<p>Oud</p>", "sitemap.xml": "<urlset/>"})
    return manifest(site)


def _state(root: Path, old: dict[str, str], new: dict[str, str]) -> str:
    site = root / "site"
    found = manifest(site) if site.is_dir() else {}
    if found == old:
        return "old"
    if found == new:
        return "new"
    missing = sorted(set(new) - set(found))[:5]
    pytest.fail(
        f"site/ is niet compleet: {len(found)} bestanden, o.a. ontbrekend {missing}" if found else "site/ ontbreekt"
    )


def _groei_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "groeiperspectief", "-C", str(root), "build"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _new_site(root: Path) -> tuple[dict[str, str], float]:
    """The manifest of a complete build of ``root`` and how long the build took, with ``site/`` removed again."""
    started = time.perf_counter()
    process = _groei_build(root)
    assert process.wait(timeout=120) == 0, process.stderr.read().decode()
    seconds = time.perf_counter() - started
    new = manifest(root / "site")
    subprocess.run(["rm", "-rf", str(root / "site")], check=True)
    return new, seconds


def test_a_build_killed_before_every_step_of_the_swap_leaves_a_complete_site(tmp_path):
    root = _region(tmp_path / "regio")
    new, _ = _new_site(root)
    seen = []
    for at in range(1, 50):
        old = _old_site(root)
        run = subprocess.run(
            [sys.executable, "-c", CRASH, str(root), str(at)], env=ENV, capture_output=True, timeout=120
        )
        seen.append(_state(root, old, new))
        if run.returncode == 0:
            break
        assert run.returncode == -signal.SIGKILL, run.stderr.decode()
        assert len(list(root.glob(".site-*"))) <= 1  # what this run left; the run before's is gone
    else:
        pytest.fail("the build never finished")
    measured("swap: kill points tried (old site, new site)", f"{len(seen)} ({seen.count('old')}, {seen.count('new')})")
    assert seen[0] == "old" and seen[-1] == "new"
    assert not list(root.glob(".site-*")), "the finished build removed what the killed ones left"


def test_a_build_killed_after_any_delay_leaves_a_complete_site_and_the_next_build_cleans_up(tmp_path):
    root = _region(tmp_path / "regio")
    new, seconds = _new_site(root)
    runs = 12
    seen, leftovers = [], 0
    for i in range(runs):
        old = _old_site(root)
        process = _groei_build(root)
        # Kill after 0-120% of the measured build time; the last build may finish (a busy machine is slower).
        try:
            process.wait(timeout=120 if i == runs - 1 else seconds * 1.2 * i / (runs - 2))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        seen.append(_state(root, old, new))
        leftovers = max(leftovers, len(list(root.glob(".site-*"))))
    measured(
        "swap: builds killed after 0-120% of a build's time (old site, new site)",
        f"{runs} ({seen.count('old')}, {seen.count('new')}); build {seconds:.1f} s",
    )
    assert "old" in seen and seen[-1] == "new" and leftovers >= 1
    assert _groei_build(root).wait(timeout=120) == 0
    assert _state(root, {}, new) == "new" and not list(root.glob(".site-*"))


def test_this_platform_exchanges_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    Repo(a, {"x": "a"})
    Repo(b, {"x": "b"})
    libc = os.confstr("CS_GNU_LIBC_VERSION") if hasattr(os, "confstr") else "?"
    measured(
        "swap: renameat2(RENAME_EXCHANGE)", f"{build.exchange(a, b)} ({sys.platform}, {libc}, {os.uname().release})"
    )
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_without_exchange_the_build_falls_back_and_says_so(tmp_path, monkeypatch, caplog):
    root = _region(tmp_path / "regio")
    _old_site(root)
    monkeypatch.setattr(build, "exchange", lambda a, b: False)
    with caplog.at_level(logging.WARNING, logger="groeiperspectief"):
        site = build_site(root).site_dir
    assert (site / "projecten" / "netwerk" / "index.html").is_file() and not list(root.glob(".site-*"))
    assert "in twee stappen vervangen" in caplog.text


def test_the_folder_of_a_running_build_is_left_alone(tmp_path):
    running, dead = tmp_path / ".site-new-loopt", tmp_path / ".site-old-dood"
    running.mkdir()
    dead.mkdir()
    (dead / "index.html").write_text("oud")
    lock = build._lock(running)
    try:
        assert clean_leftovers(tmp_path) == [dead] and running.is_dir()
    finally:
        os.close(lock)
    assert clean_leftovers(tmp_path) == [running]
