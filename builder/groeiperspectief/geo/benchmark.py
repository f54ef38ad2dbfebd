"""The map in the benchmark: a made-up map for a generated region, and what its page costs.

``write_map`` gives each core municipality of a generated region a shape (a 48-point ring, as many
points as a simplified CBS boundary has) and adds neighbours; ``measure`` builds nothing, it opens a
built site's map page in Chromium and reports its size and how long it takes until it is drawn and
answers to filters (``data-drawn``: the script has its data and has recounted every shape).
"""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path

__all__ = ["write_map", "measure"]


def _ring(cx: float, cy: float, r: float, points: int = 48) -> list[list[float]]:
    k = math.cos(math.radians(cy))
    ring = [
        [round(cx + r * (1 + 0.15 * math.sin(5 * a)) * math.cos(a) / k, 5), round(cy + r * math.sin(a), 5)]
        for a in (2 * math.pi * i / points for i in range(points))
    ]
    return ring + [ring[0]]


def write_map(target: Path, kern: list[str]) -> None:
    """``content/kaart.geojson`` for a generated region: the core municipalities on a grid near 51.8° N,
    linked by ``organisatie``, and a ring of neighbours."""
    features = []
    cols = math.ceil(math.sqrt(len(kern)))
    for i, oid in enumerate(kern):
        cx, cy = 4.55 + 0.07 * (i % cols), 51.76 + 0.045 * (i // cols)
        features.append(
            {
                "type": "Feature",
                "properties": {"organisatie": oid, "statnaam": oid.replace("-", " ").title()},
                "geometry": {"type": "Polygon", "coordinates": [_ring(cx, cy, 0.02)]},
            }
        )
    for j in range(6):
        a = 2 * math.pi * j / 6
        cx, cy = 4.62 + 0.2 * math.cos(a), 51.8 + 0.12 * math.sin(a)
        features.append(
            {
                "type": "Feature",
                "properties": {"statcode": f"GM9{j:03d}", "statnaam": f"Buurgemeente {j + 1}"},
                "geometry": {"type": "Polygon", "coordinates": [_ring(cx, cy, 0.05)]},
            }
        )
    lines = ",\n".join(json.dumps(f, separators=(",", ":")) for f in features)  # a feature a line, as mapshaper
    (target / "content" / "kaart.geojson").write_text(
        f'{{"type":"FeatureCollection","bron":"Verzonnen grenzen (benchmark)","features":[\n{lines}\n]}}\n',
        encoding="utf-8",
    )


def measure(site: Path, *, repeats: int = 3) -> dict[str, float]:
    """The map page of a built site: its HTML and data size (KB) and the median time (ms, from navigation
    start) until the map is drawn and its script has counted every shape, at 1280 × 800."""
    from ..bench import local_chromium

    page_kb = (site / "kaart" / "index.html").stat().st_size / 1000
    data_kb = (site / "assets" / "groei" / "kaart.json").stat().st_size / 1000
    drawn, painted = [], []
    with local_chromium(site) as (url, new_context):
        for _ in range(repeats):
            context = new_context(1280, 800)
            page = context.new_page()
            page.goto(url + "kaart/")
            page.wait_for_selector("[data-gp-map][data-drawn]", timeout=60_000)
            drawn.append(float(page.get_attribute("[data-gp-map]", "data-drawn-at")))
            painted.append(
                page.evaluate(
                    "() => (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime"
                )
            )
            context.close()
    return {
        "page_kb": page_kb,
        "data_kb": data_kb,
        "drawn_ms": statistics.median(drawn),
        "first_paint_ms": statistics.median(painted),
    }
