"""The built site: every page of the site map, links both ways, escaping, atomic builds, outside regions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from groeiperspectief.build import BuildFailed, build_site
from groeiperspectief.cli import main

from .conftest import BASE, Repo, copy_example


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text(page_html: str) -> str:
    """Visible text, roughly: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_html))


def test_every_page_of_the_site_map_exists(built_site):
    for url in (
        "",
        "themas/",
        "opgaven/",
        "projecten/",
        "organisaties/",
        "wie-doet-waar-mee/",
        "samenhang/",
        "themas/energie/",
        "opgaven/netcongestie/",
        "projecten/regionale-fietsroutes/",
        "organisaties/papendrecht/",
        "organisaties/stedin/",
        "over/",
    ):
        assert (built_site / url / "index.html").is_file(), url
    assert (built_site / "assets/groei/graphs/perspectief.json").is_file()
    assert (built_site / "assets/groei/vendor/vis-network.min.js").is_file()


def test_pages_link_both_ways(built_site):
    opgave = html(built_site, "opgaven/regionaal-fietsnetwerk")
    assert 'href="../../projecten/regionale-fietsroutes/"' in opgave
    project = html(built_site, "projecten/regionale-fietsroutes")
    assert 'href="../../opgaven/regionaal-fietsnetwerk/"' in project
    assert 'href="../../organisaties/papendrecht/"' in project
    org = html(built_site, "organisaties/papendrecht")
    assert 'href="../../projecten/regionale-fietsroutes/"' in org
    theme = html(built_site, "themas/bereikbaarheid")
    assert 'href="../../opgaven/regionaal-fietsnetwerk/"' in theme


def test_sidebar_lists_sections_not_every_project(built_site):
    home = html(built_site, "")
    nav = home[home.index('<nav class="md-nav md-nav--primary') : home.index("md-sidebar--secondary")]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    assert {"Thema's", "Opgaven", "Projecten", "Organisaties", "Wie doet waar mee", "Samenhang"} <= set(labels)
    # The tabs' groups, then the overviews under them.
    assert {"Perspectief", "Wie doet mee", "Inspiratiedag", "Over", "Open data", "Tijdlijn"} <= set(labels)
    # The labels include the home page's own headings (its table of contents sits in this nav): still no project.
    assert "Regionale fietsroutes" not in labels and len(labels) < 30


def test_organisation_page_shows_variants_and_open_choices(built_site):
    page = text(html(built_site, "organisaties/hardinxveld-giessendam"))
    assert "Nog geen keuze" in page and "Kwartiermaker Albert Cuyp-landschapspark" in page
    partner = text(html(built_site, "organisaties/stedin"))
    assert "Volledige participatie" in partner and "Nog geen keuze" not in partner


def test_project_page_shows_coalition_with_variant_labels(built_site):
    page = text(html(built_site, "projecten/circulaire-bouwhub"))
    assert "Gemeente Alblasserdam" in page and "Nog geen keuze" in page and "kleur bekennen" in page
    for label in ("Volledige participatie", "Trekker"):
        assert label in page


def test_white_spots_are_shown(built_site):
    assert "witte vlek" in text(html(built_site, "opgaven/bodemdaling")).lower()
    assert "Bodemdaling" in text(html(built_site, "samenhang"))


def test_graph_data_has_positions_and_no_physics(built_site):
    data = json.loads((built_site / "assets/groei/graphs/perspectief.json").read_text())
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in data["nodes"])
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds == {"thema", "opgave", "project"}
    local = json.loads((built_site / "assets/groei/graphs/project-regionale-fietsroutes.json").read_text())
    assert [n["id"] for n in local["nodes"] if n["focus"]] == ["project:regionale-fietsroutes"]
    assert any(e["variant"] == "instap" for e in local["edges"])


