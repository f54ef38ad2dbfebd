"""Dev script: advance widths of the site font, for the figure's label layout.

The figure wraps and measures its labels in Python (``figures/text.py``), so it needs
the widths the browser will use. This reads Source Sans 3 (npm ``@fontsource/source-sans-3``,
the font the site self-hosts) and writes ``builder/groeiperspectief/figures/font-metrics.json``:
per weight, the advance of every Latin character in thousandths of an em.

    npm pack @fontsource/source-sans-3 && tar xzf fontsource-source-sans-3-*.tgz
    pip install fonttools && python tools/font_metrics.py package/files

Not part of the build: the JSON is committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

WEIGHTS = (400, 600, 700)
# Basic Latin, Latin-1 and the punctuation the site writes (quotes, dashes, ellipsis, arrows).
CHARS = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list("‘’“”–—…•→←↑↓€")
OUT = Path(__file__).resolve().parent.parent / "builder" / "groeiperspectief" / "figures" / "font-metrics.json"


def widths(path: Path) -> tuple[dict[str, int], int]:
    font = TTFont(str(path))
    scale = 1000 / font["head"].unitsPerEm
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    found = {ch: round(hmtx[cmap[ord(ch)]][0] * scale) for ch in CHARS if ord(ch) in cmap}
    return found, round(scale * hmtx[cmap[ord("o")]][0])


def main(folder: str) -> None:
    data = {"font": "Source Sans 3", "units": 1000, "weights": {}}
    for weight in WEIGHTS:
        found, fallback = widths(Path(folder) / f"source-sans-3-latin-{weight}-normal.woff")
        data["weights"][str(weight)] = {"fallback": fallback, "advance": found}
    OUT.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(len(w['advance']) for w in data['weights'].values())} breedtes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/files")
