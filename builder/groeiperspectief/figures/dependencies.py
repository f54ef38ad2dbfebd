"""The dependency picture as SVG: a wide version (layers and theme lanes) and a phone version
(a vertical list with arcs), plus the data the figure's script reads.

Both SVGs are in the page; CSS shows one. Every value an editor wrote reaches the SVG only
through ``escape`` (text and attributes) and the JSON only with ``<`` written as ``\\u003c``.
The SVG holds no links: a node opens the side panel, whose links the script builds from the
data (page-relative through the figure's ``data-root``).
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from .. import analysis
from ..perspective import Perspective
from . import layered
from .layered import FONT, LINE, Layout
from .text import wrap

__all__ = ["Figure", "figure_of", "HOME_LIMIT", "PHONE_WIDTH"]

HOME_LIMIT = 40  # opgaven on the home page's picture; Samenhang shows them all
PHONE_WIDTH = 358  # a 390 px phone less the page margins
PHONE_ARC = 58  # room on the left for the arcs
PHONE_DOT_X = 66
PHONE_TEXT_X = 78
PHONE_BADGE = 26
ARC_BEND = 52
CHAIN = "#a4262c"  # the longest chain: contrast >= 4.5 on the page and on the lanes


def _f(x: float) -> str:
    """A coordinate, short and stable."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


