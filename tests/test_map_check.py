"""Every rule of the contract's "Map" section: a valid map passes, a broken one is refused with file, line and words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from groeiperspectief.geo import MAP_FILE

RD_EXAMPLE = Path(__file__).resolve().parent / "data" / "kaart" / "drechtsteden_rd.geojson"
HERE = Path(__file__).resolve().parent / "data" / "kaart"


def square(x: float, y: float, d: float = 0.01) -> list:
    return [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]


def feature(props: dict, coords: list | None = None, kind: str = "Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": kind, "coordinates": coords or square(4.6, 51.8)},
    }


def collection(*features: dict, **extra) -> str:
    """One feature per line, as mapshaper writes them: line n + 2 holds feature n."""
    head = json.dumps({"type": "FeatureCollection", **extra})[:-1]
    return head + ', "features": [\n' + ",\n".join(json.dumps(f) for f in features) + "\n]}\n"


AA = feature({"statcode": "GM0001", "statnaam": "Aa"})
BEE = feature({"organisatie": "bee", "statnaam": "Bee"}, square(4.62, 51.8))
NEIGHBOUR = feature({"statcode": "GM0999", "statnaam": "Buurgemeente"}, square(4.64, 51.8))


@pytest.fixture
def mapped(repo):
    """The base region with a map: aa linked by gemeentecode, bee by organisatie, one neighbour."""
    text = (repo.root / "content/organisaties/aa.md").read_text(encoding="utf-8")
    repo.write("content/organisaties/aa.md", text.replace("kern: true\n", "kern: true\ngemeentecode: GM0001\n"))
    repo.write(MAP_FILE, collection(AA, BEE, NEIGHBOUR, bron="CBS / PDOK"))
    return repo


def map_messages(repo) -> list[str]:
    return [m for m in repo.messages() if "kaart" in m or m.startswith(MAP_FILE)]


def test_a_valid_map_links_shapes_by_code_and_by_id_and_keeps_neighbours(mapped):
    result = mapped.check()
    assert result.ok and map_messages(mapped) == []
    kaart = result.entries.kaart
    assert kaart.bron == "CBS / PDOK"
    assert [(s.organisatie, s.naam, s.line) for s in kaart.shapes] == [
        ("aa", "Aa", 2),
        ("bee", "Bee", 3),
        (None, "Buurgemeente", 4),
    ]


def test_a_region_without_a_map_has_none_and_no_message(repo):
    result = repo.check()
    assert result.ok and result.entries.kaart is None and map_messages(repo) == []


def test_json_syntax_error_names_line_and_column(mapped):
    mapped.write(MAP_FILE, collection(AA, BEE).replace('"statnaam": "Bee"', '"statnaam" "Bee"'))
    [msg] = mapped.errors()
    assert msg.startswith(f"{MAP_FILE}:3:") and msg.endswith("JSON-fout: dubbele punt verwacht")
    assert msg.split(":")[2].isdigit()  # the column


def test_not_a_feature_collection(mapped):
    mapped.write(MAP_FILE, json.dumps({"type": "Feature", "geometry": None}))
    assert mapped.errors() == [
        f'{MAP_FILE}:1: de kaart is geen GeoJSON FeatureCollection (type is "Feature"); verwacht {{"type": '
        '"FeatureCollection", "features": [...]}'
    ]
    mapped.write(MAP_FILE, "[1, 2]")
    assert "geen GeoJSON FeatureCollection (geen type)" in mapped.errors()[0]


def test_geometry_must_be_a_polygon_or_multipolygon(mapped):
    point = {
        "type": "Feature",
        "properties": {"statnaam": "Punt"},
        "geometry": {"type": "Point", "coordinates": [4, 51]},
    }
    mapped.write(MAP_FILE, collection(AA, point))
    assert mapped.errors() == [
        f'{MAP_FILE}:3: feature 2 (Punt): geometrie "Point"; alleen Polygon of MultiPolygon (gemeentevlakken)'
    ]


def test_a_multipolygon_and_malformed_coordinates(mapped):
    multi = feature({"organisatie": "bee"}, [square(4.6, 51.8), square(4.7, 51.9)], kind="MultiPolygon")
    mapped.write(MAP_FILE, collection(AA, multi))
    assert mapped.check().ok and len(mapped.check().entries.kaart.of("bee").polygons) == 2
    broken = feature({"statnaam": "Kapot"}, [[[4.6, "51.8"], [4.7, 51.8], [4.7, 51.9]]])
    mapped.write(MAP_FILE, collection(AA, broken))
    [msg] = mapped.errors()
    assert msg.startswith(f"{MAP_FILE}:3: feature 2 (Kapot): de coördinaten van een Polygon zijn")


def test_coordinates_out_of_range(mapped):
    mapped.write(MAP_FILE, collection(AA, feature({"statnaam": "Ver"}, square(200.0, 51.8))))
    [msg] = mapped.errors()
    assert msg.startswith(f"{MAP_FILE}:3: feature 2 (Ver): coördinaat (200, 51.8) ligt buiten lengte- en breedtegraad")


def test_a_map_in_rd_metres_says_so_and_what_to_deliver(mapped, tmp_path):
    rd = feature({"statcode": "GM0001", "statnaam": "Aa"}, square(105000.0, 425000.0, 500.0))
    mapped.write(MAP_FILE, collection(rd, feature({"statnaam": "Bee"}, square(106000.0, 425000.0, 500.0))))
    [msg] = mapped.errors()  # said once for the file, not per feature
    assert msg.startswith(f"{MAP_FILE}:1: coördinaten lijken RD (meters, EPSG:28992)")
    assert "feature 1 (Aa) op regel 2" in msg and "WGS84, EPSG:4326" in msg and "-proj wgs84" in msg


def test_the_shared_rd_boundaries_are_refused(mapped):
    mapped.write(MAP_FILE, RD_EXAMPLE.read_bytes())
    [msg] = mapped.errors()
    assert msg.startswith(f"{MAP_FILE}:1: ") and "RD (meters" in msg


def test_over_five_megabytes_says_how_to_simplify(mapped):
    mapped.write(MAP_FILE, (collection(AA) + " " * 6_000_000).encode())
    [msg] = mapped.errors()
    assert msg.startswith(f"{MAP_FILE}: de kaart is 6,0 MB, hoogstens 5,0 MB: vereenvoudig") and "mapshaper" in msg


def test_unknown_organisation_with_a_suggestion(mapped):
    mapped.write(MAP_FILE, collection(AA, feature({"organisatie": "bie", "statnaam": "Bee"})))
    assert mapped.errors() == [
        f"{MAP_FILE}:3: feature 2 (Bee): onbekende organisatie \"bie\" (bedoelde je 'bee'?) in properties.organisatie"
    ]


def test_an_organisation_with_errors_still_exists_for_the_map(mapped):
    mapped.write("content/organisaties/bee.md", "---\nnaam: Bee\nsoort: gemeent\n---\n")
    assert not any(m.startswith(MAP_FILE) for m in mapped.errors())


def test_statcode_and_organisatie_must_agree(mapped):
    mapped.write(MAP_FILE, collection(feature({"statcode": "GM0001", "organisatie": "bee", "statnaam": "Aa"})))
    [msg] = mapped.errors()
    assert msg.startswith(f"{MAP_FILE}:2: feature 1 (Aa): properties.organisatie is 'bee', maar statcode GM0001")


def test_a_statcode_that_matches_no_gemeentecode_is_a_neighbour(mapped):
    mapped.write(MAP_FILE, collection(AA, BEE, feature({"statcode": "GM0002", "statnaam": "Elders"})))
    assert mapped.check().ok
    assert mapped.check().entries.kaart.shapes[2].organisatie is None


def test_two_features_for_one_organisation(mapped):
    mapped.write(MAP_FILE, collection(AA, BEE, feature({"organisatie": "aa", "statnaam": "Aa-Oost"})))
    assert mapped.errors() == [
        f"{MAP_FILE}:4: feature 3 (Aa-Oost) hoort ook bij organisatie 'aa' (al feature 1 op regel 2); één feature "
        "per organisatie: voeg de delen samen tot één MultiPolygon"
    ]


def test_a_core_municipality_without_a_shape_is_a_warning_that_names_its_twin(mapped):
    bee_by_code = feature({"statcode": "GM0777", "statnaam": "Bee"})
    mapped.write(MAP_FILE, collection(AA, bee_by_code))
    result = mapped.check()
    assert result.ok
    assert [m for m in mapped.warnings() if "kaart" in m] == [
        "content/organisaties/bee.md:1: waarschuwing: kerngemeente 'bee' heeft geen vlak op de kaart "
        f"({MAP_FILE}); feature 2 (Bee) heeft statcode GM0777: zet gemeentecode: GM0777"
    ]


def test_not_utf8_and_never_a_traceback_on_odd_json(mapped):
    mapped.write(MAP_FILE, b'{"type": "FeatureCollection", "features": [], "bron": "\xff"}')
    assert "geen UTF-8" in mapped.errors()[0]
    for odd in [
        "",
        "null",
        '{"type": "FeatureCollection", "features": {}}',
        "[" * 100_000,
        '{"type":"FeatureCollection","features":[1]}',
    ]:
        mapped.write(MAP_FILE, odd)
        assert mapped.errors() and all(m.startswith(MAP_FILE) for m in mapped.errors()), odd


def test_gemeentecode_pattern_soort_and_uniqueness(repo):
    text = (repo.root / "content/organisaties/aa.md").read_text(encoding="utf-8")
    repo.write("content/organisaties/aa.md", text.replace("kern: true\n", "kern: true\ngemeentecode: 0590\n"))
    assert repo.errors() == [
        "content/organisaties/aa.md:5: '0590' is geen CBS-code; schrijf 'gemeentecode' als GM en vier cijfers, "
        "bijvoorbeeld GM0590"
    ]
    repo.write("content/organisaties/aa.md", text.replace("kern: true\n", "kern: true\ngemeentecode: GM0590\n"))
    repo.write("content/organisaties/prov.md", "---\nnaam: Provincie\nsoort: overheid\ngemeentecode: GM0591\n---\n")
    bee = (repo.root / "content/organisaties/bee.md").read_text(encoding="utf-8")
    repo.write("content/organisaties/bee.md", bee.replace("kern: true\n", "kern: true\ngemeentecode: GM0590\n"))
    assert repo.errors() == [
        "content/organisaties/bee.md:5: gemeentecode GM0590 staat al bij content/organisaties/aa.md; elke "
        "gemeentecode hoort bij één organisatie",
        "content/organisaties/prov.md:4: 'gemeentecode' mag alleen bij soort gemeente, niet bij overheid",
    ]


def test_the_example_map_links_every_core_municipality(tmp_path):
    from groeiperspectief.validate import check

    from .conftest import ROOT

    result = check(ROOT)
    assert result.ok and not [p for p in result.problems if "kaart" in p.message]
    linked = result.entries.kaart.linked
    assert set(result.entries.kern) <= set(linked)
    assert "CBS / PDOK" in result.entries.kaart.bron


def test_an_outside_region_with_its_own_map_is_checked_the_same_way(tmp_path):
    """tests/data/kaart: a region not shared with the example, with a wrong-projection and a misspelled map."""
    import shutil

    from groeiperspectief.validate import check

    root = shutil.copytree(HERE / "regio", tmp_path / "regio")
    result = check(root)
    assert result.ok and set(result.entries.kaart.linked) == {"noordwaard", "zuidwaard", "oosthaven"}
    shutil.copy(HERE / "kaart-rd.geojson", root / MAP_FILE)
    [msg] = [str(p) for p in check(root).problems.errors]
    assert msg.startswith(f"{MAP_FILE}:1: coördinaten lijken RD")
    shutil.copy(HERE / "kaart-typfout.geojson", root / MAP_FILE)
    [msg] = [str(p) for p in check(root).problems.errors]
    assert msg.startswith(f"{MAP_FILE}:10: feature 2 (Zuidwaard): onbekende organisatie") and "'zuidwaard'?" in msg


def test_an_organisation_with_an_unrelated_error_is_still_judged_on_the_map(mapped):
    """aa has an error in another field and a gemeentecode no shape has: the warning comes in the same run."""
    text = (mapped.root / "content/organisaties/aa.md").read_text(encoding="utf-8")
    text = text.replace("GM0001", "GM0002").replace("soort: gemeente\n", "soort: gemeente\ntelefoon: 1\n")
    mapped.write("content/organisaties/aa.md", text)
    assert any("kerngemeente 'aa' heeft geen vlak op de kaart" in m for m in map_messages(mapped))
    assert any("onbekend veld 'telefoon'" in m for m in mapped.errors())
