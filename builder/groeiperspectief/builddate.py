"""The build's date: what "today" means for a build, so the same commit always builds the same site.

Milestones are overdue, an ``einde`` is in the past and a briefing is "stand per" against this
date (CONTENT-MODEL.md): ``SOURCE_DATE_EPOCH`` when set, else the date of the last commit, else
today (a folder that is no git repository).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

__all__ = ["source_date_epoch", "build_date", "iso_date"]


def iso_date(value: str) -> dt.date | None:
    """The day ``value`` writes as JJJJ-MM-DD, or None (``2025-02-30`` is no day).

    >>> iso_date("2025-11-14"), iso_date("2025-02-30"), iso_date("14-11-2025")
    (datetime.date(2025, 11, 14), None, None)
    """
    if len(value) != 10 or not value[:4].isdigit() or value[4] != "-" or value[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def source_date_epoch(root: Path) -> str | None:
    """The time of the last commit, so sitemaps and other dates are the same for the same commit."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def build_date(root: Path | None) -> dt.date:
    """The build's date (UTC): ``SOURCE_DATE_EPOCH``, else the last commit's, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit() and root is not None:
        epoch = source_date_epoch(root) or ""
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