@dataclass(eq=False)
class Figure:
    """The picture of a set of opgaven: layout, SVGs, data, and the words beside it."""

    p: Perspective
    key: str
    ids: list[str]
    """The opgaven shown, in the perspective's order."""
    chain: list[str] = field(default_factory=list)
    """The longest cross-theme chain (waits first), when all of it is shown."""

    @property
    def total(self) -> int:
        return len(self.p.opgaven)

    @property
    def limited(self) -> bool:
        return len(self.ids) < self.total

    @cached_property
    def layout(self) -> Layout:
        return layered.layout(self.p, self.ids)

    @cached_property
    def chain_edges(self) -> set[tuple[str, str]]:
        return set(zip(self.chain, self.chain[1:]))

    @cached_property
    def projects(self) -> dict[str, list[str]]:
        return {o: analysis.projects_of(self.p, o) for o in self.ids}

    def cross(self, a: str, b: str) -> bool:
        return self.p.opgaven[a].theme != self.p.opgaven[b].theme

    def describe(self, oid: str) -> str:
        """What the live region says, and the node's accessible name."""
        o = self.p.opgaven[oid]
        deps = len(analysis.depends_on(self.p, oid, transitive=False))
        needed = len(analysis.unblocks(self.p, oid, transitive=False))
        n = len(self.projects[oid])
        projects = "nog geen project (witte vlek)" if not n else f"{n} {'project' if n == 1 else 'projecten'}"
        return (
            f"{o.titel}, opgave in {self.p.themas[o.theme].titel}; hangt af van {deps}, nodig voor {needed}; {projects}"
        )

    # -- the wide SVG --------------------------------------------------------------------------

    @cached_property
    def svg_wide(self) -> Markup:
        L, p = self.layout, self.p
        out = [
            f'<svg class="gf-svg gf-svg--wide" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(L.width)} '
            f'{_f(L.height)}" width="{_f(L.width)}" height="{_f(L.height)}" role="group" '
            f'aria-label="Afhankelijkheden tussen {len(self.ids)} opgaven, in lagen van links naar rechts">',
            _defs(self.key),
            f'<text class="gf-dir" x="{_f(layered.MARGIN)}" y="20">← moet eerst bewegen</text>',
        ]
        if L.columns:
            right = layered.MARGIN + layered.LANE_PAD + L.columns * (L.box_w + layered.COL_GAP) - layered.COL_GAP
            out.append(
                f'<text class="gf-dir" x="{_f(right)}" y="20" text-anchor="end">wordt daardoor mogelijk →</text>'
            )
        if L.isolated_x is not None:
            x = L.isolated_x + (layered.ISOLATED_GAP / 2 if L.columns else 0)
            out.append(f'<text class="gf-dir" x="{_f(x)}" y="20">Nog zonder afhankelijkheden</text>')
        for lane in L.lanes:
            colour = escape(p.color(lane.theme))
            out.append(
                f'<g class="gf-lane" data-theme="{escape(lane.theme)}"><rect x="{_f(layered.MARGIN)}" y="{_f(lane.y)}" '
                f'width="{_f(L.width - 2 * layered.MARGIN)}" height="{_f(lane.h)}" rx="8" style="--gf-c:{colour}"/>'
                f'<text class="gf-lane__title" x="{_f(layered.MARGIN + layered.LANE_PAD)}" y="{_f(lane.y + 20)}" '
                f'style="fill:{colour}">{escape(lane.title)}</text></g>'
            )
        if L.isolated_x is not None and L.columns:
            out.append(
                f'<line class="gf-divider" x1="{_f(L.isolated_x + 2)}" x2="{_f(L.isolated_x + 2)}" y1="28" '
                f'y2="{_f(L.height - layered.MARGIN)}"/>'
            )
        out.append('<g class="gf-touches">')
        for a, b in L.touches:
            ba, bb = L.boxes[a], L.boxes[b]
            out.append(
                f'<path class="gf-touch" data-a="{escape(a)}" data-b="{escape(b)}" '
                f'd="M{_f(ba.cx)} {_f(ba.cy)} L{_f(bb.cx)} {_f(bb.cy)}"/>'
            )
        out.append('</g><g class="gf-edges">')
        for waits, on in L.edges:
            out.append(self._edge_wide(on, waits))
        out.append('</g><g class="gf-nodes">')
        first = True
        for oid in self._reading_order():
            out.append(self._node_wide(L.boxes[oid], first))
            first = False
        out.append("</g></svg>")
        return Markup("".join(out))

    def _reading_order(self) -> list[str]:
        """Lane by lane, column by column, top to bottom: the order Tab and the text alternative follow."""
        L = self.layout
        lane_index = {lane.theme: i for i, lane in enumerate(L.lanes)}
        return sorted(L.boxes, key=lambda o: (lane_index[L.boxes[o].lane], L.boxes[o].column, L.boxes[o].y))

    def _edge_class(self, on: str, waits: str) -> str:
        css = "gf-edge"
        if self.cross(on, waits):
            css += " gf-edge--cross"
        if (waits, on) in self.chain_edges:
            css += " gf-edge--chain"
        return css

    def _edge_wide(self, on: str, waits: str) -> str:
        a, b = self.layout.boxes[on], self.layout.boxes[waits]
        x1, y1, x2, y2 = a.x + a.w, a.cy, b.x - 3, b.cy
        if x2 <= x1:  # same column cannot happen in layers; guard anyway with a loop around
            x2 = b.x + b.w / 2
        bend = max(24.0, (x2 - x1) / 2)
        d = f"M{_f(x1)} {_f(y1)} C{_f(x1 + bend)} {_f(y1)} {_f(x2 - bend)} {_f(y2)} {_f(x2)} {_f(y2)}"
        marker = "chain" if (waits, on) in self.chain_edges else "cross" if self.cross(on, waits) else "dep"
        return (
            f'<path class="{self._edge_class(on, waits)}" data-from="{escape(on)}" data-to="{escape(waits)}" '
            f'd="{d}" marker-end="url(#gf-{self.key}-{marker})"/>'
        )

    def _node_attrs(self, oid: str, first: bool) -> str:
        o = self.p.opgaven[oid]
        css = "gf-node"
        if not self.projects[oid]:
            css += " gf-node--white"
        if oid in self.chain:
            css += " gf-node--chain"
        return (
            f'class="{css}" data-id="{escape(oid)}" data-theme="{escape(o.theme)}" role="button" '
            f'tabindex="{0 if first else -1}" aria-label="{escape(self.describe(oid))}" '
            f'style="--gf-c:{escape(self.p.color(o.theme))}"'
        )

    def _node_wide(self, box: layered.Box, first: bool) -> str:
        n = len(self.projects[box.id])
        text_y = box.y + layered.PAD_Y + FONT - 1
        spans = "".join(
            f'<tspan x="{_f(box.x + layered.PAD_X)}" y="{_f(text_y + i * LINE)}">{escape(line)}</tspan>'
            for i, line in enumerate(box.lines)
        )
        bx, by = box.x + box.w - 4, box.y + 2
        return (
            f"<g {self._node_attrs(box.id, first)}>"
            f'<rect class="gf-box" x="{_f(box.x)}" y="{_f(box.y)}" width="{_f(box.w)}" height="{_f(box.h)}" rx="6"/>'
            f'<text class="gf-label">{spans}</text>'
            f'<circle class="gf-badge" cx="{_f(bx)}" cy="{_f(by)}" r="{layered.BADGE_R}"/>'
            f'<text class="gf-badge__n" x="{_f(bx)}" y="{_f(by + 4.5)}" text-anchor="middle">{n}</text></g>'
        )

    # -- the phone SVG: a vertical list per theme, dependencies as arcs on the left -------------

    @cached_property
    def phone(self) -> tuple[dict[str, tuple[float, tuple[str, ...], float]], list[tuple[str, float]], float]:
        """Per opgave (y of its first line, lines, row centre); the theme headings (title, y); the height."""
        p, L = self.p, self.layout
        rows: dict[str, tuple[float, tuple[str, ...], float]] = {}
        heads: list[tuple[str, float]] = []
        y = 8.0
        for lane in L.lanes:
            y += 22
            heads.append((lane.theme, y))
            y += 10
            mine = sorted(
                (o for o in L.boxes if L.boxes[o].lane == lane.theme),
                key=lambda o: (L.boxes[o].column, L.boxes[o].y),
            )
            for oid in mine:
                lines = tuple(wrap(p.opgaven[oid].titel, PHONE_WIDTH - PHONE_TEXT_X - PHONE_BADGE - 4, FONT))
                h = len(lines) * LINE + 12
                rows[oid] = (y + 6 + FONT - 1, lines, y + h / 2)
                y += h
        return rows, heads, y + 10

    @cached_property
    def svg_phone(self) -> Markup:
        p = self.p
        rows, heads, height = self.phone
        out = [
            f'<svg class="gf-svg gf-svg--phone" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PHONE_WIDTH} '
            f'{_f(height)}" width="{PHONE_WIDTH}" height="{_f(height)}" role="group" '
            f'aria-label="Afhankelijkheden tussen {len(self.ids)} opgaven, per thema onder elkaar">',
            _defs(self.key + "-phone"),
        ]
        for tid, y in heads:
            out.append(
                f'<text class="gf-lane__title" x="{PHONE_DOT_X - 8}" y="{_f(y)}" style="fill:{escape(p.color(tid))}">'
                f"{escape(p.themas[tid].titel)}</text>"
            )
        out.append('<g class="gf-edges">')
        for waits, on in self.layout.edges:
            y1, y2 = rows[on][2], rows[waits][2]
            bend = min(ARC_BEND, 10 + abs(y2 - y1) / 6)
            x = PHONE_DOT_X - 8
            marker = "chain" if (waits, on) in self.chain_edges else "cross" if self.cross(on, waits) else "dep"
            out.append(
                f'<path class="{self._edge_class(on, waits)}" data-from="{escape(on)}" data-to="{escape(waits)}" '
                f'd="M{_f(x)} {_f(y1)} C{_f(x - bend)} {_f(y1)} {_f(x - bend)} {_f(y2)} {_f(x - 2)} {_f(y2)}" '
                f'marker-end="url(#gf-{self.key}-phone-{marker})"/>'
            )
        out.append('</g><g class="gf-nodes">')
        order = [o for tid, _ in heads for o in rows if self.layout.boxes[o].lane == tid]
        for i, oid in enumerate(order):
            first_y, lines, cy = rows[oid]
            top = cy - (len(lines) * LINE + 12) / 2
            n = len(self.projects[oid])
            spans = "".join(
                f'<tspan x="{PHONE_TEXT_X}" y="{_f(first_y + k * LINE)}">{escape(line)}</tspan>'
                for k, line in enumerate(lines)
            )
            out.append(
                f"<g {self._node_attrs(oid, i == 0)}>"
                f'<rect class="gf-row" x="{PHONE_DOT_X - 8}" y="{_f(top + 1)}" width="{_f(PHONE_WIDTH - PHONE_DOT_X + 6)}" '
                f'height="{_f(len(lines) * LINE + 10)}" rx="5"/>'
                f'<circle class="gf-dot" cx="{PHONE_DOT_X}" cy="{_f(cy)}" r="5"/>'
                f'<text class="gf-label">{spans}</text>'
                f'<circle class="gf-badge" cx="{PHONE_WIDTH - 14}" cy="{_f(cy)}" r="{layered.BADGE_R}"/>'
                f'<text class="gf-badge__n" x="{PHONE_WIDTH - 14}" y="{_f(cy + 4.5)}" text-anchor="middle">{n}</text></g>'
            )
        out.append("</g></svg>")
        return Markup("".join(out))

    # -- data for the script, and words for the page ---------------------------------------------

    def data(self, url_of) -> dict[str, Any]:
        """What the side panel, the search and the keyboard need; URLs from ``url_of(kind, id)``."""
        p = self.p
        nodes, named = {}, {}
        for oid in self.ids:
            o = p.opgaven[oid]
            deps = analysis.depends_on(p, oid, transitive=False)
            needed = analysis.unblocks(p, oid, transitive=False)
            touches = analysis.touches(p, oid)
            nodes[oid] = {
                "t": o.titel,
                "th": o.theme,
                "s": o.samenvatting,
                "u": url_of("opgave", oid),
                "d": deps,
                "m": needed,
                "r": touches,
                "pr": self.projects[oid],
                "say": self.describe(oid),
            }
            for other in (*deps, *needed, *touches):
                if other not in named:
                    named[other] = {"t": p.opgaven[other].titel, "u": url_of("opgave", other)}
        projects = {
            pid: {"t": p.projecten[pid].titel, "u": url_of("project", pid)}
            for oid in self.ids
            for pid in self.projects[oid]
        }
        themes = {tid: {"t": t.titel, "c": p.color(tid)} for tid, t in p.themas.items()}
        return {"nodes": nodes, "opgaven": named, "projects": projects, "themes": themes, "chain": self.chain}

    def data_json(self, url_of) -> Markup:
        text = json.dumps(self.data(url_of), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))

    @property
    def themes(self) -> list[str]:
        return [lane.theme for lane in self.layout.lanes]

    def by_theme(self) -> list[tuple[str, list[str]]]:
        """The shown opgaven per theme, in the figure's reading order (for the text alternative)."""
        order = self._reading_order()
        return [(tid, [o for o in order if self.layout.boxes[o].lane == tid]) for tid in self.themes]


