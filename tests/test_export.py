"""Open data: JSON valid against its documented schema, GraphML that networkx reads back, CSV for a Dutch spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from groeiperspectief import export
from groeiperspectief.cli import main
from groeiperspectief.perspective import load


@pytest.fixture(scope="module")
def example(example_repo):
    return load(example_repo)[0]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads the accents right"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def documented(schema: dict, path: str = "") -> list[str]:
    """Paths of schema properties that lack a description."""
    missing = []
    for name, spec in schema.get("properties", {}).items():
        if not spec.get("description"):
            missing.append(path + name)
        for sub in [spec.get("items") or {}, *spec.get("anyOf", [])]:
            missing += documented(sub, f"{path}{name}.")
    return missing


def test_json_validates_against_its_schema_and_every_field_is_documented(example):
    Draft202012Validator.check_schema(export.SCHEMA)
    validator = Draft202012Validator(export.SCHEMA)
    data = json.loads(export.files(example)[export.FILES["json"]])
    assert list(validator.iter_errors(data)) == []
    assert documented(export.SCHEMA) == []
    assert len(data["projecten"]) == len(example.projecten) and len(data["opgaven"]) == len(example.opgaven)
    # The schema is not vacuous: a wrong variant, a missing field, an unknown field all fail.
    broken = json.loads(json.dumps(data))
    broken["projecten"][0]["deelnemers"][0]["variant"] = "vol"
    del broken["opgaven"][0]["titel"]
    broken["organisaties"][0]["extra"] = 1
    messages = [e.message for e in validator.iter_errors(broken)]
    assert len(messages) == 3, messages


def test_json_holds_the_contract_and_what_the_builder_derives(repo):
    p = load(repo.root)[0]
    data = export.to_json(p)
    netwerk = next(x for x in data["projecten"] if x["id"] == "netwerk")
    assert netwerk["start"] == "2024-03" and netwerk["einde"] == "2027" and netwerk["trekker"] == "aa"
    assert {"organisatie": "bee", "variant": "instap", "vanaf": "2026", "toelichting": "Later."} in netwerk[
        "deelnemers"
    ]
    assert netwerk["financiering"] == {"component": 3, "bedrag": 1000} and netwerk["themas"] == ["energie"]
    opgaven = {o["id"]: o for o in data["opgaven"]}
    assert opgaven["groen"]["raakt_aan"] == ["bouw"]  # stated on bouw only, symmetric in the data
    assert opgaven["groen"]["projecten"] == [] and opgaven["bouw"]["hangt_af_van"] == ["net"]
    repo.write(
        "projects/open.md",
        "---\ntitel: Open\nsamenvatting: o\nopgaven: [net]\nstatus: idee\ndeelnemers:\n  aa: volledig\n---\n",
    )
    open_project = next(x for x in export.to_json(load(repo.root)[0])["projecten"] if x["id"] == "open")
    assert open_project["nog_geen_keuze"] == ["bee"]


def test_graphml_reads_back_with_the_same_nodes_and_edges(example):
    data = export.files(example)[export.FILES["graphml"]]
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    expected = export.graphml_graph(example)
    assert back.is_directed() and back.is_multigraph()
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(expected.edges(keys=True, data=True), key=repr)
    # Same graph as the perspective: every node, every typed edge.
    assert set(back.nodes) == set(example.graph.nodes)
    assert sorted((u, v, d["relatie"]) for u, v, d in back.edges(data=True)) == sorted(example.graph.edges(keys=True))
    assert (
        back.nodes["organisatie:papendrecht"]["kern"] == "ja"
        and back.nodes["organisatie:papendrecht"]["type"] == "organisatie"
    )
    variants = {d["variant"] for u, v, d in back.edges(data=True) if d["relatie"] == "neemt_deel"}
    assert variants == {"volledig", "solidariteit", "instap", "geen"}
    # GraphML (and Gephi) want unique edge ids and typed keys.
    ids = re.findall(rb'<edge [^>]*\bid="([^"]+)"', data)
    assert len(ids) == len(set(ids)) == example.graph.number_of_edges()
    assert b'attr.name="projecten" attr.type="long"' in data


def test_graphml_is_valid_xml_whatever_editors_wrote(repo):
    repo.write(
        "projects/huizen.md",
        (repo.root / "projects/huizen.md")
        .read_text()
        .replace("titel: Huizen", 'titel: "Huizen\\u000b & <co> \\"1\\""'),
    )
    p = load(repo.root)[0]
    back = nx.read_graphml(io.BytesIO(export.to_graphml(p)), force_multigraph=True)
    assert back.nodes["project:huizen"]["label"] == 'Huizen & <co> "1"'


def test_csv_is_the_participation_matrix_for_a_dutch_spreadsheet(repo):
    repo.write(
        "projects/open.md",
        '---\ntitel: "=HYPERLINK(\\"https://evil.example\\")"\nsamenvatting: o\n'
        "opgaven: [net]\nstatus: idee\ndeelnemers:\n  aa: volledig\n---\n",
    )
    p = load(repo.root)[0]
    rows = read_csv(export.to_csv(p))
    assert rows[0] == ["project", "titel", "status", "thema", "Gemeente Aa", "Gemeente Bee", "Provincie"]
    by_id = {r[0]: r for r in rows[1:]}
    assert set(by_id) == set(p.projecten)
    assert by_id["netwerk"] == ["netwerk", "Netwerk", "uitvoering", "Energie", "volledig", "instap", "solidariteit"]
    assert by_id["huizen"][4:] == ["volledig", "geen", ""]  # a partner not involved: empty
    assert by_id["open"][5] == "nog geen keuze"  # a core municipality without a stance: never read as geen
    assert by_id["open"][1].startswith("'=")  # no formula from a title (CSV injection)
    assert b"\r\n" in export.to_csv(p)


def test_groei_export_writes_the_files(repo, tmp_path):
    result = CliRunner().invoke(main, ["-C", str(repo.root), "export", "--uit", "uit"])
    assert result.exit_code == 0, result.output
    # A region without a map has no map to export (test_map_page: the example's cleaned GeoJSON).
    expected = sorted(name for kind, name in export.FILES.items() if kind != "kaart")
    assert sorted(p.name for p in (repo.root / "uit").iterdir()) == expected
    data = json.loads((repo.root / "uit" / export.FILES["json"]).read_text(encoding="utf-8"))
    assert list(Draft202012Validator(export.SCHEMA).iter_errors(data)) == []
    repo.write("projects/kapot.md", "---\ntitel: x\n---\n")
    failed = CliRunner().invoke(main, ["-C", str(repo.root), "export", "--uit", str(tmp_path / "niets")])
    assert failed.exit_code == 1 and "projects/kapot.md:1:" in failed.output and "niets geëxporteerd" in failed.output
    assert not (tmp_path / "niets").exists()


def test_the_site_serves_the_exports_and_documents_every_field(built_site, example):
    for name in export.FILES.values():
        assert (built_site / "data" / name).read_bytes() == export.files(example)[name]
    page = (built_site / "data/index.html").read_text(encoding="utf-8")
    for path, _, _ in export.fields():
        assert f"<code>{path}</code>" in page, path
    for name in [*export.GRAPHML_NODE_ATTRIBUTES, *export.GRAPHML_EDGE_ATTRIBUTES]:
        assert f"<code>{name}</code>" in page, name
    assert 'href="groeiperspectief.graphml"' in page and 'href="deelname.csv"' in page
