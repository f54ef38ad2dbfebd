"""The map as SVG geometry: one path per shape, and names placed where they can be read.

Everything is in map units of a ``WIDTH``-wide view box. The figure is never drawn narrower than
``MIN_WIDTH`` CSS pixels (it scrolls sideways on a phone instead), so ``FONT`` map units are at least
12 px on screen. Names are placed in Python, so the test of "no overlap" is a test of this module:
each label tries spots around the inside of its shape, smallest shapes first, and takes the first
that overlaps no label placed before it; a neighbour's name that finds no free spot is left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .projection import Projection, fit
from .shapes import RegionMap, Ring, Shape

__all__ = ["WIDTH", "MIN_WIDTH", "FONT", "Label", "Drawn", "Drawing", "draw", "locator"]

WIDTH = 800
MIN_WIDTH = 560
FONT = 18  # map units: 18 * 560 / 800 = 12.6 px at the narrowest
LINE = FONT * 1.25
CHAR = 0.56  # average advance of a character of the site's sans-serif, in ems (bold digits a little wider)
FOCUS_MARGIN = 0.08


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    """Centre of the first line's baseline box."""
    lines: tuple[str, ...]
    width: float
    height: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in map units."""
        top = self.y - FONT * 0.9
        return (self.x - self.width / 2, top, self.x + self.width / 2, top + self.height)


@dataclass(frozen=True)
class Drawn:
    shape: Shape
    d: str
    """The SVG path data."""
    label: Label | None


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    shapes: tuple[Drawn, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:.0f}"


def draw(kaart: RegionMap, names: dict[str, str], counts: dict[str, int], focus: set[str] = frozenset()) -> Drawing:
    """The whole map: the ``focus`` shapes (the core municipalities) fill the view box, the other shapes
    around them as far as it reaches.

    ``names`` are the labels of the region's shapes by organisation id (the site's short names),
    ``counts`` their number of projects, shown under the name.
    """
    own = (
        [s for s in kaart.shapes if s.organisatie in focus]
        or [s for s in kaart.shapes if s.organisatie]
        or list(kaart.shapes)
    )
    proj = fit((p for s in own for poly in s.polygons for p in poly[0]), WIDTH, FOCUS_MARGIN)
    flat = {s.index: [[[proj(*p) for p in ring] for ring in poly] for poly in s.polygons] for s in kaart.shapes}
    placed: list[Label] = []
    labels: dict[int, Label | None] = {}
    # Own shapes first (they must be named), smallest first (they have the fewest good spots).
    order = sorted(kaart.shapes, key=lambda s: (s.organisatie is None, _area(flat[s.index]), s.index))
    for s in order:
        if s.organisatie:
            lines = _lines(names.get(s.organisatie, s.naam)) + (str(counts.get(s.organisatie, 0)),)
        else:
            lines = _lines(s.naam) if s.naam else ()
        label = _place(flat[s.index], lines, placed, proj, required=bool(s.organisatie)) if lines else None
        if label:
            placed.append(label)
        labels[s.index] = label
    drawn = tuple(Drawn(s, _path(flat[s.index]), labels[s.index]) for s in kaart.shapes)
    return Drawing(WIDTH, proj.height, drawn)


def locator(kaart: RegionMap, focus: set[str], width: float = 240) -> tuple[float, float, list[tuple[str, str]]]:
    """A small map for an entry's page: width, height and the path of every shape of an organisation
    (``focus`` fills the view box), without labels."""
    own = [s for s in kaart.shapes if s.organisatie]
    fitted = [s for s in own if s.organisatie in focus] or own or list(kaart.shapes)
    proj = fit((p for s in fitted for poly in s.polygons for p in poly[0]), width, 0.04)
    paths = [(s.organisatie, _path([[[proj(*p) for p in ring] for ring in poly] for poly in s.polygons])) for s in own]
    return width, proj.height, paths


def _lines(name: str) -> tuple[str, ...]:
    """A long name breaks after a hyphen or at a space, into at most two lines of about equal length."""
    if len(name) <= 12:
        return (name,)
    cuts = [i + 1 for i, ch in enumerate(name) if ch == "-"] + [i for i, ch in enumerate(name) if ch == " "]
    if not cuts:
        return (name,)
    cut = min(cuts, key=lambda i: abs(len(name) / 2 - i))
    return (name[:cut].strip(), name[cut:].strip())


def _size(lines: tuple[str, ...]) -> tuple[float, float]:
    return max(len(line) for line in lines) * FONT * CHAR + 6, LINE * len(lines) + 2


def _place(
    polygons: list, lines: tuple[str, ...], placed: list[Label], proj: Projection, *, required: bool
) -> Label | None:
    width, height = _size(lines)
    anchor = _inner_point(polygons)
    spots = [anchor] + [
        (anchor[0] + r * math.cos(a), anchor[1] + r * math.sin(a))
        for r in (12, 24, 36, 48, 64, 80, 100, 124, 150)
        for a in (math.radians(d) for d in range(90, 450, 30))
    ]
    best: Label | None = None
    for x, y in spots:
        label = Label(x, y - (len(lines) - 1) * LINE / 2 + FONT * 0.35, lines, width, height)
        left, top, right, bottom = label.box
        if left < 2 or right > proj.width - 2 or top < 2 or bottom > proj.height - 2:
            continue
        if not any(_overlap(label.box, other.box) for other in placed):
            return label
        best = best or label
    return None if not required else _forced(best, lines, placed, proj, width, height)


def _forced(best, lines, placed, proj, width, height) -> Label | None:
    """An own shape's name always gets a spot: scan the whole view box for the free one nearest its centre."""
    if best is None:
        return None
    free = [
        Label(x, y, lines, width, height)
        for y in range(int(FONT), int(proj.height - height), 8)
        for x in range(int(width / 2) + 2, int(proj.width - width / 2) - 2, 8)
    ]
    free = [lab for lab in free if not any(_overlap(lab.box, o.box) for o in placed)]
    return min(free, key=lambda lab: (lab.x - best.x) ** 2 + (lab.y - best.y) ** 2) if free else best


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _path(polygons: list) -> str:
    parts = []
    for poly in polygons:
        for ring in poly:
            pts = ring[:-1] if len(ring) > 3 and ring[0] == ring[-1] else ring
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z")
    return "".join(parts)


def _ring_area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def _area(polygons: list) -> float:
    return sum(_ring_area(poly[0]) for poly in polygons)


def _inside(x: float, y: float, ring: list) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _edge_distance(x: float, y: float, ring: list) -> float:
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def _inner_point(polygons: list) -> tuple[float, float]:
    """The point of the largest part farthest from its edges (on a grid): inside even a concave shape."""
    outer: Ring = max((poly[0] for poly in polygons), key=_ring_area)
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    best, where = -1.0, ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    steps = 24
    for i in range(1, steps):
        for j in range(1, steps):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            if _inside(x, y, list(outer)) and (d := _edge_distance(x, y, list(outer))) > best:
                best, where = d, (x, y)
    return where