def _defs(key: str) -> str:
    """Arrowheads: one per kind of edge, filled like its line."""
    heads = "".join(
        f'<marker id="gf-{escape(key)}-{name}" class="gf-head gf-head--{name}" viewBox="0 0 10 10" refX="8" refY="5" '
        f'markerWidth="{size}" markerHeight="{size}" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"/></marker>'
        for name, size in (("dep", 7), ("cross", 5), ("chain", 5))
    )
    return f"<defs>{heads}</defs>"


# --- which opgaven each figure shows ------------------------------------------------------------


def _home_selection(p: Perspective, limit: int) -> list[str]:
    """The most connected opgaven (dependencies count double: they are the figure's question) plus the
    longest cross-theme chain; all of them when the region has no more than ``limit``."""
    if len(p.opgaven) <= limit:
        return list(p.opgaven)
    g = p.dependencies
    touches = {oid: len(analysis.touches(p, oid)) for oid in p.opgaven}
    ranked = sorted(p.opgaven, key=lambda o: (-(2 * g.degree(o) + touches[o]), o))
    chosen = set(analysis.longest_cross_theme_chain(p))
    for oid in ranked:
        if len(chosen) >= limit:
            break
        chosen.add(oid)
    return [oid for oid in p.opgaven if oid in chosen]


