"""Projects by place: what the map, its table and the municipality pages count (one definition)."""

from __future__ import annotations

import math

__all__ = ["projects_by_place", "short_name", "classes"]


def projects_by_place(p) -> dict[str, list[str]]:
    """For every organisation named in a project's ``locaties``: its projects, in project order."""
    found: dict[str, list[str]] = {}
    for pid, project in p.projecten.items():
        for oid in dict.fromkeys(project.locaties):
            found.setdefault(oid, []).append(pid)
    return found


def short_name(naam: str) -> str:
    """A municipality as a map names it: without 'Gemeente'.

    >>> short_name("Gemeente Hendrik-Ido-Ambacht"), short_name("Provincie Zuid-Holland")
    ('Hendrik-Ido-Ambacht', 'Provincie Zuid-Holland')
    """
    return naam[len("Gemeente ") :] if naam.startswith("Gemeente ") and len(naam) > 9 else naam


def classes(largest: int, steps: int = 4) -> list[tuple[int, int]]:
    """The shading classes for counts 1..``largest``: at most ``steps`` ranges of about equal width, (low, high).

    Count 0 is a class of its own (no shading); the legend names each range in numbers.

    >>> classes(17), classes(3), classes(0)
    ([(1, 5), (6, 10), (11, 15), (16, 17)], [(1, 1), (2, 2), (3, 3)], [])
    """
    if largest <= 0:
        return []
    width = max(1, math.ceil(largest / steps))
    return [(low, min(low + width - 1, largest)) for low in range(1, largest + 1, width)]
