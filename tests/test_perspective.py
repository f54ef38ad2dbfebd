"""The perspective graph and the analyses over it."""

from __future__ import annotations

import pytest

from groeiperspectief import analysis as a
from groeiperspectief.perspective import ContentError, Perspective, load


@pytest.fixture
def p(repo) -> Perspective:
    repo.write("themes/energie/opslag.md", "---\ntitel: Opslag\nsamenvatting: o\nhangt_af_van: [net]\n---\n")
    repo.write(
        "themes/wonen/bouw.md", "---\ntitel: Bouw\nsamenvatting: b\nhangt_af_van: [opslag]\nraakt_aan: [groen]\n---\n"
    )
    perspective, _ = load(repo.root)
    return perspective


def test_graph_has_typed_nodes_and_edges(p):
    g = p.graph
    assert g.nodes["opgave:net"] == {
        "kind": "opgave",
        "id": "net",
        "label": "Netcongestie",
        "theme": "energie",
        "themes": ["energie"],
    }
    assert g.nodes["project:netwerk"]["status"] == "uitvoering"
    assert g.nodes["project:netwerk"]["themes"] == ["energie"]
    assert g.edges["organisatie:bee", "project:netwerk", "neemt_deel"]["variant"] == "instap"
    assert g.edges["organisatie:aa", "project:netwerk", "neemt_deel"]["trekker"] is True
    assert g.has_edge("opgave:bouw", "opgave:opslag", "hangt_af_van")
    assert g.has_edge("opgave:bouw", "opgave:groen", "raakt_aan")
    assert g.has_edge("project:huizen", "opgave:bouw", "werkt_aan")
    assert g.has_edge("opgave:groen", "thema:energie", "hoort_bij")  # ook_themas
    assert g.has_edge("organisatie:aa", "tafel:tafel-energie", "zit_aan")
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"organisatie", "thema", "opgave", "project", "tafel"}


def test_load_refuses_content_with_errors(repo):
    repo.write("projects/kapot.md", "")
    with pytest.raises(ContentError) as info:
        load(repo.root)
    assert info.value.result.problems.errors


def test_dependencies_are_transitive_both_ways(p):
    assert a.depends_on(p, "bouw") == ["net", "opslag"]
    assert a.depends_on(p, "bouw", transitive=False) == ["opslag"]
    assert a.unblocks(p, "net") == ["bouw", "opslag"]
    assert a.unblocks(p, "bouw") == []
    assert a.longest_chain(p) == ["bouw", "opslag", "net"]


def test_touches_is_symmetric(p):
    assert a.touches(p, "groen") == ["bouw"]
    assert a.touches(p, "bouw") == ["groen"]


def test_cross_theme_dependencies(p):
    assert a.cross_theme_dependencies(p) == [("bouw", "opslag")]


def test_white_spots_and_projects_of(p):
    assert a.white_spots(p) == ["groen", "opslag"]
    assert a.projects_of(p, "net") == ["netwerk"]


def test_central_opgaven(p):
    # groen - bouw - opslag - net: the two in the middle carry every path, the ends none.
    top = a.central_opgaven(p)
    assert [oid for oid, _ in top] == ["bouw", "opslag"]
    assert top[0][1] == top[1][1] > 0


def test_missing_stances_never_read_as_geen(repo):
    repo.write(
        "projects/netwerk.md",
        (repo.root / "projects/netwerk.md")
        .read_text()
        .replace("  aa: volledig\n", "  aa: volledig\n")
        .replace("  bee:\n    variant: instap\n    vanaf: 2026\n    toelichting: Later.\n", ""),
    )
    p, _ = load(repo.root)
    assert a.missing_stances(p) == {"netwerk": ["bee"]}
    items = {i.project: i.variant for i in a.participation(p, "bee")}
    assert items == {"huizen": "geen", "netwerk": None}
    assert list(a.participation_by_variant(p, "bee")) == ["geen", None]


def test_participation_per_project_and_theme(p):
    prov = a.participation(p, "prov")
    assert [(i.project, i.variant) for i in prov] == [("netwerk", "solidariteit")]
    aa = a.participation(p, "aa")
    assert [(i.project, i.variant, i.trekker) for i in aa] == [
        ("huizen", "volledig", False),
        ("netwerk", "volledig", True),
    ]
    assert a.theme_participation(p, "energie") == {
        "aa": {"volledig": 1, "solidariteit": 0, "instap": 0, "geen": 0},
        "bee": {"volledig": 0, "solidariteit": 0, "instap": 1, "geen": 0},
        "prov": {"volledig": 0, "solidariteit": 1, "instap": 0, "geen": 0},
    }


def test_matrix_puts_core_first_and_marks_no_choice(repo):
    repo.write(
        "projects/fiets.md",
        "---\ntitel: F\nsamenvatting: f\nopgaven: [net]\nstatus: idee\ndeelnemers:\n  aa: volledig\n---\n",
    )
    p, _ = load(repo.root)
    rows = dict(a.matrix(p))
    assert list(rows) == ["aa", "bee", "prov"]
    assert rows["bee"] == [None, "geen", "instap"]  # fiets, huizen, netwerk
    assert rows["prov"] == ["", "", "solidariteit"]
    assert a.tables_of(p, "aa") == ["tafel-energie"]


def test_analyses_do_not_change_the_graph(p):
    before = (p.graph.number_of_nodes(), p.graph.number_of_edges())
    a.depends_on(p, "bouw"), a.central_opgaven(p), a.matrix(p), a.cross_theme_dependencies(p)
    assert (p.graph.number_of_nodes(), p.graph.number_of_edges()) == before


def test_theme_colour_falls_back_to_palette(p):
    assert p.color("energie") == "#8a4b08"
    assert p.color("wonen").startswith("#") and len(p.color("wonen")) == 7
