"""What the site keeps of the map file: one shape per feature, with what it belongs to."""

from __future__ import annotations

import json
from dataclasses import dataclass

__all__ = ["Ring", "Polygon", "Shape", "RegionMap"]

Ring = tuple[tuple[float, float], ...]
"""(lon, lat) points, closed (the last equals the first)."""
Polygon = tuple[Ring, ...]
"""The outer ring, then its holes."""


@dataclass(frozen=True)
class Shape:
    """One feature: a municipality of the region (``organisatie`` set) or a neighbour drawn for context."""

    index: int
    """1-based position in the file's ``features``."""
    line: int
    naam: str
    """As the file names it (``statnaam`` or ``naam``); the organisation's name is the site's label."""
    polygons: tuple[Polygon, ...]
    organisatie: str | None = None
    statcode: str | None = None


@dataclass(frozen=True)
class RegionMap:
    """The checked map of a region."""

    shapes: tuple[Shape, ...]
    bron: str | None = None

    def of(self, organisatie: str) -> Shape | None:
        return next((s for s in self.shapes if s.organisatie == organisatie), None)

    @property
    def linked(self) -> dict[str, Shape]:
        """The shapes that belong to an organisation, by its id."""
        return {s.organisatie: s for s in self.shapes if s.organisatie}

    def cleaned(self) -> bytes:
        """The GeoJSON the site used: only what it reads, coordinates to 5 decimals (about a metre)."""
        features = []
        for s in self.shapes:
            props = {"naam": s.naam}
            if s.organisatie:
                props["organisatie"] = s.organisatie
            if s.statcode:
                props["statcode"] = s.statcode
            coords = [[[[round(x, 5), round(y, 5)] for x, y in ring] for ring in poly] for poly in s.polygons]
            geometry = (
                {"type": "Polygon", "coordinates": coords[0]}
                if len(coords) == 1
                else {"type": "MultiPolygon", "coordinates": coords}
            )
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
        doc: dict = {"type": "FeatureCollection"}
        if self.bron:
            doc["bron"] = self.bron
        doc["features"] = features
        return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
