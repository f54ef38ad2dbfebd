"""The lens "Bekijk als …" (lens.py): variants per project and opgave, the counts in words, the one style definition."""

from __future__ import annotations

import json

from groeiperspectief import analysis, lens, network, render
from groeiperspectief.perspective import Perspective


def _p(repo) -> Perspective:
    result = repo.check()
    assert result.ok, result.problems.errors
    return Perspective.from_entries(result.entries)


def test_variants_per_project_and_the_strongest_per_opgave(repo):
    repo.write(
        "projects/extra.md",
        "---\ntitel: Extra\nsamenvatting: Nog een.\nopgaven: [net, groen]\nstatus: idee\ndeelnemers:\n  aa: geen\n  prov: volledig\n---\n",
    )
    p = _p(repo)
    assert lens.project_variants(p, "aa") == {"extra": "geen", "huizen": "volledig", "netwerk": "volledig"}
    # bee stated nothing on "extra": nog geen keuze, never geen.
    assert lens.project_variants(p, "bee") == {"extra": "open", "huizen": "geen", "netwerk": "instap"}
    # net: netwerk (instap) and extra (open): instap is stronger; bouw: huizen (geen); groen: extra (open).
    assert lens.opgave_variants(p, "bee") == {"net": "instap", "bouw": "geen", "groen": "open"}
    assert lens.opgave_variants(p, "aa") == {"net": "volledig", "bouw": "volledig", "groen": "geen"}
    # A partner: only where it is listed (netwerk solidariteit, extra volledig); bouw stays out.
    assert lens.opgave_variants(p, "prov") == {"net": "volledig", "groen": "volledig"}


def test_summary_in_words_core_with_every_variant_partner_without_an_empty_open(repo):
    p = _p(repo)
    assert lens.summary(p, "aa") == "Gemeente Aa: 2 volledig · 0 solidariteit · 0 instap · 0 geen · 0 nog geen keuze"
    assert lens.summary(p, "prov") == "Provincie: 0 volledig · 1 solidariteit · 0 instap · 0 geen"
    repo.write(
        "projects/leeg.md",
        "---\ntitel: Leeg\nsamenvatting: Niets.\nopgaven: [net]\nstatus: idee\ndeelnemers:\n  prov: volledig\n---\n",
    )
    p = _p(repo)
    assert lens.counts(p, "bee") == {"volledig": 0, "solidariteit": 0, "instap": 1, "geen": 1, "open": 1}
    assert lens.core_counts(p, "leeg") == {"volledig": 0, "solidariteit": 0, "instap": 0, "geen": 0, "open": 2}


def test_example_counts_match_the_participation_of_every_core_municipality(example_repo):
    from groeiperspectief.validate import check

    p = Perspective.from_entries(check(example_repo).entries)
    assert lens.summary(p, "papendrecht") == (
        "Gemeente Papendrecht: 13 volledig · 5 solidariteit · 4 instap · 7 geen · 0 nog geen keuze"
    )
    for oid in p.kern:
        by_variant = analysis.participation_by_variant(p, oid)
        expected = {lens.key(v): len(items) for v, items in by_variant.items()}
        assert {k: n for k, n in lens.counts(p, oid).items() if n} == expected
        assert sum(lens.counts(p, oid).values()) == len(p.projecten)  # a core municipality: every project


def test_lens_file_keys_nodes_as_the_figures_do_and_is_safe_to_inline(repo):
    repo.write("content/organisaties/prov.md", "---\nnaam: Provincie </script><b>\nsoort: overheid\n---\n")
    p = _p(repo)
    text = lens.lens_json(p, "prov")
    assert "</" not in text
    data = json.loads(text)
    assert data["naam"] == "Provincie </script><b>"
    assert data["variants"] == {"project:netwerk": "solidariteit", "opgave:net": "solidariteit"}
    assert data["samenvatting"] == lens.summary(p, "prov")
    assert set(data["styles"]) == set(lens.STYLES)


def test_one_definition_of_how_a_variant_looks(repo):
    """Badges, figure lines and the CSS all read lens.STYLES: symbols, dashes and colours have no second copy."""
    for variant in ("volledig", "solidariteit", "instap", "geen", None):
        style = lens.STYLES[lens.key(variant)]
        assert render.VARIANT_SYMBOLS[variant] == style.symbol
        assert style.symbol in render.variant_badge(variant) and style.title in render.variant_badge(variant)
        if variant:
            assert network.DASHES[variant] == (style.dash or False)
    css = lens.css()
    for key, style in lens.STYLES.items():
        assert f"--gp-variant-{key}: {style.color};" in css and f"--gp-variant-{key}-border: {style.border};" in css
    # Every variant differs from every other in symbol, in line style and in colour.
    for field in ("symbol", "border", "color"):
        values = [getattr(s, field) for s in lens.STYLES.values()]
        assert len(set(values)) == len(values) or field == "border", field
    assert len({(s.border, str(s.dash)) for s in lens.STYLES.values()}) == len(lens.STYLES)


def test_the_lens_lists_core_municipalities_first_then_partners_by_kind(repo):
    repo.write("content/organisaties/bedrijf.md", "---\nnaam: Aardig bedrijf\nsoort: bedrijf\n---\n")
    repo.write("content/organisaties/gem.md", "---\nnaam: Gemeente Buiten\nsoort: gemeente\n---\n")
    p = _p(repo)
    assert lens.organisation_groups(p) == [
        ("Kerngemeenten", ["aa", "bee"]),
        ("Andere gemeenten", ["gem"]),
        ("Overheden", ["prov"]),
        ("Bedrijven", ["bedrijf"]),
    ]
    assert [oid for oid, _ in analysis.matrix(p)] == ["aa", "bee", "prov"]  # the same order, partners involved only


def test_a_cell_says_who_what_and_how():
    assert lens.stance("Gemeente Papendrecht", "Warmtenet", "volledig") == (
        "Gemeente Papendrecht neemt volledig deel aan Warmtenet"
    )
    assert lens.stance("Gemeente Aa", "Net", "open") == "Gemeente Aa heeft voor Net nog geen keuze gemaakt"
