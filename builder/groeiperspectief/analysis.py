"""Analyses of the perspective: plain functions that never change their input.

Each answers one question the site (or a councillor) asks: what does this opgave
wait for, what does it unblock, where are the white spots, who has not chosen
yet, how does an organisation take part.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from .model import SOORTEN, VARIANTS, Deelname
from .perspective import Perspective

__all__ = [
    "dependency_graph",
    "depends_on",
    "unblocks",
    "touches",
    "cross_theme_dependencies",
    "longest_chain",
    "longest_cross_theme_chain",
    "waiting_on",
    "most_waited_on",
    "central_opgaven",
    "white_spots",
    "missing_stances",
    "projects_of",
    "Participation",
    "participation",
    "participation_by_variant",
    "matrix",
    "organisation_order",
    "tables_of",
    "theme_participation",
    "missing_stances_of",
]


def dependency_graph(p: Perspective) -> nx.DiGraph:
    """The opgaven and their ``hangt_af_van`` edges (``a -> b``: a waits for b); read-only."""
    return p.dependencies


def depends_on(p: Perspective, opgave_id: str, *, transitive: bool = True) -> list[str]:
    """The opgaven that must move before ``opgave_id`` can, in id order.

    With ``transitive=False`` only the ones it names itself.
    """
    g = dependency_graph(p)
    found = nx.descendants(g, opgave_id) if transitive else set(g.successors(opgave_id))
    return sorted(found)


def unblocks(p: Perspective, opgave_id: str, *, transitive: bool = True) -> list[str]:
    """The opgaven that wait (directly or through others) for ``opgave_id``."""
    g = dependency_graph(p)
    found = nx.ancestors(g, opgave_id) if transitive else set(g.predecessors(opgave_id))
    return sorted(found)


def touches(p: Perspective, opgave_id: str) -> list[str]:
    """The opgaven entangled with ``opgave_id`` (``raakt_aan``, whichever side stated it)."""
    found = set(p.opgaven[opgave_id].raakt_aan) | _index(p).touched_by.get(opgave_id, set())
    found.discard(opgave_id)
    return sorted(found)


def cross_theme_dependencies(p: Perspective) -> list[tuple[str, str]]:
    """Every ``hangt_af_van`` between opgaven of different (own) themes, as (waits, for)."""
    return sorted((a, b) for a, b in dependency_graph(p).edges if p.opgaven[a].theme != p.opgaven[b].theme)


def longest_chain(p: Perspective) -> list[str]:
    """The longest dependency chain, from the opgave that waits longest to the one everything waits for."""
    g = dependency_graph(p)
    if not g.number_of_edges():
        return []
    return nx.dag_longest_path(g, topo_order=list(nx.lexicographical_topological_sort(g)))


def central_opgaven(p: Perspective, top: int = 5) -> list[tuple[str, float]]:
    """The opgaven most in the middle of the web of dependencies and entanglements.

    Betweenness centrality over the undirected graph of ``hangt_af_van`` and
    ``raakt_aan``; ties broken by id, zero scores left out.
    """
    g = nx.Graph()
    g.add_nodes_from(p.opgaven)
    g.add_edges_from(dependency_graph(p).edges)
    g.add_edges_from((oid, other) for oid, o in p.opgaven.items() for other in o.raakt_aan)
    scores = nx.betweenness_centrality(g) if len(g) > 2 else {}
    ranked = sorted(((oid, s) for oid, s in scores.items() if s > 0), key=lambda x: (-x[1], x[0]))
    return ranked[:top]


def projects_of(p: Perspective, opgave_id: str) -> list[str]:
    """The projects that work on ``opgave_id``, in id order."""
    return list(_index(p).projects_of.get(opgave_id, ()))


def white_spots(p: Perspective) -> list[str]:
    """Opgaven that no project works on: the white spots of the perspective."""
    worked_on = {oid for project in p.projecten.values() for oid in project.opgaven}
    return [oid for oid in p.opgaven if oid not in worked_on]


def missing_stances(p: Perspective) -> dict[str, list[str]]:
    """Per project, the organisations without a stance (kleur bekennen): the core ones not listed or listed
    with an empty variant, and partners listed with an empty variant."""
    return {pid: list(missing) for pid, missing in _index(p).missing.items()}


def missing_stances_of(p: Perspective, project_id: str) -> list[str]:
    """The organisations without a stance on one project (see ``missing_stances``; empty: all have one)."""
    return list(_index(p).missing.get(project_id, ()))


@dataclass(frozen=True)
class Participation:
    """How one organisation stands in one project; ``deelname`` is None for "nog geen keuze"."""

    project: str
    deelname: Deelname | None
    trekker: bool = False

    @property
    def variant(self) -> str | None:
        return self.deelname.variant if self.deelname else None


def participation(p: Perspective, org_id: str) -> list[Participation]:
    """Every project where ``org_id`` has a stance, in project order.

    For a core organisation also the projects where it has not chosen yet
    (``deelname`` is None), so "nog geen keuze" is never read as ``geen``.
    """
    return list(_index(p).participation.get(org_id, ()))


def participation_by_variant(p: Perspective, org_id: str) -> dict[str | None, list[Participation]]:
    """``participation`` grouped by variant (None last: not chosen yet)."""
    groups: dict[str | None, list[Participation]] = {v: [] for v in [*VARIANTS, None]}
    for item in participation(p, org_id):
        groups[item.variant].append(item)
    return {v: items for v, items in groups.items() if items}


def theme_participation(p: Perspective, theme_id: str) -> dict[str, dict[str, int]]:
    """Per organisation, how many projects of ``theme_id`` it joins per variant: the core municipalities
    first, then the partners with the most projects in the theme."""
    return {oid: dict(row) for oid, row in _index(p).theme_counts.get(theme_id, {}).items()}


def organisation_order(p: Perspective) -> list[str]:
    """The one order of organisations in columns, lists and the lens: the core municipalities first,
    then the partners by kind (gemeente, overheid, bedrijf, kennisinstelling, maatschappelijk); by name within."""
    return list(_index(p).order)


def matrix(p: Perspective, projects: list[str] | None = None) -> list[tuple[str, list[str | None]]]:
    """The participation matrix: per organisation (in ``organisation_order``), a variant per project.

    A cell is the variant, ``None`` where an organisation has not chosen yet (a core one not listed,
    or anyone listed with an empty variant), and ``""`` where a partner simply is not involved.
    """
    projecten, organisaties = p.projecten, p.organisaties
    projects = list(projecten) if projects is None else projects
    # One pass over the stated variants; a partner in none of these projects gets no row at all,
    # so a page of the matrix costs what it shows, not organisations x projects.
    stated: dict[str, dict[int, str]] = {}
    for i, pid in enumerate(projects):
        for oid, deelname in projecten[pid].deelnemers.items():
            stated.setdefault(oid, {})[i] = deelname.variant
        for oid in projecten[pid].undecided:
            stated.setdefault(oid, {})[i] = None
    rows = []
    for oid in organisation_order(p):
        kern = organisaties[oid].kern
        mine = stated.get(oid, {})
        if kern or mine:
            empty = None if kern else ""
            rows.append((oid, [mine.get(i, empty) for i in range(len(projects))]))
    return rows


def tables_of(p: Perspective, org_id: str) -> list[str]:
    """The tables (tafel ids) where ``org_id`` sits."""
    return [tid for tid, (tafel, _) in p.tafels.items() if org_id in tafel.leden]


# --- lookups computed once per perspective ---------------------------------------------------


class _Index:
    """What the functions above look up for every page, computed in one pass over the projects.

    A site asks "which projects work on this opgave", "who has not chosen yet" and
    "where does this organisation take part" once per page; answering each by
    scanning every project made the build quadratic in the number of projects.
    """

    def __init__(self, p: Perspective) -> None:
        kern = p.kern
        kinds = {soort: n for n, soort in enumerate(SOORTEN)}
        orgs = p.organisaties
        self.order = sorted(orgs, key=lambda o: (not orgs[o].kern, kinds[orgs[o].soort], orgs[o].naam.casefold(), o))
        self.projects_of: dict[str, list[str]] = {}
        self.missing: dict[str, list[str]] = {}
        self.participation: dict[str, list[Participation]] = {oid: [] for oid in p.organisaties}
        self.theme_counts: dict[str, dict[str, dict[str, int]]] = {}
        self.touched_by: dict[str, set[str]] = defaultdict(set)
        for oid, o in p.opgaven.items():
            for other in o.raakt_aan:
                self.touched_by[other].add(oid)
        for pid, project in p.projecten.items():  # in id order, so every list below is too
            for oid in dict.fromkeys(project.opgaven):
                self.projects_of.setdefault(oid, []).append(pid)
            if missing := project.without_stance(kern):
                self.missing[pid] = missing
            for oid, deelname in project.deelnemers.items():
                self.participation.setdefault(oid, []).append(Participation(pid, deelname, project.trekker == oid))
            for oid in missing:  # "nog geen keuze": listed, never read as geen
                self.participation[oid].append(Participation(pid, None))
            for tid in p.project_themes(pid):
                counts = self.theme_counts.setdefault(tid, {})
                for org_id, deelname in project.deelnemers.items():
                    counts.setdefault(org_id, dict.fromkeys(VARIANTS, 0))[deelname.variant] += 1
        # Per theme: the core municipalities first (in id order), then the partners with the most projects.
        core = set(kern)
        for tid, counts in self.theme_counts.items():
            rows = [(oid, counts[oid]) for oid in p.organisaties if oid in counts]
            self.theme_counts[tid] = dict(
                sorted(rows, key=lambda row: (row[0] not in core, 0 if row[0] in core else -sum(row[1].values())))
            )


_indexes: weakref.WeakKeyDictionary[Perspective, _Index] = weakref.WeakKeyDictionary()


def _index(p: Perspective) -> _Index:
    """The lookups of ``p``, made on first use (a perspective does not change once built)."""
    found = _indexes.get(p)
    if found is None:
        found = _indexes[p] = _Index(p)
    return found


def longest_cross_theme_chain(p: Perspective) -> list[str]:
    """The longest dependency chain with at least one step across a theme border, from the opgave that
    waits to the one it waits for (first in id order when several are as long); [] when none crosses.

    The chain the picture highlights: where the coherence between themes is longest.
    """
    g = dependency_graph(p)
    theme = {oid: o.theme for oid, o in p.opgaven.items()}
    # any[n]: the longest chain from n; cross[n]: the longest one from n that crosses a border (None: none).
    any_: dict[str, list[str]] = {}
    cross: dict[str, list[str] | None] = {}
    for n in reversed(list(nx.lexicographical_topological_sort(g))):
        best_any, best_cross = [n], None
        for s in sorted(g.successors(n)):
            if len(any_[s]) + 1 > len(best_any):
                best_any = [n, *any_[s]]
            tail = any_[s] if theme[n] != theme[s] else cross[s]
            if tail is not None and (best_cross is None or len(tail) + 1 > len(best_cross)):
                best_cross = [n, *tail]
        any_[n], cross[n] = best_any, best_cross
    found = [c for n in sorted(g) if (c := cross[n]) is not None]
    return max(found, key=len) if found else []


def waiting_on(p: Perspective, opgave_id: str) -> tuple[int, int]:
    """How many opgaven wait (directly or through others) for ``opgave_id``, and in how many themes:
    "centraal" in words a councillor reads ("N opgaven wachten hierop, in M thema's")."""
    waiting = unblocks(p, opgave_id)
    return len(waiting), len({p.opgaven[o].theme for o in waiting})


def most_waited_on(p: Perspective, top: int = 5) -> list[tuple[str, int, int]]:
    """The opgaven most others wait for: (id, opgaven waiting, themes they are in), most first, ties by id."""
    g = dependency_graph(p)
    counts = [(oid, *waiting_on(p, oid)) for oid in p.opgaven if g.in_degree(oid)]
    return sorted(counts, key=lambda row: (-row[1], -row[2], row[0]))[:top]
