"""Graph views for the site: which nodes a figure shows, where they sit, and the vis-network data.

Positions are computed here, deterministically and in linear time, so the browser
draws at once with physics off and every build gives the same picture:

* the whole perspective and theme views use a radial layout by theme: themes in
  the middle, their opgaven on a ring around them, projects further out near the
  opgaven they work on;
* local views (the neighbourhood of one entry) put the entry in the centre and its
  neighbours on rings, grouped by kind.

pyvis supplies the vis-network options; nodes and edges are built here because
pyvis' ``add_edge`` checks node existence against a list (quadratic on big regions).
"""

from __future__ import annotations

import functools
import math
import weakref
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .model import STATUSES, VARIANTS
from .perspective import KINDS, RELATIONS, Perspective, node
from .urls import Urls
from .vocabulary import VARIANT_TERMS

__all__ = ["whole_view", "theme_view", "local_view", "graph_data", "LIMITS"]

SHAPES = {"thema": "hexagon", "opgave": "dot", "project": "square", "organisatie": "triangle", "tafel": "diamond"}
SIZES = {"thema": 26, "opgave": 15, "project": 10, "organisatie": 11, "tafel": 9}
NEUTRAL = "#5f6b73"  # organisations and tables: not of one theme (contrast 5.3:1 on white)
# vis-network dashes: a list of lengths, False for a solid line.
DASHES: dict[str, Any] = {t.value: [int(n) for n in t.dash.split()] or False for t in VARIANT_TERMS}
# Line colours: at least 3:1 on white (WCAG 1.4.11); weight and dashes, not paleness, rank them.
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "hangt_af_van": {"arrows": "to", "dashes": False, "width": 2.5, "color": "#263238"},
    "raakt_aan": {"arrows": "", "dashes": [6, 6], "width": 1.5, "color": "#455a64"},
    "werkt_aan": {"arrows": "to", "dashes": False, "width": 1, "color": "#78909c"},
    "neemt_deel": {"arrows": "to", "dashes": False, "width": 1, "color": "#7d8f98"},
    "hoort_bij": {"arrows": "", "dashes": [2, 3], "width": 1, "color": "#7f929c"},
    "zit_aan": {"arrows": "", "dashes": [1, 3], "width": 1, "color": "#7f929c"},
}

# Above these numbers a view leaves detail out, so a figure stays readable and draws in
# well under a second; the text on the page and the deeper pages keep the full picture.
LIMITS = {
    "projects": 1200,  # whole and theme views: more projects are summed up per opgave
    "local_neighbours": 60,  # local view: nearest neighbours shown around one entry
}


class View:
    """A subgraph to draw: node keys, edges (with relation), positions, the focus node."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[float, float]] = {}
        self.edges: list[tuple[str, str, str, dict[str, Any]]] = []
        self.focus: str | None = None
        self.note: str = ""
        self.project_counts: dict[str, int] = {}

    def place(self, key: str, x: float, y: float) -> None:
        self.nodes.setdefault(key, (round(x, 1), round(y, 1)))

    def connect(self, g: nx.MultiDiGraph, relations: Iterable[str]) -> None:
        """Add every edge of the given relations between placed nodes, in a stable order (the graph's)."""
        wanted = set(relations)
        for key in self.nodes:
            succ = g.succ[key]
            if len(succ) > 4 * len(self.nodes):
                # A hub (a core municipality takes a stance on every project): look up the few placed
                # nodes instead of walking all its edges, or every local view costs O(projects).
                order = _successor_order(g, key)
                targets = sorted((t for t in self.nodes if t in succ), key=order.__getitem__)
            else:
                targets = [t for t in succ if t in self.nodes]
            for target in targets:
                for rel, data in succ[target].items():
                    if rel in wanted:
                        self.edges.append((key, target, rel, data))


_ORDER: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, dict[str, int]]] = weakref.WeakKeyDictionary()


def _successor_order(g: nx.MultiDiGraph, key: str) -> dict[str, int]:
    """The position of each successor of ``key`` in the graph's own order; computed once per hub."""
    per_graph = _ORDER.setdefault(g, {})
    if key not in per_graph:
        per_graph[key] = {target: i for i, target in enumerate(g.succ[key])}
    return per_graph[key]


def _ring(
    count: int, radius: float, start: float = -math.pi / 2, span: float = 2 * math.pi
) -> list[tuple[float, float]]:
    """``count`` points spread over an arc of a circle."""
    if count == 0:
        return []
    step = span / count
    return [
        (radius * math.cos(start + step * (i + 0.5)), radius * math.sin(start + step * (i + 0.5))) for i in range(count)
    ]


def _rings(count: int, first: float, per_ring: int, gap: float, start: float, span: float) -> list[tuple[float, float]]:
    """Points on as many concentric arcs as needed, ``per_ring`` per arc."""
    points: list[tuple[float, float]] = []
    ring = 0
    while len(points) < count:
        n = min(per_ring + ring * 8, count - len(points))
        points += _ring(n, first + ring * gap, start, span)
        ring += 1
    return points


