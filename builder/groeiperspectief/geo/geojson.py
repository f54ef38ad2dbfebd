"""Reading and checking ``content/kaart.geojson``: every rule of the contract's "Map" section.

Messages are Dutch and name the line: the JSON parser's line and column for a syntax error, the line
where a feature starts for a problem with that feature (found by decoding the features one by one).
Nothing in the file raises: every problem becomes a message, and a map with errors is not drawn.
"""

from __future__ import annotations

import bisect
import json
import math
from pathlib import Path
from typing import Any

from .. import dutch
from ..kinds import ORGANISATIONS_DIR
from ..model import Organisatie
from ..problems import Problems, suggest
from .shapes import Polygon, RegionMap, Shape

__all__ = ["MAP_FILE", "MAX_BYTES", "read_map"]

MAP_FILE = "content/kaart.geojson"
MAX_BYTES = 5_000_000
GEOMETRIES = ("Polygon", "MultiPolygon")

# The Dutch RD grid (EPSG:28992) in metres: x 0..300 km, y 300..625 km. A map in it is the common mistake.
_RD_X = (-7_000.0, 300_000.0)
_RD_Y = (289_000.0, 629_000.0)
_SIMPLIFY = (
    "vereenvoudig de grenzen, bijvoorbeeld met mapshaper: "
    "mapshaper kaart.geojson -simplify 10% keep-shapes -o precision=0.0001 kaart.geojson "
    "(of op mapshaper.org: Simplify, dan Export als GeoJSON)"
)
_TO_WGS84 = (
    "lever lengte- en breedtegraad (WGS84, EPSG:4326): bijvoorbeeld mapshaper kaart.geojson -proj wgs84 "
    "-o kaart.geojson, of in QGIS 'Exporteren' met CRS EPSG:4326"
)

# Python's JSON messages, in Dutch (the parser's own words are English).
_JSON_ERRORS = {
    "Expecting value": "waarde verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Expecting property name enclosed in double quotes": "naam tussen dubbele aanhalingstekens verwacht",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig teken in tekst",
    "Invalid \\escape": "ongeldige \\-reeks in tekst",
    "Invalid \\uXXXX escape": "ongeldige \\u-reeks in tekst",
    "Extra data": "meer tekst na het einde van de JSON",
    "Illegal trailing comma before end of object": "komma voor het einde van een object",
    "Illegal trailing comma before end of array": "komma voor het einde van een lijst",
}


