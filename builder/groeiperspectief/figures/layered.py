"""The layered layout of the dependency picture: where every opgave goes, computed once, deterministic.

Columns are layers of ``hangt_af_van``, read left to right: what must move first on the left,
what it makes possible to the right (longest path; an opgave that waits for nothing is pulled
right up to the first opgave that waits for it, so its arrow stays short). Rows are theme lanes:
every theme a horizontal band. Opgaven without any dependency get a column of their own,
"Nog zonder afhankelijkheden", instead of standing among the real prerequisites. Within each
lane and column the order is chosen by barycentre sweeps, keeping the order with the fewest
crossings (counted, starting from alphabetical order).

All sizes are px at 100 %: labels are 14 px, wrapped to their box in the site font (``text``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..perspective import Perspective
from . import text
from .text import wrap

__all__ = ["Box", "Lane", "Layout", "layers", "crossings", "layout", "FONT", "LINE"]

FONT = 14  # label size in px: above the 13 px floor at 100 %
LINE = 18  # line height of a label
BOX_W = 164
PAD_X, PAD_Y = 9, 7
BADGE_R = 11  # the project count, a circle on the box's top-right corner
COL_GAP = 46  # room for the arrows between two columns
ISOLATED_GAP = 34  # extra room before the column of opgaven without dependencies
ROW_GAP = 12
LANE_TITLE = 30  # the lane's title row
LANE_PAD = 10
MARGIN = 12
HEADER = 34  # the reading direction above the columns
LABEL_W = BOX_W - 2 * PAD_X - 6  # keeps the text clear of the badge
SWEEPS = 8


@dataclass(frozen=True)
class Box:
    """One opgave: its box (x, y is the top-left corner), its wrapped label lines, lane and column."""

    id: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    lane: str
    column: int

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Lane:
    theme: str
    title: str
    y: float
    h: float


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    lanes: list[Lane]
    edges: list[tuple[str, str]]
    """``hangt_af_van`` between shown opgaven, as (waits, waits for): drawn from the second to the first."""
    touches: list[tuple[str, str]]
    """``raakt_aan`` between shown opgaven, each pair once (sorted)."""
    width: float
    height: float
    columns: int
    """Layered columns; the column of opgaven without dependencies comes after them."""
    isolated_x: float | None
    """Where the column "Nog zonder afhankelijkheden" starts; None when every opgave has a dependency."""
    crossings: int
    crossings_alphabetical: int
    box_w: float
    """The width of every box: ``BOX_W``, or more when one word of a label is wider."""


def layers(g: nx.DiGraph) -> dict[str, int]:
    """The column of every opgave in ``g`` (``a -> b``: a waits for b, so b stands left of a).

    Longest path from the opgaven that wait for nothing; those are then pulled right, next to
    the first opgave that waits for them.

    >>> g = nx.DiGraph([("c", "b"), ("b", "a"), ("c", "x")])
    >>> sorted(layers(g).items())
    [('a', 0), ('b', 1), ('c', 2), ('x', 1)]
    """
    layer: dict[str, int] = {}
    for n in reversed(list(nx.lexicographical_topological_sort(g))):
        layer[n] = 1 + max((layer[s] for s in g.successors(n)), default=-1)
    for n in g:
        if g.out_degree(n) == 0 and g.in_degree(n):
            layer[n] = min(layer[w] for w in g.predecessors(n)) - 1
    return layer


def crossings(pos: dict[str, tuple[float, float]], edges: Iterable[tuple[str, str]]) -> int:
    """How many pairs of straight edges cross (edges sharing an end never count).

    >>> crossings({"a": (0, 0), "b": (1, 1), "c": (0, 1), "d": (1, 0)}, [("a", "b"), ("c", "d")])
    1
    """
    segs = []
    for a, b in edges:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        if x1 > x2:
            x1, y1, x2, y2 = x2, y2, x1, y1
        segs.append((x1, y1, x2, y2, a, b))
    segs.sort()
    count = 0
    for i, (ax1, ay1, ax2, ay2, a1, a2) in enumerate(segs):
        for bx1, by1, bx2, by2, b1, b2 in segs[i + 1 :]:
            if bx1 >= ax2:
                break  # sorted by left end: no later segment overlaps this one in x
            if {a1, a2} & {b1, b2}:
                continue
            if _cross((ax1, ay1), (ax2, ay2), (bx1, by1), (bx2, by2)):
                count += 1
    return count


def _orient(p, q, r) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _cross(p1, p2, q1, q2) -> bool:
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def _barycentre(g, pos, o: str, c: int, left_to_right: bool, start: float, pitch: float, current: int) -> float:
    """The mean row of ``o``'s neighbours on the side the sweep comes from (all of them if none there)."""
    near = [*g.successors(o), *g.predecessors(o)]
    side = [pos[n][1] for n in near if (pos[n][0] < c) == left_to_right] or [pos[n][1] for n in near]
    return (sum(side) / len(side) - start) / pitch if side else current