def _sectors(p: Perspective, themes: list[str]) -> dict[str, tuple[float, float]]:
    """An arc (start, span) per theme, proportional to its opgaven and projects."""
    weight = {t: 1 + sum(1 for o in p.opgaven.values() if o.theme == t) for t in themes}
    total = sum(weight.values()) or 1
    start, result = -math.pi / 2, {}
    for t in themes:
        span = 2 * math.pi * weight[t] / total
        result[t] = (start, span)
        start += span
    return result


SPACING = 75.0  # distance between neighbouring nodes on a ring: labels stay readable when fitted


def _fit(radius: float, span: float = 2 * math.pi) -> int:
    """How many nodes fit on an arc of ``span`` at ``radius``."""
    return max(3, int(span * radius / SPACING))


def _outermost(view: View) -> float:
    return max((math.hypot(x, y) for x, y in view.nodes.values()), default=0.0)


def _radial(p: Perspective, themes: list[str], projects: list[str]) -> View:
    view = View()
    sectors = _sectors(p, themes)
    angle_of: dict[str, float] = {}
    theme_radius = 0.0 if len(themes) == 1 else 120.0
    opgave_radius = 260.0
    for tid in themes:
        start, span = sectors[tid]
        mid = start + span / 2
        view.place(node("thema", tid), theme_radius * math.cos(mid), theme_radius * math.sin(mid))
        own = [oid for oid, o in p.opgaven.items() if o.theme == tid]
        for oid, (x, y) in zip(own, _rings(len(own), opgave_radius, _fit(opgave_radius, span), 90, start, span)):
            view.place(node("opgave", oid), x, y)
            angle_of[oid] = math.atan2(y, x)
    if len(themes) < len(p.themas):  # a theme view: opgaven of other themes it touches, further out
        linked = sorted(
            {
                o
                for oid in angle_of
                for o in [*p.opgaven[oid].hangt_af_van, *p.opgaven[oid].raakt_aan]
                if o not in angle_of
            }
            | {oid for oid, o in p.opgaven.items() if oid not in angle_of and any(t in themes for t in o.themes)}
        )
        radius = _outermost(view) + 170
        for oid, (x, y) in zip(linked, _rings(len(linked), radius, _fit(radius), 90, -math.pi / 2, 2 * math.pi)):
            view.place(node("opgave", oid), x, y)
            angle_of[oid] = math.atan2(y, x)

    if len(projects) <= LIMITS["projects"]:
        # Each project near the mean angle of its opgaven; then spread along rings in that order.
        def mean_angle(pid: str) -> float:
            angles = [angle_of[o] for o in p.projecten[pid].opgaven if o in angle_of]
            return math.atan2(sum(map(math.sin, angles)), sum(map(math.cos, angles))) if angles else 0.0

        ordered = sorted(projects, key=lambda pid: (mean_angle(pid), pid))
        radius = _outermost(view) + 200
        start = mean_angle(ordered[0]) if ordered else 0.0
        for pid, (x, y) in zip(ordered, _rings(len(ordered), radius, _fit(radius), 80, start, 2 * math.pi)):
            view.place(node("project", pid), x, y)
    else:
        for pid in projects:
            for oid in p.projecten[pid].opgaven:
                view.project_counts[oid] = view.project_counts.get(oid, 0) + 1
        view.note = (
            f"De {len(projects)} projecten zijn per opgave samengevoegd: de grootte van een opgave "
            "toont het aantal projecten. Open een opgave voor haar projecten."
        )

    view.connect(p.graph, ["hangt_af_van", "raakt_aan", "werkt_aan", "hoort_bij", "neemt_deel"])
    return view


def whole_view(p: Perspective) -> View:
    """The whole perspective: every theme, opgave and project.

    Organisations are left out: with their participation edges the picture turns
    into a hairball; each organisation has its own graph and "Wie doet waar mee".
    """
    return _radial(p, list(p.themas), list(p.projecten))


def theme_view(p: Perspective, theme_id: str) -> View:
    """One theme: its opgaven, the opgaven elsewhere they depend on or touch, its projects."""
    projects = p.theme_projects(theme_id)
    return _radial(p, [theme_id], projects)


# Which neighbours a local view shows, nearest first.
_LOCAL_ORDER = ("thema", "opgave", "project", "tafel", "organisatie")


