"""``groei build``: check, build the site aside, then swap it in, so a failure never costs the published site."""

from __future__ import annotations

import ctypes
import errno
import functools
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

try:
    import fcntl
except ImportError:  # Windows: no locks; a leftover folder is anyone's
    fcntl = None  # type: ignore[assignment]

import yaml

from .builddate import source_date_epoch
from .validate import CheckResult, check

__all__ = ["BuildFailed", "Built", "Progress", "build_site", "clean_leftovers", "exchange", "source_date_epoch"]

log = logging.getLogger("groeiperspectief")


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
    except (MkDocsException, OSError, yaml.YAMLError, ValueError, TypeError) as exc:  # what the checker cannot foresee
        raise BuildFailed(f"mkdocs.yml is niet bruikbaar: {' '.join(str(exc).split())}") from None
    site_dir = Path(config.site_dir)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(site_dir.parent)
        staging = Path(tempfile.mkdtemp(prefix=NEW_PREFIX, dir=site_dir.parent))
    except OSError as exc:
        raise BuildFailed(
            f"kan de site niet schrijven in '{site_dir.parent}' ({exc.strerror}); "
            "controleer of je in die map mag schrijven en of de schijf niet vol is"
        ) from None
    lock = _lock(staging)  # until the build ends: a build started meanwhile leaves this folder alone
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
    finally:
        if lock is not None:
            os.close(lock)
    pages = (
        sum(1 for _ in site_dir.rglob("index.html"))
        if config.use_directory_urls
        else sum(1 for _ in site_dir.rglob("*.html"))
    )
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


NEW_PREFIX, OLD_PREFIX = ".site-new-", ".site-old-"
"""The folders beside ``site/`` of a build under way: the new site being written, the old one being removed."""


def _swap(new: Path, target: Path) -> None:
    """Put the built site ``new`` at ``target`` in one atomic step, then remove the old site.

    A kill at any instant leaves the old or the new complete site at ``target`` (and maybe a
    leftover folder that the next build removes). Linux exchanges the two folders with
    ``renameat2(RENAME_EXCHANGE)``; without it (another system, an old C library, a file system
    that cannot) the old site is moved aside first, which leaves a moment without ``target``.
    """
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # it holds the old site now
        return
    log.warning(
        "site/ wordt in twee stappen vervangen: dit systeem kan twee mappen niet in één stap "
        "verwisselen (renameat2); wordt de build precies dan afgebroken, dan ontbreekt site/ tot de volgende build"
    )
    old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=target.parent))
    old.rmdir()
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)  # the published site goes back where it was
        raise
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (2.28 and later), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Exchange two existing paths in one atomic step; False when this system or file system cannot."""
    if (renameat2 := _renameat2()) is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def _lock(folder: Path) -> int | None:
    """An exclusive lock on ``folder``, held until the descriptor is closed or the process ends (a kill
    included); None where this system or file system has no such locks. Raises ``BlockingIOError``
    when another process holds it."""
    if fcntl is None:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise
    except OSError:
        os.close(fd)
        return None
    return fd


def clean_leftovers(parent: Path) -> list[Path]:
    """Remove the ``.site-new-*`` and ``.site-old-*`` folders that killed builds left in ``parent``; returns them.

    The folder of a build still running is locked by it and stays.
    """
    removed = []
    for folder in sorted([*parent.glob(NEW_PREFIX + "*"), *parent.glob(OLD_PREFIX + "*")]):
        try:
            fd = _lock(folder)
        except BlockingIOError:
            continue
        try:
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
            removed.append(folder)
        finally:
            if fd is not None:
                os.close(fd)
    return removed
