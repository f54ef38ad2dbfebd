"""The perspective: the validated entries and one typed graph of how they hang together.

Nodes are keyed ``"<kind>:<id>"`` because an organisation, a theme, an opgave and a
project may share an identifier. Every node has ``kind``, ``id`` and ``label``;
every edge has ``relation`` (and ``variant`` for ``neemt_deel``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx

from .kinds import LABELS
from .model import Opgave, Organisatie, Project, Tafel, Thema
from .validate import Entries, check

__all__ = ["node", "Perspective", "PALETTE", "load"]

# Relations (edge types) and their Dutch labels.
RELATIONS: dict[str, str] = {
    "hangt_af_van": "hangt af van",
    "raakt_aan": "raakt aan",
    "werkt_aan": "werkt aan",
    "neemt_deel": "neemt deel aan",
    "hoort_bij": "hoort bij thema",
    "zit_aan": "zit aan tafel",
}
KINDS = LABELS  # node kind -> Dutch label, from the registry of kinds
# Theme colours when a theme names none: dark enough for white text (contrast >= 4.5:1).
PALETTE = ("#1f6f8b", "#8a4b08", "#2e7d32", "#6a3d9a", "#b0306a", "#00695c", "#5d4037", "#37474f")


def node(kind: str, id_: str) -> str:
    """The graph key of an entry.

    >>> node("opgave", "netcongestie")
    'opgave:netcongestie'
    """
    return f"{kind}:{id_}"


@dataclass(eq=False)
class Perspective:
    """The validated entries of one region and the graph that connects them."""

    entries: Entries
    graph: nx.MultiDiGraph

    @property
    def organisaties(self) -> dict[str, Organisatie]:
        return self.entries.organisaties

    @property
    def themas(self) -> dict[str, Thema]:
        return self.entries.themas

    @property
    def opgaven(self) -> dict[str, Opgave]:
        return self.entries.opgaven

    @property
    def projecten(self) -> dict[str, Project]:
        return self.entries.projecten

    @property
    def kern(self) -> list[str]:
        return self.entries.kern

    @property
    def tafels(self) -> dict[str, tuple[Tafel, str]]:
        """Every table with the id of its theme."""
        return {t.id: (t, tid) for tid, thema in self.themas.items() for t in thema.tafels}

    @cached_property
    def dependencies(self) -> nx.DiGraph:
        """The opgaven and their ``hangt_af_van`` edges (``a -> b``: a waits for b); read-only."""
        g = nx.DiGraph()
        g.add_nodes_from(self.opgaven)
        g.add_edges_from((oid, other) for oid, o in self.opgaven.items() for other in o.hangt_af_van)
        return nx.freeze(g)

    def color(self, theme_id: str) -> str:
        """The colour of a theme: its own ``kleur`` or a stable pick from the palette."""
        kleur = self.themas[theme_id].kleur
        return kleur.lower() if kleur else PALETTE[list(self.themas).index(theme_id) % len(PALETTE)]

    def project_themes(self, project_id: str) -> list[str]:
        """The themes of a project follow from its opgaven (their own theme first)."""
        return list(self._project_themes[project_id])

    @cached_property
    def _project_themes(self) -> dict[str, tuple[str, ...]]:
        # Asked for every project on many pages: computed once.
        return {
            pid: tuple(dict.fromkeys(tid for oid in project.opgaven for tid in self.opgaven[oid].themes))
            for pid, project in self.projecten.items()
        }

    def theme_projects(self, theme_id: str) -> list[str]:
        """The projects that work on an opgave of ``theme_id``, in project order."""
        return list(self._theme_projects.get(theme_id, ()))

    @cached_property
    def _theme_projects(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for pid, themes in self._project_themes.items():
            for tid in themes:
                found.setdefault(tid, []).append(pid)
        return {tid: tuple(pids) for tid, pids in found.items()}

    @classmethod
    def from_entries(cls, entries: Entries) -> Perspective:
        """Build the graph. Assumes the entries passed validation without errors."""
        g = nx.MultiDiGraph()
        for tid, thema in entries.themas.items():
            g.add_node(node("thema", tid), kind="thema", id=tid, label=thema.titel)
        for oid, org in entries.organisaties.items():
            g.add_node(
                node("organisatie", oid), kind="organisatie", id=oid, label=org.naam, soort=org.soort, kern=org.kern
            )
        for tid, thema in entries.themas.items():
            for tafel in thema.tafels:
                t = node("tafel", tafel.id)
                g.add_node(t, kind="tafel", id=tafel.id, label=tafel.naam, theme=tid, soort=tafel.soort)
                g.add_edge(t, node("thema", tid), key="hoort_bij", relation="hoort_bij")
                for lid in tafel.leden:
                    g.add_edge(node("organisatie", lid), t, key="zit_aan", relation="zit_aan")
        for oid, opgave in entries.opgaven.items():
            g.add_node(
                node("opgave", oid), kind="opgave", id=oid, label=opgave.titel, theme=opgave.theme, themes=opgave.themes
            )
            for tid in opgave.themes:
                g.add_edge(node("opgave", oid), node("thema", tid), key="hoort_bij", relation="hoort_bij")
        for oid, opgave in entries.opgaven.items():
            for other in opgave.hangt_af_van:
                g.add_edge(node("opgave", oid), node("opgave", other), key="hangt_af_van", relation="hangt_af_van")
            for other in opgave.raakt_aan:
                # Symmetric: stored once, in a stable direction, whichever side stated it.
                a, b = sorted((oid, other))
                g.add_edge(node("opgave", a), node("opgave", b), key="raakt_aan", relation="raakt_aan")
        for pid, project in entries.projecten.items():
            p = node("project", pid)
            g.add_node(p, kind="project", id=pid, label=project.titel, status=project.status)
            for oid in project.opgaven:
                g.add_edge(p, node("opgave", oid), key="werkt_aan", relation="werkt_aan")
            for org_id, deelname in project.deelnemers.items():
                g.add_edge(
                    node("organisatie", org_id),
                    p,
                    key="neemt_deel",
                    relation="neemt_deel",
                    variant=deelname.variant,
                    trekker=org_id == project.trekker,
                )
        perspective = cls(entries, g)
        for pid in entries.projecten:
            themes = perspective.project_themes(pid)
            g.nodes[node("project", pid)].update(theme=themes[0] if themes else None, themes=themes)
        return perspective


class ContentError(Exception):
    """The content has errors; ``problems`` holds them all."""

    def __init__(self, result) -> None:
        super().__init__(f"{len(result.problems.errors)} fouten in de inhoud")
        self.result = result


def load(root: Path, *, strict: bool = False) -> tuple[Perspective, object]:
    """Check the repository at ``root`` and build its perspective.

    Returns the perspective and the check result (for its warnings); raises
    :class:`ContentError` when the content has errors.
    """
    result = check(root)
    if result.problems.has_errors(strict=strict):
        raise ContentError(result)
    return Perspective.from_entries(result.entries), result
