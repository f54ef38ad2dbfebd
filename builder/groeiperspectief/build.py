"""``groei build``: check, build the site aside, then swap it in, so a failure never costs the published site."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from .validate import CheckResult, check

__all__ = ["BuildFailed", "Built", "Progress", "build_site", "source_date_epoch"]


class BuildFailed(Exception):
    """The site was not built; the previous ``site/`` is untouched. ``result`` holds content problems, if any."""

    def __init__(self, message: str, result: CheckResult | None = None) -> None:
        super().__init__(message)
        self.result = result


@dataclass
class Built:
    site_dir: Path
    pages: int
    files: int
    seconds: float
    result: CheckResult


class Progress:
    """Where a long build is, on stderr: silent for the first seconds, then the stage and a page count.

    On a terminal one line updates in place; elsewhere (a CI log) a line every few seconds.
    """

    def __init__(self, stream: TextIO | None = None, *, after: float = 3.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.after = after
        self.started = time.perf_counter()
        self.last = float("-inf")
        self.stage_name = ""
        self.shown = False

    def stage(self, name: str) -> None:
        """A new stage of the build, e.g. "Pagina's maken"."""
        self.stage_name = name
        self._show(name, force=True)

    def step(self, done: int, total: int) -> None:
        """``done`` of ``total`` items of the current stage."""
        self._show(f"{self.stage_name}: {done}/{total}", force=done == total)

    def close(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, text: str, *, force: bool = False) -> None:
        now = time.perf_counter()
        if now - self.started < self.after or (not force and now - self.last < (0.2 if self.tty else 5.0)):
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r\x1b[K{text}" if self.tty else f"{text}\n")
        self.stream.flush()


def source_date_epoch(root: Path) -> str | None:
    """The time of the last commit, so sitemaps and other dates are the same for the same commit."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def build_site(root: Path, *, strict: bool = False, progress: Progress | None = None) -> Built:
    """Check the content at ``root`` and build its site into ``site_dir`` of its mkdocs.yml.

    The new site is built in a sibling folder and swapped in at the end; on any
    failure the previous site stays as it was. ``progress`` reports the stages of a long build.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildFailed(f"{config_file.name} ontbreekt in {root}; maak een nieuwe site met 'groei init MAP'")
    if progress:
        progress.stage("Inhoud controleren")
    result = check(root)
    if result.problems.has_errors(strict=strict):
        raise BuildFailed("De inhoud bevat fouten; de site is niet gebouwd en de vorige versie blijft staan.", result)

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as exc:
        raise BuildFailed(f"mkdocs.yml is niet bruikbaar: {exc}") from None
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        config.site_dir = str(staging)
        plugin = config.plugins.get("groeiperspectief")
        if plugin is None:
            raise BuildFailed("mkdocs.yml noemt de plugin 'groeiperspectief' niet onder plugins:")
        plugin.result = result
        plugin.progress = progress
        with _source_date(root):
            mkdocs_build(config)
        _swap(staging, site_dir)
    except BuildFailed:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except (MkDocsException, OSError, Exception) as exc:  # noqa: BLE001 - any engine failure leaves the old site
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"bouwen mislukt: {exc}") from exc
    pages = sum(1 for _ in site_dir.rglob("index.html")) if config.use_directory_urls else sum(1 for _ in site_dir.rglob("*.html"))
    files = sum(1 for p in site_dir.rglob("*") if p.is_file())
    return Built(site_dir, pages, files, time.perf_counter() - started, result)


@contextmanager
def _source_date(root: Path) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` from the last commit while MkDocs builds (unless set already), then as it was.

    Set for good, it would date every later build of this process (a test run, a server) to this commit.
    """
    if "SOURCE_DATE_EPOCH" in os.environ or not (epoch := source_date_epoch(root)):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` with two renames; the old site is removed last."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)  # the published site goes back where it was
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
