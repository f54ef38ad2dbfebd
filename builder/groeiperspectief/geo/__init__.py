"""The map of the region: the boundaries in ``content/kaart.geojson``, checked, projected and drawn.

``shapes`` holds what the site keeps of the file, ``geojson`` reads and checks it (every rule of the
contract's "Map" section), ``projection`` turns lon/lat into flat coordinates that look right at the
region's latitude, ``draw`` makes SVG paths and places the names, ``places`` counts projects per place.
"""

from .geojson import MAP_FILE, read_map
from .shapes import RegionMap, Shape

__all__ = ["MAP_FILE", "read_map", "RegionMap", "Shape"]