def layout(p: Perspective, ids: Iterable[str] | None = None) -> Layout:
    """The layout of the opgaven ``ids`` (default: all) and the dependencies between them."""
    shown = [oid for oid in p.opgaven if ids is None or oid in set(ids)]
    keep = set(shown)
    g = nx.DiGraph()
    g.add_nodes_from(shown)
    g.add_edges_from((a, b) for a, b in p.dependencies.edges if a in keep and b in keep)
    connected = [n for n in shown if g.degree(n)]
    isolated = [n for n in shown if not g.degree(n)]
    layer = layers(g.subgraph(connected))
    columns = max(layer.values(), default=-1) + 1
    lanes = [tid for tid in p.themas if any(p.opgaven[o].theme == tid for o in shown)]
    title = {o: p.opgaven[o].titel for o in shown}

    # Cells: (lane, column) -> opgaven in order; alphabetical to start with.
    def alphabetical(items: list[str]) -> list[str]:
        return sorted(items, key=lambda o: (title[o].casefold(), o))

    cells: dict[tuple[str, int], list[str]] = {}
    for o in alphabetical(connected):
        cells.setdefault((p.opgaven[o].theme, layer[o]), []).append(o)
    per_lane_isolated = {tid: alphabetical([o for o in isolated if p.opgaven[o].theme == tid]) for tid in lanes}
    rows_layered = {tid: max((len(cells.get((tid, c), [])) for c in range(columns)), default=0) for tid in lanes}
    most_isolated = max((len(v) for v in per_lane_isolated.values()), default=0)
    most_layered = max(rows_layered.values(), default=0)
    iso_cols = 0 if not isolated else min(3, max(1, math.ceil(most_isolated / max(3, most_layered))))
    for tid, items in per_lane_isolated.items():
        for i, o in enumerate(items):
            cells.setdefault((tid, columns + i % iso_cols), []).append(o)
    rows = {tid: max(len(cells.get((tid, c), [])) for c in range(columns + iso_cols)) for tid in lanes}
    # A word wider than a box widens every box: a word is never cut.
    widest = max((text.width(w, FONT) for o in shown for w in title[o].split()), default=0.0)
    box_w = max(BOX_W, math.ceil(widest) + BOX_W - LABEL_W)
    lines = {o: tuple(wrap(title[o], box_w - (BOX_W - LABEL_W), FONT)) for o in shown}
    box_h = max((len(v) for v in lines.values()), default=1) * LINE + 2 * PAD_Y
    pitch = box_h + ROW_GAP
    # Crossings are counted on the drawn centres: the lanes' tops and the rows' pitch in px.
    lane_top, y = {}, float(HEADER)
    for tid in lanes:
        lane_top[tid] = y
        y += LANE_TITLE + rows[tid] * pitch - ROW_GAP + LANE_PAD + ROW_GAP
    lane_start = {tid: lane_top[tid] + LANE_TITLE + box_h / 2 for tid in lanes}

    # Each opgave has a row in its lane; a cell with fewer opgaven than its lane has rows may leave
    # rows free, so an opgave can stand level with what it connects to.
    row = {o: i for items in cells.values() for i, o in enumerate(items)}

    def positions() -> dict[str, tuple[float, float]]:
        return {o: (c, lane_start[tid] + row[o] * pitch) for (tid, c), items in cells.items() for o in items}

    edges = sorted(g.edges)
    before = crossings(positions(), edges)
    best, best_count = dict(row), before
    for sweep in range(SWEEPS):
        pos = positions()
        left_to_right = sweep % 2 == 0
        for c in range(columns) if left_to_right else range(columns - 1, -1, -1):
            for tid in lanes:
                items = cells.get((tid, c))
                if not items:
                    continue

                wanted = {o: _barycentre(g, pos, o, c, left_to_right, lane_start[tid], pitch, row[o]) for o in items}
                items.sort(key=lambda o: (wanted[o], row[o], o))
                free = rows[tid]
                last = -1
                for i, o in enumerate(items):
                    slot = min(max(round(wanted[o]), last + 1), free - (len(items) - i))
                    row[o] = last = slot
                    pos[o] = (c, lane_start[tid] + slot * pitch)
        count = crossings(positions(), edges)
        if count < best_count:
            best, best_count = dict(row), count
    row = best
    for items in cells.values():
        items.sort(key=lambda o: row[o])

    boxes: dict[str, Box] = {}
    lane_boxes: list[Lane] = []
    y = HEADER
    for tid in lanes:
        h = LANE_TITLE + rows[tid] * pitch - ROW_GAP + LANE_PAD
        lane_boxes.append(Lane(tid, p.themas[tid].titel, y, h))
        for c in range(columns + iso_cols):
            for o in cells.get((tid, c), []):
                x = MARGIN + LANE_PAD + c * (box_w + COL_GAP) + (ISOLATED_GAP if c >= columns else 0)
                own_h = len(lines[o]) * LINE + 2 * PAD_Y
                top = y + LANE_TITLE + row[o] * pitch + (box_h - own_h) / 2
                boxes[o] = Box(o, x, top, box_w, own_h, lines[o], tid, c)
        y += h + ROW_GAP
    total_cols = columns + iso_cols
    width = 2 * MARGIN + 2 * LANE_PAD + total_cols * box_w + (total_cols - 1) * COL_GAP
    width += ISOLATED_GAP if iso_cols and columns else 0
    isolated_x = MARGIN + LANE_PAD + columns * (box_w + COL_GAP) + ISOLATED_GAP / 2 - COL_GAP / 2 if iso_cols else None
    touches = sorted({tuple(sorted((o, t))) for o in shown for t in p.opgaven[o].raakt_aan if t in keep and t != o})
    return Layout(
        boxes=boxes,
        lanes=lane_boxes,
        edges=edges,
        touches=[(a, b) for a, b in touches],
        width=width,
        height=y - ROW_GAP + MARGIN,
        columns=columns,
        isolated_x=isolated_x,
        crossings=best_count,
        crossings_alphabetical=before,
        box_w=box_w,
    )
