"""Which of several files came first: when two files claim one id, the one that was there first keeps it.

A pull request that adds an opgave or a table under an id already taken should get the message in the
file it adds, not in the file that has been right for years. Git knows the order in which files were
added; a file it does not know (new, not yet committed) is the newest. Without git, or for files added
in one commit, path order decides, as before.
"""

from __future__ import annotations

import math
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["Oldest", "by_path", "in_git"]

Oldest = Callable[[Iterable[str]], list[str]]
"""Orders repository-relative paths, the file that was there first in front."""


def by_path(paths: Iterable[str]) -> list[str]:
    return sorted(set(paths))


def in_git(root: Path) -> Oldest:
    """The order in which git saw the files added (renames count as added); unknown files last."""

    def oldest(paths: Iterable[str]) -> list[str]:
        wanted = by_path(paths)
        try:
            out = subprocess.run(
                [
                    "git",
                    "-C",
                    str(root),
                    "log",
                    "--reverse",
                    "--no-renames",
                    "--diff-filter=A",
                    "--format=",
                    "--name-only",
                    "-z",
                    "--",
                    *wanted,
                ],
                capture_output=True,
                timeout=10,
            )
        except (OSError, subprocess.SubprocessError):
            return wanted
        if out.returncode != 0:
            return wanted
        first: dict[str, int] = {}
        for n, name in enumerate(out.stdout.decode("utf-8", "replace").replace("\n", "\0").split("\0")):
            if name in wanted:
                first.setdefault(name, n)
        return sorted(wanted, key=lambda p: (first.get(p, math.inf), p))

    return oldest
