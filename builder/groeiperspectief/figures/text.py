"""Label text in the site font: widths from Source Sans 3's own metrics, wrapping at spaces and hyphens.

The widths come from ``font-metrics.json`` (written by ``tools/font_metrics.py`` from the
self-hosted font), so a label that fits here fits in the browser. A word is never cut:
a line breaks after a space or a hyphen, and a single word wider than the line stays whole
(the box grows instead of the word breaking).
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

__all__ = ["width", "wrap"]

# Browsers may substitute a wider fallback for a moment (or for good, if the font fails to load):
# measure with a margin so a label still fits its box then.
SAFETY = 1.08


@functools.cache
def _metrics(weight: int) -> tuple[dict[str, int], int]:
    data = json.loads((resources.files("groeiperspectief") / "figures" / "font-metrics.json").read_text("utf-8"))
    table = data["weights"][str(weight)]
    return table["advance"], table["fallback"]


def width(text: str, size: float, weight: int = 400) -> float:
    """The advance width of ``text`` in px at font size ``size``.

    >>> round(width("Netcongestie", 14), 1) > round(width("Net", 14), 1)
    True
    """
    advance, fallback = _metrics(weight)
    return sum(advance.get(ch, fallback) for ch in text) * size / 1000 * SAFETY


_BREAK = re.compile(r"(?<=[ \-‐–/])")  # a line may end after a space, a hyphen, a dash or a slash


def wrap(text: str, max_width: float, size: float, weight: int = 400) -> list[str]:
    """``text`` in lines of at most ``max_width`` px, broken only after spaces and hyphens.

    >>> wrap("Spoorzone Dordrecht-Zwijndrecht", 150, 14)
    ['Spoorzone Dordrecht-', 'Zwijndrecht']
    >>> wrap("Netcongestie", 20, 14)
    ['Netcongestie']
    """
    pieces = [piece for piece in _BREAK.split(" ".join(text.split())) if piece]
    lines: list[str] = []
    line = ""
    for piece in pieces:
        candidate = line + piece
        if line and width(candidate.rstrip(), size, weight) > max_width:
            lines.append(line.rstrip())
            line = piece
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]
