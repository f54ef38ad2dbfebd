"""What the map page shows: the drawing, the counts and classes, and the data its script filters.

The page draws the whole map in SVG at build time (it works without script); the script only
recounts for a filter or the lens, from ``data`` (a JSON file beside the page, so the page does not
grow with the number of projects).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from ..vocabulary import NO_CHOICE, VARIANT_TERMS
from .draw import Drawing, draw, locator
from .places import classes, projects_by_place, short_name

__all__ = ["MAP_PAGE", "MAP_TITLE", "MAP_DATA", "MapFigure"]

MAP_PAGE = "kaart/index.md"
MAP_TITLE = "Wat er waar speelt"
MAP_DATA = "kaart.json"  # under the site's assets folder
TABLE_LIMIT = 10  # projects named per municipality in the table; the municipality's page has them all


@dataclass
class MapFigure:
    p: Any
    """The perspective."""

    @cached_property
    def places(self) -> dict[str, list[str]]:
        return projects_by_place(self.p)

    @cached_property
    def counts(self) -> dict[str, int]:
        return {oid: len(self.places.get(oid, [])) for oid in self.p.entries.kaart.linked}

    @cached_property
    def names(self) -> dict[str, str]:
        return {oid: short_name(self.p.organisaties[oid].naam) for oid in self.p.entries.kaart.linked}

    @cached_property
    def drawing(self) -> Drawing:
        return draw(self.p.entries.kaart, self.names, self.counts, set(self.p.kern))

    @cached_property
    def classes(self) -> list[tuple[int, int]]:
        return classes(max(self.counts.values(), default=0))

    def klass(self, count: int) -> int:
        """0 for no projects, else the 1-based class of ``count``."""
        return next((i for i, (low, high) in enumerate(self.classes, 1) if low <= count <= high), 0)

    @property
    def own(self) -> list[str]:
        """The region's municipalities on the map, in the order of the table: by name."""
        return sorted(self.names, key=lambda oid: (self.names[oid].casefold(), oid))

    @property
    def neighbours(self) -> list[str]:
        return sorted({s.naam for s in self.p.entries.kaart.shapes if not s.organisatie and s.naam}, key=str.casefold)

    @property
    def elsewhere(self) -> list[str]:
        """Places named in ``locaties`` that have no shape on the map (they are in the table, not on the map)."""
        return [oid for oid in self.places if oid not in self.names]

    @property
    def without_place(self) -> list[str]:
        return [pid for pid, x in self.p.projecten.items() if not x.locaties]

    @cached_property
    def _locator(self) -> tuple[float, float, list[tuple[str, str]]]:
        return locator(self.p.entries.kaart, set(self.p.kern))

    def locator(self, places: list[str], title: str) -> Markup:
        """A small map with ``places`` filled in (a project's ``locaties``, or one municipality): an image with a
        text alternative that names the places; the shapes are the same on every page."""
        width, height, paths = self._locator
        here = set(places)
        names = [self.names[oid] for oid in dict.fromkeys(places) if oid in self.names]
        if not names:
            return Markup("")
        alt = f"{title} {_and(names)}"
        here_class = ' class="gp-locator__here"'
        shapes = "".join(f'<path{here_class if oid in here else ""} d="{d}"/>' for oid, d in paths)
        return Markup(
            f'<figure class="gp-locator" data-search-exclude><svg viewBox="0 0 {width:g} {height:.0f}" role="img" aria-label="{escape(alt)}">'
            f"{shapes}</svg><figcaption>{escape(alt)}</figcaption></figure>"
        )

    def data(self, url_of: Callable[[str, str], str]) -> str:
        """The script's data: themes, statuses, places and per project its themes, status and places (as indexes)."""
        p = self.p
        themes, statuses, places = list(p.themas), list(_statuses()), self.own
        t_index = {tid: i for i, tid in enumerate(themes)}
        s_index = {s: i for i, s in enumerate(statuses)}
        pl_index = {oid: i for i, oid in enumerate(places)}
        doc = {
            "plaatsen": [[oid, self.names[oid], url_of("organisatie", oid)] for oid in places],
            "themas": [[tid, p.themas[tid].titel] for tid in themes],
            "statussen": statuses,
            "klassen": self.classes,
            "varianten": {t.value: [t.label, t.symbol] for t in VARIANT_TERMS}
            | {"open": [NO_CHOICE.label, NO_CHOICE.symbol]},
            "projecten": [
                [
                    pid,
                    x.titel,
                    url_of("project", pid),
                    [t_index[t] for t in p.project_themes(pid)],
                    s_index[x.status],
                    [pl_index[oid] for oid in dict.fromkeys(x.locaties) if oid in pl_index],
                ]
                for pid, x in p.projecten.items()
                if any(oid in pl_index for oid in x.locaties)
            ],
        }
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _and(names: list[str]) -> str:
    """Dutch enumeration: ``a``, ``a en b``, ``a, b en c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _statuses() -> dict[str, str]:
    from ..model import STATUSES

    return STATUSES