def local_view(p: Perspective, centre: str) -> View:
    """The neighbourhood of one entry: the entry in the middle, its direct neighbours around it."""
    g = p.graph
    view = View()
    view.focus = centre
    neighbours = set(g.successors(centre)) | set(g.predecessors(centre))
    if g.nodes[centre]["kind"] == "opgave":  # and the projects' partners are one step too far: leave them
        neighbours = {n for n in neighbours if g.nodes[n]["kind"] != "organisatie"}
    ordered = sorted(neighbours, key=lambda n: (_LOCAL_ORDER.index(g.nodes[n]["kind"]), g.nodes[n]["label"].lower(), n))
    shown = ordered[: LIMITS["local_neighbours"]]
    if len(ordered) > len(shown):
        view.note = (
            f"De figuur toont {len(shown)} van de {len(ordered)} verbindingen; de tekst hieronder noemt ze allemaal."
        )
    view.place(centre, 0, 0)
    for key, (x, y) in zip(shown, _rings(len(shown), 260, 14, 150, -math.pi / 2, 2 * math.pi)):
        view.place(key, x, y)
    view.connect(g, RELATIONS)
    return view


def _tooltip(p: Perspective, key: str, data: dict[str, Any], count: int) -> str:
    kind = data["kind"]
    lines = [f"{KINDS[kind]} · {data['label']}"]
    if kind == "opgave":
        lines.append(p.themas[data["theme"]].titel)
        lines.append(p.opgaven[data["id"]].samenvatting)
        if count:
            lines.append(f"{count} projecten")
    elif kind == "project":
        project = p.projecten[data["id"]]
        lines.append(f"Status: {STATUSES[project.status]}")
        lines.append(project.samenvatting)
    elif kind == "thema":
        lines.append(p.themas[data["id"]].samenvatting)
    elif kind == "organisatie":
        lines.append(p.organisaties[data["id"]].soort)
    return "\n".join(lines)


def _url(data: dict[str, Any], urls: Urls) -> str:
    if data["kind"] == "tafel":  # a table is a section of its theme's page
        return f"{urls.entry('thema', data['theme'])}#tafel-{data['id']}"
    return urls.entry(data["kind"], data["id"])


@functools.cache
def _options_json() -> str:
    import json

    from pyvis.options import Options  # imported here: pyvis pulls in IPython (slow to import)

    options = Options()
    options.physics.enabled = False
    options.edges.smooth.enabled = False  # straight edges draw about twice as fast
    options.edges.inherit_colors(False)
    options.interaction.hideEdgesOnDrag = True
    data = json.loads(options.to_json())
    data["layout"] = {"improvedLayout": False}
    data["interaction"].update(
        {"hover": True, "tooltipDelay": 150, "keyboard": {"enabled": False}, "navigationButtons": False}
    )
    data["nodes"] = {
        "font": {"size": 18, "color": "#1b1f23", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "borderWidth": 1,
    }
    return json.dumps(data)


def _options() -> dict[str, Any]:
    """vis-network options (a fresh copy: callers may change theirs)."""
    import json

    return json.loads(_options_json())


def graph_data(p: Perspective, view: View, urls: Urls) -> dict[str, Any]:
    """The JSON for one figure (the contract with ``assets/groei-graph.js``)."""
    g = p.graph
    nodes, kinds, themes, statuses, variants = [], set(), set(), set(), set()
    for key, (x, y) in view.nodes.items():
        data = g.nodes[key]
        kind = data["kind"]
        theme = data.get("theme") if kind in ("opgave", "project", "thema") else None
        theme = data["id"] if kind == "thema" else theme
        count = view.project_counts.get(data["id"], 0) if kind == "opgave" else 0
        kinds.add(kind)
        node_themes = [data["id"]] if kind == "thema" else list(data.get("themes") or [])
        themes.update(node_themes)
        if kind == "project":
            statuses.add(data["status"])
        nodes.append(
            {
                "id": key,
                "label": data["label"],
                "shape": SHAPES[kind],
                "color": p.color(theme) if theme else NEUTRAL,
                "x": x,
                "y": y,
                "size": SIZES[kind] + (min(20, 2 * math.sqrt(count)) if count else 0),
                "physics": False,
                "kind": kind,
                "theme": theme,
                "themes": node_themes,
                "status": data.get("status"),
                "url": _url(data, urls),
                "tooltip": _tooltip(p, key, data, count),
                "focus": key == view.focus,
            }
        )
    edges = []
    for source, target, rel, data in view.edges:
        variant = data.get("variant")
        if variant:
            variants.add(variant)
        style = dict(EDGE_STYLE[rel])
        if variant:
            style["dashes"] = DASHES[variant]
        edges.append({"from": source, "to": target, "relation": rel, "variant": variant, **style})
    return {
        "version": 1,
        "options": _options(),
        "note": view.note,
        "kinds": [{"id": k, "label": KINDS[k], "shape": SHAPES[k]} for k in KINDS if k in kinds],
        "themes": [{"id": t, "label": p.themas[t].titel, "color": p.color(t)} for t in p.themas if t in themes],
        "variants": [{"id": v, "label": label, "dashes": DASHES[v]} for v, label in VARIANTS.items() if v in variants],
        "statuses": [{"id": s, "label": label} for s, label in STATUSES.items() if s in statuses],
        "relations": [
            {"id": r, "label": label} for r, label in RELATIONS.items() if any(e["relation"] == r for e in edges)
        ],
        "nodes": nodes,
        "edges": edges,
    }
