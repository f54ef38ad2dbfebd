"""groeiperspectief: Markdown entries in, the living groeiperspectief of a region out.

The core (reading, validation, the perspective graph, analyses, rendering to a
docs tree) never imports MkDocs; ``plugin.py`` is the only engine adapter.
"""

__version__ = "0.1.0"