def read_map(root: Path, organisaties: dict[str, Organisatie], known: set[str], problems: Problems) -> RegionMap | None:
    """The map of the region at ``root``, or ``None`` when it has none or it has errors (each one in ``problems``).

    ``organisaties`` are the organisations as far as valid (their names and ``gemeentecode``s), ``known`` every
    organisation id whose file exists (an entry with errors still exists for references).
    """
    path = root / MAP_FILE
    if path.is_symlink() or not path.exists():
        return None  # a symlink is refused by the reader of the content folder, as anywhere
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add(MAP_FILE, None, f"kan de kaart niet lezen: {exc.strerror or exc}", code="kaart-onleesbaar")
        return None
    if len(data) > MAX_BYTES:
        problems.add(
            MAP_FILE,
            None,
            f"de kaart is {dutch.file_size(len(data))}, hoogstens {dutch.file_size(MAX_BYTES)}: {_SIMPLIFY}",
            code="kaart-te-groot",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(MAP_FILE, line, "de kaart is geen UTF-8-tekst; bewaar het bestand als UTF-8", code="kaart-json")
        return None
    found = _Reader(text, organisaties, known, problems).read()
    if found is not None:
        _warn_missing(found, organisaties, problems)
    return found


def _warn_missing(found: RegionMap, organisaties: dict[str, Organisatie], problems: Problems) -> None:
    """A core municipality without a shape is a gap in the map (a warning): say which feature may be it."""
    linked = found.linked
    for oid, org in organisaties.items():
        if not org.kern or oid in linked:
            continue
        naam = (org.naam or "").casefold()  # an organisation with errors may have none
        names = {naam, naam.removeprefix("gemeente ").strip(), oid} - {""}
        twin = next((s for s in found.shapes if not s.organisatie and s.naam.casefold() in names), None)
        if twin and twin.statcode:
            how = (
                f"feature {twin.index} ({twin.naam}) heeft statcode {twin.statcode}: zet gemeentecode: {twin.statcode}"
            )
        else:
            how = "geef de gemeente haar gemeentecode (de statcode van haar vlak) of zet properties.organisatie"
        problems.warn(
            f"{ORGANISATIONS_DIR}/{oid}.md",
            1,
            f"kerngemeente '{oid}' heeft geen vlak op de kaart ({MAP_FILE}); {how}",
            code="kaart-kern-zonder-vlak",
        )


class _Reader:
    def __init__(self, text: str, organisaties: dict[str, Organisatie], known: set[str], problems: Problems) -> None:
        self.text = text
        self.organisaties = organisaties
        self.known = known
        self.problems = problems
        self.codes = {o.gemeentecode: oid for oid, o in organisaties.items() if o.gemeentecode}
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
        self.errors = 0

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self._newlines, offset - 1) + 1

    def error(self, line: int | None, message: str, code: str) -> None:
        self.errors += 1
        self.problems.add(MAP_FILE, line, message, code=code)

    def read(self) -> RegionMap | None:
        try:
            doc = json.loads(self.text)
        except json.JSONDecodeError as exc:
            words = next((nl for en, nl in _JSON_ERRORS.items() if exc.msg.startswith(en)), exc.msg)
            self.problems.add(MAP_FILE, exc.lineno, f"JSON-fout: {words}", code="kaart-json", column=exc.colno)
            return None
        except RecursionError:
            self.error(1, "JSON-fout: te diep genest", "kaart-json")
            return None
        if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
            found = doc.get("type") if isinstance(doc, dict) else None
            what = f"type is {json.dumps(found, ensure_ascii=False)}" if found is not None else "geen type"
            self.error(
                1,
                f'de kaart is geen GeoJSON FeatureCollection ({what}); verwacht {{"type": "FeatureCollection", '
                '"features": [...]}',
                "kaart-geen-collectie",
            )
            return None
        features = doc.get("features")
        if not isinstance(features, list):
            self.error(1, "de kaart heeft geen lijst 'features' met de gemeentevlakken", "kaart-geen-collectie")
            return None
        if not features:
            self.problems.warn(MAP_FILE, 1, "de kaart heeft geen features: de site toont geen kaart", code="kaart-leeg")
            return None
        bron = doc.get("bron")
        if bron is not None and not isinstance(bron, str):
            self.error(1, "'bron' moet tekst zijn: de bron van de grenzen, bijvoorbeeld 'CBS / PDOK'", "kaart-bron")
            bron = None
        crs = json.dumps(doc.get("crs", ""))
        try:
            lines = self._feature_lines(len(features))
        except (IndexError, ValueError):  # cannot happen for JSON that parsed; never a traceback
            lines = [1] * len(features)
        shapes = [self._shape(i + 1, lines[i], f) for i, f in enumerate(features)]
        if crs and "28992" in crs and not self.errors:
            self.error(1, f"de kaart is in RD (EPSG:28992, meters); {_TO_WGS84}", "kaart-rd")
        self._one_per_organisation([s for s in shapes if s])
        if self.errors:
            return None
        return RegionMap(tuple(s for s in shapes if s), " ".join(bron.split()) if bron else None)

    def _feature_lines(self, count: int) -> list[int]:
        """The line where each feature starts: the top object decoded member by member, the features one by one."""
        decoder, text, ws = json.JSONDecoder(), self.text, " \t\r\n"
        lines = [1] * count
        i = len(text) - len(text.lstrip(ws + "\ufeff")) + 1  # past the opening brace
        while i < len(text):
            while text[i] in ws + ",":
                i += 1
            if text[i] == "}":
                break
            key, i = decoder.raw_decode(text, i)
            while text[i] in ws + ":":
                i += 1
            if key != "features":
                _, i = decoder.raw_decode(text, i)
                continue
            i += 1  # past '['
            for n in range(count):
                while text[i] in ws + ",":
                    i += 1
                lines[n] = self.line_at(i)
                _, i = decoder.raw_decode(text, i)
            break  # the last "features" member wins in json.loads; the first is the one editors mean
        return lines

    def _shape(self, index: int, line: int, feature: Any) -> Shape | None:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            self.error(line, f'feature {index} is geen GeoJSON Feature (verwacht "type": "Feature")', "kaart-feature")
            return None
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        naam = next((" ".join(v.split()) for k in ("statnaam", "naam") if isinstance(v := props.get(k), str)), "")
        label = f"feature {index}" + (f" ({naam})" if naam else "")
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in GEOMETRIES:
            found = "geen geometrie" if geometry is None else f"geometrie {json.dumps(kind, ensure_ascii=False)}"
            self.error(
                line,
                f"{label}: {found}; alleen Polygon of MultiPolygon (gemeentevlakken)",
                "kaart-geometrie",
            )
            return None
        polygons = self._polygons(label, line, kind, geometry.get("coordinates"))
        organisatie = self._owner(label, line, props)
        if polygons is None:
            return None
        statcode = props.get("statcode") if isinstance(props.get("statcode"), str) else None
        return Shape(index, line, naam or (organisatie or ""), polygons, organisatie, statcode)

    def _polygons(self, label: str, line: int, kind: str, coords: Any) -> tuple[Polygon, ...] | None:
        parts = [coords] if kind == "Polygon" else coords
        shape = "[[[lengte, breedte], ...]]" if kind == "Polygon" else "[[[[lengte, breedte], ...]], ...]"
        if not isinstance(parts, list) or not parts:
            self.error(line, f"{label}: de coördinaten van een {kind} zijn {shape}", "kaart-geometrie")
            return None
        polygons = []
        for poly in parts:
            if not isinstance(poly, list) or not poly:
                self.error(line, f"{label}: de coördinaten van een {kind} zijn {shape}", "kaart-geometrie")
                return None
            rings = []
            for ring in poly:
                points = _points(ring)
                if points is None:
                    self.error(line, f"{label}: de coördinaten van een {kind} zijn {shape}", "kaart-geometrie")
                    return None
                if len(points) < 3:
                    self.error(line, f"{label}: een ring heeft minstens drie punten", "kaart-geometrie")
                    return None
                if points[0] != points[-1]:
                    points.append(points[0])
                rings.append(tuple(points))
            polygons.append(tuple(rings))
        if bad := next((p for poly in polygons for ring in poly for p in ring if not _lon_lat(p)), None):
            self._out_of_range(label, line, bad)
            return None
        return tuple(polygons)

    def _out_of_range(self, label: str, line: int, point: tuple[float, float]) -> None:
        x, y = point
        where = f"({_number(x)}, {_number(y)})"
        if _RD_X[0] <= x <= _RD_X[1] and _RD_Y[0] <= y <= _RD_Y[1]:
            if not self._rd_said:
                self._rd_said = True
                self.error(
                    1,
                    f"coördinaten lijken RD (meters, EPSG:28992), bijvoorbeeld {where} in {label} op regel {line}; "
                    f"{_TO_WGS84}",
                    "kaart-rd",
                )
            return
        self.error(
            line,
            f"{label}: coördinaat {where} ligt buiten lengte- en breedtegraad (lengte -180 tot 180, breedte -90 "
            f"tot 90); {_TO_WGS84}",
            "kaart-bereik",
        )

    _rd_said = False

    def _owner(self, label: str, line: int, props: dict[str, Any]) -> str | None:
        """The organisation a feature belongs to: ``organisatie``, or ``statcode`` equal to a ``gemeentecode``."""
        oid = props.get("organisatie")
        by_code = self.codes.get(props.get("statcode")) if isinstance(props.get("statcode"), str) else None
        if oid is None:
            return by_code
        if not isinstance(oid, str) or oid not in self.known:
            self.error(
                line,
                f"{label}: onbekende organisatie {json.dumps(oid, ensure_ascii=False)}"
                f"{suggest(oid, sorted(self.known))} in properties.organisatie",
                "kaart-onbekende-organisatie",
            )
            return None
        if by_code and by_code != oid:
            self.error(
                line,
                f"{label}: properties.organisatie is '{oid}', maar statcode {props['statcode']} is de gemeentecode "
                f"van '{by_code}'; laat een van beide weg",
                "kaart-tegenstrijdig",
            )
            return None
        return oid

    def _one_per_organisation(self, shapes: list[Shape]) -> None:
        first: dict[str, Shape] = {}
        for s in shapes:
            if s.organisatie is None:
                continue
            if (other := first.setdefault(s.organisatie, s)) is not s:
                self.error(
                    s.line,
                    f"feature {s.index} ({s.naam}) hoort ook bij organisatie '{s.organisatie}' (al feature "
                    f"{other.index} op regel {other.line}); één feature per organisatie: voeg de delen samen "
                    "tot één MultiPolygon",
                    "kaart-dubbel",
                )


def _points(ring: Any) -> list[tuple[float, float]] | None:
    if not isinstance(ring, list):
        return None
    points = []
    for p in ring:
        if not isinstance(p, list) or len(p) < 2 or not all(_is_number(v) for v in p[:2]):
            return None
        points.append((float(p[0]), float(p[1])))
    return points


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _lon_lat(point: tuple[float, float]) -> bool:
    x, y = point
    return math.isfinite(x) and math.isfinite(y) and -180 <= x <= 180 and -90 <= y <= 90


def _number(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and value == int(value) else f"{value:g}"