def test_same_layout_every_build(example_repo, tmp_path):
    from groeiperspectief.perspective import load
    from groeiperspectief.render import Settings, docs_tree

    first = docs_tree(load(example_repo)[0], Settings())
    second = docs_tree(load(example_repo)[0], Settings())
    assert first == second


def test_rendering_on_several_cores_gives_the_same_tree(example_repo, monkeypatch, forks):
    from groeiperspectief import render
    from groeiperspectief.perspective import load

    p = load(example_repo)[0]
    in_one = render.docs_tree(p, render.Settings())
    assert forks == []
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(render, "TASK_SIZE", 7)  # many small tasks, so their order matters
    in_several = render.docs_tree(p, render.Settings())
    assert forks == ["fork"]
    assert list(in_several) == list(in_one) and in_several == in_one


def test_no_third_party_urls_in_assets_or_pages(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        # Material's own bundle names CDNs for features we do not enable; the browser tests prove no request.
        if path.suffix in (".html", ".css", ".js") and "javascripts/bundle" not in path.as_posix():
            body = path.read_text(encoding="utf-8", errors="replace")
            for url in re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", body):
                offenders.append((path.name, url)) if "src=" in url else None
            if re.search(r"fonts\.googleapis|fonts\.gstatic|cdnjs|jsdelivr|unpkg", body):
                offenders.append((str(path.relative_to(built_site)), "cdn"))
    assert offenders == []
    assert 'class="md-copyright"' in html(built_site, "") and "Made with" not in html(built_site, "")


def test_editor_text_is_escaped_and_bodies_sanitised(tmp_path):
    repo = Repo(tmp_path / "regio", BASE)
    repo.write(
        "projects/netwerk.md",
        (repo.root / "projects/netwerk.md")
        .read_text()
        .replace("titel: Netwerk", 'titel: "Net <script>alert(1)</script>werk"')
        .replace(
            "Tekst.", "Tekst <img src=x onerror=alert(2)> [klik](javascript:alert(3))\n\n<script>alert(4)</script>"
        ),
    )
    repo.write(
        "mkdocs.yml", "site_name: Test\ndocs_dir: content\ntheme:\n  name: material\nplugins:\n  - groeiperspectief\n"
    )
    site = build_site(repo.root).site_dir
    for path in site.rglob("*.html"):
        body = path.read_text()
        assert "<script>alert" not in body and not re.search(r"<img[^>]*onerror", body), path
        assert 'href="javascript:' not in body, path
    page = html(site, "projecten/netwerk")
    assert "Net &lt;script&gt;alert(1)&lt;/script&gt;werk" in page
    graph = (site / "assets/groei/graphs/project-netwerk.json").read_text()
    assert "</script>" not in graph and "<\\/script>" in graph


def test_failed_build_leaves_previous_site_intact(tmp_path):
    repo = copy_example(tmp_path / "regio")
    site = build_site(repo).site_dir
    marker = site / "marker.txt"
    marker.write_text("gepubliceerd")
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (repo / "projects/kapot.md").write_text("---\ntitel: [\n---\n")
    with pytest.raises(BuildFailed) as info:
        build_site(repo)
    assert any(str(p).startswith("projects/kapot.md:") and "YAML-fout" in str(p) for p in info.value.result.problems)
    assert marker.read_text() == "gepubliceerd"
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not list(repo.glob(".site-*")), "no staging folders left behind"


def test_groei_build_reports_problems_and_exits_non_zero(tmp_path):
    repo = copy_example(tmp_path / "regio")
    (repo / "projects/kapot.md").write_text("---\ntitel: x\n---\n")
    result = CliRunner().invoke(main, ["-C", str(repo), "build"])
    assert result.exit_code == 1
    assert "projects/kapot.md:1: verplicht veld 'samenvatting' ontbreekt" in result.output
    assert "vorige versie blijft staan" in result.output
    assert not (repo / "site").exists()


def test_mkdocs_build_works_directly(tmp_path):
    repo = copy_example(tmp_path / "regio")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (repo / "site/projecten/regionale-fietsroutes/index.html").is_file()


def test_outside_region_shows_participation_open_choices_and_white_spots(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["-C", str(tmp_path), "init", "west"]).exit_code == 0
    repo = Repo(tmp_path / "west", {k: v for k, v in BASE.items() if k != "content/index.md"})
    repo.write(
        "projects/fiets.md",
        "---\ntitel: Fiets\nsamenvatting: f\nopgaven: [net]\nstatus: idee\ndeelnemers:\n  aa: volledig\n---\n",
    )
    result = runner.invoke(main, ["-C", str(repo.root), "build"])
    assert result.exit_code == 0, result.output
    site = repo.root / "site"
    fiets = text(html(site, "projecten/fiets"))
    assert "Gemeente Aa" in fiets and "Volledige participatie" in fiets
    assert "Gemeente Bee" in fiets and "Nog geen keuze" in fiets
    netwerk = text(html(site, "projecten/netwerk"))
    assert "Instapmodel" in netwerk and "vanaf 2026" in netwerk and "Solidariteitsprincipe" in netwerk
    bee = text(html(site, "organisaties/bee"))
    assert "Instapmodel" in bee and "Geen deelname" in bee and "Nog geen keuze" in bee
    assert "witte vlek" in text(html(site, "opgaven/groen")).lower()


def test_a_theme_page_shows_the_most_involved_and_refers_onward(example_repo, monkeypatch):
    """Lists on a theme page stop at a limit (lowered here; the real ones are above the example's sizes)."""
    from groeiperspectief import analysis, render
    from groeiperspectief.perspective import load

    p = load(example_repo)[0]
    monkeypatch.setattr(render, "LIST_LIMIT", len(p.kern) + 1)
    monkeypatch.setattr(render, "SHORT_LIST", 1)
    renderer = render.Renderer(p, render.Settings())
    tid = max(p.themas, key=lambda t: len(analysis.theme_participation(p, t)))
    counts = analysis.theme_participation(p, tid)
    assert len(counts) > len(p.kern) + 1
    page = next(page for page in renderer.pages if page.src == f"themas/{tid}.md")
    text = renderer.render(page)
    table = text[
        text.index("<caption>Aantal projecten") : text.index("</table>", text.index("<caption>Aantal projecten"))
    ]
    shown = re.findall(r'<th scope="row"><a href="\.\./\.\./organisaties/([^/]+)/"', table)
    partners = [oid for oid in counts if oid not in p.kern]
    busiest = max(partners, key=lambda oid: sum(counts[oid].values()))
    assert shown == [*p.kern, busiest]
    assert f"Dit zijn {len(p.kern) + 1} van de {len(counts)} organisaties" in text
    assert re.search(
        r"<dt>(Hangt af van|Nodig voor|Raakt aan)</dt><dd><a [^>]+>[^<]+</a>( \([^)]*\))? en \d+ meer</dd>", text
    )


def test_every_page_marks_the_tab_it_belongs_to_also_a_page_outside_the_navigation(built_site):
    """A theme, opgave, project or organisation page is not in the navigation: its overview's tab is marked."""
    expected = {
        "themas/energie": "Opgaven",
        "opgaven/netcongestie": "Opgaven",
        "projecten/warmtenet-uitbreiding": "Projecten",
        "tijdlijn/energie": "Projecten",
        "organisaties/papendrecht": "Wie doet mee",
        "inspiratiedag/papendrecht": "Inspiratiedag",
        "projecten": "Projecten",
    }
    active = re.compile(r'md-tabs__item md-tabs__item--active">\s*<a[^>]*>\s*([^<]*?)\s*<')
    for url, tab in expected.items():
        assert active.findall(html(built_site, url)) == [tab], url
    for page in built_site.rglob("index.html"):  # one tab per page, none carried over from the page before
        assert len(active.findall(page.read_text(encoding="utf-8"))) == 1, page
