"""The inspiratiedag: a briefing per core municipality that prints on A4, the timeline, and the home page's "wat is er nieuw"."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from groeiperspectief.analysis import participation_by_variant
from groeiperspectief.model import VARIANTS
from groeiperspectief.perspective import load
from groeiperspectief.render import timeline


@pytest.fixture(scope="module")
def example(example_repo):
    return load(example_repo)[0]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def squeeze(value: str) -> str:
    """Text without any whitespace: PDF text breaks lines (and hyphenated words) where the layout does."""
    return re.sub(r"\s+", "", value)


def test_every_core_municipality_has_a_briefing_linked_from_the_inspiratiedag(built_site, example):
    index = (built_site / "inspiratiedag/index.html").read_text(encoding="utf-8")
    assert example.kern
    for oid in example.kern:
        naam = example.organisaties[oid].naam
        page = (built_site / f"inspiratiedag/{oid}/index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>Briefing {re.escape(naam)}</h1>", page), oid
        assert f'href="{oid}/"' in index and f"Briefing {naam}" in index
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):home.index("md-sidebar--secondary")]
    for label in ("Inspiratiedag", "Tijdlijn", "Data"):
        assert re.search(rf'<span class="md-ellipsis">\s*{label}\s*</span>', nav), label
    assert "Wat is er nieuw" in text(home) and 'href="inspiratiedag/"' in home


def test_a_briefing_shows_each_choice_grouped_by_variant_and_theme(built_site, example):
    html = (built_site / "inspiratiedag/papendrecht/index.html").read_text(encoding="utf-8")
    page = text(html)
    sections = dict(zip(re.findall(r'<h2 id="([^"]+)"', html), map(text, re.split(r'<h2 id="[^"]+"', html)[1:])))
    groups = participation_by_variant(example, "papendrecht")
    for variant, heading in (("volledig", "doet-mee"), ("solidariteit", "betaalt-mee"), ("instap", "kan-later-instappen"),
                             ("geen", "doet-niet-mee")):
        assert sorted(t for t in (x.titel for x in example.projecten.values()) if t in sections[heading]) == \
            sorted(example.projecten[item.project].titel for item in groups[variant]), variant
    assert "Wil instappen vanaf" in sections["kan-later-instappen"]  # instap with vanaf
    assert "Bereikbaarheid en mobiliteit" in sections["doet-mee"] and "Energietransitie" in sections["doet-mee"]
    assert "Hangt af van" in page and "Tafels" in page and "Bestuurlijke tafel" in page
    # Not chosen yet: its own section (kleur bekennen), never read as geen.
    open_choices = text((built_site / "inspiratiedag/hardinxveld-giessendam/index.html").read_text(encoding="utf-8"))
    assert "Kwartiermaker Albert Cuyp-landschapspark" in open_choices[open_choices.index("Nog te kiezen Bij deze"):]
    # The example is built outside git: a clear message instead of "what is new".
    assert "Wat er nieuw is, kan nu niet worden getoond." in page and "geen git-repository" in page


def test_briefings_print_on_at_most_four_a4_pages_without_cut_rows(page, site_url, example):
    page.emulate_media(media="print")
    for oid in example.kern:
        page.goto(f"{site_url}inspiratiedag/{oid}/")
        assert not page.locator(".md-sidebar--primary").is_visible() and not page.locator(".md-header").is_visible()
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        assert 1 <= len(pdf.pages) <= 4, (oid, len(pdf.pages))
        width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points
        pages = [squeeze(p.extract_text()) for p in pdf.pages]
        whole = "".join(pages)
        assert squeeze(f"Briefing {example.organisaties[oid].naam}") in pages[0]
        assert "GroeiperspectiefDrechtsteden" not in whole  # the site's header and footer stay off paper
        for variant, items in participation_by_variant(example, oid).items():
            assert squeeze(f"{VARIANTS[variant] if variant else 'Nog geen keuze'}: {len(items)} project") in whole, (oid, variant)
            for item in items:
                project = example.projecten[item.project]
                assert squeeze(project.titel) in whole, (oid, item.project)
                if variant != "geen":  # a row with its summary: on one page, never cut across two
                    assert any(squeeze(project.samenvatting) in p for p in pages), (oid, item.project)


def test_timeline_places_bars_on_a_shared_year_axis(repo):
    p = load(repo.root)[0]
    data = timeline(p)
    assert [year for year, _ in data["years"]] == list(range(2020, 2028))
    bars = {row["project"]: row for _, rows in data["themes"] for row in rows}
    assert bars["huizen"]["left"] == pytest.approx(100 * 14 / 2922, abs=0.01)  # 15 January 2020 on 2020-2027
    assert bars["huizen"]["left"] + bars["huizen"]["width"] == pytest.approx(100 * 1431 / 2922, abs=0.02)  # to the end of 1 December 2023
    assert bars["netwerk"]["left"] + bars["netwerk"]["width"] == pytest.approx(100)  # ends with the axis in 2027
    assert [tid for tid, _ in data["themes"]] == ["energie", "wonen"] and data["undated"] == []


def test_timeline_page_is_readable_without_the_picture(built_site, example, page, site_url):
    html = (built_site / "tijdlijn/index.html").read_text(encoding="utf-8")
    dated = [x for x in example.projecten.values() if x.start]
    assert html.count('class="gp-timeline__bar') == len(dated)
    table = text(html[html.index("gp-timeline-table"):])
    for project in dated:
        assert f"{project.titel} {project.start.label}" in table, project.id
    for project in example.projecten.values():
        if not project.start:
            assert project.titel in text(html[html.index("Zonder startdatum"):])
    page.goto(site_url + "tijdlijn/")
    chart = page.get_by_role("img", name=re.compile("^Tijdlijn van de projecten"))
    assert chart.is_visible()
    assert chart.locator("a, button, input, [tabindex]").count() == 0  # nothing focusable hidden in the picture
    boxes = [b.bounding_box() for b in page.locator(".gp-timeline__bar").all()[:5]]
    assert all(box and box["width"] > 2 and box["height"] > 4 for box in boxes)
