"""Joining and learning: who coalitions are looking for, how far projects are, what they learned.

Pure functions over the perspective, like ``analysis``: the project and organisation pages, the
pages "Aansluiten" and "Lessen uit projecten", the briefings and the home page read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .perspective import Perspective
from .vocabulary import ENDED_STATUSES

__all__ = [
    "Request",
    "open_requests",
    "requests_of",
    "fits",
    "waar_kun_je_aansluiten",
    "Progress",
    "progress",
    "Lesson",
    "lessons",
    "lessons_by_theme",
    "newest_lessons",
]

TAKES_PART = ("volledig", "solidariteit", "instap")
"""The variants of an organisation that is in a coalition already (``geen`` is not)."""


@dataclass(frozen=True)
class Request:
    """One open request of a coalition: a kind of organisation wanted for a role."""

    project: str
    soort: str
    rol: str
    themes: tuple[str, ...]


def requests_of(p: Perspective, project_id: str) -> list[Request]:
    """The open requests of one project; none once it is afgerond or gestopt (the checker warns then)."""
    project = p.projecten[project_id]
    if project.status in ENDED_STATUSES:
        return []
    themes = tuple(p.project_themes(project_id))
    return [Request(project_id, z.soort, z.rol, themes) for z in project.zoekt]


def open_requests(p: Perspective) -> list[Request]:
    """Every open request of the region, by the project's title."""
    order = sorted(p.projecten, key=lambda pid: (p.projecten[pid].titel.casefold(), pid))
    return [r for pid in order for r in requests_of(p, pid)]


def _themes_of(p: Perspective, org_id: str) -> set[str]:
    """The themes where an organisation already takes part: in a project's coalition, or at a table."""
    found = {
        tid
        for pid, project in p.projecten.items()
        if (d := project.deelnemers.get(org_id)) and d.variant in TAKES_PART
        for tid in p.project_themes(pid)
    }
    return found | {theme for tafel, theme in p.tafels.values() if org_id in tafel.leden}


def fits(p: Perspective, org_id: str) -> list[Request]:
    """ "Past bij u": the open requests for an organisation's soort, of projects it is not in yet,
    first those in themes where it already takes part, then the others (each by title)."""
    org = p.organisaties[org_id]
    mine = _themes_of(p, org_id)
    found = [
        r
        for r in open_requests(p)
        if r.soort == org.soort
        and not ((d := p.projecten[r.project].deelnemers.get(org_id)) and d.variant in TAKES_PART)
    ]
    return sorted(found, key=lambda r: not (set(r.themes) & mine))  # stable: title order within each group


def waar_kun_je_aansluiten(p: Perspective, limit: int = 5) -> list[Request]:
    """For the home page's "Waar kun je aansluiten": the first open requests, one per project, at most ``limit``."""
    seen: set[str] = set()
    picked = []
    for r in open_requests(p):
        if r.project not in seen:
            seen.add(r.project)
            picked.append(r)
    return picked[:limit]


@dataclass(frozen=True)
class Progress:
    """A project's milestones against the build's date."""

    states: tuple[tuple[int, str], ...]
    """(index in ``mijlpalen``, state) in date order; a state is a key of ``vocabulary.MILESTONE_TERMS``."""

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def reached(self) -> int:
        return sum(state == "gehaald" for _, state in self.states)

    @property
    def overdue(self) -> int:
        return sum(state == "over-datum" for _, state in self.states)

    @property
    def words(self) -> str:
        """Dutch, e.g. "2 van 3 mijlpalen gehaald, 1 over datum"."""
        if not self.total:
            return ""
        text = f"{self.reached} van {self.total} {'mijlpaal' if self.total == 1 else 'mijlpalen'} gehaald"
        return text + (f", {self.overdue} over datum" if self.overdue else "")


def progress(p: Perspective, project_id: str, today: dt.date) -> Progress:
    mijlpalen = p.projecten[project_id].mijlpalen
    order = sorted(range(len(mijlpalen)), key=lambda i: (mijlpalen[i].datum, i))
    return Progress(tuple((i, mijlpalen[i].state(today)) for i in order))


@dataclass(frozen=True)
class Lesson:
    project: str
    index: int
    text: str
    theme: str | None
    """The project's first theme: where the lesson is gathered."""


def _lesson_date(p: Perspective, project_id: str) -> dt.date:
    """How recent a project's lessons are: its last milestone reached, else its end, else its start."""
    project = p.projecten[project_id]
    reached = [m.datum.last_day for m in project.mijlpalen if m.gehaald]
    dates = reached or [d.last_day for d in (project.einde, project.start) if d][:1]
    return max(dates) if dates else dt.date.min


def lessons(p: Perspective) -> list[Lesson]:
    """Every lesson, by project title."""
    order = sorted(p.projecten, key=lambda pid: (p.projecten[pid].titel.casefold(), pid))
    found = []
    for pid in order:
        themes = p.project_themes(pid)
        found += [Lesson(pid, i, text, themes[0] if themes else None) for i, text in enumerate(p.projecten[pid].lessen)]
    return found


def lessons_by_theme(p: Perspective) -> list[tuple[str, list[Lesson]]]:
    """The lessons gathered by each project's first theme, in the themes' order; themes without lessons left out."""
    all_ = lessons(p)
    return [(tid, found) for tid in p.themas if (found := [x for x in all_ if x.theme == tid])]


def newest_lessons(p: Perspective, limit: int = 3) -> list[Lesson]:
    """The most recent lessons (for briefings and the home page): of the projects whose last reached
    milestone (else end, else start) is latest; ties by title."""
    all_ = lessons(p)
    return sorted(all_, key=lambda x: _lesson_date(p, x.project), reverse=True)[:limit]
