"""Joining and learning on the site: who is wanted (project page, Aansluiten, "Past bij u"), milestones
against the build's date, and lessons gathered by theme (issue 15)."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from playwright.sync_api import expect

from groeiperspectief import joining
from groeiperspectief.cli import main
from groeiperspectief.perspective import Perspective

from .conftest import BASE, Repo
from .test_site import html, text

# The outside region of these tests: the base region plus a partner company and two projects that seek one.
OUTSIDE = {
    "content/organisaties/bouwer.md": "---\nnaam: Bouwbedrijf West\nsoort: bedrijf\n---\n",
    "projects/netwerk.md": BASE["projects/netwerk.md"].replace(
        "        ---\n        Tekst.",
        "        zoekt:\n          - soort: bedrijf\n            rol: Een aannemer die kabels legt\n"
        "        mijlpalen:\n          - datum: 2024-06\n            titel: Plan klaar\n            gehaald: true\n"
        "          - datum: 2025-01\n            titel: Vergunning\n          - datum: 2026-09\n            titel: Kabel ligt\n"
        "        lessen:\n          - Vraag de netbeheerder <b>vroeg</b> om mee te doen.\n        ---\n        Tekst.",
    ),
    "projects/dak.md": "---\ntitel: Daken\nsamenvatting: Groene daken.\nopgaven: [groen]\nstatus: idee\n"
    "deelnemers:\n  aa: volledig\n  bee: geen\n  bouwer: volledig\nzoekt:\n  - soort: kennisinstelling\n"
    "    rol: Onderzoek\n---\n",
    "projects/aaa-later.md": "---\ntitel: Aaa later\nsamenvatting: Later.\nopgaven: [bouw]\nstatus: idee\n"
    "deelnemers:\n  aa: volledig\n  bee: geen\nzoekt:\n  - soort: bedrijf\n    rol: Een ontwikkelaar\n---\n",
}
DAY = dt.date(2025, 6, 1)
EPOCH = str(int(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC).timestamp()))


def outside_region(tmp_path, monkeypatch) -> Repo:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    runner = CliRunner()
    assert runner.invoke(main, ["-C", str(tmp_path), "init", "west"]).exit_code == 0
    repo = Repo(tmp_path / "west", {k: v for k, v in BASE.items() if k != "content/index.md"} | OUTSIDE)
    result = runner.invoke(main, ["-C", str(repo.root), "build"])
    assert result.exit_code == 0, result.output
    return repo


def test_fits_puts_themes_where_the_organisation_takes_part_first(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "r", BASE | OUTSIDE)
    p = Perspective.from_entries(repo.check().entries)
    # bouwer takes part in 'dak' (theme wonen, via groen's folder; and energie): netwerk (energie) comes before
    # 'Aaa later' (wonen too) only by title; bouwer is in both themes, so title order decides.
    assert [r.project for r in joining.fits(p, "bouwer")] == ["aaa-later", "netwerk"]
    assert joining.fits(p, "aa") == []  # a gemeente: nobody seeks one
    assert [r.project for r in joining.open_requests(p)] == ["aaa-later", "dak", "netwerk"]
    # A partner that takes part nowhere yet: every request of its soort, by title.
    repo.write("content/organisaties/nieuw.md", "---\nnaam: Nieuw\nsoort: bedrijf\n---\n")
    p = Perspective.from_entries(repo.check().entries)
    assert [r.project for r in joining.fits(p, "nieuw")] == ["aaa-later", "netwerk"]
    # Themes first: prov (overheid) takes part in netwerk (energie) only.
    repo.write("projects/aaa-later.md", OUTSIDE["projects/aaa-later.md"].replace("bedrijf", "overheid"))
    repo.write("projects/dak.md", OUTSIDE["projects/dak.md"].replace("kennisinstelling", "overheid"))
    p = Perspective.from_entries(repo.check().entries)
    assert [r.project for r in joining.fits(p, "prov")] == ["dak", "aaa-later"]  # dak: groen is also energie


def test_progress_in_words():
    assert joining.Progress(((0, "gehaald"), (1, "over-datum"), (2, "gepland"))).words == (
        "1 van 3 mijlpalen gehaald, 1 over datum"
    )
    assert joining.Progress(((0, "gehaald"),)).words == "1 van 1 mijlpaal gehaald"


def test_outside_region_request_milestones_and_lessons(tmp_path, monkeypatch):
    site = outside_region(tmp_path, monkeypatch).root / "site"
    netwerk = text(html(site, "projecten/netwerk"))
    assert "Gezocht: doe mee" in netwerk and "Bedrijf : Een aannemer die kabels legt" in netwerk
    assert 'href="mailto:net@example.nl"' in html(site, "projecten/netwerk")
    for variant in ("Volledige participatie", "Solidariteitsprincipe", "Instapmodel", "Geen deelname"):
        assert variant in netwerk
    assert "1 van 3 mijlpalen gehaald, 1 over datum" in netwerk and "stand per 1 juni 2025" in netwerk
    assert "Over datum" in netwerk and "Gepland" in netwerk and "Gehaald" in netwerk
    # The lesson is escaped, never live HTML.
    assert "Vraag de netbeheerder &lt;b&gt;vroeg&lt;/b&gt;" in html(site, "projecten/netwerk")
    # The trekker's page when there is no contact.
    assert "neem contact op met de trekker" not in netwerk
    dak = html(site, "projecten/dak")
    assert "Gezocht: doe mee" in dak and "neem contact op met een van de deelnemers" in text(dak)
    bouwer = text(html(site, "organisaties/bouwer"))
    assert "Past bij u" in bouwer and "Een aannemer die kabels legt" in bouwer and "Een ontwikkelaar" in bouwer
    assert "Onderzoek" not in bouwer.split("Past bij u")[-1].split("In de samenhang")[0]  # not its soort
    aansluiten = text(html(site, "aansluiten"))
    assert "3 open verzoeken van 3 projecten" in aansluiten
    assert "Gezocht: bedrijf" in aansluiten and "Gezocht: kennisinstelling" in aansluiten
    lessen = html(site, "lessen")
    assert "Vraag de netbeheerder &lt;b&gt;vroeg&lt;/b&gt; om mee te doen." in lessen
    assert 'href="../projecten/netwerk/"' in lessen and "Energie" in text(lessen)
    data = json.loads((site / "data" / "groeiperspectief.json").read_text(encoding="utf-8"))
    [net] = [x for x in data["projecten"] if x["id"] == "netwerk"]
    assert net["zoekt"] == [{"soort": "bedrijf", "rol": "Een aannemer die kabels legt"}]
    assert [m["gehaald"] for m in net["mijlpalen"]] == [True, False, False]


def test_a_finished_project_asks_for_nobody(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    repo = Repo(tmp_path / "r", BASE | OUTSIDE)
    repo.write("projects/dak.md", OUTSIDE["projects/dak.md"].replace("status: idee", "status: gestopt\neinde: 2024"))
    p = Perspective.from_entries(repo.check().entries)
    assert [r.project for r in joining.open_requests(p)] == ["aaa-later", "netwerk"]


def test_example_pages_show_requests_milestones_and_lessons(built_site):
    fiets = text(html(built_site, "projecten/regionale-fietsroutes"))
    assert "Gezocht: doe mee" in fiets and "Kennisinstelling" in fiets
    net = text(html(built_site, "projecten/netcongestie-regionale-aanpak"))
    assert "2 van 3 mijlpalen gehaald, 1 over datum" in net  # all three dates lie before this build
    assert "Gezocht" not in text(html(built_site, "projecten/isolatie-huurwoningen"))  # afgerond
    stedin = text(html(built_site, "organisaties/stedin")).split("Past bij u")[-1]
    assert "Techniekpact Drechtsteden" in stedin
    lessen = text(html(built_site, "lessen"))
    assert "Omscholen lukt beter in kleine groepen" in lessen
    # Searchable: the lessons are in the part of the page that Pagefind indexes.
    page = html(built_site, "lessen")
    indexed = page[page.index("<div data-pagefind-body>") : page.index("</article>")]
    assert "Omscholen lukt beter in kleine groepen" in indexed
    assert (built_site / "pagefind" / "pagefind.js").is_file()


def test_join_path_in_chromium(page, site_url):
    """A company not yet in the content: Aansluiten, filter on its kind, a project, how to get in touch."""
    page.goto(site_url + "aansluiten/")
    form = page.locator("form[data-gp-filter]")
    expect(form).to_be_visible()
    total = page.locator(".gp-request").count()
    page.get_by_label("Soort organisatie").select_option("bedrijf")
    shown = page.locator(".gp-request:visible")
    assert 0 < shown.count() < total
    assert all(x == "bedrijf" for x in shown.evaluate_all("els => els.map(e => e.dataset.soort)"))
    expect(page.locator(".gp-filter__count")).to_have_text(f"{shown.count()} verzoeken getoond")
    page.get_by_label("Thema").select_option("energie")
    assert all("energie" in x for x in shown.evaluate_all("els => els.map(e => e.dataset.themas)"))
    shown.first.locator("a").first.click()
    expect(page.locator("#gezocht")).to_be_visible()
    expect(page.locator(".gp-zoekt a[href^='mailto:']")).to_be_visible()


def test_a_link_to_a_soort_opens_the_filter_on_it(page, site_url):
    page.goto(site_url + "aansluiten/#soort-kennisinstelling")
    expect(page.get_by_label("Soort organisatie")).to_have_value("kennisinstelling")
    assert set(page.locator(".gp-request:visible").evaluate_all("els => els.map(e => e.dataset.soort)")) == {
        "kennisinstelling"
    }


def test_past_bij_u_and_milestones_in_chromium(page, site_url):
    page.goto(site_url + "organisaties/stedin/")
    section = page.locator("h2#past-bij-u + p + ul")
    expect(section.locator("a").first).to_be_visible()
    page.goto(site_url + "projecten/netcongestie-regionale-aanpak/")
    marks = page.locator(".gp-milestone__mark")
    assert marks.all_inner_texts() == ["✓", "✓", "!"]
    expect(page.locator(".gp-progress")).to_contain_text("2 van 3 mijlpalen gehaald")


def test_lessons_page_is_found_by_the_site_search(page, site_url):
    page.goto(site_url + "lessen/")
    expect(page.locator("h2").first).to_be_visible()
    page.locator("#gp-search-input").click()
    page.keyboard.type("omscholen", delay=30)
    result = page.locator(".gp-search__result a").first
    expect(result).to_be_visible(timeout=10_000)
    hrefs = [a.get_attribute("href") for a in page.locator(".gp-search__result a").all()]
    assert any("lessen/" in h or "leerwerkplaats" in h for h in hrefs), hrefs


def test_axe_finds_no_violations_on_requests_milestones_and_the_timeline(page, site_url):
    from .test_a11y import _violations
    from .walk import visit

    for url in ("projecten/regionale-fietsroutes/", "projecten/netcongestie-regionale-aanpak/", "tijdlijn/"):
        visit(page, site_url + url)
        page.locator("details.gp-zoekt__variants summary").first.click() if "fietsroutes" in url else None
        assert _violations(page) == [], url
