"""Lon/lat to flat map coordinates: a local equirectangular projection, true to shape at the region.

At 52° N a degree of longitude is only cos(52°) ≈ 0.62 of a degree of latitude; drawing lon/lat as
x/y would stretch the region by 60 % east-west. Scaling longitude by the cosine of the region's
central latitude keeps shapes and distances right over a region of a few tens of kilometres.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Projection", "fit"]


@dataclass(frozen=True)
class Projection:
    lon0: float
    lat0: float
    scale: float
    """Map units per degree of latitude."""
    x0: float
    y0: float
    width: float
    height: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        k = math.cos(math.radians(self.lat0))
        return ((lon - self.lon0) * k * self.scale + self.x0, (self.lat0 - lat) * self.scale + self.y0)


def fit(points: Iterable[tuple[float, float]], width: float, margin: float = 0.06) -> Projection:
    """The projection that fits ``points`` (lon, lat) in ``width`` map units, with ``margin`` (a fraction) around.

    >>> p = fit([(4.5, 51.7), (4.9, 51.9)], 800)
    >>> [round(v) for v in p(4.5, 51.9)], round(p.height)
    ([48, 48], 665)
    """
    pts = list(points)
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    lat0 = (min(lats) + max(lats)) / 2
    lon0 = (min(lons) + max(lons)) / 2
    k = math.cos(math.radians(lat0))
    span_x = max((max(lons) - min(lons)) * k, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    inner = width * (1 - 2 * margin)
    scale = inner / span_x
    pad = width * margin
    height = span_y * scale + 2 * pad
    return Projection(lon0, lat0, scale, width / 2, height / 2, width, height)
