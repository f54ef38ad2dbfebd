"""The map without a browser: projection, label placement, counts, the page, the exports, a region without a map."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from groeiperspectief import export
from groeiperspectief.geo import MAP_FILE
from groeiperspectief.geo.draw import FONT, MIN_WIDTH, WIDTH, draw
from groeiperspectief.geo.figure import MapFigure
from groeiperspectief.geo.places import projects_by_place
from groeiperspectief.geo.projection import fit
from groeiperspectief.perspective import Perspective
from groeiperspectief.render import Settings, docs_tree, navigation
from groeiperspectief.scripts import page_scripts
from groeiperspectief.validate import check

from .conftest import ROOT

OUTSIDE = Path(__file__).resolve().parent / "data" / "kaart" / "regio"


@pytest.fixture(scope="module")
def example() -> Perspective:
    return Perspective.from_entries(check(ROOT).entries)


def test_the_projection_keeps_shapes_true_at_52_degrees():
    """A square of 1 km by 1 km in the Drechtsteden stays square: longitude is scaled by cos(latitude)."""
    lat = 51.8
    d_lat = 1 / 111.2  # a kilometre in degrees of latitude
    d_lon = d_lat / math.cos(math.radians(lat))
    proj = fit([(4.6, lat), (4.6 + d_lon, lat + d_lat)], 800, margin=0)
    (x0, y0), (x1, y1) = proj(4.6, lat), proj(4.6 + d_lon, lat + d_lat)
    assert abs((x1 - x0) - (y0 - y1)) < 0.01 * (x1 - x0)
    assert y1 < y0  # north is up


@pytest.mark.parametrize("region", ["example", "outside"])
def test_labels_do_not_overlap_and_stay_readable(region, example):
    p = example if region == "example" else Perspective.from_entries(check(OUTSIDE).entries)
    figure = MapFigure(p)
    drawing = figure.drawing
    labels = [d.label for d in drawing.shapes if d.label]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            l1, t1, r1, b1 = a.box
            l2, t2, r2, b2 = b.box
            assert not (l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1), (a.lines, b.lines)
        left, top, right, bottom = a.box
        assert 0 <= left and right <= drawing.width and 0 <= top and bottom <= drawing.height, a.lines
    # Every municipality of the region is named, with its count as the last line.
    own = {d.shape.organisatie: d.label for d in drawing.shapes if d.shape.organisatie}
    assert all(label is not None for label in own.values())
    assert {oid: int(label.lines[-1]) for oid, label in own.items()} == figure.counts
    assert FONT * MIN_WIDTH / WIDTH >= 12  # the narrowest the figure is drawn (it scrolls below that)


def test_counts_are_projects_by_their_locaties(example):
    places = projects_by_place(example)
    for oid, pids in places.items():
        assert pids == [pid for pid, x in example.projecten.items() if oid in x.locaties]
    assert MapFigure(example).counts["dordrecht"] == len(places["dordrecht"]) > 0


@pytest.fixture(scope="module")
def tree(example) -> dict:
    return docs_tree(example, Settings(site_name="Test"))


def test_the_map_page_draws_every_municipality_with_a_link_and_a_count(tree, example):
    page = tree["kaart/index.md"]
    figure = MapFigure(example)
    for oid, n in figure.counts.items():
        name = figure.names[oid]
        assert f'href="../organisaties/{oid}/#speelt-in" data-place="{oid}" aria-label="{name}: {n} project' in page
    assert "CBS / PDOK" in page and "cartomap/nl" in page and "mapshaper" in page  # the source, credited
    assert "Projecten per gemeente" in page and "<table" in page  # the text equivalent on the same page
    data = json.loads(tree["assets/groei/kaart.json"])
    assert [pl[0] for pl in data["plaatsen"]] == figure.own
    assert all(pl[2].startswith("../organisaties/") for pl in data["plaatsen"])


def test_entry_pages_show_where_and_the_exports_carry_the_map(tree, example):
    waterbus = tree["projecten/waterbus-vaarverbindingen.md"]
    assert 'class="gp-locator"' in waterbus and 'aria-label="Speelt in Dordrecht, Papendrecht' in waterbus
    papendrecht = tree["organisaties/papendrecht.md"]
    assert "{: #speelt-in }" in papendrecht and "Speelt in Gemeente Papendrecht: " in papendrecht
    cleaned = json.loads(tree["data/kaart.geojson"])
    assert cleaned["bron"].startswith("Gemeentegrenzen 2025: CBS / PDOK")
    props = {f["properties"]["naam"]: f["properties"] for f in cleaned["features"]}
    assert props["Papendrecht"] == {"naam": "Papendrecht", "organisatie": "papendrecht", "statcode": "GM0590"}
    assert "Rotterdam" in props and "organisatie" not in props["Rotterdam"]
    records = json.loads(tree["data/" + export.FILES["json"]])
    assert any(x["locaties"] for x in records["projecten"])


def test_editor_text_is_escaped_on_the_map_page_and_in_its_data(repo):
    hostile = '<script>alert(1)</script>"</text>'
    text = (repo.root / "content/organisaties/aa.md").read_text(encoding="utf-8")
    repo.write(
        "content/organisaties/aa.md",
        text.replace("Gemeente Aa", f"Gemeente {hostile}").replace(
            "kern: true\n", "kern: true\ngemeentecode: GM0001\n"
        ),
    )
    repo.write(
        "projects/netwerk.md",
        (repo.root / "projects/netwerk.md")
        .read_text(encoding="utf-8")
        .replace("titel: Netwerk", f"titel: 'Netwerk {hostile}'"),
    )
    feature = {
        "type": "Feature",
        "properties": {"statcode": "GM0001", "statnaam": hostile},
        "geometry": {"type": "Polygon", "coordinates": [[[4.6, 51.8], [4.7, 51.8], [4.7, 51.9], [4.6, 51.8]]]},
    }
    neighbour = dict(feature, properties={"statnaam": hostile})
    neighbour["geometry"] = {"type": "Polygon", "coordinates": [[[4.7, 51.8], [4.8, 51.8], [4.8, 51.9], [4.7, 51.8]]]}
    repo.write(MAP_FILE, json.dumps({"type": "FeatureCollection", "bron": hostile, "features": [feature, neighbour]}))
    result = repo.check()
    assert result.ok, repo.errors()
    tree = docs_tree(Perspective.from_entries(result.entries), Settings())
    for path in ("kaart/index.md", "projecten/netwerk.md", "organisaties/aa.md"):
        assert "<script>alert" not in tree[path] and '"</text>' not in tree[path], path
    # The script's data is JSON set as text (textContent), never parsed as HTML; "</" is escaped all the same.
    assert "</" not in tree["assets/groei/kaart.json"] and json.loads(tree["assets/groei/kaart.json"])


def test_a_region_without_a_map_has_no_map_page_and_no_error(repo):
    result = repo.check()
    assert result.ok and result.entries.kaart is None
    tree = docs_tree(Perspective.from_entries(result.entries), Settings())
    assert "kaart/index.md" not in tree and "assets/groei/kaart.json" not in tree and "data/kaart.geojson" not in tree
    assert "gp-locator" not in tree["projecten/netwerk.md"]


def test_a_region_without_a_map_builds_without_a_map_in_the_navigation(tmp_path):
    from groeiperspectief.build import build_site

    root = shutil.copytree(OUTSIDE, tmp_path / "regio")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\ndocs_dir: content\nplugins:\n  - groeiperspectief\n", encoding="utf-8"
    )
    (root / MAP_FILE).unlink()
    site = build_site(root).site_dir
    assert not (site / "kaart").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Wat er waar speelt" not in home and 'href="kaart/"' not in home and "groei-kaart.js" not in home


def test_the_map_page_is_in_the_who_takes_part_tab_only_with_a_map():
    with_map = navigation([], with_map=True)
    tab = next(item["Wie doet mee"] for item in with_map if "Wie doet mee" in item)
    assert tab[1:3] == [{"Wie doet waar mee": "wie-doet-waar-mee/index.md"}, {"Kaart": "kaart/index.md"}]
    assert "kaart/index.md" not in json.dumps(navigation([]))


def test_the_map_page_is_headed_by_its_title_and_loads_its_script_on_demand(tree):
    page = tree["kaart/index.md"]
    assert page.count("<h1>") == 1 and "<h1>Wat er waar speelt</h1>" in page
    assert page_scripts(page) == ["assets/groei/groei-kaart.js"]
    assert "assets/groei/groei-kaart.js" not in page_scripts(tree["projecten/waterbus-vaarverbindingen.md"])


def test_draw_fits_the_core_and_keeps_neighbours_as_context(example):
    drawing = draw(example.entries.kaart, {}, {}, set(example.kern))
    assert drawing.width == WIDTH and 300 < drawing.height < 1200
    assert (
        sum(1 for d in drawing.shapes if d.shape.organisatie is None) == 8
    )  # the ten neighbours minus the two partners