def _around(p: Perspective, oid: str, depth: int = 2) -> list[str]:
    """An opgave with what it depends on and what waits for it, up to ``depth`` steps either way."""
    g = p.dependencies
    found, frontier = {oid}, {oid}
    for _ in range(depth):
        frontier = {n for f in frontier for n in (*g.successors(f), *g.predecessors(f))} - found
        found |= frontier
    return [o for o in p.opgaven if o in found]


_cache: weakref.WeakKeyDictionary[Perspective, dict[str, Figure]] = weakref.WeakKeyDictionary()


def figure_of(p: Perspective, scope: str = "home") -> Figure:
    """The figure of a page: ``"home"`` (the most connected opgaven), ``"samenhang"`` (all) or
    ``"opgave:<id>"`` (one opgave and its chains). Computed once per perspective and scope."""
    figures = _cache.setdefault(p, {})
    if scope not in figures:
        if scope == "home":
            ids = _home_selection(p, HOME_LIMIT)
        elif scope == "samenhang":
            ids = list(p.opgaven)
        else:
            ids = _around(p, scope.partition(":")[2])
        chain = analysis.longest_cross_theme_chain(p)
        shown = set(ids)
        key = scope.replace(":", "-")
        figures[scope] = Figure(p, key, ids, chain if chain and set(chain) <= shown else [])
    return figures[scope]


def shown_ids(figures: Iterable[Figure]) -> set[str]:
    return {o for f in figures for o in f.ids}
