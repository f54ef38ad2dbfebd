"""The home page's view model: what a first-time visitor sees, computed once in Python.

The template (``templates/pages/home.md.j2``) only lays this out: the themes as cards with their key
numbers, a few open requests ("Waar kun je aansluiten"), the milestones just reached and coming up,
and the newest lessons. Every list is short by design, so the home page does not grow with the region.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import analysis, joining
from .model import Mijlpaal
from .perspective import Perspective

__all__ = ["ThemeCard", "Milestone", "HomeView", "view", "REQUESTS_SHOWN", "MILESTONES_SHOWN", "LESSONS_SHOWN"]

REQUESTS_SHOWN = 4  # open requests on the home page, one per project; Aansluiten has them all
MILESTONES_SHOWN = 3  # reached, and coming, milestones each
LESSONS_SHOWN = 3


@dataclass(frozen=True)
class ThemeCard:
    """A theme as an entry point: its key numbers, and whether any opgave still waits for a project."""

    id: str
    opgaven: int
    projecten: int
    witte_vlekken: int


@dataclass(frozen=True)
class Milestone:
    project: str
    mijlpaal: Mijlpaal


@dataclass(frozen=True)
class HomeView:
    cards: list[ThemeCard]
    requests: list[joining.Request]
    """A few open requests, one per project (``joining.waar_kun_je_aansluiten``)."""
    requests_total: int
    request_projects: int
    white_spots: int
    reached: list[Milestone]
    """The milestones reached most recently (by date), newest first."""
    coming: list[Milestone]
    """The next milestones not reached yet, from the build's date on, soonest first."""
    lessons: list[joining.Lesson]
    lessons_total: int


def view(p: Perspective, today: dt.date) -> HomeView:
    spots = set(analysis.white_spots(p))
    cards = []
    for tid in p.themas:
        own = [oid for oid, o in p.opgaven.items() if o.theme == tid]
        cards.append(ThemeCard(tid, len(own), len(p.theme_projects(tid)), sum(oid in spots for oid in own)))
    requests = joining.open_requests(p)
    milestones = [(Milestone(pid, m), m.state(today)) for pid, x in p.projecten.items() for m in x.mijlpalen]
    reached = sorted(
        (m for m, state in milestones if state == "gehaald"),
        key=lambda m: (m.mijlpaal.datum.last_day, m.project),
        reverse=True,
    )
    coming = sorted(
        (m for m, state in milestones if state == "gepland"),
        key=lambda m: (m.mijlpaal.datum.first_day, m.project),
    )
    return HomeView(
        cards=cards,
        requests=joining.waar_kun_je_aansluiten(p, REQUESTS_SHOWN),
        requests_total=len(requests),
        request_projects=len({r.project for r in requests}),
        white_spots=len(spots),
        reached=reached[:MILESTONES_SHOWN],
        coming=coming[:MILESTONES_SHOWN],
        lessons=joining.newest_lessons(p, LESSONS_SHOWN),
        lessons_total=len(joining.lessons(p)),
    )
